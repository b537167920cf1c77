import { describe, expect, it } from "vitest";
import { adida, backtest, croston, mean, movingAverage, naive, sba, ses, tsb, METHOD_NAMES, fitMethod } from "@/lib/forecast";

const history = [0, 2, 0, 0, 0, 0, 0, 0, 1, 0, 3, 0];
const stockOut = [false, false, true, true, true, true, true, false, false, false, false, false];
const withoutStockOut = history.filter((_, i) => !stockOut[i]);

describe("censored weeks are missing, not zero demand", () => {
  it("every method gives the same forecast as on the series with the censored weeks removed", () => {
    for (const method of METHOD_NAMES) {
      expect(fitMethod(method, history, { censored: stockOut }).point).toBeCloseTo(fitMethod(method, withoutStockOut).point, 12);
    }
  });

  it("Croston's intervals are not inflated by a stock-out", () => {
    const censoredRate = croston(history, { censored: stockOut }).point;
    const zeroRate = croston(history).point;
    expect(censoredRate).toBeGreaterThan(zeroRate);
    // demands 2, 1, 3 at observed positions 2, 4, 6: intervals 2, 2, 2
    expect(censoredRate).toBeCloseTo((2 + 0.1 * (1 - 2) + 0.1 * (3 - (2 + 0.1 * (1 - 2)))) / 2, 12);
  });

  it("empty cells (NaN) are missing like censored weeks", () => {
    const withGaps = history.map((value, i) => (stockOut[i] ? Number.NaN : value));
    for (const method of METHOD_NAMES) expect(fitMethod(method, withGaps).point).toBeCloseTo(fitMethod(method, withoutStockOut).point, 12);
  });

  it("fitted values keep the history's length; a censored week carries the standing forecast", () => {
    const result = sba(history, { censored: stockOut, alpha: 0.1 });
    expect(result.fitted).toHaveLength(history.length);
    const fitted = result.fitted!;
    for (let i = 3; i <= 7; i++) expect(fitted[i]).toBe(fitted[2]);
    expect(fitted[0]).toBeNaN();
  });

  it("the backtest neither fits nor scores censored weeks", () => {
    const long = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 2 : 0));
    const censored = long.map((_, i) => i >= 20 && i < 30);
    const dropped = long.filter((_, i) => !censored[i]);
    expect(backtest(long, { horizon: 3, censored })).toEqual(backtest(dropped, { horizon: 3 }));
  });
});

describe("edge cases follow R's conventions", () => {
  it("a single demand: Croston = size ÷ its interval counted from the start (leading zeros included)", () => {
    expect(croston([0, 0, 0, 4, 0, 0]).point).toBe(1);
    expect(sba([0, 0, 0, 4, 0, 0], { alpha: 0.2 }).point).toBeCloseTo(0.9, 12);
    expect(tsb([0, 0, 0, 4, 0, 0], { alpha: 0.1, beta: 0.1 }).point).toBeCloseTo(4 * 0.25 * 0.9 * 0.9, 12);
  });

  it("all-zero and empty histories forecast 0 with every method", () => {
    for (const h of [[], [0], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]) {
      for (const method of METHOD_NAMES) expect(fitMethod(method, h).point).toBe(0);
    }
  });

  it("baselines: naive is the last observed value, mean and moving average over observed weeks", () => {
    expect(naive([1, 2, 5, 0, 3]).point).toBe(3);
    expect(naive([1, 2, 5], { censored: [false, false, true] }).point).toBe(2);
    expect(mean([1, 2, 6]).point).toBe(3);
    expect(movingAverage([9, 1, 2, 3], { window: 3 }).point).toBe(2);
    expect(movingAverage([4], { window: 3 }).point).toBe(4);
  });

  it("negative weeks (net returns) count as zero demand", () => {
    expect(mean([2, -3, 4, 0]).point).toBe(1.5);
  });

  it("SES with α optimised picks the grid α with the least one-step squared error", () => {
    const series = [0, 5, 0, 5, 0, 5, 0, 5, 0, 5];
    const fitted = ses(series);
    expect(fitted.parameters.alpha).toBeGreaterThanOrEqual(0.01);
    expect(fitted.parameters.alpha).toBeLessThanOrEqual(0.99);
    const sse = (alpha: number) => {
      let level = series[0];
      let total = 0;
      for (let i = 1; i < series.length; i++) {
        total += (series[i] - level) ** 2;
        level += alpha * (series[i] - level);
      }
      return total;
    };
    for (let a = 0.05; a < 0.96; a += 0.05) expect(sse(fitted.parameters.alpha)).toBeLessThanOrEqual(sse(a) + 1e-9);
  });

  it("ADIDA spreads the SES forecast of bucket totals evenly", () => {
    // demands every 3rd period: ADI 3, buckets of 3 each holding one demand of 3 → 1 per period
    const result = adida([0, 0, 3, 0, 0, 3, 0, 0, 3, 0, 0, 3], { alpha: 0.3 });
    expect(result.parameters.bucket).toBe(3);
    expect(result.point).toBeCloseTo(1, 12);
  });

  it("rejects parameters outside their range", () => {
    expect(() => croston([1, 0, 1], { alpha: 0 })).toThrow(RangeError);
    expect(() => tsb([1, 0, 1], { beta: 1.5 })).toThrow(RangeError);
    expect(() => movingAverage([1], { window: 0 })).toThrow(RangeError);
  });
});
