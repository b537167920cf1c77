/**
 * Demand forecasting for slow, costly SKUs: pure functions over arrays of period counts (weekly for
 * store × SKU demand), with censored (out-of-stock) periods dropped rather than read as zero.
 * No database access here; the replenishment run feeds it history and stores what it returns.
 */
export { METHOD_NAMES, adida, croston, mean, movingAverage, naive, sba, ses, tsb, optimiseSesAlpha } from "./methods";
export type { Forecast, MethodName, SmoothingOptions, CrostonOptions, TsbOptions, MovingAverageOptions } from "./methods";
export { observedSeries, type SeriesOptions } from "./series";
export { classifyDemand, ADI_CUTOFF, CV2_CUTOFF, DEMAND_CLASSES, type Classification, type DemandClass } from "./classify";
export { backtest, naiveScale, pointForecast, DEFAULT_CANDIDATES, type Backtest, type BacktestOptions, type MethodScore, type SelectionRule } from "./backtest";
export {
  demandCdf,
  demandDistribution,
  demandInterval,
  demandQuantile,
  dispersionIndex,
  reorderPoint,
  type DemandDistribution,
  type ReorderPoint,
  type ReorderPointInput,
} from "./leadtime";
export { orderQuantity, type OrderExplanation, type OrderFlag, type OrderInput, type OrderRecommendation } from "./order";
export { fitMethod, forecastSeries, type BandPoint, type ForecastSeriesOptions, type SeriesForecast } from "./plan";
export { evaluateHoldout, summariseEvaluation, type HoldoutResult, type EvaluationSummary } from "./evaluate";
export { simulateDemand, type SimulatedSeries, type SimulationOptions } from "./simulate";
export { parseSeriesCsv, type CsvSeries } from "./csv";
