import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, custodyEvents, domainEvents, drafts, serializedItems, serviceTickets } from "@/db/schema";
import { OFFLINE_MODEL_ID, OfflineDrafter, Semaphore } from "@/lib/ai";
import { addDays, addMonths } from "@/lib/ai/offline/dates";
import {
  drainDomainEvents,
  listDeadDomainEvents,
  retryDomainEvent,
  scanServiceDue,
  scheduleServiceDueScan,
  SERVICE_DUE_CRON,
  SERVICE_DUE_QUEUE,
  type DrainDomainEventsOptions,
} from "@/lib/drafting";
import { createBoss } from "@/lib/jobs/boss";
import { createTestDb, type TestDb } from "../fixtures/db";
import { PriceStatingModel } from "../fixtures/drafting/price-stating-model";
import { createClient, createProduct, createSale, PRODUCTS } from "../fixtures/drafting/sales";
import { createCast, type Cast } from "../fixtures/people";

let t: TestDb;
let cast: Cast;
let ring: string;
let quartz: string;
let mechanical: string;

const DAY = 86_400_000;
const quiet = () => undefined;
const draftOptions = { semaphore: new Semaphore(4), log: quiet };

function zurichDate(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich", year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}
/** Noon UTC on the store-local date `months` months (and `days` days) before today. */
function soldAgo(months: number, days = 0): Date {
  return new Date(`${addDays(addMonths(zurichDate(new Date()), -months), -days)}T12:00:00Z`);
}

const scan = (overrides: Partial<Parameters<typeof scanServiceDue>[1]> = {}) =>
  scanServiceDue(t.db, { model: new OfflineDrafter(), modelId: OFFLINE_MODEL_ID, draft: draftOptions, log: quiet, ...overrides });

const drain = (overrides: Partial<DrainDomainEventsOptions> = {}) =>
  drainDomainEvents(t.db, { model: new OfflineDrafter(), modelId: OFFLINE_MODEL_ID, clientMessageCap: 5, draft: draftOptions, log: quiet, ...overrides });

/** A piece sold (from history: no drafts at sale time) and recorded in its chain of custody. */
async function ownedPiece(productId: string, serial: string, completedAt: Date, customerId?: string) {
  const clientId = customerId ?? (await createClient(t.db));
  const sale = await createSale(t.db, { storeId: cast.storeA, customerId: clientId, completedAt, origin: "backfill", lines: [{ productId, serial, priceMinor: 1_250_000 }] });
  await t.db.insert(custodyEvents).values({ itemId: sale.itemIds[0], kind: "sold", occurredAt: completedAt, storeId: cast.storeA, customerId: clientId, saleId: sale.saleId });
  await t.db.update(domainEvents).set({ consumedAt: new Date() }).where(eq(domainEvents.id, sale.eventId));
  return { clientId, itemId: sale.itemIds[0], sale, saleDate: zurichDate(completedAt) };
}

const draftsOfItem = (itemId: string) => t.db.select().from(drafts).where(eq(drafts.itemId, itemId));

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  ring = await createProduct(t.db, PRODUCTS.ring);
  quartz = await createProduct(t.db, PRODUCTS.quartz);
  mechanical = await createProduct(t.db, PRODUCTS.mechanical);
});
afterAll(() => t.close());

describe("the daily service-due scan", () => {
  const today = zurichDate(new Date());
  let overdueRing: Awaited<ReturnType<typeof ownedPiece>>;
  let oldQuartz: Awaited<ReturnType<typeof ownedPiece>>;
  let soonRing: Awaited<ReturnType<typeof ownedPiece>>;
  const notDue: string[] = [];

  beforeAll(async () => {
    overdueRing = await ownedPiece(ring, "RING-OVERDUE", soldAgo(10));
    oldQuartz = await ownedPiece(quartz, "QTZ-3Y", soldAgo(36));
    soonRing = await ownedPiece(ring, "RING-SOON", soldAgo(6, -20));

    // a mechanical watch sold two months ago: its regulation is ten months away
    notDue.push((await ownedPiece(mechanical, "MECH-NEW", soldAgo(2))).itemId);
    // a ring with an open ticket
    const ticketed = await ownedPiece(ring, "RING-TICKET", soldAgo(10));
    await t.db.insert(serviceTickets).values({ storeId: cast.storeA, customerId: ticketed.clientId, itemId: ticketed.itemId, productId: ring, kind: "resizing", status: "in_progress", currency: "CHF" });
    notDue.push(ticketed.itemId);
    // a quartz watch that came back
    const returned = await ownedPiece(quartz, "QTZ-RETURNED", soldAgo(36));
    await t.db.update(serializedItems).set({ status: "returned", currentOwnerId: null }).where(eq(serializedItems.id, returned.itemId));
    notDue.push(returned.itemId);
    // a ring sold 14 months ago, cleaned two months ago: next cleaning in four months
    const cleaned = await ownedPiece(ring, "RING-CLEANED", soldAgo(14));
    await t.db.insert(custodyEvents).values({ itemId: cleaned.itemId, kind: "service_completed", occurredAt: soldAgo(2), storeId: cast.storeA });
    notDue.push(cleaned.itemId);
    // an erased client's ring
    const erased = await ownedPiece(ring, "RING-ERASED", soldAgo(10));
    await t.db.execute(sql`update customers set erased_at = now() where id = ${erased.clientId}`);
    notDue.push(erased.itemId);
  });

  it("drafts the first cleaning of a ring sold ten months ago and the battery of a quartz watch sold three years ago", async () => {
    const result = await scan();
    expect(result).toMatchObject({ created: 3, failed: 0 });
    expect(result.due).toBe(3);

    const [ringDraft] = await draftsOfItem(overdueRing.itemId);
    const scheduledOn = addMonths(overdueRing.saleDate, 6);
    expect(ringDraft).toMatchObject({
      kind: "service_ticket",
      status: "pending",
      storeId: cast.storeA,
      customerId: overdueRing.clientId,
      productId: ring,
      saleId: overdueRing.sale.saleId,
      dedupeKey: `service_ticket:service_due:${overdueRing.itemId}:${scheduledOn}`,
      sourceEventId: `service_due:${today}`,
      sourceTransactionId: overdueRing.sale.externalId,
      modelId: OFFLINE_MODEL_ID,
      promptId: "service_ticket.after_sale",
      flags: [],
    });
    expect(ringDraft.output).toMatchObject({ kind: "cleaning", dueOn: today });
    expect(String(ringDraft.output!.title)).toMatch(/^First complimentary cleaning/);
    expect(String(ringDraft.output!.description)).toContain("overdue");
    expect(ringDraft.rationale).toContain(scheduledOn);
    expect(ringDraft.inputHash).toMatch(/^[0-9a-f]{64}$/);

    const [quartzDraft] = await draftsOfItem(oldQuartz.itemId);
    expect(quartzDraft.output).toMatchObject({ kind: "battery", dueOn: today });
    expect(quartzDraft.dedupeKey).toBe(`service_ticket:service_due:${oldQuartz.itemId}:${addMonths(oldQuartz.saleDate, 24)}`);

    const [soonDraft] = await draftsOfItem(soonRing.itemId);
    const soonDue = addMonths(soonRing.saleDate, 6);
    expect(soonDue > today).toBe(true);
    expect(soonDraft.output).toMatchObject({ kind: "cleaning", dueOn: soonDue });
    expect(String(soonDraft.output!.description)).not.toContain("overdue");

    for (const itemId of notDue) expect(await draftsOfItem(itemId), itemId).toEqual([]);

    const created = (await t.db.select().from(auditLog).where(eq(auditLog.action, "draft.created"))).filter((entry) =>
      [ringDraft.id, quartzDraft.id, soonDraft.id].includes(entry.targetId!),
    );
    expect(created).toHaveLength(3);
    for (const entry of created) {
      expect(entry).toMatchObject({ actorType: "ai", modelId: OFFLINE_MODEL_ID, details: expect.objectContaining({ sourceEventId: `service_due:${today}`, kind: "service_ticket" }) });
    }
    const summaries = await t.db.select().from(auditLog).where(eq(auditLog.action, "drafting.service_due_scanned"));
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ actorType: "system", details: expect.objectContaining({ created: 3, due: 3, failed: 0, horizonDays: 30 }) });
  });

  it("a second scan the same day, or the next, drafts nothing again", async () => {
    const before = await t.db.$count(drafts);
    expect(await scan()).toMatchObject({ created: 0, failed: 0 });
    // even once the drafts are decided, the same due date is not drafted twice
    await t.db.update(drafts).set({ status: "rejected" }).where(eq(drafts.kind, "service_ticket"));
    expect(await scan({ now: new Date(Date.now() + DAY) })).toMatchObject({ created: 0, skipped: 3 });
    expect(await t.db.$count(drafts)).toBe(before);
    expect(await t.db.$count(auditLog, eq(auditLog.action, "drafting.service_due_scanned"))).toBe(3);
  });

  it("an approved draft covers its date; a completed service moves the next one", async () => {
    const piece = await ownedPiece(quartz, "QTZ-SERVICED", soldAgo(60));
    await t.db.insert(custodyEvents).values({ itemId: piece.itemId, kind: "service_completed", occurredAt: soldAgo(23, 15), storeId: cast.storeA });
    await scan();
    const [draft] = await draftsOfItem(piece.itemId);
    const serviced = zurichDate(soldAgo(23, 15));
    expect(draft.output).toMatchObject({ kind: "battery", dueOn: addMonths(serviced, 24) });
    expect(String(draft.output!.description)).toContain("Last serviced on");
    expect(draft.dedupeKey).toBe(`service_ticket:service_due:${piece.itemId}:${addMonths(serviced, 24)}`);
  });
});

describe("flags: an open complaint, an overdue ticket", () => {
  it("every draft for a client with an open complaint carries the flag, from the drain and from the scan", async () => {
    const clientId = await createClient(t.db, { tier: "gold" });
    await t.db.insert(serviceTickets).values({ storeId: cast.storeA, customerId: clientId, kind: "complaint", status: "open", currency: "CHF", description: "scratched crystal" });
    const piece = await ownedPiece(ring, "RING-COMPLAINT", soldAgo(10), clientId);
    const live = await createSale(t.db, { storeId: cast.storeA, customerId: clientId, completedAt: new Date(Date.now() - 3_600_000), origin: "webhook", lines: [{ productId: mechanical, serial: "MECH-COMPLAINT", priceMinor: 4_850_000 }] });
    await drain();
    await scan();
    const rows = await t.db.select().from(drafts).where(eq(drafts.customerId, clientId));
    expect(rows.map((row) => row.kind).sort()).toEqual(["client_message", "clienteling_note", "service_ticket", "service_ticket"]);
    for (const row of rows) {
      expect(row.flags, row.kind).toEqual(["open_complaint"]);
      expect(row.rationale).toContain("open complaint");
    }
    expect(rows.filter((row) => row.saleId === live.saleId)).toHaveLength(3);
    expect(rows.some((row) => row.itemId === piece.itemId)).toBe(true);
  });

  it("a client whose ticket is past its due date gets drafts flagged overdue_ticket; a closed one flags nothing", async () => {
    const late = await createClient(t.db);
    const settled = await createClient(t.db);
    const yesterday = addDays(zurichDate(new Date()), -1);
    await t.db.insert(serviceTickets).values([
      { storeId: cast.storeB, customerId: late, kind: "repair", status: "waiting_parts", dueOn: yesterday, currency: "CHF" },
      { storeId: cast.storeA, customerId: settled, kind: "complaint", status: "closed", dueOn: yesterday, closedAt: new Date(), currency: "CHF" },
    ]);
    const latePiece = await ownedPiece(quartz, "QTZ-LATE", soldAgo(30), late);
    const settledPiece = await ownedPiece(quartz, "QTZ-SETTLED", soldAgo(30), settled);
    await scan();
    const [lateDraft] = await draftsOfItem(latePiece.itemId);
    expect(lateDraft.flags).toEqual(["overdue_ticket"]);
    expect(lateDraft.rationale).toContain("overdue service ticket");
    const [settledDraft] = await draftsOfItem(settledPiece.itemId);
    expect(settledDraft.flags).toEqual([]);
  });
});

describe("a domain event whose drafting throws", () => {
  it("waits with backoff, is dead after five attempts, and retryDomainEvent revives it", async () => {
    const clientId = await createClient(t.db);
    const sale = await createSale(t.db, { storeId: cast.storeA, customerId: clientId, completedAt: new Date(Date.now() - 3_600_000), origin: "webhook", lines: [{ productId: mechanical, serial: "MECH-BROKEN", priceMinor: 4_850_000 }] });
    // a database that refuses this sale's drafts: the failure is the database's, not the model's
    await t.db.execute(sql.raw(`
      create function refuse_test_drafts() returns trigger language plpgsql as $$
      begin raise exception 'injected failure for sale %', new.sale_id; end $$;
      create trigger refuse_test_drafts before insert on drafts for each row
        when (new.sale_id = '${sale.saleId}') execute function refuse_test_drafts();`));
    const event = async () => (await t.db.select().from(domainEvents).where(eq(domainEvents.id, sale.eventId)))[0];

    let now = Date.now();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const result = await drain({ now: new Date(now) });
      expect(result, `attempt ${attempt}`).toMatchObject({ claimed: 1, consumed: 0, errored: 1 });
      const row = await event();
      expect(row).toMatchObject({ attempts: attempt, consumedAt: null });
      expect(row.lastError).toContain("injected failure");
      if (attempt < 5) {
        expect(row.deadAt).toBeNull();
        delays.push(row.nextAttemptAt!.getTime() - now);
        // not taken again before its time
        expect(await drain({ now: new Date(now + 1_000) })).toMatchObject({ claimed: 0 });
        now = row.nextAttemptAt!.getTime();
      } else {
        expect(row.deadAt).not.toBeNull();
        expect(row.nextAttemptAt).toBeNull();
      }
    }
    expect(delays).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(await drain({ now: new Date(now + 365 * DAY) })).toMatchObject({ claimed: 0 });
    expect(await t.db.$count(drafts, eq(drafts.saleId, sale.saleId))).toBe(0);

    const dead = await listDeadDomainEvents(t.db);
    expect(dead.map((row) => row.id)).toEqual([sale.eventId]);
    expect(dead[0]).toMatchObject({ type: "sale.completed", attempts: 5 });

    const failed = await t.db.select().from(auditLog).where(eq(auditLog.action, "drafting.event_failed"));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ actorType: "system", outcome: "failure", targetType: "domain_event", targetId: sale.eventId });
    expect(failed[0].details).toEqual({ eventId: sale.eventId, eventType: "sale.completed", attempts: 5, errorClass: expect.any(String), errorCode: "P0001" });

    await t.db.execute(sql`drop trigger refuse_test_drafts on drafts`);
    expect(await retryDomainEvent(t.db, sale.eventId)).toBe(true);
    expect(await retryDomainEvent(t.db, sale.eventId)).toBe(false);
    expect(await listDeadDomainEvents(t.db)).toEqual([]);
    expect(await drain({ now: new Date(now + 2_000) })).toMatchObject({ claimed: 1, consumed: 1, errored: 0 });
    expect((await event()).consumedAt).not.toBeNull();
    const rows = await t.db.select().from(drafts).where(eq(drafts.saleId, sale.saleId));
    expect(rows.map((row) => row.kind).sort()).toEqual(["client_message", "service_ticket"]);
    expect(await t.db.$count(auditLog, eq(auditLog.action, "drafting.event_retried"))).toBe(1);
  });
});

describe("a draft never states the price the client paid", () => {
  it("a model that writes the price without a currency gets one retry with the error, then a visible failure", async () => {
    const clientId = await createClient(t.db);
    const sale = await createSale(t.db, { storeId: cast.storeA, customerId: clientId, completedAt: new Date(Date.now() - 3_600_000), origin: "webhook", lines: [{ productId: mechanical, serial: "MECH-PRICE", priceMinor: 4_850_000 }] });
    const model = new PriceStatingModel("48,500");
    await drain({ model, modelId: "test:price-stating" });
    const rows = await t.db.select().from(drafts).where(and(eq(drafts.saleId, sale.saleId), inArray(drafts.kind, ["client_message"])));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "generation_failed", output: null });
    expect(rows[0].error).toMatch(/^invalid_output: .*price the client paid/s);
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "draft.generation_failed"), eq(auditLog.targetId, rows[0].id)));
    expect(audit.details).toMatchObject({ reason: "invalid_output", attempts: 2 });
    const [ticket] = await t.db.select().from(drafts).where(and(eq(drafts.saleId, sale.saleId), eq(drafts.kind, "service_ticket")));
    expect(ticket.status).toBe("pending");
  });
});

describe("the scan's schedule", () => {
  it("is a daily pg-boss cron on a singleton queue of its own", async () => {
    const boss = createBoss(t.db);
    await boss.start();
    try {
      await scheduleServiceDueScan(boss, { db: t.db, model: { model: new OfflineDrafter(), id: OFFLINE_MODEL_ID }, log: quiet });
      expect(await boss.getQueue(SERVICE_DUE_QUEUE)).toMatchObject({ name: SERVICE_DUE_QUEUE, policy: "singleton" });
      const schedules = await boss.getSchedules();
      expect(schedules.filter((s) => s.name === SERVICE_DUE_QUEUE)).toEqual([expect.objectContaining({ cron: SERVICE_DUE_CRON })]);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
