import { backtestObserved, DEFAULT_CANDIDATES, type Backtest } from "./backtest";
import { classifyObserved, type Classification } from "./classify";
import { demandDistribution, demandQuantile, dispersionOfObserved, reorderPoint, type ReorderPoint } from "./leadtime";
import { adida, croston, mean, movingAverage, naive, sba, ses, tsb, type Forecast, type MethodName } from "./methods";
import { observedSeries, type SeriesOptions } from "./series";

export type ForecastSeriesOptions = SeriesOptions & {
  /** Periods ahead for the backtest and the forecast band; default 4. */
  horizon?: number;
  origins?: number;
  methods?: readonly MethodName[];
  /** With a lead time, the reorder point for `serviceLevel` (default 0.95) is computed too. */
  leadTimeWeeks?: number;
  reviewPeriodWeeks?: number;
  serviceLevel?: number;
  /** Coverage of the forecast band (default 0.8). */
  bandCoverage?: number;
};

export type BandPoint = { step: number; mean: number; lower: number; upper: number };

export type SeriesForecast = {
  classification: Classification;
  backtest: Backtest;
  /** The selected method fitted on the whole history. */
  forecast: Forecast;
  /** Per future period: the forecast rate and a central interval of that period's demand (counts). */
  band: BandPoint[];
  dispersion: number;
  leadTime: ReorderPoint | null;
};

/** Fits `method` with its defaults (the same parameters the backtest scored). */
export function fitMethod(method: MethodName, history: ArrayLike<number>, options: SeriesOptions = {}): Forecast {
  switch (method) {
    case "naive":
      return naive(history, options);
    case "moving_average":
      return movingAverage(history, options);
    case "mean":
      return mean(history, options);
    case "ses":
      return ses(history, options);
    case "croston":
      return croston(history, options);
    case "sba":
      return sba(history, options);
    case "tsb":
      return tsb(history, options);
    case "adida":
      return adida(history, options);
  }
}

/**
 * Everything a replenishment run needs for one store × SKU series: its class, the method chosen by a
 * rolling-origin backtest, that method's forecast with fitted values, a forecast band and, given a
 * lead time, the reorder point. Pure and deterministic.
 */
export function forecastSeries(history: ArrayLike<number>, options: ForecastSeriesOptions = {}): SeriesForecast {
  const horizon = options.horizon ?? 4;
  const { values } = observedSeries(history, options.censored);
  const classification = classifyObserved(values);
  const backtest = backtestObserved(values, { horizon, origins: options.origins, methods: options.methods ?? DEFAULT_CANDIDATES });
  const forecast = fitMethod(backtest.selected, history, { censored: options.censored });
  const dispersion = dispersionOfObserved(values);
  const weekly = demandDistribution(forecast.point, dispersion, 1);
  const tail = (1 - (options.bandCoverage ?? 0.8)) / 2;
  const lower = demandQuantile(weekly, tail);
  const upper = demandQuantile(weekly, 1 - tail);
  const band = Array.from({ length: horizon }, (_, i) => ({ step: i + 1, mean: forecast.point, lower, upper }));
  const leadTime =
    options.leadTimeWeeks === undefined
      ? null
      : reorderPoint({
          history,
          censored: options.censored,
          rate: forecast.point,
          leadTimeWeeks: options.leadTimeWeeks,
          reviewPeriodWeeks: options.reviewPeriodWeeks,
          serviceLevel: options.serviceLevel ?? 0.95,
        });
  return { classification, backtest, forecast, band, dispersion, leadTime };
}
