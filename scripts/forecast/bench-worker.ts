/**
 * Worker for `npm run bench -- forecast`: simulates its share of the series (seeded per series index,
 * so the split does not change the data), then runs the full pipeline or the naive baseline on request.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runBatch, runSingleMethodBatch, type BatchOptions } from "../../lib/forecast/batch";
import { simulateDemand } from "../../lib/forecast/simulate";

export type WorkerInput = { first: number; count: number; seed: number; options: BatchOptions };
export type WorkerRequest = "generate" | "full" | "naive" | "croston";

const { first, count, seed, options } = workerData as WorkerInput;
let values = new Float64Array(0);
let censored = new Uint8Array(0);

parentPort!.on("message", (request: WorkerRequest) => {
  if (request === "generate") {
    values = new Float64Array(count * options.length);
    censored = new Uint8Array(count * options.length);
    for (let i = 0; i < count; i++) {
      const series = simulateDemand(first + i, { seed, weeks: options.length });
      values.set(series.history, i * options.length);
      series.censored?.forEach((isCensored, t) => (censored[i * options.length + t] = isCensored ? 1 : 0));
    }
    parentPort!.postMessage({ request });
  } else if (request === "full") {
    parentPort!.postMessage({ request, totals: runBatch(values, censored, options) });
  } else {
    parentPort!.postMessage({ request, totals: runSingleMethodBatch(values, censored, options.length, request) });
  }
});
