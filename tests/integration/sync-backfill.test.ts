import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainEvents, posConnections, products, sales, serializedItems, stores, syncRuns, type PosProvider } from "@/db/schema";
import { seal } from "@/lib/crypto/secret-box";
import { FakePosData } from "@/lib/pos/fake/data";
import { fakePlatforms } from "@/lib/pos/fake/platforms";
import { startFakePos, type FakePosServer } from "@/lib/pos/fake/server";
import { credentialsAad } from "@/lib/pos/secrets";
import { Scenario, type SimProduct } from "@/lib/pos/simulate/generate";
import { platformSimulators } from "@/lib/pos/simulate/platforms";
import type { SimConnection, SimSale } from "@/lib/pos/simulate/scenario";
import { syncConnectors } from "@/lib/pos/sync-connectors";
import { executeSyncRun, queueSyncRun } from "@/lib/sync/backfill";
import { createTestDb, type TestDb } from "../fixtures/db";

/**
 * Backfill through each platform's API from the fake POS, with a 429 on every fourth request and a
 * worker that dies after two pages: the restarted run resumes from its saved cursor, and the result is
 * every record exactly once. A reconciliation afterwards fetches only what changed since.
 */

const TOKEN = "backfill-token";
const PLATFORMS: { provider: PosProvider; location: string; config: Record<string, unknown>; apiPath?: string }[] = [
  { provider: "lightspeed_r", location: "1", config: { currency: "CHF", accountId: "100001" }, apiPath: "/lightspeed_r/API/V3/Account/100001" },
  { provider: "square", location: "LBACKFILL0001", config: {} },
  { provider: "shopify", location: "71039201537", config: { currency: "CHF", serialSource: { kind: "line_item_property", name: "Serial" } } },
  { provider: "lightspeed_x", location: "0a6f4b1e-7c3d-4e2a-9b51-6d8e2f4a1c01", config: { currency: "CHF", pageSize: 10 } },
  { provider: "clover", location: "MBACKFILL0001", config: {} },
];

let t: TestDb;
let fake: FakePosServer;
let catalogue: SimProduct[] = [];
const waits: number[] = [];
const fastSleep = async (ms: number) => {
  waits.push(ms);
};

beforeAll(async () => {
  t = await createTestDb();
  fake = await startFakePos({ platforms: fakePlatforms, token: TOKEN, data: new FakePosData(), fail429Every: 4 });
  const rows = await t.db
    .insert(products)
    .values([
      { sku: "BF-MECH-1", brand: "Maison Arlaud", name: "Calibre 12", category: "mechanical_watch", priceMinor: 1_250_000, costMinor: 1, currency: "CHF", isSerialized: true, warrantyMonths: 24 },
      { sku: "BF-RING-1", brand: "Atelier Vey", name: "Solitaire", category: "fine_jewellery", priceMinor: 480_000, costMinor: 1, currency: "CHF" },
    ])
    .returning();
  catalogue = rows.map((row) => ({ sku: row.sku, productId: row.id, name: row.name, brand: row.brand, priceMinor: row.priceMinor, serialized: row.isSerialized }));
}, 60_000);
afterAll(async () => {
  await fake?.close();
  await t?.close();
});

describe.each(PLATFORMS)("backfill of $provider", ({ provider, location, config: platformConfig, apiPath }) => {
  it("survives 429s and a restart in the middle, then reconciles only what changed", { timeout: 120_000 }, async () => {
    const [store] = await t.db.insert(stores).values({ code: provider.toUpperCase(), name: provider, timezone: "Europe/Zurich", currency: "CHF", city: "Geneva" }).returning();
    const config = { ...platformConfig, apiBaseUrl: `${fake.url}${apiPath ?? `/${provider}`}`, pageSize: 4, orderPageSize: 3, customersPageSize: 4, ordersPageSize: 4 };
    const [row] = await t.db.insert(posConnections).values({ provider, name: `${provider} backfill`, storeMapping: { [location]: store.id }, config }).returning();
    await t.db.update(posConnections).set({ credentialsEncrypted: seal(JSON.stringify({ accessToken: TOKEN }), credentialsAad(row.id)) }).where(eq(posConnections.id, row.id));
    const connection: SimConnection = { id: row.id, secret: "", config, webhookUrl: "" };
    // history: dated in the past, so the reconciliation watermark (now) comes after it
    const scenario = new Scenario({ seed: 900 + provider.length, products: catalogue, locations: [location], currency: "CHF", start: new Date(Date.now() - 30 * 86_400_000), namespace: `bf${provider.slice(0, 3)}` });
    const history: SimSale[] = [];
    for (let i = 0; i < 24; i++) {
      const sale = scenario.sale();
      history.push(sale);
      platformSimulators[provider].record(fake.data, { kind: "sale", sale }, connection);
    }

    const run = await queueSyncRun(t.db, { connectionId: row.id, kind: "backfill" });
    const options = { connectors: syncConnectors, httpOverrides: { sleep: fastSleep } };
    waits.length = 0;
    const crashed = await executeSyncRun(t.db, run.id, { ...options, maxPages: 2 });
    expect(crashed.status, crashed.error ?? "").toBe("running");
    expect(crashed.pages).toBe(2);

    // A fresh worker does not steal a run whose heartbeat is fresh…
    const untouched = await executeSyncRun(t.db, run.id, options);
    expect(untouched.pages).toBe(2);
    // …but resumes one whose worker died (heartbeat gone stale).
    await t.db.update(syncRuns).set({ heartbeatAt: sql`now() - interval '5 minutes'` }).where(eq(syncRuns.id, run.id));
    const finished = await executeSyncRun(t.db, run.id, options);
    expect(finished.status, finished.error ?? "").toBe("succeeded");
    expect(finished.pages).toBeGreaterThan(2);
    expect(waits.length).toBeGreaterThan(0);
    expect(finished.rateLimitWaits).toBeGreaterThan(0);

    const saleRows = await t.db.select().from(sales).where(eq(sales.connectionId, row.id));
    expect(saleRows).toHaveLength(history.length);
    expect(new Set(saleRows.map((s) => s.externalId)).size).toBe(history.length);
    expect(saleRows.every((s) => s.origin === "backfill")).toBe(true);
    const serials = history.flatMap((s) => s.lines.flatMap((l) => l.serialNumbers));
    const [{ items }] = await t.db.select({ items: sql<number>`count(*)::int` }).from(serializedItems).where(sql`${serializedItems.serialNumber} = any(${sql.param(serials)}::text[])`);
    expect(items).toBe(serials.length);
    const [{ live }] = await t.db
      .select({ live: sql<number>`count(*)::int` })
      .from(domainEvents)
      .where(sql`${domainEvents.type} = 'sale.completed' and ${domainEvents.origin} <> 'backfill' and ${domainEvents.storeId} = ${store.id}`);
    expect(live).toBe(0);

    // Later: three new sales; the hourly reconciliation picks them up from the watermark.
    const later = new Scenario({ seed: 77 + provider.length, products: catalogue, locations: [location], currency: "CHF", start: new Date(Date.now() - 5 * 60_000), namespace: `rc${provider.slice(0, 3)}` });
    for (let i = 0; i < 3; i++) platformSimulators[provider].record(fake.data, { kind: "sale", sale: later.sale() }, connection);
    const reconcile = await queueSyncRun(t.db, { connectionId: row.id, kind: "reconciliation" });
    expect(reconcile.since).not.toBeNull();
    const reconciled = await executeSyncRun(t.db, reconcile.id, options);
    expect(reconciled.status, reconciled.error ?? "").toBe("succeeded");
    const after = await t.db.select({ origin: sales.origin }).from(sales).where(eq(sales.connectionId, row.id));
    expect(after).toHaveLength(history.length + 3);
    expect(after.filter((s) => s.origin === "reconciliation")).toHaveLength(3);
  });
});
