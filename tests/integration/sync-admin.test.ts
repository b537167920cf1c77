import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, posConnections, posEvents, posWebhookRejections, syncRuns, type PosProvider } from "@/db/schema";
import { runGuarded, type GuardContext, type Requirement } from "@/lib/auth/guard";
import { loadViewer } from "@/lib/auth/viewer";
import { seal } from "@/lib/crypto/secret-box";
import { retryDeadLetters, retryDeadLettersSchema, startSyncRun, startSyncRunSchema, type PublishRun } from "@/lib/sync/admin";
import { getRunProgress } from "@/lib/sync/queries";
import { forgetWebhookConnections, webhookSecretAad } from "@/lib/sync/receive";
import { sendTestEvent, TEST_TOPIC } from "@/lib/sync/test-event";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast, type Cast } from "../fixtures/people";

let t: TestDb;
let cast: Cast;
let connectionA: string;
let connectionB: string;
const published: string[] = [];
const publish: PublishRun = async (_db, runId) => {
  published.push(runId);
};
const request = { ip: "127.0.0.1", requestId: null };

async function deadLetter(connectionId: string, provider: PosProvider, eventId: string) {
  const [row] = await t.db
    .insert(posEvents)
    .values({ connectionId, provider, eventId, topic: "orders/create", rawBody: "{}", bodySha256: "x", status: "dead", attempts: 8, lastError: "configuration: no store for location loc-9" })
    .returning({ id: posEvents.id });
  return row.id;
}

/** Runs `fn` as a signed-in user exactly as a server action would: permission, parse, scope. */
function asUser<S extends Parameters<typeof runGuarded>[0]["schema"], T>(
  userId: string,
  permission: Requirement,
  schema: S,
  input: unknown,
  fn: Parameters<typeof runGuarded<S, T>>[2],
) {
  return runGuarded({ db: t.db, session: { userId }, permission, schema, request }, input, fn);
}

async function ctxOf(userId: string): Promise<GuardContext> {
  return { db: t.db, viewer: (await loadViewer(t.db, userId))!, request };
}

const audits = (action: string) => t.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.id);

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  [{ id: connectionA }, { id: connectionB }] = await t.db
    .insert(posConnections)
    .values([
      { provider: "shopify", name: "Shopify A", storeMapping: { "loc-1": cast.storeA }, config: { apiBaseUrl: "https://a.example/admin/api/2025-01" } },
      { provider: "clover", name: "Clover B", storeMapping: { M1: cast.storeB }, config: { apiBaseUrl: "https://b.example/v3" } },
    ])
    .returning({ id: posConnections.id });
});
afterAll(() => t.close());

describe("retrying dead letters", () => {
  it("lets a manager retry a dead letter of their store: back in the queue, due now, audited", async () => {
    const id = await deadLetter(connectionA, "shopify", "a-dead-1");
    const result = await asUser(cast.managerA, "sync.retry", retryDeadLettersSchema, { inboxIds: [id] }, (input, ctx) => retryDeadLetters(ctx, input));
    expect(result).toEqual({ ok: true, data: { retried: [id] } });

    const [row] = await t.db.select().from(posEvents).where(eq(posEvents.id, id));
    expect(row.status).toBe("failed");
    expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    const [entry] = (await audits("sync.dead_letter_retried")).filter((e) => e.targetId === String(id));
    expect(entry).toMatchObject({ actorId: cast.managerA, targetType: "pos_event", details: { inboxId: id, connectionId: connectionA } });
  });

  it("does not find another store's dead letter for a manager, and changes nothing", async () => {
    const id = await deadLetter(connectionA, "shopify", "a-dead-2");
    const result = await asUser(cast.managerB, "sync.retry", retryDeadLettersSchema, { inboxIds: [id] }, (input, ctx) => retryDeadLetters(ctx, input));
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    const [row] = await t.db.select().from(posEvents).where(eq(posEvents.id, id));
    expect(row.status).toBe("dead");
    expect((await audits("sync.dead_letter_retried")).map((e) => e.targetId)).not.toContain(String(id));
  });

  it("retries only the rows in scope when a list mixes stores, and lets an admin retry any", async () => {
    const mine = await deadLetter(connectionB, "clover", "b-dead-1");
    const theirs = await deadLetter(connectionA, "shopify", "a-dead-3");
    const managerB = await asUser(cast.managerB, "sync.retry", retryDeadLettersSchema, { inboxIds: [mine, theirs] }, (input, ctx) => retryDeadLetters(ctx, input));
    expect(managerB).toEqual({ ok: true, data: { retried: [mine] } });
    expect(await retryDeadLetters(await ctxOf(cast.admin), { inboxIds: [theirs] })).toEqual({ retried: [theirs] });
    const rows = await t.db.select({ status: posEvents.status }).from(posEvents).where(inArray(posEvents.id, [mine, theirs]));
    expect(rows.map((r) => r.status)).toEqual(["failed", "failed"]);
  });

  it("forbids roles without sync.retry, with the refusal audited", async () => {
    const id = await deadLetter(connectionA, "shopify", "a-dead-4");
    for (const user of [cast.buyer, cast.associateA]) {
      const result = await asUser(user, "sync.retry", retryDeadLettersSchema, { inboxIds: [id] }, (input, ctx) => retryDeadLetters(ctx, input));
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    }
    const [row] = await t.db.select().from(posEvents).where(eq(posEvents.id, id));
    expect(row.status).toBe("dead");
    const denials = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "authz.denied"), eq(auditLog.actorId, cast.buyer)));
    expect(denials.map((d) => d.details)).toContainEqual({ permission: "sync.retry" });
  });

  it("refuses a dead letter that is no longer dead", async () => {
    const id = await deadLetter(connectionA, "shopify", "a-dead-5");
    const admin = await ctxOf(cast.admin);
    await retryDeadLetters(admin, { inboxIds: [id] });
    await expect(retryDeadLetters(admin, { inboxIds: [id] })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("starting a backfill or reconciliation", () => {
  it("queues a run, audits the request and publishes it for the worker", async () => {
    const result = await asUser(cast.admin, "sync.run", startSyncRunSchema, { connectionId: connectionA, kind: "backfill" }, (input, ctx) => startSyncRun(ctx, input, publish));
    expect(result.ok).toBe(true);
    const runId = result.ok ? result.data.runId : "";
    const [run] = await t.db.select().from(syncRuns).where(eq(syncRuns.id, runId));
    expect(run).toMatchObject({ connectionId: connectionA, kind: "backfill", status: "queued", requestedById: cast.admin });
    expect(published).toEqual([runId]);
    const [entry] = await audits("sync.run_requested");
    expect(entry).toMatchObject({ actorId: cast.admin, targetType: "pos_connection", targetId: connectionA, details: { runId, kind: "backfill" } });
  });

  it("refuses a second run while one is live, with a message that says why", async () => {
    const result = await asUser(cast.admin, "sync.run", startSyncRunSchema, { connectionId: connectionA, kind: "reconciliation" }, (input, ctx) =>
      startSyncRun(ctx, input, publish),
    );
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    expect(result.ok ? "" : result.message).toMatch(/another run is still queued or running/);
    expect(await t.db.$count(syncRuns, eq(syncRuns.connectionId, connectionA))).toBe(1);
    expect(published).toHaveLength(1);
  });

  it("closes the run with a readable message when the job queue cannot take it", async () => {
    const failing: PublishRun = async () => {
      throw new Error("UNSAFE_TRANSACTION");
    };
    const result = await asUser(cast.admin, "sync.run", startSyncRunSchema, { connectionId: connectionB, kind: "reconciliation" }, (input, ctx) =>
      startSyncRun(ctx, input, failing),
    );
    expect(result).toMatchObject({ ok: false, code: "conflict" });
    expect(result.ok ? "" : result.message).toMatch(/could not be handed to the job queue/);
    expect(result.ok ? "" : result.message).not.toMatch(/UNSAFE/);
    const runs = await t.db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionB));
    expect(runs).toMatchObject([{ status: "failed", error: expect.stringMatching(/job queue/) }]);
    await t.db.delete(syncRuns).where(eq(syncRuns.connectionId, connectionB));
  });

  it("needs the connection's API base URL", async () => {
    const [bare] = await t.db.insert(posConnections).values({ provider: "square", name: "No API", storeMapping: {} }).returning();
    await expect(startSyncRun(await ctxOf(cast.admin), { connectionId: bare.id, kind: "backfill" }, publish)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/no API base URL/),
    });
    expect(await t.db.$count(syncRuns, eq(syncRuns.connectionId, bare.id))).toBe(0);
  });

  it("is for admins only", async () => {
    const result = await asUser(cast.managerB, "sync.run", startSyncRunSchema, { connectionId: connectionB, kind: "backfill" }, (input, ctx) => startSyncRun(ctx, input, publish));
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.db.$count(syncRuns, eq(syncRuns.connectionId, connectionB))).toBe(0);
  });

  it("shows a run's progress to viewers of its connection only", async () => {
    const [run] = await t.db.select().from(syncRuns).where(eq(syncRuns.connectionId, connectionA));
    await t.db
      .update(syncRuns)
      .set({ status: "running", records: 120, pages: 3, totalEstimate: 360, startedAt: new Date(Date.now() - 60_000), heartbeatAt: new Date(Date.now() - 90_000) })
      .where(eq(syncRuns.id, run.id));
    const progress = await getRunProgress(t.db, (await loadViewer(t.db, cast.managerA))!, run.id);
    expect(progress).toMatchObject({ id: run.id, status: "running", records: 120, pages: 3, totalEstimate: 360 });
    expect(progress!.elapsedSeconds).toBeGreaterThan(55);
    expect(progress!.heartbeatAgeSeconds).toBeGreaterThan(85);
    expect(await getRunProgress(t.db, (await loadViewer(t.db, cast.managerB))!, run.id)).toBeNull();
  });
});

describe("sending a test event", () => {
  const SECRET = "whsec-test-event-0123456789";

  async function connectionWith(provider: PosProvider, config: Record<string, unknown>, secret: string | null) {
    const [row] = await t.db.insert(posConnections).values({ provider, name: `${provider} test`, config, storeMapping: { LOC: cast.storeA } }).returning();
    if (secret) {
      await t.db
        .update(posConnections)
        .set({ webhookSecretEncrypted: seal(secret, webhookSecretAad(row.id)) })
        .where(eq(posConnections.id, row.id));
    }
    forgetWebhookConnections();
    return row.id;
  }

  it.each([
    ["shopify", {}],
    ["square", { notificationUrl: "https://vitrine.example/api/webhooks/square/x" }],
    ["lightspeed_x", { signedBytes: "raw_body" }],
    ["lightspeed_x", { signedBytes: "payload" }],
    ["clover", {}],
  ] as const)("signs a %s delivery the receiver verifies and stores, audited (%o)", async (provider, config) => {
    const id = await connectionWith(provider, config, SECRET);
    const outcome = await sendTestEvent(await ctxOf(cast.admin), { connectionId: id });
    expect(outcome).toMatchObject({ status: 200, stored: true });
    const rows = await t.db.select().from(posEvents).where(eq(posEvents.connectionId, id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "received", topic: TEST_TOPIC[provider] });
    const [entry] = (await audits("connection.test_event_sent")).filter((e) => e.targetId === id);
    expect(entry).toMatchObject({ actorId: cast.admin, outcome: "success", details: { provider, status: 200 } });
  });

  it("reports a rejected signature when the connection has no secret, and stores nothing", async () => {
    const id = await connectionWith("shopify", {}, null);
    const outcome = await sendTestEvent(await ctxOf(cast.admin), { connectionId: id });
    expect(outcome).toMatchObject({ status: 401, stored: false });
    expect(outcome.message).toMatch(/no webhook secret/);
    expect(await t.db.$count(posEvents, eq(posEvents.connectionId, id))).toBe(0);
    expect(await t.db.$count(posWebhookRejections, eq(posWebhookRejections.connectionId, id))).toBe(1);
    const [entry] = (await audits("connection.test_event_sent")).filter((e) => e.targetId === id);
    expect(entry).toMatchObject({ outcome: "failure", details: { provider: "shopify", status: 401 } });
  });

  it("refuses R-Series, which has no webhooks", async () => {
    const id = await connectionWith("lightspeed_r", {}, SECRET);
    await expect(sendTestEvent(await ctxOf(cast.admin), { connectionId: id })).rejects.toMatchObject({ code: "invalid_input" });
  });
});
