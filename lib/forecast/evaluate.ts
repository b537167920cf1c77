import { backtestObserved, DEFAULT_CANDIDATES, naiveScale, pointForecast } from "./backtest";
import { METHOD_NAMES } from "./methods";
import { classifyObserved, type DemandClass } from "./classify";
import type { MethodName } from "./methods";
import { observedSeries, type SeriesOptions } from "./series";

/**
 * Hold-out evaluation of one series: the last `horizon` periods are held out; every method (and the
 * per-series selection, whose backtest sees only the training periods) forecasts them from the
 * training periods. Errors are scaled by the training part's one-step naive MAE (MASE); a series whose
 * scale is 0 or undefined, or with no observed held-out period, is excluded and says why.
 */
export type HoldoutScore = { mase: number; scaledBias: number };
export type HoldoutResult =
  | { status: "evaluated"; demandClass: DemandClass; selected: MethodName; scale: number; methods: Record<string, HoldoutScore>; selection: HoldoutScore }
  | { status: "excluded_zero_scale" | "excluded_no_holdout" | "excluded_short_training"; demandClass: DemandClass };

export type HoldoutOptions = SeriesOptions & {
  horizon: number;
  /** Methods scored on their own; default every method (the baselines naive, mean, SES, Croston included). */
  methods?: readonly MethodName[];
  /** Candidates for the per-series selection; default DEFAULT_CANDIDATES. */
  candidates?: readonly MethodName[];
  origins?: number;
};

export function evaluateHoldout(history: ArrayLike<number>, options: HoldoutOptions): HoldoutResult {
  const split = history.length - options.horizon;
  const trainCensored = options.censored?.slice(0, split);
  const train = observedSeries(Array.prototype.slice.call(history, 0, split) as number[], trainCensored).values;
  const testAll = observedSeries(Array.prototype.slice.call(history, split) as number[], options.censored?.slice(split)).values;
  const demandClass = classifyObserved(train).demandClass;
  if (train.length < 2) return { status: "excluded_short_training", demandClass };
  if (testAll.length === 0) return { status: "excluded_no_holdout", demandClass };
  const scale = naiveScale(train);
  if (!(scale > 0)) return { status: "excluded_zero_scale", demandClass };
  const score = (point: number): HoldoutScore => {
    let absolute = 0;
    let signed = 0;
    for (let i = 0; i < testAll.length; i++) {
      absolute += Math.abs(point - testAll[i]);
      signed += point - testAll[i];
    }
    return { mase: absolute / testAll.length / scale, scaledBias: signed / testAll.length / scale };
  };
  const methods: Record<string, HoldoutScore> = {};
  const points = new Map<MethodName, number>();
  for (const method of options.methods ?? METHOD_NAMES) {
    const point = pointForecast(method, train);
    points.set(method, point);
    methods[method] = score(point);
  }
  const selected = backtestObserved(train, { horizon: options.horizon, origins: options.origins, methods: options.candidates ?? DEFAULT_CANDIDATES }).selected;
  const selection = score(points.get(selected) ?? pointForecast(selected, train));
  return { status: "evaluated", demandClass, selected, scale, methods, selection };
}

export type MethodSummary = { name: string; meanMase: number; medianMase: number; meanScaledBias: number; series: number };
export type EvaluationSummary = {
  rows: MethodSummary[];
  evaluated: number;
  excluded: { zeroScale: number; noHoldout: number; shortTraining: number };
  selectedCounts: Record<string, number>;
  classCounts: Record<string, number>;
};

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarise(name: string, scores: HoldoutScore[]): MethodSummary {
  const mases = scores.map((s) => s.mase);
  const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    name,
    meanMase: total(mases) / scores.length,
    medianMase: median(mases),
    meanScaledBias: total(scores.map((s) => s.scaledBias)) / scores.length,
    series: scores.length,
  };
}

export function summariseEvaluation(results: readonly HoldoutResult[]): EvaluationSummary {
  const evaluated = results.filter((r): r is Extract<HoldoutResult, { status: "evaluated" }> => r.status === "evaluated");
  const methodNames = evaluated.length ? Object.keys(evaluated[0].methods) : [];
  const rows = methodNames.map((name) => summarise(name, evaluated.map((r) => r.methods[name])));
  rows.push(summarise("selection", evaluated.map((r) => r.selection)));
  const count = (keys: string[]) => {
    const counts: Record<string, number> = {};
    for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  };
  return {
    rows,
    evaluated: evaluated.length,
    excluded: {
      zeroScale: results.filter((r) => r.status === "excluded_zero_scale").length,
      noHoldout: results.filter((r) => r.status === "excluded_no_holdout").length,
      shortTraining: results.filter((r) => r.status === "excluded_short_training").length,
    },
    selectedCounts: count(evaluated.map((r) => r.selected)),
    classCounts: count(results.map((r) => r.demandClass)),
  };
}
