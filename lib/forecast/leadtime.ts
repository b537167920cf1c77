import { observedSeries, type SeriesOptions } from "./series";

/**
 * Lead-time demand as a discrete distribution of counts, not a normal approximation:
 * - the weekly variance-to-mean ratio d of the observed history decides the family: d ≤ 1 (or fewer
 *   than two observed weeks) → Poisson; d > 1 (over-dispersed, which intermittent and lumpy demand
 *   nearly always is) → negative binomial with the same d;
 * - over a protection interval of L weeks the mean is L × the forecast rate and the ratio d is kept
 *   (a sum of independent weeks), so the distribution widens with L and its quantiles never fall;
 * - a zero rate puts all mass on 0.
 * No sampling is involved, so the result is deterministic. The rate's own estimation error is not
 * added; a lumpy series' large orders show up through d.
 */
export type DemandDistribution =
  | { family: "zero"; mean: 0 }
  | { family: "poisson"; mean: number }
  | { family: "negative_binomial"; mean: number; dispersion: number };

/** Variance-to-mean ratio of the observed weeks (sample variance); 1 when it cannot be estimated. */
export function dispersionIndex(history: ArrayLike<number>, options: SeriesOptions = {}): number {
  const { values } = observedSeries(history, options.censored);
  return dispersionOfObserved(values);
}

export function dispersionOfObserved(values: Float64Array): number {
  if (values.length < 2) return 1;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const average = sum / values.length;
  if (average <= 0) return 1;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - average) ** 2;
  return squares / (values.length - 1) / average;
}

/** Demand over `periods` periods at `rate` per period with variance-to-mean ratio `dispersion`. */
export function demandDistribution(rate: number, dispersion: number, periods: number): DemandDistribution {
  if (!(rate >= 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be a finite number ≥ 0, got ${rate}`);
  if (!(periods >= 0) || !Number.isFinite(periods)) throw new RangeError(`periods must be a finite number ≥ 0, got ${periods}`);
  const mean = rate * periods;
  if (mean === 0) return { family: "zero", mean: 0 };
  if (!(dispersion > 1 + 1e-9)) return { family: "poisson", mean };
  return { family: "negative_binomial", mean, dispersion };
}

const MAX_SUPPORT = 10_000_000;

/**
 * The smallest count q with P(D ≤ q) ≥ level. The probabilities are accumulated in log space from 0
 * upwards (Poisson: log p(k+1) = log p(k) + log μ − log(k+1); negative binomial with size r = μ/(d−1)
 * and success probability 1/d: log p(k+1) = log p(k) + log((k+r)/(k+1)) + log(1 − 1/d)), so large
 * means do not underflow.
 */
/** log P(D = 0) and the step from log P(D = k) to log P(D = k + 1), for a non-zero distribution. */
function logMass(distribution: Exclude<DemandDistribution, { family: "zero" }>): { logP: number; step: (k: number) => number } {
  if (distribution.family === "poisson") {
    const logMean = Math.log(distribution.mean);
    return { logP: -distribution.mean, step: (k) => logMean - Math.log(k + 1) };
  }
  const r = distribution.mean / (distribution.dispersion - 1);
  const logQ = Math.log1p(-1 / distribution.dispersion);
  return { logP: -r * Math.log(distribution.dispersion), step: (k) => Math.log((k + r) / (k + 1)) + logQ };
}

export function demandQuantile(distribution: DemandDistribution, level: number): number {
  if (!(level >= 0 && level < 1)) throw new RangeError(`level must be within [0, 1), got ${level}`);
  if (distribution.family === "zero") return 0;
  // A cumulative probability within rounding error of the level counts as reaching it (as R's q* functions do).
  const target = level * (1 - 64 * Number.EPSILON);
  const { step, logP: logP0 } = logMass(distribution);
  let logP = logP0;
  let cumulative = 0;
  for (let k = 0; k < MAX_SUPPORT; k++) {
    cumulative += Math.exp(logP);
    if (cumulative >= target) return k;
    logP += step(k);
  }
  throw new RangeError("demand quantile did not converge");
}

/** P(D ≤ count). */
export function demandCdf(distribution: DemandDistribution, count: number): number {
  if (count < 0) return 0;
  if (distribution.family === "zero") return 1;
  const { step, logP: logP0 } = logMass(distribution);
  let logP = logP0;
  let cumulative = 0;
  for (let k = 0; k <= Math.floor(count); k++) {
    cumulative += Math.exp(logP);
    logP += step(k);
  }
  return Math.min(1, cumulative);
}

export type ReorderPointInput = SeriesOptions & {
  /** Weekly history the dispersion is estimated from. */
  history: ArrayLike<number>;
  /** Forecast demand per week (the selected method's point). */
  rate: number;
  leadTimeWeeks: number;
  /** Weeks between reviews (periodic review adds them to the protection interval); default 0. */
  reviewPeriodWeeks?: number;
  /** Cycle service level: probability of no stock-out over the protection interval, e.g. 0.95. */
  serviceLevel: number;
};

export type ReorderPoint = {
  /** The service-level quantile of demand over lead time (+ review period). Never negative. */
  reorderPoint: number;
  /** reorderPoint − mean lead-time demand, floored at 0. */
  safetyStock: number;
  meanLeadTimeDemand: number;
  /** The probability that lead-time demand stays within the reorder point (≥ serviceLevel). */
  achievedServiceLevel: number;
  distribution: DemandDistribution;
  protectionWeeks: number;
};

export function reorderPoint(input: ReorderPointInput): ReorderPoint {
  const protectionWeeks = input.leadTimeWeeks + (input.reviewPeriodWeeks ?? 0);
  const rate = Math.max(0, input.rate);
  const distribution = demandDistribution(rate, dispersionIndex(input.history, input), protectionWeeks);
  const point = demandQuantile(distribution, input.serviceLevel);
  return {
    reorderPoint: point,
    safetyStock: Math.max(0, point - distribution.mean),
    meanLeadTimeDemand: distribution.mean,
    achievedServiceLevel: demandCdf(distribution, point),
    distribution,
    protectionWeeks,
  };
}

/** A central interval of demand over `periods` periods, e.g. for a chart's forecast band. */
export function demandInterval(rate: number, dispersion: number, periods: number, coverage = 0.8): { lower: number; upper: number } {
  const distribution = demandDistribution(Math.max(0, rate), dispersion, periods);
  const tail = (1 - coverage) / 2;
  return { lower: demandQuantile(distribution, tail), upper: demandQuantile(distribution, 1 - tail) };
}
