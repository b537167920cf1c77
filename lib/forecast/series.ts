/**
 * The one rule every method shares for missing data: a week that is censored (out of stock, so
 * demand could not be observed) or not a finite number (an empty cell) is dropped, and the method
 * runs on the remaining weeks as if they were consecutive. Dropping — rather than reading the week as
 * zero — keeps stock-outs from inflating Croston's inter-demand intervals or pulling averages down.
 * Negative values (returns above sales in a week) are read as zero demand.
 */
export type SeriesOptions = {
  /** `censored[i]` true: week i was out of stock, its count is not demand. */
  censored?: readonly boolean[];
};

/** The observed demand, in order, with the index in `history` each value came from. */
export type ObservedSeries = { values: Float64Array; positions: Int32Array };

export function isObserved(history: ArrayLike<number>, censored: readonly boolean[] | undefined, i: number): boolean {
  return !(censored?.[i] ?? false) && Number.isFinite(history[i]);
}

export function observedSeries(history: ArrayLike<number>, censored?: readonly boolean[]): ObservedSeries {
  let count = 0;
  for (let i = 0; i < history.length; i++) if (isObserved(history, censored, i)) count++;
  const values = new Float64Array(count);
  const positions = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < history.length; i++) {
    if (!isObserved(history, censored, i)) continue;
    values[k] = history[i] > 0 ? history[i] : 0;
    positions[k++] = i;
  }
  return { values, positions };
}

/**
 * Spreads one-step fitted values computed on the observed weeks back onto `length` weeks:
 * `observedFitted[k]` is the forecast made before observed week k; a censored week gets the
 * forecast standing at that time (it is not updated by the week). NaN where no forecast exists yet.
 */
export function spreadFitted(observedFitted: Float64Array, positions: Int32Array, length: number, finalForecast: number): number[] {
  const fitted = new Array<number>(length).fill(Number.NaN);
  let k = 0;
  for (let i = 0; i < length; i++) {
    if (k < positions.length && positions[k] === i) fitted[i] = observedFitted[k++];
    else fitted[i] = k < positions.length ? observedFitted[k] : finalForecast;
  }
  return fitted;
}

/** Sizes of the non-zero demands and the intervals before each (the first counted from the start). */
export function demandsAndIntervals(values: ArrayLike<number>): { sizes: number[]; intervals: number[] } {
  const sizes: number[] = [];
  const intervals: number[] = [];
  let last = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] > 0) {
      sizes.push(values[i]);
      intervals.push(i + 1 - last);
      last = i + 1;
    }
  }
  return { sizes, intervals };
}
