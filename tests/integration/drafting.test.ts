import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, customers, domainEvents, drafts, returns, serializedItems } from "@/db/schema";
import { mentionsPrice, OFFLINE_MODEL_ID, OfflineDrafter, Semaphore } from "@/lib/ai";
import { drainDomainEvents, type DrainDomainEventsOptions } from "@/lib/drafting";
import { createTestDb, type TestDb } from "../fixtures/db";
import { FailingModel } from "../fixtures/drafting/failing-model";
import { createClient, createProduct, createSale, PRODUCTS } from "../fixtures/drafting/sales";
import { createCast, type Cast } from "../fixtures/people";

let t: TestDb;
let cast: Cast;
let watch: string;
let strap: string;
let camera: string;

const HOUR = 3_600_000;
const quiet = () => undefined;

function drain(overrides: Partial<DrainDomainEventsOptions> = {}) {
  return drainDomainEvents(t.db, {
    model: new OfflineDrafter(),
    modelId: OFFLINE_MODEL_ID,
    clientMessageCap: 1,
    draft: { semaphore: new Semaphore(4), log: quiet },
    log: quiet,
    ...overrides,
  });
}

/** The sale's drafts by kind, in code-point order (client_message, clienteling_note, service_ticket). */
async function draftsOfSale(saleId: string) {
  const rows = await t.db.select().from(drafts).where(eq(drafts.saleId, saleId));
  return rows.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}
const auditsFor = (action: string) => t.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.id);

async function isConsumed(eventId: string): Promise<boolean> {
  const [row] = await t.db.select({ consumedAt: domainEvents.consumedAt }).from(domainEvents).where(eq(domainEvents.id, eventId));
  return row.consumedAt !== null;
}

function storeLocalDate(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich", year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  watch = await createProduct(t.db, PRODUCTS.mechanical);
  strap = await createProduct(t.db, PRODUCTS.strap);
  camera = await createProduct(t.db, PRODUCTS.camera);
});
afterAll(() => t.close());

describe("drafting: a live sale of a mechanical watch to a consenting platinum client", () => {
  let sale: Awaited<ReturnType<typeof createSale>>;
  let clientId: string;
  const completedAt = new Date(Date.now() - 2 * HOUR);

  beforeAll(async () => {
    clientId = await createClient(t.db, { tier: "platinum", lifetimeValueMinor: 12_000_000, homeStoreId: cast.storeA });
    sale = await createSale(t.db, {
      storeId: cast.storeA,
      customerId: clientId,
      completedAt,
      origin: "webhook",
      lines: [
        { productId: watch, serial: "AUR-778812", priceMinor: 4_850_000 },
        { productId: strap, priceMinor: 45_000 },
      ],
    });
  });

  it("drafts exactly a client message, one service ticket for the watch, and a clienteling note", async () => {
    const result = await drain();
    expect(result).toMatchObject({ claimed: 1, consumed: 1, created: 3, failed: 0, skipped: 0 });
    expect(await isConsumed(sale.eventId)).toBe(true);

    const rows = await draftsOfSale(sale.saleId);
    expect(rows.map((row) => row.kind).sort()).toEqual(["client_message", "clienteling_note", "service_ticket"]);
    for (const row of rows) {
      expect(row).toMatchObject({
        status: "pending",
        storeId: cast.storeA,
        customerId: clientId,
        saleId: sale.saleId,
        sourceEventId: sale.eventId,
        sourceTransactionId: sale.externalId,
        modelId: OFFLINE_MODEL_ID,
        error: null,
      });
      expect(row.dedupeKey).toMatch(new RegExp(`^${row.kind}:sale\\.completed:${sale.saleId}:[0-9a-f-]{36}$`));
      expect(row.promptId).toMatch(new RegExp(`^${row.kind}\\.`));
      expect(row.promptVersion).toBeTruthy();
      expect(row.inputHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.latencyMs).toBeGreaterThanOrEqual(0);
      expect(row.usage?.totalTokens).toBeGreaterThan(0);
      expect(row.rationale).toBeTruthy();
      expect(row.expiresAt!.getTime()).toBeGreaterThan(Date.now());
      for (const text of Object.values(row.output ?? {})) {
        if (typeof text === "string") expect(mentionsPrice(text), text).toBe(false);
      }
    }

    const message = rows.find((row) => row.kind === "client_message")!;
    expect(message.dedupeKey).toBe(`client_message:sale.completed:${sale.saleId}:${clientId}`);
    expect(message.output).toMatchObject({ channel: "email" });
    expect(String(message.output!.body)).toContain("Amélie");
    expect(String(message.output!.body)).toContain("Meridian Automatic 40");
    expect(message.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 6.9 * 24 * HOUR);
    expect(message.expiresAt!.getTime()).toBeLessThan(Date.now() + 7.1 * 24 * HOUR);

    const ticket = rows.find((row) => row.kind === "service_ticket")!;
    expect(ticket).toMatchObject({ itemId: sale.itemIds[0], productId: watch });
    expect(ticket.dedupeKey).toBe(`service_ticket:sale.completed:${sale.saleId}:${sale.itemIds[0]}`);
    const [year, month, day] = storeLocalDate(completedAt).split("-");
    expect(ticket.output).toMatchObject({ kind: "regulation", dueOn: `${Number(year) + 1}-${month}-${day}` });

    const note = rows.find((row) => row.kind === "clienteling_note")!;
    expect(note.output).toMatchObject({ applicable: true });
    expect(String(note.output!.note)).toContain("platinum tier client");
    expect(note.priority).toBeGreaterThan(message.priority - 1);

    const created = await auditsFor("draft.created");
    const forSale = created.filter((entry) => entry.details.saleId === sale.saleId);
    expect(forSale).toHaveLength(3);
    for (const entry of forSale) {
      const draft = rows.find((row) => row.id === entry.targetId)!;
      expect(entry).toMatchObject({ actorType: "ai", targetType: "draft", sourceTransactionId: sale.externalId, modelId: OFFLINE_MODEL_ID, storeId: cast.storeA });
      expect(entry.details).toMatchObject({
        draftId: draft.id,
        kind: draft.kind,
        modelId: OFFLINE_MODEL_ID,
        promptId: draft.promptId,
        promptVersion: draft.promptVersion,
        sourceTransactionId: sale.externalId,
        inputHash: draft.inputHash,
        latencyMs: draft.latencyMs,
      });
    }
  });

  it("processing the sale again, or a second event row for it, adds nothing", async () => {
    expect(await drain()).toMatchObject({ claimed: 0 });
    await t.db.update(domainEvents).set({ consumedAt: null }).where(eq(domainEvents.id, sale.eventId));
    await t.db.insert(domainEvents).values({
      id: `${sale.eventId}:redelivered`,
      type: "sale.completed",
      origin: "reconciliation",
      storeId: cast.storeA,
      customerId: clientId,
      saleId: sale.saleId,
      occurredAt: completedAt,
    });
    const auditsBefore = await t.db.$count(auditLog);
    expect(await drain()).toMatchObject({ claimed: 2, consumed: 2, created: 0, failed: 0, skipped: 0 });
    expect(await draftsOfSale(sale.saleId)).toHaveLength(3);
    expect(await t.db.$count(auditLog)).toBe(auditsBefore);
  });

  it("a second live sale to the same client within the week: the frequency cap skips the message", async () => {
    const second = await createSale(t.db, {
      storeId: cast.storeA,
      customerId: clientId,
      completedAt: new Date(Date.now() - HOUR),
      origin: "webhook",
      lines: [{ productId: strap, priceMinor: 45_000 }],
    });
    await drain();
    const rows = await draftsOfSale(second.saleId);
    expect(rows.map((row) => row.kind)).toEqual(["clienteling_note"]);
    const skipped = (await auditsFor("draft.skipped")).filter((entry) => entry.details.saleId === second.saleId);
    expect(skipped.map((entry) => entry.details)).toEqual([expect.objectContaining({ kind: "client_message", reason: "frequency_cap" })]);
  });

  it("the return of the watch cancels the drafts it makes wrong, with an audit entry saying why", async () => {
    const [row] = await t.db
      .insert(returns)
      .values({ saleId: sale.saleId, storeId: cast.storeA, customerId: clientId, productId: watch, quantity: 1, serialNumber: "AUR-778812", refundMinor: 4_850_000, currency: "CHF", provider: "shopify", externalId: "REFUND-1:1", origin: "webhook", returnedAt: new Date() })
      .returning({ id: returns.id });
    await t.db.update(serializedItems).set({ status: "returned", currentOwnerId: null }).where(eq(serializedItems.id, sale.itemIds[0]));
    await t.db.insert(domainEvents).values({
      id: `item.returned:${row.id}`,
      type: "item.returned",
      origin: "webhook",
      storeId: cast.storeA,
      customerId: clientId,
      saleId: sale.saleId,
      returnId: row.id,
      itemId: sale.itemIds[0],
      occurredAt: new Date(),
    });
    expect(await drain()).toMatchObject({ consumed: 1, cancelled: 3 });
    const rows = await draftsOfSale(sale.saleId);
    expect(rows.map((r) => [r.kind, r.status, r.decisionReason])).toEqual([
      ["client_message", "cancelled", "item returned"],
      ["clienteling_note", "cancelled", "item returned"],
      ["service_ticket", "cancelled", "item returned"],
    ]);
    const cancelled = (await auditsFor("draft.cancelled")).filter((entry) => rows.some((r) => r.id === entry.targetId));
    expect(cancelled).toHaveLength(3);
    for (const entry of cancelled) expect(entry.details).toMatchObject({ reason: "item returned", sourceEventId: `item.returned:${row.id}` });
  });
});

describe("drafting: history and guards", () => {
  it("a backfilled sale and a two-year-old live sale draft nothing, and are consumed", async () => {
    const clientId = await createClient(t.db, { tier: "platinum" });
    const backfilled = await createSale(t.db, { storeId: cast.storeA, customerId: clientId, completedAt: new Date(Date.now() - HOUR), origin: "backfill", lines: [{ productId: watch, serial: "AUR-B1", priceMinor: 4_850_000 }] });
    const old = await createSale(t.db, { storeId: cast.storeA, customerId: clientId, completedAt: new Date(Date.now() - 730 * 24 * HOUR), origin: "webhook", lines: [{ productId: watch, serial: "AUR-B2", priceMinor: 4_850_000 }] });
    const seeded = await createSale(t.db, { storeId: cast.storeA, customerId: clientId, completedAt: new Date(Date.now() - HOUR), origin: "seed", lines: [{ productId: watch, serial: "AUR-B3", priceMinor: 4_850_000 }] });
    const auditsBefore = await t.db.$count(auditLog);
    expect(await drain()).toMatchObject({ consumed: 3, created: 0, skipped: 0 });
    for (const sale of [backfilled, old, seeded]) {
      expect(await draftsOfSale(sale.saleId)).toEqual([]);
      expect(await isConsumed(sale.eventId)).toBe(true);
    }
    expect(await t.db.$count(auditLog)).toBe(auditsBefore);
  });

  it("without e-mail (or SMS) consent: no client message, a draft.skipped audit, the service ticket still drafted", async () => {
    const clientId = await createClient(t.db, { consentEmail: false, consentSms: false });
    const sale = await createSale(t.db, { storeId: cast.storeA, customerId: clientId, completedAt: new Date(Date.now() - HOUR), origin: "webhook", lines: [{ productId: watch, serial: "AUR-C1", priceMinor: 4_850_000 }] });
    await drain();
    expect((await draftsOfSale(sale.saleId)).map((row) => row.kind)).toEqual(["service_ticket"]);
    const skipped = (await auditsFor("draft.skipped")).filter((entry) => entry.details.saleId === sale.saleId);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ actorType: "system", sourceTransactionId: sale.externalId });
    expect(skipped[0].details).toMatchObject({ kind: "client_message", reason: "no_consent", customerId: clientId });
  });

  it("an SMS-only client gets an SMS, never an e-mail", async () => {
    const clientId = await createClient(t.db, { consentEmail: false, consentSms: true });
    const sale = await createSale(t.db, { storeId: cast.storeA, customerId: clientId, completedAt: new Date(Date.now() - HOUR), origin: "webhook", lines: [{ productId: strap, priceMinor: 45_000 }] });
    await drain();
    const rows = await draftsOfSale(sale.saleId);
    expect(rows.map((row) => [row.kind, row.output?.channel])).toEqual([["client_message", "sms"]]);
  });

  it("a do-not-contact client gets no client-facing draft, even as a high-value client", async () => {
    const clientId = await createClient(t.db, { doNotContact: true, consentSms: true, tier: "gold" });
    const sale = await createSale(t.db, { storeId: cast.storeA, customerId: clientId, completedAt: new Date(Date.now() - HOUR), origin: "webhook", lines: [{ productId: camera, serial: "OX2-1", priceMinor: 320_000 }] });
    await drain();
    const rows = await draftsOfSale(sale.saleId);
    expect(rows.map((row) => row.kind)).toEqual(["service_ticket", "clienteling_note"].sort());
    const ticket = rows.find((row) => row.kind === "service_ticket")!;
    expect(ticket.output).toMatchObject({ kind: "warranty_registration" });
    const note = rows.find((row) => row.kind === "clienteling_note")!;
    expect(note.output).toMatchObject({ managerThankYou: null });
    const skipped = (await auditsFor("draft.skipped")).filter((entry) => entry.details.saleId === sale.saleId);
    expect(skipped.map((entry) => entry.details.reason)).toEqual(["do_not_contact"]);
  });

  it("a client who asks not to be contacted loses their pending client messages", async () => {
    const clientId = await createClient(t.db);
    const sale = await createSale(t.db, { storeId: cast.storeA, customerId: clientId, completedAt: new Date(Date.now() - HOUR), origin: "webhook", lines: [{ productId: watch, serial: "AUR-D1", priceMinor: 4_850_000 }] });
    await drain();
    await t.db.update(customers).set({ doNotContact: true }).where(eq(customers.id, clientId));
    await t.db.insert(domainEvents).values({ id: `customer.updated:${clientId}:1`, type: "customer.updated", origin: "webhook", customerId: clientId, occurredAt: new Date() });
    expect(await drain()).toMatchObject({ consumed: 1, cancelled: 1 });
    const rows = await draftsOfSale(sale.saleId);
    expect(rows.map((row) => [row.kind, row.status])).toEqual([
      ["client_message", "cancelled"],
      ["service_ticket", "pending"],
    ]);
  });

  it("a model that always fails leaves visible generation_failed drafts with their error, and the event consumed", async () => {
    const clientId = await createClient(t.db);
    const sale = await createSale(t.db, { storeId: cast.storeB, customerId: clientId, completedAt: new Date(Date.now() - HOUR), origin: "webhook", lines: [{ productId: watch, serial: "AUR-E1", priceMinor: 4_850_000 }] });
    const model = new FailingModel();
    const result = await drain({ model, modelId: "test:always-500", draft: { semaphore: new Semaphore(4), log: quiet, maxRetries: 2, baseDelayMs: 1, sleep: async () => undefined } });
    expect(result).toMatchObject({ consumed: 1, created: 0, failed: 2 });
    expect(model.calls).toBe(6);
    expect(await isConsumed(sale.eventId)).toBe(true);
    const rows = await draftsOfSale(sale.saleId);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ status: "generation_failed", output: null, modelId: "test:always-500", sourceEventId: sale.eventId });
      expect(row.error).toMatch(/^provider_error: HTTP 500/);
    }
    const failed = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "draft.generation_failed"), inArray(auditLog.targetId, rows.map((row) => row.id))));
    expect(failed).toHaveLength(2);
    for (const entry of failed) expect(entry).toMatchObject({ actorType: "ai", outcome: "failure", details: expect.objectContaining({ reason: "provider_error", attempts: 3 }) });
  });

  it("two workers draining at once write each draft once", async () => {
    const clientId = await createClient(t.db, { tier: "gold" });
    const sale = await createSale(t.db, { storeId: cast.storeA, customerId: clientId, completedAt: new Date(Date.now() - HOUR), origin: "webhook", lines: [{ productId: watch, serial: "AUR-F1", priceMinor: 4_850_000 }] });
    // the first claims and generates; the second, started between its steps, sees the event unconsumed too
    await Promise.all([drain(), drain(), drain()]);
    const rows = await draftsOfSale(sale.saleId);
    expect(rows.map((row) => row.kind)).toEqual(["client_message", "clienteling_note", "service_ticket"]);
    const created = (await auditsFor("draft.created")).filter((entry) => entry.details.saleId === sale.saleId);
    expect(created).toHaveLength(3);
    expect(await isConsumed(sale.eventId)).toBe(true);
  });

  it("no audit entry carries a client's name, e-mail, phone or address", async () => {
    const entries = await t.db.select().from(auditLog);
    expect(entries.length).toBeGreaterThan(10);
    const text = JSON.stringify(entries).toLowerCase();
    for (const needle of ["amélie", "amelie", "lindqvist", "example.com", "+41 79", "rue du rhône", "genève"]) {
      expect(text).not.toContain(needle);
    }
  });
});
