import { spawn } from "node:child_process";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { custodyEvents, domainEvents, posEvents, products, sales, serializedItems } from "@/db/schema";
import type { CanonicalSale } from "@/lib/sync/canonical";
import { drainAll } from "@/lib/sync/process";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast } from "../fixtures/people";
import { inboxEvent, passthroughConnectors, rev, testConnection } from "../fixtures/sync/passthrough";

let t: TestDb;
let connectionId: string;
const root = path.resolve(import.meta.dirname, "../..");

function sale(n: number): CanonicalSale {
  return {
    externalId: `K-${n}`,
    ...rev(n % 50),
    locationId: "loc-a",
    status: "completed",
    completedAt: new Date(Date.UTC(2026, 10, 1, 10, n % 60)),
    currency: "CHF",
    subtotalMinor: 100_000 + n,
    discountMinor: 0,
    taxMinor: 0,
    totalMinor: 100_000 + n,
    customer: null,
    customerExternalId: null,
    associateExternalId: null,
    lines: [{ externalId: "1", sku: "CRASH-WATCH", productExternalId: null, name: "Watch", brand: "Maison", quantity: 1, unitPriceMinor: 100_000 + n, discountMinor: 0, totalMinor: 100_000 + n, serialNumbers: [`K-SN-${n}`] }],
  };
}

/** Runs the killable worker until it has applied `killAfter` events, then SIGKILLs it. */
function runAndKill(killAfter: number): Promise<{ applied: number; committed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/sync/drain-child.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.url, BATCH_SIZE: "40" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let applied = 0;
    let committed = false;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      applied += (chunk.match(/^applied /gm) ?? []).length;
      if (chunk.includes("committed")) committed = true;
      if (applied >= killAfter) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", () => resolve({ applied, committed }));
  });
}

beforeAll(async () => {
  t = await createTestDb();
  const cast = await createCast(t.db);
  connectionId = await testConnection(t.db, { "loc-a": cast.storeA });
  await t.db.insert(products).values({ sku: "CRASH-WATCH", brand: "Maison", name: "Watch", category: "mechanical_watch", priceMinor: 100_000, costMinor: 50_000, currency: "CHF", isSerialized: true, warrantyMonths: 24 });
  for (let n = 0; n < 100; n++) await inboxEvent(t.db, connectionId, [{ kind: "sale", sale: sale(n) }], `crash-${n}`);
});
afterAll(() => t.close());

describe("a worker killed in the middle of a batch", () => {
  it("loses nothing and applies nothing twice", async () => {
    const killed = await runAndKill(15);
    expect(killed.applied).toBeGreaterThanOrEqual(15);
    expect(killed.committed).toBe(false);

    // The killed batch rolled back: nothing it applied is visible, nothing is marked.
    const [{ visible }] = await t.db.select({ visible: sql<number>`count(*)::int` }).from(sales).where(sql`${sales.externalId} like 'K-%'`);
    expect(visible).toBe(0);
    const [{ done }] = await t.db.select({ done: sql<number>`count(*)::int` }).from(posEvents).where(eq(posEvents.status, "processed"));
    expect(done).toBe(0);

    // A new worker takes everything (the dead one's locks died with its connection).
    const result = await drainAll(t.db, { connectors: passthroughConnectors(), log: () => undefined });
    expect(result).toMatchObject({ processed: 100, failed: 0, dead: 0 });

    const [{ count }] = await t.db.select({ count: sql<number>`count(*)::int` }).from(sales).where(sql`${sales.externalId} like 'K-%'`);
    expect(count).toBe(100);
    const [{ items }] = await t.db.select({ items: sql<number>`count(*)::int` }).from(serializedItems).where(sql`${serializedItems.serialNumber} like 'K-SN-%'`);
    expect(items).toBe(100);
    const [{ steps }] = await t.db.select({ steps: sql<number>`count(*)::int` }).from(custodyEvents);
    expect(steps).toBe(100);
    const [{ events }] = await t.db.select({ events: sql<number>`count(*)::int` }).from(domainEvents).where(eq(domainEvents.type, "sale.completed"));
    expect(events).toBe(100);
    const [{ attempts }] = await t.db.select({ attempts: sql<number>`max(attempts)::int` }).from(posEvents);
    expect(attempts).toBe(1);
  });
});
