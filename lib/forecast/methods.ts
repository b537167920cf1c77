import { demandsAndIntervals, observedSeries, spreadFitted, type SeriesOptions } from "./series";

/**
 * Point-forecast methods for weekly (or monthly) demand counts. Every method returns a flat forecast:
 * `point` is the demand rate per period for every future period. Censored and missing weeks are
 * dropped before fitting (see series.ts), so each method sees only weeks where demand was observable.
 * An empty or all-zero history forecasts 0 (as R's forecast 8.20 croston does).
 */
export const METHOD_NAMES = ["naive", "moving_average", "mean", "ses", "croston", "sba", "tsb", "adida"] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

export type Forecast = {
  method: MethodName;
  /** Demand per period, for every future period. Never negative. */
  point: number;
  /** One-step-ahead in-sample forecasts aligned with `history` (NaN where none exists yet). */
  fitted?: number[];
  parameters: Record<string, number>;
};

export type SmoothingOptions = SeriesOptions & {
  /** Smoothing constant in (0, 1]; omitted: chosen by in-sample one-step squared error (SES, ADIDA). */
  alpha?: number;
};
export type CrostonOptions = SeriesOptions & { alpha?: number };
export type TsbOptions = SeriesOptions & { alpha?: number; beta?: number };
export type MovingAverageOptions = SeriesOptions & { window?: number };

/** R's forecast::croston default. */
export const DEFAULT_CROSTON_ALPHA = 0.1;
export const DEFAULT_TSB_ALPHA = 0.1;
export const DEFAULT_TSB_BETA = 0.1;
export const DEFAULT_MOVING_AVERAGE_WINDOW = 13;

function checkAlpha(name: string, value: number): number {
  if (!(value > 0 && value <= 1)) throw new RangeError(`${name} must be within (0, 1], got ${value}`);
  return value;
}

// ── Cores: observed values in, point forecast out. The backtest calls these on prefixes. ──────────

export function naiveCore(values: Float64Array): number {
  return values.length === 0 ? 0 : values[values.length - 1];
}

export function meanCore(values: Float64Array): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

export function movingAverageCore(values: Float64Array, window: number): number {
  const from = Math.max(0, values.length - window);
  if (values.length === from) return 0;
  let sum = 0;
  for (let i = from; i < values.length; i++) sum += values[i];
  return sum / (values.length - from);
}

/** SES with the level started at the first value (R's `ses(initial = "simple")`). */
export function sesCore(values: ArrayLike<number>, alpha: number): number {
  if (values.length === 0) return 0;
  let level = values[0];
  for (let i = 1; i < values.length; i++) level += alpha * (values[i] - level);
  return level;
}

/**
 * In-sample one-step squared errors of SES for four smoothing constants in one pass: the level
 * recursion is a dependency chain, so four independent chains side by side run about as fast as one.
 */
function sesSquaredErrors4(values: ArrayLike<number>, alphas: readonly number[], from: number, out: Float64Array): void {
  const a0 = alphas[from] ?? 0.5;
  const a1 = alphas[from + 1] ?? 0.5;
  const a2 = alphas[from + 2] ?? 0.5;
  const a3 = alphas[from + 3] ?? 0.5;
  let l0 = values[0];
  let l1 = l0;
  let l2 = l0;
  let l3 = l0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 1; i < values.length; i++) {
    const y = values[i];
    const e0 = y - l0;
    const e1 = y - l1;
    const e2 = y - l2;
    const e3 = y - l3;
    s0 += e0 * e0;
    s1 += e1 * e1;
    s2 += e2 * e2;
    s3 += e3 * e3;
    l0 += a0 * e0;
    l1 += a1 * e1;
    l2 += a2 * e2;
    l3 += a3 * e3;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

const COARSE_ALPHAS = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

/**
 * The α minimising the in-sample one-step squared error, as R's ses(initial = "simple") does with
 * optim: here a 0.05 grid over [0.05, 0.95] refined to 0.01 around the best point (deterministic, and
 * cheap enough for 100,000 series). Ties keep the α considered first. Fewer than 3 values: 0.1.
 */
export function optimiseSesAlpha(values: ArrayLike<number>): number {
  if (values.length < 3) return 0.1;
  let best = 0.05;
  let bestError = Infinity;
  const errors = new Float64Array(4);
  const consider = (alphas: readonly number[]) => {
    for (let from = 0; from < alphas.length; from += 4) {
      sesSquaredErrors4(values, alphas, from, errors);
      for (let k = 0; k < 4 && from + k < alphas.length; k++) {
        if (bestError === Infinity || errors[k] < bestError - 1e-12 * Math.max(1, bestError)) {
          bestError = errors[k];
          best = alphas[from + k];
        }
      }
    }
  };
  consider(COARSE_ALPHAS);
  const centre = Math.round(best * 100);
  const fine: number[] = [];
  for (let hundredths = centre - 4; hundredths <= centre + 4; hundredths++) {
    if (hundredths >= 1 && hundredths <= 99 && hundredths !== centre) fine.push(hundredths / 100);
  }
  consider(fine);
  return best;
}

/** Croston's size ÷ interval, both smoothed with SES started at the first demand and first interval. */
export function crostonCore(values: Float64Array, alpha: number): number {
  let size = 0;
  let interval = 0;
  let last = 0;
  for (let i = 0; i < values.length; i++) {
    const y = values[i];
    if (y <= 0) continue;
    const gap = i + 1 - last;
    last = i + 1;
    if (interval === 0) {
      size = y;
      interval = gap;
    } else {
      size += alpha * (y - size);
      interval += alpha * (gap - interval);
    }
  }
  return interval === 0 ? 0 : size / interval;
}

/**
 * TSB: the size z is smoothed (α) at demand periods only; the demand probability p is smoothed (β)
 * every period towards 1 (demand) or 0 (none). Started at the first demand with z = its size and
 * p = 1 / its interval (the same starting information as Croston); updates run on later periods.
 */
export function tsbCore(values: Float64Array, alpha: number, beta: number): number {
  let size = 0;
  let probability = -1;
  for (let i = 0; i < values.length; i++) {
    const y = values[i];
    if (probability < 0) {
      if (y > 0) {
        size = y;
        probability = 1 / (i + 1);
      }
      continue;
    }
    if (y > 0) {
      size += alpha * (y - size);
      probability += beta * (1 - probability);
    } else {
      probability -= beta * probability;
    }
  }
  return probability < 0 ? 0 : size * probability;
}

/**
 * ADIDA: aggregate into non-overlapping buckets of k = round(mean inter-demand interval) periods
 * (half to even, as R and numpy round),
 * counted back from the last period (an incomplete first bucket is dropped), forecast the bucket
 * totals with SES and spread the bucket forecast equally over its k periods.
 */
export function adidaCore(values: Float64Array, alpha: number | undefined): { point: number; bucket: number; alpha: number } {
  const { intervals } = demandsAndIntervals(values);
  if (intervals.length === 0) return { point: 0, bucket: 1, alpha: alpha ?? 0.1 };
  let sum = 0;
  for (const gap of intervals) sum += gap;
  const bucket = Math.max(1, roundHalfEven(sum / intervals.length));
  const buckets = Math.floor(values.length / bucket);
  if (buckets === 0) return { point: meanCore(values), bucket, alpha: alpha ?? 0.1 };
  const totals = new Float64Array(buckets);
  const offset = values.length - buckets * bucket;
  for (let b = 0; b < buckets; b++) {
    let total = 0;
    for (let i = offset + b * bucket; i < offset + (b + 1) * bucket; i++) total += values[i];
    totals[b] = total;
  }
  const chosen = alpha ?? optimiseSesAlpha(totals);
  return { point: sesCore(totals, chosen) / bucket, bucket, alpha: chosen };
}

function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (Math.abs(fraction - 0.5) > 1e-12) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

// ── Public methods: history + options in, forecast with fitted values out. ────────────────────────

function withFitted(method: MethodName, history: ArrayLike<number>, options: SeriesOptions, parameters: Record<string, number>, step: (values: Float64Array) => Float64Array, point: (values: Float64Array) => number): Forecast {
  const { values, positions } = observedSeries(history, options.censored);
  const final = point(values);
  return { method, point: final, fitted: spreadFitted(step(values), positions, history.length, final), parameters };
}

/** One-step fitted values of a method whose forecast depends only on the values seen so far. */
function prefixFitted(values: Float64Array, point: (prefix: Float64Array) => number): Float64Array {
  const fitted = new Float64Array(values.length).fill(Number.NaN);
  for (let k = 1; k < values.length; k++) fitted[k] = point(values.subarray(0, k));
  return fitted;
}

export function naive(history: ArrayLike<number>, options: SeriesOptions = {}): Forecast {
  return withFitted("naive", history, options, {}, (v) => prefixFitted(v, naiveCore), naiveCore);
}

export function mean(history: ArrayLike<number>, options: SeriesOptions = {}): Forecast {
  return withFitted("mean", history, options, {}, (v) => prefixFitted(v, meanCore), meanCore);
}

export function movingAverage(history: ArrayLike<number>, options: MovingAverageOptions = {}): Forecast {
  const window = options.window ?? DEFAULT_MOVING_AVERAGE_WINDOW;
  if (!(Number.isInteger(window) && window >= 1)) throw new RangeError(`window must be a positive integer, got ${window}`);
  const core = (v: Float64Array) => movingAverageCore(v, window);
  return withFitted("moving_average", history, options, { window }, (v) => prefixFitted(v, core), core);
}

export function ses(history: ArrayLike<number>, options: SmoothingOptions = {}): Forecast {
  const { values } = observedSeries(history, options.censored);
  const alpha = options.alpha === undefined ? optimiseSesAlpha(values) : checkAlpha("alpha", options.alpha);
  const fittedValues = (v: Float64Array) => {
    const fitted = new Float64Array(v.length).fill(Number.NaN);
    if (v.length === 0) return fitted;
    let level = v[0];
    for (let i = 0; i < v.length; i++) {
      fitted[i] = level;
      level += alpha * (v[i] - level);
    }
    return fitted;
  };
  return withFitted("ses", history, options, { alpha }, fittedValues, (v) => sesCore(v, alpha));
}

export function croston(history: ArrayLike<number>, options: CrostonOptions = {}): Forecast {
  const alpha = checkAlpha("alpha", options.alpha ?? DEFAULT_CROSTON_ALPHA);
  const core = (v: Float64Array) => crostonCore(v, alpha);
  return withFitted("croston", history, options, { alpha }, (v) => prefixFitted(v, core), core);
}

/** Syntetos–Boylan approximation: Croston × (1 − α/2), which removes Croston's positive bias. */
export function sba(history: ArrayLike<number>, options: CrostonOptions = {}): Forecast {
  const alpha = checkAlpha("alpha", options.alpha ?? DEFAULT_CROSTON_ALPHA);
  const factor = 1 - alpha / 2;
  const core = (v: Float64Array) => crostonCore(v, alpha) * factor;
  return withFitted("sba", history, options, { alpha }, (v) => prefixFitted(v, core), core);
}

export function tsb(history: ArrayLike<number>, options: TsbOptions = {}): Forecast {
  const alpha = checkAlpha("alpha", options.alpha ?? DEFAULT_TSB_ALPHA);
  const beta = checkAlpha("beta", options.beta ?? DEFAULT_TSB_BETA);
  const core = (v: Float64Array) => tsbCore(v, alpha, beta);
  return withFitted("tsb", history, options, { alpha, beta }, (v) => prefixFitted(v, core), core);
}

export function adida(history: ArrayLike<number>, options: SmoothingOptions = {}): Forecast {
  if (options.alpha !== undefined) checkAlpha("alpha", options.alpha);
  const { values } = observedSeries(history, options.censored);
  const result = adidaCore(values, options.alpha);
  return { method: "adida", point: result.point, parameters: { alpha: result.alpha, bucket: result.bucket } };
}
