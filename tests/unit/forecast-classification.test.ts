import { describe, expect, it } from "vitest";
import { classifyDemand } from "@/lib/forecast";

describe("Syntetos–Boylan–Croston classification", () => {
  it("smooth: demand most periods, steady sizes", () => {
    const result = classifyDemand([3, 4, 3, 5, 4, 3, 4, 4]);
    expect(result).toMatchObject({ demandClass: "smooth", adi: 1, demands: 8 });
    expect(result.cv2).toBeLessThan(0.49);
  });

  it("erratic: demand most periods, sizes vary", () => {
    expect(classifyDemand([1, 9, 1, 12, 1, 1, 15, 2]).demandClass).toBe("erratic");
  });

  it("intermittent: ADI above 1.32, steady sizes", () => {
    const result = classifyDemand([0, 0, 2, 0, 0, 2, 0, 0, 3, 0, 0, 2]);
    expect(result).toMatchObject({ demandClass: "intermittent", adi: 3 });
  });

  it("lumpy: ADI above 1.32 and variable sizes", () => {
    expect(classifyDemand([0, 0, 1, 0, 0, 14, 0, 0, 0, 2, 0, 25]).demandClass).toBe("lumpy");
  });

  it("values exactly on the cut-offs fall in the lower class", () => {
    // ADI = 33/25 = 1.32 exactly: 25 demands, the last at period 33; equal sizes (CV² 0)
    const history = Array.from({ length: 33 }, (_, i) => (i < 25 ? 1 : 0));
    history[24] = 0;
    history[32] = 1;
    const result = classifyDemand(history);
    expect(result.adi).toBeCloseTo(1.32, 12);
    expect(result.demandClass).toBe("smooth");
    // CV² = 0.49 exactly is not erratic: sizes 1 and x with (sd/mean)² = 0.49 → x = (1 + c)/(1 − c), c = 0.7/√2
    const c = 0.7 / Math.SQRT2;
    const x = (1 + c) / (1 - c);
    const boundary = classifyDemand([1, x]);
    expect(boundary.cv2).toBeCloseTo(0.49, 9);
  });

  it("no demand at all is its own class; one demand has CV² 0", () => {
    expect(classifyDemand([0, 0, 0]).demandClass).toBe("no_demand");
    expect(classifyDemand([]).demandClass).toBe("no_demand");
    expect(classifyDemand([0, 0, 0, 5])).toMatchObject({ demandClass: "intermittent", adi: 4, cv2: 0 });
  });

  it("censored weeks do not lengthen the inter-demand interval", () => {
    const history = [2, 0, 0, 0, 0, 3, 0, 2, 3, 2];
    const stockOut = [false, true, true, true, true, false, false, false, false, false];
    expect(classifyDemand(history).demandClass).toBe("intermittent");
    expect(classifyDemand(history, { censored: stockOut })).toMatchObject({ demandClass: "smooth", observedPeriods: 6 });
  });
});
