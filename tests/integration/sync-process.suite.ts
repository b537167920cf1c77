import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  custodyEvents,
  customerDuplicates,
  customerRefs,
  customers,
  domainEvents,
  inventoryLevels,
  posEvents,
  productRefs,
  products,
  returns,
  saleLines,
  sales,
  serializedItems,
} from "@/db/schema";
import type { CanonicalCustomer, CanonicalSale } from "@/lib/sync/canonical";
import { drainAll, drainOnce } from "@/lib/sync/process";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast, type Cast } from "../fixtures/people";
import { inboxEvent, inboxStatus, passthroughConnectors, rev, testConnection } from "../fixtures/sync/passthrough";

let t: TestDb;
let cast: Cast;
let connectionId: string;
let otherConnectionId: string;
const connectors = passthroughConnectors();
let batch = true;
const drain = () => drainAll(t.db, { connectors, backoffBaseMs: 0, batch, log: () => undefined });

function customer(externalId: string, overrides: Partial<CanonicalCustomer> = {}): CanonicalCustomer {
  return {
    externalId,
    ...rev(0),
    firstName: "Amélie",
    lastName: "Lindqvist",
    email: "Amelie.Lindqvist@Example.com ",
    phone: "079 123 45 67",
    addressLine: null,
    city: "Geneva",
    postalCode: "1204",
    country: "CH",
    consentEmail: true,
    ...overrides,
  };
}

function sale(externalId: string, overrides: Partial<CanonicalSale> = {}): CanonicalSale {
  return {
    externalId,
    ...rev(1),
    locationId: "loc-a",
    status: "completed",
    completedAt: new Date(Date.UTC(2026, 10, 1, 9, 1)),
    currency: "CHF",
    subtotalMinor: 1_250_000,
    discountMinor: 0,
    taxMinor: 96_250,
    totalMinor: 1_346_250,
    customer: customer("cust-1"),
    customerExternalId: "cust-1",
    associateExternalId: null,
    lines: [
      { externalId: "l1", sku: "WATCH-1", productExternalId: null, name: "Calibre 12", brand: "Maison Arlaud", quantity: 1, unitPriceMinor: 1_250_000, discountMinor: 0, totalMinor: 1_250_000, serialNumbers: ["SN-0001"] },
    ],
    ...overrides,
  };
}

/** The suite runs twice: through the set-wise batch path and through the per-event path. */
export function processingSuite(useBatch: boolean) {
  batch = useBatch;
  beforeAll(async () => {
    t = await createTestDb();
    cast = await createCast(t.db);
    connectionId = await testConnection(t.db, { "loc-a": cast.storeA, "loc-b": cast.storeB });
    otherConnectionId = await testConnection(t.db, { "sq-a": cast.storeA }, "square", "Other POS");
    await t.db.insert(products).values([
      { sku: "WATCH-1", brand: "Maison Arlaud", name: "Calibre 12", category: "mechanical_watch", priceMinor: 1_250_000, costMinor: 600_000, currency: "CHF", isSerialized: true, warrantyMonths: 24, serviceIntervalMonths: 48, serviceKind: "full_service" },
      { sku: "RING-1", brand: "Atelier Vey", name: "Solitaire", category: "fine_jewellery", priceMinor: 480_000, costMinor: 200_000, currency: "CHF", isSerialized: false, warrantyMonths: 12 },
    ]);
  });
  afterAll(() => t.close());

  describe(`inbox → canonical rows (${batch ? "batched" : "one event at a time"})`, () => {
    it("applies a sale with its client and serial once, however often it is delivered", async () => {
      const first = await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale("S-1") }]);
      const repeat = await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale("S-1") }]);
      const result = await drain();
      expect(result).toMatchObject({ processed: 2, failed: 0, dead: 0 });
      expect((await inboxStatus(t.db, first!)).status).toBe("processed");
      expect((await inboxStatus(t.db, repeat!)).status).toBe("processed");

      const saleRows = await t.db.select().from(sales).where(eq(sales.externalId, "S-1"));
      expect(saleRows).toHaveLength(1);
      expect(saleRows[0]).toMatchObject({ storeId: cast.storeA, totalMinor: 1_346_250, currency: "CHF", origin: "webhook", status: "completed" });
      const lines = await t.db.select().from(saleLines).where(eq(saleLines.saleId, saleRows[0].id));
      expect(lines).toMatchObject([{ lineNo: 1, sku: "WATCH-1", serialNumbers: ["SN-0001"], totalMinor: 1_250_000 }]);
      expect(lines[0].productId).not.toBeNull();

      const [client] = await t.db.select().from(customers).where(eq(customers.id, saleRows[0].customerId!));
      expect(client).toMatchObject({ emailNormalized: "amelie.lindqvist@example.com", phoneNormalized: "+41791234567", homeStoreId: cast.storeA, lifetimeValueMinor: 1_346_250 });

      const [item] = await t.db.select().from(serializedItems).where(eq(serializedItems.serialNumber, "SN-0001"));
      expect(item).toMatchObject({ status: "sold", currentOwnerId: client.id, warrantyEndsOn: "2028-11-01", nextServiceDueOn: "2030-11-01" });
      const custody = await t.db.select().from(custodyEvents).where(eq(custodyEvents.itemId, item.id));
      expect(custody.map((step) => step.kind)).toEqual(["sold"]);

      const events = await t.db.select().from(domainEvents).where(eq(domainEvents.saleId, saleRows[0].id));
      expect(events.filter((event) => event.type === "sale.completed")).toEqual([expect.objectContaining({ id: `sale.completed:${saleRows[0].id}`, origin: "webhook" })]);
    });

    it("never lets an older revision overwrite a newer one", async () => {
      await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale("S-2", { ...rev(30), totalMinor: 2_000 }) }]);
      await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale("S-2", { ...rev(10), totalMinor: 1_000 }) }]);
      await drain();
      const [row] = await t.db.select().from(sales).where(eq(sales.externalId, "S-2"));
      expect(row.totalMinor).toBe(2_000);

      // versions decide before timestamps, and compare as integers past 2^53
      await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale("S-3", { ...rev(5, "9007199254740993"), totalMinor: 3 }) }]);
      await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale("S-3", { ...rev(50, "9007199254740992"), totalMinor: 2 }) }]);
      await drain();
      const [versioned] = await t.db.select().from(sales).where(eq(sales.externalId, "S-3"));
      expect(versioned.totalMinor).toBe(3);
    });

    it("holds a refund that arrives before its sale, then applies it and reverses the serial's custody", async () => {
      const refund = await inboxEvent(t.db, connectionId, [
        {
          kind: "return",
          return: {
            externalId: "R-1",
            saleExternalId: "S-4",
            locationId: "loc-a",
            returnedAt: new Date(Date.UTC(2026, 10, 2)),
            currency: "CHF",
            reason: "Changed mind",
            customerExternalId: null,
            lines: [{ saleLineExternalId: "l1", sku: "WATCH-1", quantity: 1, refundMinor: 1_250_000, serialNumber: "SN-0004" }],
          },
        },
      ]);
      const first = await drainOnce(t.db, { connectors, backoffBaseMs: 0, batch, log: () => undefined });
      expect(first.failed).toBe(1);
      expect((await inboxStatus(t.db, refund!)).lastError).toMatch(/waiting: the original sale S-4/);

      await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale("S-4", { customer: customer("cust-4", { email: "kai@example.com", phone: null, firstName: "Kai", lastName: "Berg" }), customerExternalId: "cust-4", lines: [{ ...sale("x").lines[0], serialNumbers: ["SN-0004"] }] }) }]);
      await drain();
      expect((await inboxStatus(t.db, refund!)).status).toBe("processed");

      const [item] = await t.db.select().from(serializedItems).where(eq(serializedItems.serialNumber, "SN-0004"));
      expect(item).toMatchObject({ status: "returned", currentOwnerId: null });
      const custody = await t.db.select().from(custodyEvents).where(eq(custodyEvents.itemId, item.id)).orderBy(custodyEvents.occurredAt);
      expect(custody.map((step) => step.kind)).toEqual(["sold", "returned"]);
      const [ret] = await t.db.select().from(returns).where(eq(returns.serialNumber, "SN-0004"));
      expect(ret).toMatchObject({ refundMinor: 1_250_000, quantity: 1 });
      const [owner] = await t.db.select().from(customers).where(eq(customers.emailNormalized, "kai@example.com"));
      expect(owner.lifetimeValueMinor).toBe(1_346_250 - 1_250_000);

      // the item sold again is resold, not sold
      await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale("S-5", { completedAt: new Date(Date.UTC(2026, 10, 3)), lines: [{ ...sale("x").lines[0], serialNumbers: ["SN-0004"] }] }) }]);
      await drain();
      const chain = await t.db.select().from(custodyEvents).where(eq(custodyEvents.itemId, item.id)).orderBy(custodyEvents.occurredAt, custodyEvents.createdAt);
      expect(chain.map((step) => step.kind)).toEqual(["sold", "returned", "resold"]);
    });

    it("matches one person across connections by e-mail or phone, and lists probable duplicates", async () => {
      // the same person through another POS, phone written the local way
      await inboxEvent(t.db, otherConnectionId, [{ kind: "customer", customer: customer("sq-cust-9", { email: null, phone: "+41 79 123 45 67" }) }]);
      // a namesake with other contact details
      await inboxEvent(t.db, otherConnectionId, [{ kind: "customer", customer: customer("sq-cust-10", { email: "a.lindqvist@other.example", phone: null }) }]);
      await drain();
      const refs = await t.db.select().from(customerRefs).where(eq(customerRefs.externalId, "sq-cust-9"));
      const [original] = await t.db.select().from(customerRefs).where(and(eq(customerRefs.connectionId, connectionId), eq(customerRefs.externalId, "cust-1")));
      expect(refs[0].customerId).toBe(original.customerId);

      const [namesake] = await t.db.select().from(customerRefs).where(eq(customerRefs.externalId, "sq-cust-10"));
      expect(namesake.customerId).not.toBe(original.customerId);
      const pairs = await t.db.select().from(customerDuplicates);
      expect(pairs).toContainEqual(expect.objectContaining({ reason: "same name and city", status: "open", customerAId: [namesake.customerId, original.customerId].sort()[0] }));
    });

    it("dead-letters what no retry can fix at once, and retries the rest with backoff until the last attempt", async () => {
      const unmapped = await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale("S-6", { locationId: "loc-unknown" }) }]);
      const flaky = await inboxEvent(t.db, connectionId, [], undefined, { fail: "POS timed out" });
      await drainAll(t.db, { connectors, backoffBaseMs: 0, batch, maxAttempts: 3, log: () => undefined });
      const dead = await inboxStatus(t.db, unmapped!);
      expect(dead).toMatchObject({ status: "dead", attempts: 1 });
      expect(dead.lastError).toMatch(/location loc-unknown of connection "Test POS" is not mapped to a store/);
      const exhausted = await inboxStatus(t.db, flaky!);
      expect(exhausted).toMatchObject({ status: "dead", attempts: 3, lastError: "Error: POS timed out" });
    });

    it("backs off: a failed event is not claimed again before its time", async () => {
      const id = await inboxEvent(t.db, connectionId, [], undefined, { fail: "503 from the POS" });
      await drainOnce(t.db, { connectors, backoffBaseMs: 60_000, log: () => undefined });
      const after = await inboxStatus(t.db, id!);
      expect(after.status).toBe("failed");
      expect(after.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
      expect((await drainOnce(t.db, { connectors, log: () => undefined })).claimed).toBe(0);
      await t.db.update(posEvents).set({ status: "processed" }).where(eq(posEvents.id, id!));
    });

    it("does not re-sell a returned item when a later revision of its sale arrives", async () => {
      const id = `U-${batch ? "b" : "e"}`;
      const serial = `SN-${id}`;
      const lines = [{ ...sale("x").lines[0], serialNumbers: [serial] }];
      await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale(id, { ...rev(1), lines }) }]);
      await drain();
      await inboxEvent(t.db, connectionId, [
        {
          kind: "return",
          return: { externalId: `R-${id}`, saleExternalId: id, locationId: "loc-a", returnedAt: new Date(Date.UTC(2026, 10, 2)), currency: "CHF", reason: null, customerExternalId: null, lines: [{ saleLineExternalId: null, sku: "WATCH-1", quantity: 1, refundMinor: 1_250_000, serialNumber: serial }] },
        },
      ]);
      await drain();
      await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale(id, { ...rev(9), lines }) }]);
      await drain();
      const [item] = await t.db.select().from(serializedItems).where(eq(serializedItems.serialNumber, serial));
      expect(item.status).toBe("returned");
      const chain = await t.db.select().from(custodyEvents).where(eq(custodyEvents.itemId, item.id));
      expect(chain.map((step) => step.kind).sort()).toEqual(["returned", "sold"]);
    });

    it("voids a sale without forgetting what was sold", async () => {
      const id = `V-${batch ? "b" : "e"}`;
      await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale(id, { ...rev(1) }) }]);
      await drain();
      // Clover's O:DELETE: the order cannot be fetched any more, so the void carries no lines or totals
      await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale(id, { ...rev(2), status: "voided", lines: [], subtotalMinor: 0, totalMinor: 0, taxMinor: 0 }) }]);
      await drain();
      const [row] = await t.db.select().from(sales).where(eq(sales.externalId, id));
      expect(row).toMatchObject({ status: "voided", totalMinor: 1_346_250 });
      expect(await t.db.select().from(saleLines).where(eq(saleLines.saleId, row.id))).toHaveLength(1);
      const events = await t.db.select().from(domainEvents).where(eq(domainEvents.saleId, row.id));
      expect(events.map((event) => event.type).sort()).toEqual(["item.sold", "sale.completed", "sale.voided"]);
    });

    it("learns a POS product and resolves sale lines and stock counts through its id", async () => {
      const suffix = batch ? "b" : "e";
      await inboxEvent(t.db, connectionId, [
        { kind: "product", product: { externalId: `pos-prod-${suffix}`, sku: "RING-1", name: "Solitaire 0.7 ct", brand: "Atelier Vey", priceMinor: 495_000, currency: "CHF", isSerialized: false, ...rev(1) } },
        { kind: "product", product: { externalId: `pos-new-${suffix}`, sku: `NEW-${suffix}`, name: "Tennis bracelet", brand: "Atelier Vey", priceMinor: 890_000, currency: "CHF", isSerialized: false, ...rev(1) } },
      ]);
      await drain();
      const [ring] = await t.db.select().from(products).where(eq(products.sku, "RING-1"));
      expect(ring).toMatchObject({ name: "Solitaire 0.7 ct", priceMinor: 495_000, category: "fine_jewellery" });
      const [created] = await t.db.select().from(products).where(eq(products.sku, `NEW-${suffix}`));
      expect(created).toMatchObject({ name: "Tennis bracelet", brand: "Atelier Vey", priceMinor: 890_000, costMinor: 0 });

      // a line that only names the POS product id (no SKU Vitrine knows) still finds it
      const line = { externalId: "1", sku: "", productExternalId: `pos-new-${suffix}`, name: null, brand: null, quantity: 1, unitPriceMinor: 890_000, discountMinor: 0, totalMinor: 890_000, serialNumbers: [] };
      await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale(`P-${suffix}`, { customer: null, customerExternalId: null, lines: [line] }) }]);
      await inboxEvent(t.db, connectionId, [{ kind: "inventory", inventory: { locationId: "loc-a", sku: null, productExternalId: `pos-new-${suffix}`, onHand: 3, updatedAt: new Date() } }]);
      await drain();
      const [saleRow] = await t.db.select().from(sales).where(eq(sales.externalId, `P-${suffix}`));
      const [lineRow] = await t.db.select().from(saleLines).where(eq(saleLines.saleId, saleRow.id));
      expect(lineRow.productId).toBe(created.id);
      const [level] = await t.db.select().from(inventoryLevels).where(and(eq(inventoryLevels.productId, created.id), eq(inventoryLevels.storeId, cast.storeA)));
      expect(level.onHand).toBe(3);
    });

    it("remembers a POS product id first met on a sale line or a stock count, matched by SKU", async () => {
      const suffix = batch ? "b" : "e";
      const line = { ...sale("x").lines[0], productExternalId: `SQ-VAR-${suffix}`, serialNumbers: [`SN-REF-${suffix}`] };
      await inboxEvent(t.db, otherConnectionId, [{ kind: "sale", sale: sale(`REF-${suffix}`, { locationId: "sq-a", customer: null, customerExternalId: null, lines: [line] }) }]);
      await inboxEvent(t.db, otherConnectionId, [{ kind: "inventory", inventory: { locationId: "sq-a", sku: "RING-1", productExternalId: `SQ-RING-${suffix}`, onHand: 2, updatedAt: new Date() } }]);
      await drain();
      const refs = await t.db
        .select({ externalId: productRefs.externalId, sku: products.sku })
        .from(productRefs)
        .innerJoin(products, eq(products.id, productRefs.productId))
        .where(and(eq(productRefs.connectionId, otherConnectionId), sql`${productRefs.externalId} like ${`%-${suffix}`}`))
        .orderBy(productRefs.externalId);
      expect(refs).toEqual([
        { externalId: `SQ-RING-${suffix}`, sku: "RING-1" },
        { externalId: `SQ-VAR-${suffix}`, sku: "WATCH-1" },
      ]);
      // the other connection learnt nothing: a ref belongs to the connection that sent the id
      const elsewhere = await t.db.select().from(productRefs).where(and(eq(productRefs.connectionId, connectionId), eq(productRefs.externalId, `SQ-VAR-${suffix}`)));
      expect(elsewhere).toEqual([]);
    });

    it("keeps the newest stock count", async () => {
      const at = (minutes: number) => new Date(Date.UTC(2026, 10, 3, 10, minutes));
      await inboxEvent(t.db, connectionId, [{ kind: "inventory", inventory: { locationId: "loc-b", sku: "RING-1", productExternalId: null, onHand: 4, updatedAt: at(20) } }]);
      await inboxEvent(t.db, connectionId, [{ kind: "inventory", inventory: { locationId: "loc-b", sku: "RING-1", productExternalId: null, onHand: 9, updatedAt: at(5) } }]);
      await drain();
      const [level] = await t.db.select().from(inventoryLevels).where(eq(inventoryLevels.storeId, cast.storeB));
      expect(level.onHand).toBe(4);
    });

    it("processes concurrent drains without applying anything twice", async () => {
      for (let i = 0; i < 60; i++) {
        await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale(`C-${i % 30}`, { ...rev(i), customer: customer(`cc-${i % 7}`, { email: `cc${i % 7}@example.com`, phone: null }), customerExternalId: `cc-${i % 7}`, lines: [{ ...sale("x").lines[0], serialNumbers: [`SN-C-${i % 30}`] }] }) }]);
      }
      await Promise.all([drain(), drain(), drain()]);
      const [{ count }] = await t.db.select({ count: sql<number>`count(*)::int` }).from(sales).where(sql`${sales.externalId} like 'C-%'`);
      expect(count).toBe(30);
      const [{ people }] = await t.db.select({ people: sql<number>`count(*)::int` }).from(customers).where(sql`${customers.emailNormalized} like 'cc%@example.com'`);
      expect(people).toBe(7);
      const [{ steps }] = await t.db
        .select({ steps: sql<number>`count(*)::int` })
        .from(custodyEvents)
        .innerJoin(serializedItems, eq(serializedItems.id, custodyEvents.itemId))
        .where(sql`${serializedItems.serialNumber} like 'SN-C-%'`);
      expect(steps).toBe(30);
    });
  });

}

