import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, drafts, inventoryLevels, purchaseOrderLines, purchaseOrders, stockOutWeeks, stores } from "@/db/schema";
import { executeReplenishmentRun, loadSeries, queueReplenishmentRun, recordStockOuts, RunAlreadyLive } from "@/lib/replenishment";
import { decideDraft } from "@/lib/review/decide";
import { drainExecutions } from "@/lib/review/execute";
import type { PurchaseRecommendationOutput } from "@/lib/review/kinds";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createProduct, createSale, PRODUCTS } from "../fixtures/drafting/sales";
import { createCast, type Cast } from "../fixtures/people";
import { viewerOf } from "../fixtures/review/drafts";

let t: TestDb;
let cast: Cast;
let watch: string;
let strap: string;
let idle: string;

const NOW = new Date("2026-11-25T12:00:00Z"); // a Wednesday
const WEEK = 7 * 86_400_000;

async function run() {
  const runId = await queueReplenishmentRun(t.db, { trigger: "manual", requestedById: cast.buyer });
  return executeReplenishmentRun(t.db, runId, { now: NOW });
}

const pending = () =>
  t.db
    .select()
    .from(drafts)
    .where(and(eq(drafts.kind, "purchase_recommendation"), eq(drafts.status, "pending")));

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  await t.db.update(stores).set({ rolloutPhase: 2, goLiveDate: "2025-01-01" });
  watch = await createProduct(t.db, PRODUCTS.mechanical);
  strap = await createProduct(t.db, PRODUCTS.strap);
  idle = await createProduct(t.db, PRODUCTS.camera);
  // Store A sells the watch about once every three weeks for a year; store B rarely sells it.
  for (let week = 1; week <= 52; week++) {
    if (week % 3 === 0) {
      await createSale(t.db, { storeId: cast.storeA, customerId: null, completedAt: new Date(NOW.getTime() - week * WEEK), origin: "backfill", lines: [{ productId: watch, priceMinor: 4_850_000 }] });
    }
    if (week % 2 === 0) {
      await createSale(t.db, { storeId: cast.storeA, customerId: null, completedAt: new Date(NOW.getTime() - week * WEEK - 3_600_000), origin: "backfill", lines: [{ productId: strap, priceMinor: 45_000 }] });
    }
  }
  await createSale(t.db, { storeId: cast.storeB, customerId: null, completedAt: new Date(NOW.getTime() - 40 * WEEK), origin: "backfill", lines: [{ productId: watch, priceMinor: 4_850_000 }] });
  await t.db.insert(inventoryLevels).values([
    { storeId: cast.storeA, productId: watch, onHand: 0, onOrder: 0, reserved: 0, leadTimeDays: 70 },
    { storeId: cast.storeA, productId: strap, onHand: 0, onOrder: 0, reserved: 0, leadTimeDays: 14 },
    { storeId: cast.storeA, productId: idle, onHand: 0, onOrder: 0, reserved: 0, leadTimeDays: 28 },
    { storeId: cast.storeB, productId: watch, onHand: 1, onOrder: 0, reserved: 0, leadTimeDays: 70 },
    { storeId: cast.storeB, productId: strap, onHand: 40, onOrder: 0, reserved: 0, leadTimeDays: 14 },
  ]);
});
afterAll(() => t.close());

describe("weekly series", () => {
  it("counts net units per store-local week, the last complete week last, with stock-out weeks censored", async () => {
    await t.db.insert(stockOutWeeks).values({ storeId: cast.storeA, productId: idle, weekStart: "2026-11-09" });
    const series = await loadSeries(t.db, { now: NOW, weeks: 104 });
    const a = series.find((s) => s.storeId === cast.storeA && s.productId === watch)!;
    expect(a.history).toHaveLength(104);
    expect(a.history.reduce((x, y) => x + y, 0)).toBe(17);
    expect(a.history[103 - 2]).toBe(1); // sold 3 weeks before a Wednesday: two complete weeks back, zero-based
    const idleSeries = series.find((s) => s.storeId === cast.storeA && s.productId === idle)!;
    expect(idleSeries.history.every((q) => q === 0)).toBe(true);
    expect(idleSeries.censored.filter(Boolean)).toHaveLength(1);
    expect(idleSeries.censored[102]).toBe(true); // the week of 9 Nov is the second-last complete week
  });

  it("records this week's stock-outs once", async () => {
    const first = await recordStockOuts(t.db, NOW);
    const again = await recordStockOuts(t.db, NOW);
    expect(first).toBe(3); // store A: watch, strap and camera are at zero
    expect(again).toBe(0);
  });
});

describe("a run", () => {
  it("proposes a purchase where stock is short, a transfer where another store holds excess, nothing for no demand", async () => {
    const result = await run();
    expect(result).toMatchObject({ proposed: 2, superseded: 0, unchanged: 0 });
    const rows = await pending();
    const byProduct = Object.fromEntries(rows.map((r) => [r.productId, r]));
    expect(Object.keys(byProduct).sort()).toEqual([strap, watch].sort());

    const watchRec = byProduct[watch].output as unknown as PurchaseRecommendationOutput;
    expect(watchRec).toMatchObject({ type: "purchase", supplier: null, fromStoreId: null, currency: "CHF" });
    expect(watchRec.lines[0]).toMatchObject({ productId: watch, quantity: expect.any(Number) });
    expect(watchRec.lines[0].quantity).toBeGreaterThan(0);
    expect(watchRec.evidence).toMatchObject({ demandClass: expect.any(String), leadTimeWeeks: 10, onHand: 0, position: 0 });
    expect(byProduct[watch].rationale).toMatch(/Sold 17 in the last 52 weeks/);
    expect(byProduct[watch].rationale).toMatch(/Lead time 10 weeks: reorder point \d+ for a 95% service level/);
    expect(byProduct[watch].valueMinor).toBe(watchRec.lines[0].quantity * 2_425_000);

    const strapRec = byProduct[strap].output as unknown as PurchaseRecommendationOutput;
    expect(strapRec).toMatchObject({ type: "transfer", fromStoreId: cast.storeB, supplier: null });
    expect(byProduct[strap].rationale).toMatch(/Store B holds more than it needs/);

    const created = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "draft.created"), eq(auditLog.actorId, "replenishment")));
    expect(created).toHaveLength(2);
  });

  it("re-running changes nothing when nothing changed", async () => {
    const result = await run();
    expect(result).toMatchObject({ proposed: 0, superseded: 0, unchanged: 2 });
    expect(await pending()).toHaveLength(2);
  });

  it("a second run cannot start while one is live", async () => {
    const runId = await queueReplenishmentRun(t.db, { trigger: "manual" });
    await expect(queueReplenishmentRun(t.db, { trigger: "manual" })).rejects.toBeInstanceOf(RunAlreadyLive);
    await executeReplenishmentRun(t.db, runId, { now: NOW });
  });

  it("stock that arrived supersedes the open recommendation, audited, with no successor", async () => {
    await t.db.update(inventoryLevels).set({ onHand: 30 }).where(and(eq(inventoryLevels.storeId, cast.storeA), eq(inventoryLevels.productId, strap)));
    const result = await run();
    expect(result).toMatchObject({ proposed: 0, superseded: 1, unchanged: 1 });
    const superseded = await t.db.select().from(drafts).where(and(eq(drafts.productId, strap), eq(drafts.status, "superseded")));
    expect(superseded).toHaveLength(1);
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "draft.superseded"), eq(auditLog.targetId, superseded[0].id)));
    expect(entry.details).toMatchObject({ reason: "no_longer_needed", supersededBy: null });
  });

  it("a buyer approves: a purchase order exists, and the next run counts it as on order", async () => {
    const buyer = await viewerOf(t.db, cast.buyer);
    const [rec] = await pending();
    expect(rec.productId).toBe(watch);
    const outcome = await decideDraft(t.db, { type: "user", viewer: buyer }, { id: rec.id, version: rec.version, decision: "approve" });
    expect(outcome).toMatchObject({ ok: true, status: "approved" });
    await drainExecutions(t.db, {});
    const [order] = await t.db.select().from(purchaseOrders).where(eq(purchaseOrders.sourceDraftId, rec.id));
    expect(order).toMatchObject({ type: "purchase", storeId: cast.storeA, status: "open" });
    const lines = await t.db.select().from(purchaseOrderLines).where(eq(purchaseOrderLines.purchaseOrderId, order.id));
    expect(lines).toEqual([expect.objectContaining({ productId: watch, quantity: (rec.output as unknown as PurchaseRecommendationOutput).lines[0].quantity })]);

    const result = await run();
    expect(result).toMatchObject({ proposed: 0 });
    const [series] = (await loadSeries(t.db, { now: NOW })).filter((s) => s.storeId === cast.storeA && s.productId === watch);
    expect(series.onOrder).toBe(lines[0].quantity);
  });

  it("an all-zero history proposes nothing even when the shelf is empty", async () => {
    const rows = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from drafts where product_id = ${idle}`);
    expect(rows[0].n).toBe(0);
  });
});
