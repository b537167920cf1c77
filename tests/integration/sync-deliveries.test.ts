import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerRefs, customers, inventoryLevels, posConnections, posEvents, products, returns, sales, serializedItems, stores, type PosProvider } from "@/db/schema";
import { seal } from "@/lib/crypto/secret-box";
import { webhookConnectors } from "@/lib/pos/connectors";
import { FakePosData } from "@/lib/pos/fake/data";
import { fakePlatforms } from "@/lib/pos/fake/platforms";
import { startFakePos, type FakePosServer } from "@/lib/pos/fake/server";
import { credentialsAad } from "@/lib/pos/secrets";
import { Scenario, type SimProduct } from "@/lib/pos/simulate/generate";
import { Simulation, type SimTarget } from "@/lib/pos/simulate/run";
import type { SimCustomer, SimEvent, SimInventory, SimReturn, SimSale } from "@/lib/pos/simulate/scenario";
import { syncConnectors } from "@/lib/pos/sync-connectors";
import { drainAll } from "@/lib/sync/process";
import { receiveWebhook, webhookSecretAad } from "@/lib/sync/receive";
import { createTestDb, type TestDb } from "../fixtures/db";

/**
 * 10,000 signed deliveries from four platforms, 10 % of them sent twice and 5 % held back and sent
 * late, received and processed the way production does (receiver → inbox → drain, re-fetching from
 * the fake POS where the platform only notifies). The final state must be exactly the shop's.
 */

const TOKEN = "fake-pos-token";
const DELIVERIES = 10_000;
const PLATFORMS: { provider: PosProvider; location: string; config: Record<string, unknown> }[] = [
  { provider: "shopify", location: "71039201537", config: { shopDomain: "sim.myshopify.com", serialSource: { kind: "line_item_property", name: "Serial" }, currency: "GBP" } },
  { provider: "square", location: "LSIM8TF7XGK1Q", config: {} },
  { provider: "lightspeed_x", location: "0a6f4b1e-7c3d-4e2a-9b51-6d8e2f4a1c01", config: { domainPrefix: "sim", signedBytes: "raw_body", currency: "CHF" } },
  { provider: "clover", location: "MSIM0001VITRI", config: { appId: "SIMAPP" } },
];

let t: TestDb;
let fake: FakePosServer;
const targets: SimTarget[] = [];
const events = new Map<string, SimEvent[]>();

beforeAll(async () => {
  t = await createTestDb();
  fake = await startFakePos({ platforms: fakePlatforms, token: TOKEN, data: new FakePosData() });
  const catalogue: SimProduct[] = [];
  const productRows = await t.db
    .insert(products)
    .values([
      { sku: "SIM-MECH-1", brand: "Maison Arlaud", name: "Calibre 12 automatic", category: "mechanical_watch", priceMinor: 1_250_000, costMinor: 600_000, currency: "CHF", isSerialized: true, warrantyMonths: 24, serviceIntervalMonths: 48 },
      { sku: "SIM-QUARTZ-1", brand: "Maison Arlaud", name: "Lune quartz", category: "quartz_watch", priceMinor: 320_000, costMinor: 140_000, currency: "CHF", isSerialized: true, warrantyMonths: 24, serviceIntervalMonths: 24 },
      { sku: "SIM-RING-1", brand: "Atelier Vey", name: "Solitaire 0.7 ct", category: "fine_jewellery", priceMinor: 480_000, costMinor: 200_000, currency: "CHF", isSerialized: false, warrantyMonths: 12 },
      { sku: "SIM-PEARL-1", brand: "Atelier Vey", name: "Akoya strand", category: "pearls", priceMinor: 95_000, costMinor: 40_000, currency: "CHF", isSerialized: false },
    ])
    .returning();
  for (const row of productRows) catalogue.push({ sku: row.sku, productId: row.id, name: row.name, brand: row.brand, priceMinor: row.priceMinor, serialized: row.isSerialized });

  for (const [index, platform] of PLATFORMS.entries()) {
    const [store] = await t.db.insert(stores).values({ code: `S${index}`, name: platform.provider, timezone: "Europe/Zurich", currency: (platform.config.currency as string) ?? "USD", city: "Geneva" }).returning();
    const [row] = await t.db.insert(posConnections).values({ provider: platform.provider, name: platform.provider, storeMapping: { [platform.location]: store.id } }).returning();
    const webhookUrl = `https://vitrine.example/api/webhooks/${platform.provider}/${row.id}`;
    const config = { ...platform.config, apiBaseUrl: `${fake.url}/${platform.provider}`, ...(platform.provider === "square" ? { notificationUrl: webhookUrl } : {}) };
    const secret = `secret-${platform.provider}`;
    await t.db
      .update(posConnections)
      .set({ config, webhookSecretEncrypted: seal(secret, webhookSecretAad(row.id)), credentialsEncrypted: seal(JSON.stringify({ accessToken: TOKEN }), credentialsAad(row.id)) })
      .where(eq(posConnections.id, row.id));
    targets.push({
      provider: platform.provider,
      connection: { id: row.id, secret, config, webhookUrl },
      scenario: new Scenario({ seed: 100 + index, products: catalogue, locations: [platform.location], currency: store.currency, start: new Date(Date.UTC(2026, 10, 20, 9)), namespace: `t${index}` }),
    });
    events.set(row.id, []);
  }
}, 120_000);
afterAll(async () => {
  await fake?.close();
  await t?.close();
});

function lastBy<T>(items: T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

describe("10,000 deliveries, 10 % duplicates, 5 % out of order", () => {
  it("ends in exactly the shop's state", { timeout: 600_000 }, async () => {
    const seen = new Set<string>();
    let stored = 0;
    let repeatsStored = 0;
    const simulation = new Simulation({
      data: fake.data,
      targets,
      duplicateRatio: 0.1,
      outOfOrderRatio: 0.05,
      seed: 11,
      onEvent: (target, event) => events.get(target.connection.id)!.push(event),
      send: async (target, delivery) => {
        const headers = Object.fromEntries(Object.entries(delivery.headers).map(([name, value]) => [name.toLowerCase(), value]));
        const outcome = await receiveWebhook(t.db, webhookConnectors, { provider: target.provider, connectionId: target.connection.id, rawBody: delivery.body, headers }, () => undefined);
        // a repeat is the same delivery again: same headers, same bytes (Shopify sends one order body under several topics)
        const identity = `${target.connection.id}:${JSON.stringify(headers)}:${delivery.body.toString("base64")}`;
        if (seen.has(identity)) repeatsStored += outcome.body.received ?? 0;
        seen.add(identity);
        stored += outcome.body.received ?? 0;
        return outcome.status;
      },
    });
    while (simulation.stats.deliveries < DELIVERIES) await simulation.step();
    await simulation.flush();
    expect(simulation.stats.refused).toBe(0);
    expect(simulation.stats.deliveries).toBeGreaterThanOrEqual(DELIVERIES);

    // Every repeat was recognised: nothing a repeat carried was stored again.
    const [{ inbox }] = await t.db.select({ inbox: sql<number>`count(*)::int` }).from(posEvents);
    expect(simulation.stats.duplicates).toBeGreaterThan(800);
    expect(repeatsStored).toBe(0);
    expect(inbox).toBe(stored);

    const result = await drainAll(t.db, { connectors: syncConnectors, batchSize: 200, backoffBaseMs: 0, log: () => undefined });
    const stuck = await t.db.select({ topic: posEvents.topic, error: posEvents.lastError, status: posEvents.status }).from(posEvents).where(sql`${posEvents.status} <> 'processed'`).limit(5);
    expect(stuck).toEqual([]);
    expect(result.dead).toBe(0);

    for (const target of targets) {
      const happened = events.get(target.connection.id)!;
      const expectedSales = lastBy(happened.flatMap((e) => (e.kind === "sale" ? [e.sale] : [])), (s) => s.id);
      const expectedReturns: SimReturn[] = happened.flatMap((e) => (e.kind === "return" ? [e.return] : []));
      const expectedCustomers = lastBy(
        happened.flatMap((e): SimCustomer[] => (e.kind === "customer" ? [e.customer] : e.kind === "sale" && e.sale.customer ? [e.sale.customer] : [])).sort((a, b) => a.revision - b.revision),
        (c) => c.id,
      );
      const expectedStock = lastBy(happened.flatMap((e): SimInventory[] => (e.kind === "inventory" ? [e.inventory] : [])), (i) => i.sku);
      const label = target.provider;

      const saleRows = await t.db.select().from(sales).where(eq(sales.connectionId, target.connection.id));
      expect(saleRows.length, `${label}: sales`).toBe(expectedSales.size);
      const revenue = [...expectedSales.values()].reduce((sum: number, s: SimSale) => sum + s.lines.reduce((n, l) => n + l.unitPriceMinor * l.quantity - l.discountMinor, 0), 0);
      expect(saleRows.reduce((sum, s) => sum + s.subtotalMinor, 0), `${label}: revenue before tax`).toBe(revenue);

      const returnRows = await t.db.select().from(returns).where(sql`${returns.storeId} = ${saleRows[0].storeId}`);
      expect(returnRows.length, `${label}: returned lines`).toBe(expectedReturns.reduce((n, r) => n + r.lines.length, 0));

      // one client per person, holding their newest details
      const clientRows = await t.db
        .select({ email: customers.emailNormalized, city: customers.city, consentEmail: customers.consentEmail })
        .from(customers)
        .innerJoin(customerRefs, eq(customerRefs.customerId, customers.id))
        .where(eq(customerRefs.connectionId, target.connection.id));
      expect(clientRows.length, `${label}: clients`).toBe(expectedCustomers.size);
      const byEmail = new Map(clientRows.map((c) => [c.email, c]));
      for (const customer of expectedCustomers.values()) {
        expect(byEmail.get(customer.email!.toLowerCase()), `${label}: ${customer.email}`).toMatchObject({ city: customer.city, consentEmail: customer.consentEmail });
      }

      // every serial sold once; the returned ones back in the registry as returned
      const returnedSerials = new Set(expectedReturns.flatMap((r) => r.lines.map((l) => l.serialNumber).filter(Boolean)));
      const soldSerials = [...expectedSales.values()].flatMap((s) => s.lines.flatMap((l) => l.serialNumbers));
      const itemRows = await t.db.select({ serial: serializedItems.serialNumber, status: serializedItems.status }).from(serializedItems).where(sql`${serializedItems.serialNumber} = any(${sql.param(soldSerials)}::text[])`);
      expect(itemRows.length, `${label}: serialized items`).toBe(soldSerials.length);
      for (const item of itemRows) expect(item.status, `${label}: ${item.serial}`).toBe(returnedSerials.has(item.serial) ? "returned" : "sold");

      const stockRows = await t.db
        .select({ sku: products.sku, onHand: inventoryLevels.onHand })
        .from(inventoryLevels)
        .innerJoin(products, eq(products.id, inventoryLevels.productId))
        .where(eq(inventoryLevels.storeId, saleRows[0].storeId));
      expect(Object.fromEntries(stockRows.map((r) => [r.sku, r.onHand])), `${label}: stock`).toEqual(Object.fromEntries([...expectedStock.values()].map((i) => [i.sku, i.onHand])));
    }
  });
});
