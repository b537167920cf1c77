import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { BatchOptions, BatchTotals } from "../../../lib/forecast/batch";
import { DEMAND_CLASSES } from "../../../lib/forecast/classify";
import { METHOD_NAMES } from "../../../lib/forecast/methods";
import type { WorkerInput, WorkerRequest } from "../../forecast/bench-worker";
import { compared, defineScenario, type Figure } from "../harness";

const SERIES = 100_000;
/** Workers run TypeScript through tsx's loader, registered inside the worker (Node 20 workers do not inherit it). */
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("../../forecast/bench-worker.ts", import.meta.url).href)}); })`;
const SEED = 20_260_601;
const OPTIONS: BatchOptions = { length: 104, horizon: 4, origins: 8, leadTimeWeeks: 6, serviceLevel: 0.95 };

/**
 * The nightly forecast run at chain scale, without the database: 100,000 store × SKU series of 104
 * weeks from the seeded simulator (lib/forecast/simulate.ts, mostly intermittent, some censored
 * stock-outs), split over 2 worker threads. Full run per series: SBC classification, rolling-origin
 * backtest of 8 methods (8 origins × 4 weeks) to select one, its forecast and the 95 % quantile of
 * 6-week lead-time demand. Baselines over the same series and workers: the bare naive forecast
 * alone, and a single Croston fit per series (what the run would cost without classification,
 * backtest selection and quantiles).
 */
export default defineScenario({
  name: "forecast",
  description: "100k store × SKU weekly series: classification, backtest selection of 8 methods, lead-time quantile, vs naive only",
  async run({ scale, log }) {
    const total = Math.round(SERIES * scale);
    const threads = Math.max(1, Math.min(2, availableParallelism()));
    const share = Math.ceil(total / threads);
    const workers = Array.from({ length: threads }, (_, i) => {
      const first = i * share;
      const input: WorkerInput = { first, count: Math.max(0, Math.min(share, total - first)), seed: SEED, options: OPTIONS };
      return new Worker(WORKER_BOOT, { eval: true, workerData: input });
    });
    const ask = async <T>(request: WorkerRequest) => {
      const startedAt = performance.now();
      const replies = await Promise.all(
        workers.map(
          (worker) =>
            new Promise<{ totals?: T }>((resolve, reject) => {
              worker.once("message", resolve);
              worker.once("error", reject);
              worker.postMessage(request);
            }),
        ),
      );
      return { ms: performance.now() - startedAt, totals: replies.map((reply) => reply.totals as T) };
    };
    try {
      log(`simulating ${total} series × ${OPTIONS.length} weeks on ${threads} threads`);
      const generated = await ask("generate");
      log("naive baseline");
      const naive = await ask<{ series: number }>("naive");
      log("Croston only");
      const crostonOnly = await ask<{ series: number }>("croston");
      log("full run: classify, backtest selection, lead-time quantile");
      const cpuBefore = process.cpuUsage();
      const full = await ask<BatchTotals>("full");
      const cpu = process.cpuUsage(cpuBefore);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      const peakRssMiB = process.resourceUsage().maxRSS / 1024;

      const series = full.totals.reduce((sum, t) => sum + t.series, 0);
      const classCounts = DEMAND_CLASSES.map((_, c) => full.totals.reduce((sum, t) => sum + t.classCounts[c], 0));
      const methodCounts = METHOD_NAMES.map((_, m) => full.totals.reduce((sum, t) => sum + t.methodCounts[m], 0));
      log(`classes: ${DEMAND_CLASSES.map((name, c) => `${name} ${classCounts[c]}`).join(", ")}`);
      log(`selected: ${METHOD_NAMES.map((name, m) => `${name} ${methodCounts[m]}`).join(", ")}`);
      const share = (name: (typeof DEMAND_CLASSES)[number]) => classCounts[DEMAND_CLASSES.indexOf(name)];
      const figures: Figure[] = [
        compared("full run wall time (vs bare naive)", full.ms / 1000, naive.ms / 1000, "s"),
        compared("full run vs one Croston fit per series", full.ms / 1000, crostonOnly.ms / 1000, "s"),
        compared("series per second", (series / full.ms) * 1000, (series / naive.ms) * 1000, "series/s"),
        // CPU time, not wall time × threads: on a shared machine the wall time also holds waiting.
        { name: "full run CPU time (all threads)", value: cpuSeconds, unit: "s" },
        { name: "CPU time per series", value: (cpuSeconds * 1000) / series, unit: "ms" },
        { name: "simulation wall time", value: generated.ms / 1000, unit: "s" },
        { name: "peak memory (maxRSS, whole process)", value: peakRssMiB, unit: "MiB" },
        { name: "series", value: series, unit: "series" },
        { name: "worker threads", value: threads, unit: "threads" },
        { name: "intermittent or lumpy", value: ((share("intermittent") + share("lumpy")) / series) * 100, unit: "%" },
      ];
      return figures;
    } finally {
      await Promise.all(workers.map((worker) => worker.terminate()));
    }
  },
});
