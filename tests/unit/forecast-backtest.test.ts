import { describe, expect, it } from "vitest";
import {
  backtest,
  classifyDemand,
  evaluateHoldout,
  forecastSeries,
  naiveScale,
  orderQuantity,
  parseSeriesCsv,
  simulateDemand,
  summariseEvaluation,
} from "@/lib/forecast";

describe("rolling-origin backtest and selection", () => {
  it("scores every candidate over origins × horizon errors and picks the lowest MASE", () => {
    // a steady 2 per week with one early spike: the mean is pulled up, the recent-weighted methods are not
    const history = [20, ...new Array<number>(39).fill(2)];
    const result = backtest(history, { horizon: 4, origins: 6, methods: ["mean", "ses", "moving_average"] });
    expect(result).toMatchObject({ origins: 6, horizon: 4, rule: "lowest_mase" });
    for (const score of result.scores) expect(score.errors).toBe(24);
    const best = Math.min(...result.scores.map((s) => s.mase!));
    expect(result.scores.find((s) => s.method === result.selected)!.mase).toBe(best);
    expect(result.selected).not.toBe("mean");
    expect(result.scale).toBeCloseTo(naiveScale(history), 12);
  });

  it("bias is forecast − actual: positive when over-forecasting", () => {
    const history = [10, 10, 10, 10, 10, 10, 10, 10, 0, 0, 0, 0];
    const result = backtest(history, { horizon: 2, origins: 2, methods: ["mean"], minTrain: 4 });
    expect(result.scores[0].bias).toBeGreaterThan(0);
  });

  it("a constant history has zero naive error: MASE is null and MAE ranks the methods", () => {
    const result = backtest(new Array<number>(30).fill(0), { horizon: 4 });
    expect(result.rule).toBe("lowest_mae_zero_scale");
    expect(result.scores.every((s) => s.mase === null && s.mae === 0)).toBe(true);
    expect(result.selected).toBe("sba");
  });

  it("too short a history for one origin falls back to SBA, unscored", () => {
    expect(backtest([0, 1, 0], { horizon: 4 })).toMatchObject({ selected: "sba", rule: "default_short_history", scores: [] });
  });
});

describe("hold-out evaluation", () => {
  it("scales by the training part's naive MAE and scores the held-out periods", () => {
    const result = evaluateHoldout([0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 2, 2], { horizon: 2, methods: ["naive", "mean"] });
    expect(result.status).toBe("evaluated");
    if (result.status !== "evaluated") return;
    expect(result.scale).toBe(2);
    // naive from the training part's last value 2: no error on 2, 2; mean 1: error 1 each → MASE 0.5
    expect(result.methods.naive).toEqual({ mase: 0, scaledBias: 0 });
    expect(result.methods.mean).toEqual({ mase: 0.5, scaledBias: -0.5 });
  });

  it("excludes and counts series with zero in-sample naive error or no observed held-out period", () => {
    const results = [
      evaluateHoldout([0, 0, 0, 0, 0, 3], { horizon: 1 }),
      evaluateHoldout([1, 0, 2, Number.NaN], { horizon: 1 }),
      evaluateHoldout([1, 0, 2, 0, 1, 0, 0, 1, 0, 3, 0, 1], { horizon: 2 }),
    ];
    expect(results.map((r) => r.status)).toEqual(["excluded_zero_scale", "excluded_no_holdout", "evaluated"]);
    const summary = summariseEvaluation(results);
    expect(summary.evaluated).toBe(1);
    expect(summary.excluded).toEqual({ zeroScale: 1, noHoldout: 1, shortTraining: 0 });
    expect(summary.rows.map((r) => r.name)).toContain("selection");
    expect(summary.rows.map((r) => r.name)).toEqual(expect.arrayContaining(["naive", "mean", "ses", "croston"]));
  });

  it("reads the DESIGN.md CSV contract: period column, one column per series, empty = missing", () => {
    const series = parseSeriesCsv("period,a,b\n1,0,3\n2,,1\n3,2,0\n");
    expect(series.map((s) => s.id)).toEqual(["a", "b"]);
    expect(series[0].values).toEqual([0, Number.NaN, 2]);
    expect(() => parseSeriesCsv("week,a\n1,0\n")).toThrow(/period/);
    expect(() => parseSeriesCsv("period,a\n1,x\n")).toThrow(/not a number/);
  });
});

describe("forecastSeries and orderQuantity", () => {
  const history = [0, 1, 0, 0, 2, 0, 0, 0, 1, 0, 0, 1, 0, 0, 3, 0, 0, 1, 0, 0, 0, 2, 0, 0, 1, 0];

  it("returns the class, the selected method's forecast, a band and the reorder point", () => {
    const result = forecastSeries(history, { horizon: 4, leadTimeWeeks: 8, serviceLevel: 0.9 });
    expect(result.classification.demandClass).toBe("intermittent");
    expect(result.forecast.method).toBe(result.backtest.selected);
    expect(result.forecast.fitted).toHaveLength(history.length);
    expect(result.band).toHaveLength(4);
    expect(result.band[0].lower).toBeLessThanOrEqual(result.band[0].upper);
    expect(result.leadTime!.reorderPoint).toBeGreaterThanOrEqual(Math.floor(result.leadTime!.meanLeadTimeDemand));
    expect(result.leadTime!.achievedServiceLevel).toBeGreaterThanOrEqual(0.9);
  });

  it("orders up to reorder point + cover, in whole packs, at least the minimum, and explains why", () => {
    const { quantity, explanation } = orderQuantity({
      onHand: 1,
      onOrder: 0,
      reserved: 1,
      reorderPoint: 3,
      weeklyRate: 0.5,
      weeksOfCover: 4,
      packSize: 2,
      minimumOrder: 4,
      unitCost: 1000,
      unitPrice: 2500,
    });
    // position 0, order-up-to 3 + 2 = 5 → 5 units → 6 in packs of 2 (≥ minimum 4)
    expect(quantity).toBe(6);
    expect(explanation).toMatchObject({
      position: 0,
      isBelowReorderPoint: true,
      orderUpTo: 5,
      needed: 5,
      positionAfter: 6,
      weeksOfCoverAfter: 12,
      orderCost: 6000,
      expectedRevenue: 15000,
      expectedMargin: 9000,
      flags: ["rounded_up_for_pack"],
    });
  });

  it("orders nothing at or above the reorder point; flags minimums and non-positive margins", () => {
    expect(orderQuantity({ onHand: 3, onOrder: 0, reserved: 0, reorderPoint: 3, weeklyRate: 1 }).quantity).toBe(0);
    const raised = orderQuantity({ onHand: 0, onOrder: 0, reserved: 0, reorderPoint: 1, weeklyRate: 0.1, minimumOrder: 5, unitCost: 10, unitPrice: 9 });
    expect(raised.quantity).toBe(5);
    expect(raised.explanation.flags).toEqual(["raised_to_minimum", "non_positive_margin"]);
    const reservations = orderQuantity({ onHand: 0, onOrder: 0, reserved: 2, reorderPoint: 0, weeklyRate: 0 });
    expect(reservations.quantity).toBe(2);
    expect(reservations.explanation.flags).toContain("covers_reservations_only");
  });
});

describe("simulateDemand", () => {
  it("is deterministic per seed and index, and mostly intermittent", () => {
    const a = simulateDemand(42, { seed: 7, weeks: 104 });
    expect(simulateDemand(42, { seed: 7, weeks: 104 })).toEqual(a);
    expect(simulateDemand(43, { seed: 7, weeks: 104 }).history).not.toEqual(a.history);
    const classes = Array.from({ length: 400 }, (_, i) => {
      const s = simulateDemand(i, { seed: 7, weeks: 104 });
      return classifyDemand(s.history, { censored: s.censored }).demandClass;
    });
    const slow = classes.filter((c) => c === "intermittent" || c === "lumpy").length;
    expect(slow / classes.length).toBeGreaterThan(0.7);
  });
});
