import { describe, expect, it } from "vitest";
import reference from "../fixtures/forecast/reference.json";
import { adida, classifyDemand, croston, demandDistribution, demandQuantile, sba, ses, tsb } from "@/lib/forecast";

/** Values from scripts/forecast/reference.R (R forecast 8.20 and independent R code). */
type Case = {
  name: string;
  history: number[];
  alpha: [number];
  beta: [number];
  croston: { point: [number]; fitted: (number | null)[] };
  sba: { point: [number] };
  ses: { point: [number]; fitted: (number | null)[] };
  tsb: { point: [number]; fitted: (number | null)[] };
  adida: { point: [number]; bucket: [number] };
  classification: { adi: [number]; cv2: [number] };
};
type QuantileCase = { distribution: ["poisson"] | ["negative_binomial"] | string; mean: [number]; dispersion?: [number]; level: [number]; quantile: [number] };

const cases = reference.cases as unknown as Case[];
const quantiles = reference.quantiles as unknown as QuantileCase[];

function expectClose(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

function expectFittedClose(actual: number[] | undefined, expected: (number | null)[]) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => {
    if (value === null) expect(actual![i]).toBeNaN();
    else expectClose(actual![i], value);
  });
}

describe("methods match the R reference values", () => {
  it("has the fixture", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(reference.generator).toContain("forecast 8.20");
  });

  describe.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const alpha = c.alpha[0];
    it("Croston (forecast::croston): point and fitted", () => {
      const result = croston(c.history, { alpha });
      expectClose(result.point, c.croston.point[0]);
      expectFittedClose(result.fitted, c.croston.fitted);
    });
    it("SBA = Croston × (1 − α/2)", () => {
      expectClose(sba(c.history, { alpha }).point, c.sba.point[0]);
    });
    it("SES (forecast::ses, initial = simple, fixed α): point and fitted", () => {
      const result = ses(c.history, { alpha });
      expectClose(result.point, c.ses.point[0]);
      expectFittedClose(result.fitted, c.ses.fitted);
    });
    it("TSB (independent R code from the paper's equations): point and fitted", () => {
      const result = tsb(c.history, { alpha, beta: c.beta[0] });
      expectClose(result.point, c.tsb.point[0]);
      expectFittedClose(result.fitted, c.tsb.fitted);
    });
    it("ADIDA (buckets of round(ADI), forecast::ses on the totals)", () => {
      const result = adida(c.history, { alpha });
      expect(result.parameters.bucket).toBe(c.adida.bucket[0]);
      expectClose(result.point, c.adida.point[0]);
    });
    it("ADI and CV²", () => {
      const result = classifyDemand(c.history);
      expectClose(result.adi, c.classification.adi[0]);
      expectClose(result.cv2, c.classification.cv2[0]);
    });
  });
});

describe("lead-time quantiles match R's qpois / qnbinom", () => {
  it.each(quantiles.map((q) => [`${q.distribution} mean ${q.mean[0]} level ${q.level[0]}`, q] as const))("%s", (_name, q) => {
    const dispersion = q.dispersion?.[0] ?? 1;
    const distribution = demandDistribution(q.mean[0], dispersion, 1);
    expect(distribution.family).toBe(String(q.distribution));
    expect(demandQuantile(distribution, q.level[0])).toBe(q.quantile[0]);
  });
});
