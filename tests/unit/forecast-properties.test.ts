import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forecastSeries, METHOD_NAMES, fitMethod, orderQuantity, reorderPoint } from "@/lib/forecast";

const counts = fc.array(fc.nat({ max: 12 }), { minLength: 0, maxLength: 60 });
const sparseCounts = fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 20 }), weight: 1 }), { minLength: 1, maxLength: 80 });
const withCensoring = (history: number[]) => fc.array(fc.boolean(), { minLength: history.length, maxLength: history.length }).map((censored) => ({ history, censored }));

describe("forecast properties", () => {
  it("every method forecasts a finite rate ≥ 0 and fitted values ≥ 0, with or without censoring", () => {
    fc.assert(
      fc.property(fc.oneof(counts, sparseCounts).chain(withCensoring), ({ history, censored }) => {
        for (const method of METHOD_NAMES) {
          for (const options of [{}, { censored }]) {
            const forecast = fitMethod(method, history, options);
            expect(Number.isFinite(forecast.point)).toBe(true);
            expect(forecast.point).toBeGreaterThanOrEqual(0);
            for (const value of forecast.fitted ?? []) if (!Number.isNaN(value)) expect(value).toBeGreaterThanOrEqual(0);
          }
        }
      }),
    );
  });

  it("forecasts stay within the range of the observed values", () => {
    fc.assert(
      fc.property(sparseCounts, (history) => {
        const max = Math.max(...history);
        for (const method of METHOD_NAMES) expect(fitMethod(method, history).point).toBeLessThanOrEqual(max + 1e-9);
      }),
    );
  });

  it("an all-zero history forecasts 0, has reorder point 0 and orders nothing", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 104 }), fc.integer({ min: 0, max: 26 }), fc.double({ min: 0.5, max: 0.999, noNaN: true }), fc.nat(5), fc.nat(5), (weeks, lead, level, onHand, onOrder) => {
        const history = new Array<number>(weeks).fill(0);
        const result = forecastSeries(history, { leadTimeWeeks: lead, serviceLevel: level });
        expect(result.forecast.point).toBe(0);
        expect(result.leadTime?.reorderPoint).toBe(0);
        const order = orderQuantity({ onHand, onOrder, reserved: 0, reorderPoint: result.leadTime!.reorderPoint, weeklyRate: result.forecast.point, weeksOfCover: 8, packSize: 3, minimumOrder: 6 });
        expect(order.quantity).toBe(0);
      }),
    );
  });

  it("a longer lead time never lowers the reorder point", () => {
    fc.assert(
      fc.property(
        sparseCounts,
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0.5, max: 0.995, noNaN: true }),
        (history, a, b, serviceLevel) => {
          const rate = fitMethod("sba", history).point;
          const shorter = reorderPoint({ history, rate, leadTimeWeeks: Math.min(a, b), serviceLevel });
          const longer = reorderPoint({ history, rate, leadTimeWeeks: Math.max(a, b), serviceLevel });
          expect(longer.reorderPoint).toBeGreaterThanOrEqual(shorter.reorderPoint);
          expect(shorter.reorderPoint).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(shorter.reorderPoint)).toBe(true);
          expect(shorter.achievedServiceLevel).toBeGreaterThanOrEqual(serviceLevel - 1e-12);
        },
      ),
    );
  });

  it("a higher service level never lowers the reorder point", () => {
    fc.assert(
      fc.property(sparseCounts, fc.double({ min: 0.5, max: 0.99, noNaN: true }), fc.double({ min: 0.5, max: 0.99, noNaN: true }), (history, a, b) => {
        const rate = fitMethod("tsb", history).point;
        const low = reorderPoint({ history, rate, leadTimeWeeks: 6, serviceLevel: Math.min(a, b) });
        const high = reorderPoint({ history, rate, leadTimeWeeks: 6, serviceLevel: Math.max(a, b) });
        expect(high.reorderPoint).toBeGreaterThanOrEqual(low.reorderPoint);
      }),
    );
  });

  it("the same input gives the same output", () => {
    fc.assert(
      fc.property(sparseCounts.chain(withCensoring), ({ history, censored }) => {
        const options = { censored, leadTimeWeeks: 5, serviceLevel: 0.9 };
        expect(forecastSeries([...history], { ...options, censored: [...censored] })).toEqual(forecastSeries(history, options));
      }),
    );
  });

  it("an order respects the pack and the minimum and brings the position to the reorder point", () => {
    fc.assert(
      fc.property(
        fc.record({
          onHand: fc.nat(20),
          onOrder: fc.nat(10),
          reserved: fc.nat(10),
          reorderPoint: fc.nat(30),
          weeklyRate: fc.double({ min: 0, max: 5, noNaN: true }),
          weeksOfCover: fc.nat(26),
          packSize: fc.integer({ min: 1, max: 12 }),
          minimumOrder: fc.nat(24),
        }),
        (input) => {
          const { quantity, explanation } = orderQuantity(input);
          const position = input.onHand + input.onOrder - input.reserved;
          if (position >= input.reorderPoint) {
            expect(quantity).toBe(0);
          } else {
            expect(quantity % input.packSize).toBe(0);
            expect(quantity).toBeGreaterThanOrEqual(input.minimumOrder);
            expect(position + quantity).toBeGreaterThanOrEqual(input.reorderPoint);
            expect(position + quantity).toBeGreaterThanOrEqual(explanation.orderUpTo - 1e-9);
          }
          expect(explanation.positionAfter).toBe(position + quantity);
        },
      ),
    );
  });
});
