import { mixSeed, seededRandom } from "./random";

/**
 * A seeded simulator of weekly store × SKU demand, in the spirit of tsintermittent's simID: each
 * period has demand with probability p, and a demand's size is 1 + a Poisson count whose mean is
 * exponentially distributed (a geometric-like, over-dispersed size). Shaped like a jeweller's
 * catalogue: about four series in five are slow (p from 0.02 to 0.45, so ADI above 1.32), the rest
 * sell most weeks; a December peak (the demo's retail month factors) scales p; one series in ten
 * fades out (obsolescence) and one in eight has a stock-out spell, whose weeks are censored with zero
 * sales recorded. The same seed and index always give the same series, however the run is split.
 */
export type SimulationOptions = { seed: number; weeks: number; startWeekOfYear?: number };
export type SimulatedSeries = { history: Float64Array; censored: boolean[] | undefined; probability: number; meanSize: number };

const MONTH_FACTOR = [0.78, 0.95, 0.85, 0.9, 1.0, 0.95, 0.88, 0.82, 0.92, 0.97, 1.12, 1.85];

function poisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const u = Math.max(random(), 1e-12);
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  }
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count++;
    product *= random();
  }
  return count;
}

export function simulateDemand(index: number, options: SimulationOptions): SimulatedSeries {
  const random = seededRandom(mixSeed(options.seed, index));
  const isSlow = random() < 0.8;
  const probability = isSlow ? 0.02 + 0.43 * random() ** 1.5 : 0.5 + 0.45 * random();
  const meanSize = random() < 0.6 ? 0.3 * random() : 0.5 + 3 * random() ** 2;
  const fadesAt = random() < 0.1 ? Math.floor(options.weeks * (0.5 + 0.4 * random())) : options.weeks;
  const hasStockOut = random() < 0.125;
  const stockOutStart = Math.floor(random() * options.weeks * 0.9);
  const stockOutLength = 2 + Math.floor(random() * 8);
  const startWeek = options.startWeekOfYear ?? 0;
  const history = new Float64Array(options.weeks);
  const censored = hasStockOut ? new Array<boolean>(options.weeks).fill(false) : undefined;
  for (let t = 0; t < options.weeks; t++) {
    const month = Math.floor((((startWeek + t) % 52) / 52) * 12);
    const fade = t < fadesAt ? 1 : Math.exp(-(t - fadesAt) / 6);
    const p = Math.min(0.98, probability * MONTH_FACTOR[month] * fade);
    const occurs = random() < p;
    const size = 1 + poisson(random, meanSize * -Math.log(Math.max(random(), 1e-12)));
    if (censored && t >= stockOutStart && t < stockOutStart + stockOutLength) {
      censored[t] = true;
      continue;
    }
    history[t] = occurs ? size : 0;
  }
  return { history, censored, probability, meanSize };
}
