import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drafts, inventoryLevels, products, saleLines, sales, stores, suggestionFeedback } from "@/db/schema";
import { recordSuggestionFeedback } from "@/lib/clienteling/feedback";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { bucketSeconds } from "@/lib/overview/ai-metrics";
import { getDashboard, type Dashboard } from "@/lib/overview/dashboard";
import { parseDashboardFilters } from "@/lib/overview/filters";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createDashboardWorld, NOW, RANGE, snapshotRollups, type DashboardWorld } from "../fixtures/dashboard/world";

let t: TestDb;
let world: DashboardWorld;
let admin: Viewer;
let manager: Viewer;
let buyer: Viewer;
let forManager: Dashboard;
let forAdmin: Dashboard;
let forBuyer: Dashboard;

const filters = { ...RANGE, preset: null, storeId: null };
const bucketOf = (seconds: number) => Math.floor(4 * Math.log2(seconds));

beforeAll(async () => {
  t = await createTestDb();
  world = await createDashboardWorld(t.db);
  [admin, manager, buyer] = (await Promise.all([world.users.admin, world.users.manager, world.users.buyer].map((id) => loadViewer(t.db, id)))) as Viewer[];
  // feedback on D8's two suggestions, recorded the way the client card records it
  const feedback = (index: number, outcome: "used" | "dismissed", storeId: string) => recordSuggestionFeedback(t.db, manager, { draftId: world.drafts.D8, index, outcome, storeId });
  await feedback(0, "dismissed", world.stores.nyc);
  await feedback(0, "used", world.stores.nyc); // a change of mind replaces the outcome
  await feedback(0, "dismissed", world.stores.gva); // dismissed in Geneva, but used in New York: used
  await feedback(1, "dismissed", world.stores.nyc);
  [forManager, forAdmin, forBuyer] = await Promise.all([admin, manager, buyer].map((viewer) => getDashboard({ db: t.db, viewer, filters, now: NOW }))).then(([a, m, b]) => [m, a, b]);
});
afterAll(() => t?.close());

describe("dashboard figures on the hand-computed world", () => {
  it("counts drafts per kind and local day: created on the day created, decisions on the day decided", () => {
    const { totals, perDay, days, kinds } = forManager.ai.activity;
    expect(kinds).toEqual(["client_message", "service_ticket", "purchase_recommendation", "clienteling_note"]);
    expect(totals.client_message).toEqual({ created: 6, approved: 3, edited: 1, rejected: 1, expired: 0 });
    expect(totals.service_ticket).toEqual({ created: 3, approved: 1, edited: 0, rejected: 1, expired: 1 });
    expect(totals.clienteling_note).toEqual({ created: 1, approved: 1, edited: 0, rejected: 0, expired: 0 });
    expect(totals.purchase_recommendation).toEqual({ created: 0, approved: 0, edited: 0, rejected: 0, expired: 0 });
    // D4 was created at 02:00 UTC on the 15th: 21:00 on the 14th in New York
    expect(perDay.client_message[days.indexOf("2026-11-14")]).toEqual({ created: 3, approved: 2, edited: 1, rejected: 0, expired: 0 });
    expect(perDay.client_message[days.indexOf("2026-11-15")]).toEqual({ created: 1, approved: 1, edited: 0, rejected: 1, expired: 0 });
    expect(perDay.service_ticket[days.indexOf("2026-11-19")]).toEqual({ created: 0, approved: 0, edited: 0, rejected: 0, expired: 1 });
    expect(days).toHaveLength(11);

    // the admin also sees Tokyo: D12 created 20:00 UTC on the 9th is the 10th there; D9 a recommendation
    expect(forAdmin.ai.activity.totals.client_message).toEqual({ created: 7, approved: 4, edited: 1, rejected: 1, expired: 0 });
    expect(forAdmin.ai.activity.perDay.client_message[0]).toEqual({ created: 1, approved: 1, edited: 0, rejected: 0, expired: 0 });
    expect(forAdmin.ai.activity.totals.purchase_recommendation.created).toBe(1);
    // a buyer sees recommendations only
    expect(forBuyer.ai.activity.kinds).toEqual(["purchase_recommendation"]);
    expect(forBuyer.ai.activity.totals.purchase_recommendation.created).toBe(1);
  });

  it("gives acceptance and edit rates per kind and prompt version", () => {
    expect(forManager.ai.acceptance).toEqual([
      { kind: "client_message", promptVersion: "v1", approved: 2, edited: 1, rejected: 0, acceptanceRate: 1, editRate: 0.5 },
      { kind: "client_message", promptVersion: "v2", approved: 1, edited: 0, rejected: 1, acceptanceRate: 0.5, editRate: 0 },
      { kind: "service_ticket", promptVersion: "v1", approved: 1, edited: 0, rejected: 1, acceptanceRate: 0.5, editRate: 0 },
      { kind: "clienteling_note", promptVersion: "v1", approved: 1, edited: 0, rejected: 0, acceptanceRate: 1, editRate: 0 },
    ]);
    const v1 = forAdmin.ai.acceptance.find((r) => r.kind === "client_message" && r.promptVersion === "v1");
    expect(v1).toMatchObject({ approved: 3, edited: 1, acceptanceRate: 1, editRate: 1 / 3 });
  });

  it("gives median and p90 time to decision from the log-scale histogram", () => {
    expect(bucketOf(1800)).toBe(43);
    expect(bucketOf(14_400)).toBe(55);
    const [messages, tickets, , notes] = forManager.ai.decisionTimes;
    // 10 min, 30 min, 2 h, 4 h: the median is the 2nd, p90 the 4th
    expect(messages).toEqual({ kind: "client_message", decided: 4, medianSeconds: bucketSeconds(43), p90Seconds: bucketSeconds(55) });
    expect(messages.medianSeconds! / 1800).toBeGreaterThan(1 / 1.19);
    expect(messages.medianSeconds! / 1800).toBeLessThan(1.19);
    // 1 h and 3 days
    expect(tickets).toEqual({ kind: "service_ticket", decided: 2, medianSeconds: bucketSeconds(bucketOf(3600)), p90Seconds: bucketSeconds(bucketOf(259_200)) });
    expect(notes).toEqual({ kind: "clienteling_note", decided: 1, medianSeconds: bucketSeconds(bucketOf(7200)), p90Seconds: bucketSeconds(bucketOf(7200)) });
  });

  it("breaks rejections down by reason", () => {
    expect(forManager.ai.rejectReasons).toEqual([
      { reason: "inaccurate", rejected: 1, byKind: { service_ticket: 1 } },
      { reason: "tone", rejected: 1, byKind: { client_message: 1 } },
    ]);
  });

  it("measures outcomes: suggested items bought within 30 days, tickets completed, sales by store and category", () => {
    expect(forManager.outcomes.suggestions).toEqual({
      suggested: 2, bought: 1, used: 1, dismissed: 1, usedBought: 1, rate: 0.5,
      byPromptVersion: [{ promptVersion: "v1", suggested: 2, bought: 1, used: 1, dismissed: 1, usedBought: 1 }],
    });
    // the admin reads the all-stores rollup: the same figures
    expect(forAdmin.outcomes.suggestions).toEqual(forManager.outcomes.suggestions);
    expect(forManager.outcomes.tickets).toEqual({ fromDrafts: 1, completed: 1, cancelled: 0, open: 0, rate: 1 });
    const sales = forManager.outcomes.sales!;
    expect(sales.categories).toEqual(["gold_jewellery", "mechanical_watch", "pearls"]);
    expect(sales.stores.map((s) => [s.code, s.currency, s.revenueMinor, s.units])).toEqual([
      ["GVA", "CHF", 1_500_000, 3],
      ["NYC", "USD", 250_000, 2],
    ]);
    expect(sales.stores[0].byCategory).toEqual({ mechanical_watch: { revenueMinor: 1_200_000, units: 1 }, gold_jewellery: { revenueMinor: 300_000, units: 2 } });
    expect(forManager.outcomes.salesTotals).toEqual([
      { currency: "CHF", sales: 4, revenueMinor: 3_700_000 },
      { currency: "USD", sales: 2, revenueMinor: 250_000 },
    ]);
    expect(forAdmin.outcomes.sales!.stores.map((s) => s.code)).toEqual(["GVA", "NYC", "TYO"]);
    expect(forAdmin.outcomes.salesTotals).toContainEqual({ currency: "JPY", sales: 2, revenueMinor: 1_400_000 });
    expect(forBuyer.outcomes.suggestions).toBeNull();
    expect(forBuyer.outcomes.tickets).toBeNull();
  });

  it("shows the manager what waits: drafts by age against the 24 h target, today's high-value sales, tickets due", () => {
    expect(forManager.attention.backlog.map((b) => [b.kind, b.pending, b.overTarget, b.overThreeTargets, b.oldestCreatedAt?.toISOString() ?? null])).toEqual([
      ["client_message", 2, 1, 0, "2026-11-18T12:00:00.000Z"],
      ["service_ticket", 0, 0, 0, null],
      ["clienteling_note", 0, 0, 0, null],
    ]);
    // high-value is twice the store's average sale of the 90 days before today: Geneva's S1, S2 and S8
    // (23:00 yesterday there) average 733,333, so today's S7 (1,500,000) is; Tokyo's S9 (600,000) is
    // under twice Tokyo's S4 (800,000), though in a store without history it would pass the 5,000.00 default
    expect(forManager.attention.highValueSales.map((s) => [s.storeCode, s.totalMinor, s.averageMinor])).toEqual([["GVA", 1_500_000, 733_333]]);
    expect(forAdmin.attention.highValueSales.map((s) => [s.storeCode, s.totalMinor])).toEqual([["GVA", 1_500_000]]);
    expect(forManager.attention.ticketsDue).toMatchObject({ overdue: 1, dueSoon: 1 });
    expect(forManager.attention.ticketsDue!.next.map((n) => [n.storeCode, n.dueOn, n.isOverdue])).toEqual([["GVA", "2026-11-18", true], ["NYC", "2026-11-24", false]]);
    expect(forAdmin.attention.ticketsDue!.next.map((n) => n.dueOn)).toEqual(["2026-11-18", "2026-11-19", "2026-11-24"]);
    expect(forManager.attention.sync).toEqual({ connections: 0, healthy: 0, lagging: 0, failing: 0, rows: [] });
    expect(forManager.attention.userActivity).toBeNull();
    expect(forManager.attention.purchaseOrders).toBeNull();
  });

  it("shows the buyer recommendations waiting, stock-out risks and this month's orders", () => {
    expect(forBuyer.attention.pendingRecommendations).toEqual([{ currency: "JPY", amountMinor: 500_000, count: 1 }]);
    expect(forBuyer.attention.stockRisks!.total).toBe(2);
    expect(forBuyer.attention.stockRisks!.rows.map((r) => [r.storeCode, r.sku, r.available, r.unitsSold, r.daysOfCover])).toEqual([
      ["NYC", "MIK-STR", 0, 1, 0],
      ["GVA", "CAR-LOVE", 1, 2, 14],
    ]);
    expect(forBuyer.attention.purchaseOrders).toEqual({ totals: [{ currency: "CHF", amountMinor: 1_000_000, count: 1 }, { currency: "USD", amountMinor: 250_000, count: 1 }], open: 1 });
    expect(forBuyer.attention.backlog.map((b) => [b.kind, b.pending])).toEqual([["purchase_recommendation", 1]]);
    expect(forBuyer.attention.ticketsDue).toBeNull();
    expect(forBuyer.attention.highValueSales.map((s) => s.storeCode)).toEqual(["GVA"]);
  });

  it("shows the admin sign-ins and actions per day (their own local day) from the audit log", () => {
    const activity = forAdmin.attention.userActivity!;
    expect(activity.days).toHaveLength(11);
    expect(activity.timeZone).toBe("Europe/Zurich");
    const at = (day: string) => activity.days.indexOf(day);
    expect([activity.signIns[at("2026-11-19")], activity.actions[at("2026-11-19")], activity.activeUsers[at("2026-11-19")]]).toEqual([1, 1, 1]);
    // the admin's first store is Geneva: a sign-in at 23:30 UTC on the 19th is 00:30 on the 20th there
    expect([activity.signIns[at("2026-11-20")], activity.actions[at("2026-11-20")], activity.activeUsers[at("2026-11-20")]]).toEqual([3, 2, 2]);
    expect(activity.signIns.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it("narrows to one store from the URL, and never beyond the viewer's stores", async () => {
    const tokyoForManager = parseDashboardFilters({ store: world.stores.tyo, from: RANGE.from, to: RANGE.to }, { today: "2026-11-20", storeIds: manager.storeIds });
    expect(tokyoForManager).toEqual({ ...RANGE, preset: null, storeId: null });
    const geneva = parseDashboardFilters({ store: world.stores.gva, range: "7d" }, { today: "2026-11-20", storeIds: manager.storeIds });
    expect(geneva).toEqual({ from: "2026-11-14", to: "2026-11-20", preset: "7d", storeId: world.stores.gva });
    const onlyGeneva = await getDashboard({ db: t.db, viewer: manager, filters: { ...filters, storeId: world.stores.gva }, now: NOW });
    expect(onlyGeneva.ai.activity.totals.client_message).toEqual({ created: 5, approved: 2, edited: 1, rejected: 1, expired: 0 });
    expect(onlyGeneva.outcomes.sales!.stores.map((s) => s.code)).toEqual(["GVA"]);
    expect(onlyGeneva.attention.ticketsDue).toMatchObject({ overdue: 1, dueSoon: 0 });
    // D8 is New York's note: Geneva's feedback on it does not make it Geneva's suggestion
    expect(onlyGeneva.outcomes.suggestions).toEqual({ suggested: 0, bought: 0, used: 0, dismissed: 0, usedBought: 0, rate: null, byPromptVersion: [] });
    // a store the manager does not have is simply not there, even if the filter were forged
    const forged = await getDashboard({ db: t.db, viewer: manager, filters: { ...filters, storeId: world.stores.tyo }, now: NOW });
    expect(forged.ai.activity.totals.client_message.created).toBe(0);
    expect(forged.outcomes.sales!.stores).toEqual([]);
    expect(forged.attention.highValueSales).toEqual([]);
  });
});

describe("rollups: incremental == rebuild", () => {
  it("agrees after the fixture's inserts and decisions", async () => {
    const incremental = await snapshotRollups(t.db);
    expect(incremental.draft_daily.length).toBeGreaterThan(5);
    await t.db.execute(sql`select rollups_rebuild()`);
    expect(await snapshotRollups(t.db)).toEqual(incremental);
  });

  it("agrees after voids, deletes, moved lines, a re-categorised product, a new time zone and concurrent writers", async () => {
    const { db } = t;
    await db.update(sales).set({ status: "voided" }).where(sql`${sales.externalId} = 'S2'`);
    await db.update(sales).set({ completedAt: new Date("2026-11-16T23:30:00Z") }).where(sql`${sales.externalId} = 'S1'`);
    await db.delete(sales).where(sql`${sales.externalId} = 'S3'`);
    await db.update(saleLines).set({ quantity: 3, totalMinor: 600_000 }).where(sql`${saleLines.sku} = 'CAR-LOVE'`);
    await db.update(products).set({ category: "fine_jewellery" }).where(sql`${products.sku} = 'CAR-LOVE'`);
    // feedback withdrawn, then the note edited: its new first suggestion does not inherit the old one's feedback
    await db.delete(suggestionFeedback).where(sql`${suggestionFeedback.suggestionIndex} = 1`);
    expect((await getDashboard({ db, viewer: manager, filters, now: NOW })).outcomes.suggestions).toMatchObject({ used: 1, dismissed: 0, usedBought: 1 });
    await db.update(drafts).set({ editedOutput: { nextBestActions: [{ brand: "Rolex", name: "Submariner", reason: "x" }] } }).where(sql`${drafts.id} = ${world.drafts.D8}`);
    // 24 writers at once on the same store, day and kind: inserts and decisions
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        db.transaction(async (tx) => {
          const [row] = await tx
            .insert(drafts)
            .values({ kind: "client_message", storeId: world.stores.gva, dedupeKey: `dash:conc:${i}`, promptVersion: "v3", createdAt: new Date("2026-11-19T10:00:00Z") })
            .returning({ id: drafts.id });
          if (i % 3 > 0) {
            await tx
              .update(drafts)
              .set({ status: i % 3 === 1 ? "approved" : "rejected", decisionReason: i % 3 === 2 ? "not_needed" : null, decidedAt: new Date("2026-11-19T11:00:00Z") })
              .where(sql`${drafts.id} = ${row.id}`);
          }
        }),
      ),
    );
    const incremental = await snapshotRollups(db);
    const v3 = (incremental.draft_daily as { prompt_version: string; created: number; approved: number; rejected: number }[]).filter((r) => r.prompt_version === "v3");
    expect(v3.map((r) => [r.created, r.approved, r.rejected])).toEqual([[24, 8, 8]]);
    await db.execute(sql`select rollups_rebuild()`);
    expect(await snapshotRollups(db)).toEqual(incremental);

    // a store's new time zone moves its days (the trigger rebuilds)
    await db.update(stores).set({ timezone: "Asia/Tokyo" }).where(sql`${stores.id} = ${world.stores.nyc}`);
    const moved = await snapshotRollups(db);
    await db.execute(sql`select rollups_rebuild()`);
    expect(await snapshotRollups(db)).toEqual(moved);
    const after = await getDashboard({ db, viewer: manager, filters, now: NOW });
    expect(after.outcomes.suggestions).toMatchObject({ suggested: 1, bought: 0, used: 0, dismissed: 0, usedBought: 0 });
  });

  it("keeps stock-out risks current between daily snapshots: stock received, a sale today", async () => {
    const { db } = t;
    // New York receives pearls: no longer at risk
    await db.update(inventoryLevels).set({ onHand: 5 }).where(and(eq(inventoryLevels.storeId, world.stores.nyc), eq(inventoryLevels.productId, world.products.pearls)));
    // five watches sold in Geneva today: 1 in the snapshot + 5 today against 5 available is 23.3 days of cover, under the 28-day lead time
    const [sale] = await db
      .insert(sales)
      .values({ storeId: world.stores.gva, provider: "seed", externalId: "S10", origin: "seed", subtotalMinor: 5_000_000, totalMinor: 5_000_000, currency: "CHF", completedAt: new Date("2026-11-20T10:00:00Z") })
      .returning({ id: sales.id });
    await db.insert(saleLines).values({ saleId: sale.id, lineNo: 1, productId: world.products.watch, sku: "ROL-SUB", quantity: 5, unitPriceMinor: 1_000_000, totalMinor: 5_000_000, currency: "CHF" });
    const risks = (await getDashboard({ db, viewer: buyer, filters, now: NOW })).attention.stockRisks!;
    expect(risks.rows.map((r) => [r.storeCode, r.sku, r.available, r.unitsSold, Math.round(r.daysOfCover * 10) / 10])).toEqual([
      ["GVA", "CAR-LOVE", 1, 2, 14],
      ["GVA", "ROL-SUB", 5, 6, 23.3],
    ]);
    expect(risks.total).toBe(2);
    const incremental = await snapshotRollups(db);
    await db.execute(sql`select rollups_rebuild()`);
    expect(await snapshotRollups(db)).toEqual(incremental);
  });
});
