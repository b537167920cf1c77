import { describe, expect, it } from "vitest";
import { assess, planProposals, rationaleOf } from "@/lib/replenishment/plan";
import type { StoreSkuSeries } from "@/lib/replenishment/series";

function series(overrides: Partial<StoreSkuSeries>): StoreSkuSeries {
  return {
    storeId: "a",
    storeCode: "AAA",
    storeName: "Store A",
    productId: "p",
    sku: "AUR-M40",
    brand: "Aurelian",
    name: "Meridian Automatic 40",
    supplier: "Aurelian SA",
    currency: "CHF",
    unitCostMinor: 2_400_000,
    unitPriceMinor: 4_850_000,
    packSize: 1,
    minOrderQty: 0,
    onHand: 0,
    onOrder: 0,
    reserved: 0,
    leadTimeDays: 70,
    history: Array.from({ length: 104 }, (_, i) => (i % 3 === 0 ? 1 : 0)),
    censored: new Array(104).fill(false),
    ...overrides,
  };
}

describe("replenishment plan", () => {
  it("an all-zero history orders nothing, even with an empty shelf", () => {
    const a = assess(series({ history: new Array(104).fill(0) }));
    expect(a.order.quantity).toBe(0);
    expect(planProposals([a])).toEqual([]);
  });

  it("a store short of stock buys when no other store has excess", () => {
    const [p] = planProposals([assess(series({}))]);
    expect(p).toMatchObject({ type: "purchase", from: null });
    expect(p.quantity).toBeGreaterThan(0);
    expect(rationaleOf(p)).toMatch(/^Sold 17 in the last 52 weeks\./);
    expect(rationaleOf(p)).toMatch(/Order \d+: up to the reorder point plus 8 weeks of cover/);
  });

  it("a spare unit is promised once: the riskier store gets the transfer, the other buys", () => {
    const donor = assess(series({ storeId: "c", storeCode: "CCC", storeName: "Store C", onHand: 40, history: new Array(104).fill(0) }));
    const needs = Math.ceil(assess(series({})).order.needed);
    const spare = assess(series({ storeId: "c", storeCode: "CCC", storeName: "Store C", onHand: needs, history: new Array(104).fill(0) }));
    const a = assess(series({ storeId: "a", storeCode: "AAA" }));
    const b = assess(series({ storeId: "b", storeCode: "BBB", storeName: "Store B" }));
    expect(donor.excess).toBe(40);
    const plan = planProposals([a, b, spare]);
    expect(plan.map((p) => [p.assessment.series.storeId, p.type])).toEqual([
      ["a", "transfer"],
      ["b", "purchase"],
    ]);
    expect(plan[0].from).toEqual({ storeId: "c", storeName: "Store C" });
  });

  it("censored weeks are not zero demand: the same sales over fewer observed weeks forecast a higher rate", () => {
    const history = Array.from({ length: 104 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const censored = history.map((q) => q === 0); // every zero week out of stock
    const open = assess(series({ history }));
    const short = assess(series({ history, censored }));
    expect(short.weeklyRate).toBeGreaterThan(open.weeklyRate);
  });
});
