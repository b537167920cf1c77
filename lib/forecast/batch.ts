import { backtestObserved, pointForecast } from "./backtest";
import { classifyObserved, DEMAND_CLASSES } from "./classify";
import { demandDistribution, demandQuantile, dispersionOfObserved } from "./leadtime";
import { METHOD_NAMES, type MethodName } from "./methods";
import { observedSeries } from "./series";

/**
 * The whole per-series pipeline over many series at once (the nightly run's inner loop): classify,
 * select a method by rolling-origin backtest, forecast with it and take the lead-time quantile.
 * Series come packed in one Float64Array (`length` periods each) with an optional censored mask.
 */
export type BatchOptions = { length: number; horizon: number; origins: number; leadTimeWeeks: number; serviceLevel: number };
export type BatchTotals = { series: number; classCounts: number[]; methodCounts: number[]; reorderPointSum: number; rateSum: number };

export function runBatch(values: Float64Array, censored: Uint8Array | undefined, options: BatchOptions): BatchTotals {
  const count = values.length / options.length;
  const classCounts = new Array<number>(DEMAND_CLASSES.length).fill(0);
  const methodCounts = new Array<number>(METHOD_NAMES.length).fill(0);
  let reorderPointSum = 0;
  let rateSum = 0;
  const mask: boolean[] = new Array<boolean>(options.length);
  for (let s = 0; s < count; s++) {
    const history = values.subarray(s * options.length, (s + 1) * options.length);
    let isCensored: boolean[] | undefined;
    if (censored) {
      let any = false;
      for (let t = 0; t < options.length; t++) any = (mask[t] = censored[s * options.length + t] === 1) || any;
      isCensored = any ? mask : undefined;
    }
    const observed = observedSeries(history, isCensored).values;
    classCounts[DEMAND_CLASSES.indexOf(classifyObserved(observed).demandClass)]++;
    const selected = backtestObserved(observed, { horizon: options.horizon, origins: options.origins }).selected;
    methodCounts[METHOD_NAMES.indexOf(selected)]++;
    const rate = pointForecast(selected, observed);
    const distribution = demandDistribution(rate, dispersionOfObserved(observed), options.leadTimeWeeks);
    reorderPointSum += demandQuantile(distribution, options.serviceLevel);
    rateSum += rate;
  }
  return { series: count, classCounts, methodCounts, reorderPointSum, rateSum };
}

/** A baseline over the same packed series: one method's forecast per series, nothing else. */
export function runSingleMethodBatch(values: Float64Array, censored: Uint8Array | undefined, length: number, method: MethodName): { series: number; rateSum: number } {
  const count = values.length / length;
  const mask: boolean[] = new Array<boolean>(length);
  let rateSum = 0;
  for (let s = 0; s < count; s++) {
    if (censored) for (let t = 0; t < length; t++) mask[t] = censored[s * length + t] === 1;
    rateSum += pointForecast(method, observedSeries(values.subarray(s * length, (s + 1) * length), censored ? mask : undefined).values);
  }
  return { series: count, rateSum };
}
