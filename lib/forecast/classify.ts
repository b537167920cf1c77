import { observedSeries, type SeriesOptions } from "./series";

/** Syntetos–Boylan–Croston demand classes; `no_demand` when no observed week had demand. */
export const DEMAND_CLASSES = ["smooth", "erratic", "intermittent", "lumpy", "no_demand"] as const;
export type DemandClass = (typeof DEMAND_CLASSES)[number];

export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

export type Classification = {
  demandClass: DemandClass;
  /** Average inter-demand interval: mean of the gaps between demands, the first counted from the start. */
  adi: number;
  /** Squared coefficient of variation of the non-zero sizes (sample standard deviation); 0 for one demand. */
  cv2: number;
  demands: number;
  observedPeriods: number;
};

/**
 * ADI above 1.32 → intermittent or lumpy; CV² above 0.49 → erratic or lumpy (a value exactly on a
 * cut-off goes to the lower class). Censored weeks are dropped first, so a stock-out does not lengthen
 * an interval.
 */
export function classifyDemand(history: ArrayLike<number>, options: SeriesOptions = {}): Classification {
  const { values } = observedSeries(history, options.censored);
  return classifyObserved(values);
}

export function classifyObserved(values: Float64Array): Classification {
  let demands = 0;
  let lastDemandAt = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] > 0) {
      demands++;
      lastDemandAt = i + 1;
      sum += values[i];
      sumSquares += values[i] * values[i];
    }
  }
  if (demands === 0) return { demandClass: "no_demand", adi: Number.POSITIVE_INFINITY, cv2: 0, demands, observedPeriods: values.length };
  const adi = lastDemandAt / demands;
  const sizeMean = sum / demands;
  const variance = demands > 1 ? Math.max(0, (sumSquares - demands * sizeMean * sizeMean) / (demands - 1)) : 0;
  const cv2 = variance / (sizeMean * sizeMean);
  const isIntermittent = adi > ADI_CUTOFF;
  const isVariable = cv2 > CV2_CUTOFF;
  const demandClass: DemandClass = isIntermittent ? (isVariable ? "lumpy" : "intermittent") : isVariable ? "erratic" : "smooth";
  return { demandClass, adi, cv2, demands, observedPeriods: values.length };
}
