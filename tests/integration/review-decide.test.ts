import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Database } from "@/db/client";
import { auditLog, customers, draftCounters, draftExecutions, drafts, serializedItems } from "@/db/schema";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { claimDraft, decideDraft, expireDrafts, saveEdit, type DecisionInput } from "@/lib/review/decide";
import { getDraftDetail, listQueue, parseQueueParams, queueCounts, visibleKinds } from "@/lib/review/queue";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createClient, createProduct, createSale, PRODUCTS } from "../fixtures/drafting/sales";
import { createCast, type Cast } from "../fixtures/people";
import { insertDraft, MESSAGE_OUTPUT, recommendationOutput, setPhase, viewerOf } from "../fixtures/review/drafts";

let t: TestDb;
let cast: Cast;
let v: Record<"admin" | "managerA" | "managerB" | "buyer" | "associateA", Viewer>;
let watch: string;

const user = (viewer: Viewer) => ({ type: "user" as const, viewer });

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

const decisionAudits = (draftId: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, draftId), inArray(auditLog.action, ["draft.approved", "draft.rejected"])));

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  v = {
    admin: await viewerOf(t.db, cast.admin),
    managerA: await viewerOf(t.db, cast.managerA),
    managerB: await viewerOf(t.db, cast.managerB),
    buyer: await viewerOf(t.db, cast.buyer),
    associateA: await viewerOf(t.db, cast.associateA),
  };
  watch = await createProduct(t.db, PRODUCTS.mechanical);
  await setPhase(t.db, cast.storeA, 2);
  await setPhase(t.db, cast.storeB, 2);
});
afterAll(() => t.close());

describe("exactly one decision (RELIABILITY R35)", () => {
  let pool: Database;
  beforeAll(() => {
    pool = createDb(t.url, { max: 8 });
  });
  afterAll(() => pool.$client.end({ timeout: 5 }));

  it("50 concurrent approve/reject calls on one draft, 100 times: one success, 49 conflicts, one audit entry, one execution", async () => {
    for (let round = 0; round < 100; round++) {
      const draft = await insertDraft(t.db, { storeId: cast.storeA });
      const calls = Array.from({ length: 50 }, (_, i) => {
        const input: DecisionInput =
          i % 2 === 0 ? { id: draft.id, version: draft.version, decision: "approve" } : { id: draft.id, version: draft.version, decision: "reject", reason: "tone" };
        return decideDraft(pool, user(i % 3 === 0 ? v.admin : v.managerA), input).then(
          (outcome) => ({ ok: true as const, outcome }),
          (error: unknown) => ({ ok: false as const, error }),
        );
      });
      const results = await Promise.all(calls);
      const wins = results.filter((r) => r.ok);
      const conflicts = results.filter((r) => !r.ok && r.error instanceof AppError && r.error.code === "conflict");
      expect(wins, `round ${round}`).toHaveLength(1);
      expect(conflicts, `round ${round}`).toHaveLength(49);
      const winner = wins[0].outcome;
      expect(winner.ok).toBe(true);
      const [row] = await t.db.select().from(drafts).where(eq(drafts.id, draft.id));
      expect(row.status).toBe(winner.ok ? winner.status : "pending");
      expect(row.version).toBe(draft.version + 1);
      expect(await decisionAudits(draft.id)).toHaveLength(1);
      const executions = await t.db.select().from(draftExecutions).where(eq(draftExecutions.draftId, draft.id));
      expect(executions).toHaveLength(row.status === "approved" ? 1 : 0);
    }
  }, 120_000);

  it("the loser is told who decided and when", async () => {
    const draft = await insertDraft(t.db, { storeId: cast.storeA });
    await decideDraft(t.db, user(v.admin), { id: draft.id, version: draft.version, decision: "reject", reason: "not_needed" });
    const error = await errorOf(decideDraft(t.db, user(v.managerA), { id: draft.id, version: draft.version, decision: "approve" }));
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/^Already rejected by admin at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/);
  });
});

describe("edits use optimistic concurrency (R36)", () => {
  it("A loads v1, B saves v2, A approves v1 and gets 409; the content stays v2", async () => {
    const draft = await insertDraft(t.db, { storeId: cast.storeA });
    const edited = { ...MESSAGE_OUTPUT, body: "Dear Ms Keller,\n\nA shorter note from the boutique." };
    const saved = await saveEdit(t.db, user(v.admin), { id: draft.id, version: draft.version, output: edited });
    expect(saved.version).toBe(draft.version + 1);
    const error = await errorOf(decideDraft(t.db, user(v.managerA), { id: draft.id, version: draft.version, decision: "approve" }));
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/edited since you opened it/);
    const [row] = await t.db.select().from(drafts).where(eq(drafts.id, draft.id));
    expect(row.status).toBe("pending");
    expect(row.editedOutput).toEqual(edited);
  });

  it("an edit must keep the kind's shape", async () => {
    const draft = await insertDraft(t.db, { storeId: cast.storeA });
    const error = await errorOf(saveEdit(t.db, user(v.managerA), { id: draft.id, version: draft.version, output: { ...MESSAGE_OUTPUT, body: "" } }));
    expect(error.code).toBe("invalid_input");
  });

  it("edit-then-approve records what changed, as field names and hashes, never the text", async () => {
    const draft = await insertDraft(t.db, { storeId: cast.storeA });
    const edited = { ...MESSAGE_OUTPUT, subject: "Your Meridian: a few words of care" };
    const outcome = await decideDraft(t.db, user(v.managerA), { id: draft.id, version: draft.version, decision: "approve", editedOutput: edited });
    expect(outcome).toMatchObject({ ok: true, status: "approved", executionQueued: true });
    const [row] = await t.db.select().from(drafts).where(eq(drafts.id, draft.id));
    expect(row.output).toEqual(MESSAGE_OUTPUT);
    expect(row.editedOutput).toEqual(edited);
    expect(row.editedById).toBe(cast.managerA);
    const [entry] = await decisionAudits(draft.id);
    expect(entry.details).toMatchObject({ edited: true, editedFields: ["subject"], before: { status: "pending" }, after: { status: "approved" } });
    expect(JSON.stringify(entry.details)).not.toContain("Meridian");
    expect(entry.actorId).toBe(cast.managerA);
  });
});

describe("rejecting", () => {
  it("needs a reason from the taxonomy, and a note for 'other'", async () => {
    const draft = await insertDraft(t.db, { storeId: cast.storeA });
    expect((await errorOf(decideDraft(t.db, user(v.managerA), { id: draft.id, version: 1, decision: "reject" }))).code).toBe("invalid_input");
    expect((await errorOf(decideDraft(t.db, user(v.managerA), { id: draft.id, version: 1, decision: "reject", reason: "other" }))).code).toBe("invalid_input");
    const outcome = await decideDraft(t.db, user(v.managerA), { id: draft.id, version: 1, decision: "reject", reason: "other", note: "Client asked for no follow-up" });
    expect(outcome).toMatchObject({ ok: true, status: "rejected", executionQueued: false });
    const [row] = await t.db.select().from(drafts).where(eq(drafts.id, draft.id));
    expect(row).toMatchObject({ decisionReason: "other", decisionNote: "Client asked for no follow-up", decidedById: cast.managerA });
    const [entry] = await decisionAudits(draft.id);
    expect(entry.details).toMatchObject({ reason: "other", hasNote: true });
  });
});

describe("rollout phase 1: nothing leaves Vitrine", () => {
  it("an approval in a phase-1 store is held, with no execution", async () => {
    await setPhase(t.db, cast.storeB, 1);
    try {
      const draft = await insertDraft(t.db, { storeId: cast.storeB });
      const outcome = await decideDraft(t.db, user(v.admin), { id: draft.id, version: 1, decision: "approve" });
      expect(outcome).toMatchObject({ ok: true, status: "held", executionQueued: false });
      expect(await t.db.select().from(draftExecutions).where(eq(draftExecutions.draftId, draft.id))).toHaveLength(0);
      const [entry] = await decisionAudits(draft.id);
      expect(entry.details).toMatchObject({ held: true, rolloutPhase: 1 });
    } finally {
      await setPhase(t.db, cast.storeB, 2);
    }
  });
});

describe("facts are re-checked at approval", () => {
  it("a client who withdrew e-mail consent: blocked with the reason, still pending, audited", async () => {
    const client = await createClient(t.db, { homeStoreId: cast.storeA });
    const draft = await insertDraft(t.db, { storeId: cast.storeA, customerId: client });
    await t.db.update(customers).set({ consentEmail: false }).where(eq(customers.id, client));
    const outcome = await decideDraft(t.db, user(v.managerA), { id: draft.id, version: 1, decision: "approve" });
    expect(outcome).toEqual({ ok: false, blocked: expect.stringMatching(/no longer consents to e-mail/) });
    const [row] = await t.db.select().from(drafts).where(eq(drafts.id, draft.id));
    expect(row).toMatchObject({ status: "pending", version: 1, blockedReason: expect.stringMatching(/consent/) });
    const blocked = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, draft.id), eq(auditLog.action, "draft.approval_blocked")));
    expect(blocked).toHaveLength(1);
    expect(await t.db.select().from(draftExecutions).where(eq(draftExecutions.draftId, draft.id))).toHaveLength(0);
    // rejecting it is still possible
    expect(await decideDraft(t.db, user(v.managerA), { id: draft.id, version: 1, decision: "reject", reason: "not_needed" })).toMatchObject({ ok: true });
  });

  it("the contact-frequency cap holds at approval too: a second message to the same client in 7 days is blocked", async () => {
    const client = await createClient(t.db, { homeStoreId: cast.storeA });
    const first = await insertDraft(t.db, { storeId: cast.storeA, customerId: client });
    const second = await insertDraft(t.db, { storeId: cast.storeA, customerId: client });
    expect(await decideDraft(t.db, user(v.managerA), { ...first, decision: "approve" })).toMatchObject({ ok: true, status: "approved" });
    expect(await decideDraft(t.db, user(v.managerA), { ...second, decision: "approve" })).toEqual({ ok: false, blocked: expect.stringMatching(/already has 1 message approved in the last 7 days \(the limit is 1\)/) });
  });

  it("a do-not-contact client, and a piece that came back", async () => {
    const client = await createClient(t.db, { homeStoreId: cast.storeA });
    const sale = await createSale(t.db, { storeId: cast.storeA, customerId: client, completedAt: new Date(), origin: "webhook", lines: [{ productId: watch, serial: "AUR-RC-1", priceMinor: 4_850_000 }] });
    const message = await insertDraft(t.db, { storeId: cast.storeA, customerId: client, saleId: sale.saleId });
    const ticket = await insertDraft(t.db, { storeId: cast.storeA, customerId: client, saleId: sale.saleId, itemId: sale.itemIds[0], kind: "service_ticket" });
    await t.db.update(customers).set({ doNotContact: true }).where(eq(customers.id, client));
    expect(await decideDraft(t.db, user(v.managerA), { id: message.id, version: 1, decision: "approve" })).toEqual({ ok: false, blocked: expect.stringMatching(/do-not-contact/) });
    await t.db.update(serializedItems).set({ status: "returned" }).where(eq(serializedItems.id, sale.itemIds[0]));
    expect(await decideDraft(t.db, user(v.managerA), { id: ticket.id, version: 1, decision: "approve" })).toEqual({ ok: false, blocked: expect.stringMatching(/AUR-RC-1.*returned/) });
  });
});

describe("authorization by permission name, rows scoped by store", () => {
  let messageA: { id: string; version: number };
  let messageB: { id: string; version: number };
  let recommendationA: { id: string; version: number };

  beforeAll(async () => {
    messageA = await insertDraft(t.db, { storeId: cast.storeA });
    messageB = await insertDraft(t.db, { storeId: cast.storeB });
    recommendationA = await insertDraft(t.db, { storeId: cast.storeA, kind: "purchase_recommendation", output: recommendationOutput(watch) });
  });

  it("each role sees the kinds DESIGN.md gives it", () => {
    expect(visibleKinds(v.admin)).toEqual(["client_message", "service_ticket", "purchase_recommendation", "clienteling_note"]);
    expect(visibleKinds(v.managerA)).toEqual(["client_message", "service_ticket", "purchase_recommendation", "clienteling_note"]);
    expect(visibleKinds(v.buyer)).toEqual(["purchase_recommendation"]);
    expect(visibleKinds(v.associateA)).toEqual([]);
  });

  it("a manager decides their own store's drafts only; another store's are not found", async () => {
    expect((await errorOf(decideDraft(t.db, user(v.managerA), { ...messageB, decision: "approve" }))).code).toBe("not_found");
    expect(await getDraftDetail(t.db, v.managerA, messageB.id)).toBeNull();
    const page = await listQueue(t.db, v.managerA, parseQueueParams({ kind: "client_message" }));
    expect(page.rows.map((r) => r.id)).toContain(messageA.id);
    expect(page.rows.map((r) => r.id)).not.toContain(messageB.id);
  });

  it("a manager sees their store's purchase recommendations but cannot decide them", async () => {
    const detail = await getDraftDetail(t.db, v.managerA, recommendationA.id);
    expect(detail).toMatchObject({ kind: "purchase_recommendation", canDecide: false });
    expect((await errorOf(decideDraft(t.db, user(v.managerA), { ...recommendationA, decision: "approve" }))).code).toBe("forbidden");
    expect(await claimDraft(t.db, v.managerA, recommendationA.id)).toMatchObject({ mine: false, holderId: null });
  });

  it("a buyer sees and decides purchase recommendations, never client messages, and no client PII", async () => {
    expect((await errorOf(listQueue(t.db, v.buyer, parseQueueParams({ kind: "client_message" })))).code).toBe("forbidden");
    expect(await getDraftDetail(t.db, v.buyer, messageA.id)).toBeNull();
    expect((await errorOf(decideDraft(t.db, user(v.buyer), { ...messageA, decision: "approve" }))).code).toBe("not_found");
    const page = await listQueue(t.db, v.buyer, parseQueueParams({ kind: "purchase_recommendation" }));
    expect(page.rows.every((r) => r.clientName === null && r.clientTier === null)).toBe(true);
    expect(await decideDraft(t.db, user(v.buyer), { ...recommendationA, decision: "approve" })).toMatchObject({ ok: true, status: "approved" });
  });

  it("an associate sees nothing and decides nothing", async () => {
    expect((await errorOf(listQueue(t.db, v.associateA, parseQueueParams({ kind: "client_message" })))).code).toBe("forbidden");
    expect(await getDraftDetail(t.db, v.associateA, messageA.id)).toBeNull();
    expect((await errorOf(decideDraft(t.db, user(v.associateA), { ...messageA, decision: "approve" }))).code).toBe("not_found");
    expect(await queueCounts(t.db, v.associateA)).toEqual({ client_message: 0, service_ticket: 0, purchase_recommendation: 0, clienteling_note: 0 });
  });

  it("an admin decides any store's drafts", async () => {
    expect(await decideDraft(t.db, user(v.admin), { ...messageB, decision: "reject", reason: "duplicate" })).toMatchObject({ ok: true, status: "rejected" });
  });
});

describe("the detail pane", () => {
  it("shows the source sale with serials and a client summary counted from the client's own rows", async () => {
    const client = await createClient(t.db, { homeStoreId: cast.storeA, tier: "gold" });
    await createSale(t.db, { storeId: cast.storeA, customerId: client, completedAt: new Date(Date.now() - 86_400_000 * 40), origin: "backfill", lines: [{ productId: watch, serial: "AUR-DP-0", priceMinor: 4_850_000 }] });
    const sale = await createSale(t.db, { storeId: cast.storeA, customerId: client, completedAt: new Date(), origin: "webhook", lines: [{ productId: watch, serial: "AUR-DP-1", priceMinor: 4_850_000 }] });
    const draft = await insertDraft(t.db, { storeId: cast.storeA, customerId: client, saleId: sale.saleId });
    const detail = await getDraftDetail(t.db, v.managerA, draft.id);
    expect(detail?.sale?.lines).toEqual([expect.objectContaining({ serialNumbers: ["AUR-DP-1"], name: "Meridian Automatic 40" })]);
    expect(detail?.client).toMatchObject({ tier: "gold", purchases: 2, openTickets: 0 });
    expect(detail?.history.map((h) => h.action)).toEqual([]);
    expect(await getDraftDetail(t.db, v.buyer, draft.id)).toBeNull();
  });
});

describe("claims", () => {
  it("opening a draft claims it; another reviewer sees who holds it and cannot decide it meanwhile", async () => {
    const draft = await insertDraft(t.db, { storeId: cast.storeA });
    const mine = await claimDraft(t.db, v.managerA, draft.id);
    expect(mine).toMatchObject({ mine: true, holderId: cast.managerA });
    const theirs = await claimDraft(t.db, v.admin, draft.id);
    expect(theirs).toMatchObject({ mine: false, holderId: cast.managerA, holderName: "manager.a" });
    const error = await errorOf(decideDraft(t.db, user(v.admin), { ...draft, decision: "approve" }));
    expect(error).toMatchObject({ code: "conflict", message: expect.stringMatching(/^manager\.a is reviewing this draft until/) });
    // renewal is silent; a claim past its time can be taken over
    await claimDraft(t.db, v.managerA, draft.id);
    const claims = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, draft.id), eq(auditLog.action, "draft.claimed")));
    expect(claims).toHaveLength(1);
    const later = new Date(Date.now() + 6 * 60_000);
    expect(await claimDraft(t.db, v.admin, draft.id, later)).toMatchObject({ mine: true, holderId: cast.admin });
  });
});

describe("expiry", () => {
  it("pending drafts past their expiry become expired, each audited", async () => {
    const old = await insertDraft(t.db, { storeId: cast.storeA, expiresAt: new Date(Date.now() - 60_000) });
    const fresh = await insertDraft(t.db, { storeId: cast.storeA, expiresAt: new Date(Date.now() + 86_400_000) });
    expect(await expireDrafts(t.db)).toBeGreaterThanOrEqual(1);
    const rows = await t.db.select({ id: drafts.id, status: drafts.status }).from(drafts).where(inArray(drafts.id, [old.id, fresh.id]));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [old.id]: "expired", [fresh.id]: "pending" });
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, old.id), eq(auditLog.action, "draft.expired")))).toHaveLength(1);
  });
});

describe("queue pages and counters", () => {
  let admin: Viewer;
  beforeAll(async () => {
    admin = v.admin;
    // a clean kind for paging: 137 clienteling notes over both stores, in one statement, with ties on priority and time
    await t.db.execute(sql`
      insert into drafts (kind, store_id, dedupe_key, output, priority, created_at)
      select 'clienteling_note', case when g % 3 = 0 then ${cast.storeB}::uuid else ${cast.storeA}::uuid end, 'page:' || g,
             '{"note":"n"}'::jsonb, (g % 4) * 20, timestamptz '2026-11-01' + ((g / 5) || ' minutes')::interval
        from generate_series(1, 137) g`);
  });

  for (const sort of ["priority", "oldest", "newest"] as const) {
    it(`keyset pages (${sort}) return every row once, in the same order as one full query`, async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await listQueue(t.db, admin, parseQueueParams({ kind: "clienteling_note", sort, cursor }), { limit: 20 });
        seen.push(...page.rows.map((r) => r.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      const order =
        sort === "priority" ? sql`priority desc, created_at desc, id desc` : sort === "newest" ? sql`created_at desc, id desc` : sql`created_at asc, id asc`;
      const truth = await t.db.execute<{ id: string }>(sql`select id from drafts where kind = 'clienteling_note' and status = 'pending' order by ${order}`);
      expect(seen).toEqual(truth.map((r) => r.id));
    });
  }

  it("filters narrow the page: store, priority band, age", async () => {
    const page = await listQueue(t.db, admin, parseQueueParams({ kind: "clienteling_note", store: cast.storeB, priority: "high" }), { limit: 500 });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.storeCode === "BBB" && r.priority >= 60 && r.priority <= 79)).toBe(true);
    const aged = await listQueue(t.db, admin, parseQueueParams({ kind: "clienteling_note", age: "7d" }), { limit: 500, now: new Date("2026-11-08T00:00:00Z") });
    expect(aged.rows.every((r) => r.createdAt < new Date("2026-11-01T00:00:00Z"))).toBe(true);
  });

  it("a garbled cursor starts from the first page instead of failing", async () => {
    const page = await listQueue(t.db, admin, parseQueueParams({ kind: "clienteling_note", cursor: "not-a-cursor" }), { limit: 5 });
    expect(page.rows).toHaveLength(5);
  });

  it("the maintained counters equal a count of the table after inserts, decisions and deletes", async () => {
    const d = await insertDraft(t.db, { storeId: cast.storeA, kind: "clienteling_note" });
    await decideDraft(t.db, user(admin), { ...d, decision: "reject", reason: "tone" });
    await t.db.execute(sql`delete from drafts where dedupe_key in ('page:1', 'page:2')`);
    const truth = await t.db.execute<{ store_id: string; kind: string; status: string; n: number }>(
      sql`select store_id, kind, status, count(*)::int as n from drafts group by 1, 2, 3`,
    );
    const counters = await t.db.select().from(draftCounters);
    const nonZero = counters.filter((c) => Number(c.count) !== 0).map((c) => `${c.storeId}/${c.kind}/${c.status}=${Number(c.count)}`);
    expect(nonZero.sort()).toEqual(truth.map((r) => `${r.store_id}/${r.kind}/${r.status}=${r.n}`).sort());
    const counts = await queueCounts(t.db, v.managerA);
    const [own] = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from drafts where kind = 'clienteling_note' and status = 'pending' and store_id = ${cast.storeA}`);
    expect(counts.clienteling_note).toBe(own.n);
  });
});
