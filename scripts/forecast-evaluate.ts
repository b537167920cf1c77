/**
 * Evaluates the forecasting layer on a held-out horizon (DESIGN.md, "Forecast evaluation on any data set"):
 *
 *   npm run forecast:evaluate -- --series <file.csv> --horizon <n> [--period weekly|monthly]
 *   npm run forecast:evaluate -- [--horizon <n>] [--seed <n>]
 *
 * The CSV's first column is `period`, every other column one series (header = series id, an empty
 * cell = missing, treated like a censored period). Without --series it evaluates a deterministic
 * synthetic set shaped like the demo's store × SKU weekly demand: 5 stores × 240 SKUs, 104 weeks,
 * from lib/forecast/simulate.ts with seed 6 (the database wiring of the real demo data is separate).
 * Prints per method and for the per-series selection: mean and median MASE, mean scaled bias, series
 * evaluated, series excluded (in-sample naive error zero, counted), and the wall time.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { evaluateHoldout, parseSeriesCsv, simulateDemand, summariseEvaluation, type HoldoutResult, type CsvSeries } from "../lib/forecast";
import { formatTable } from "./bench/table";

const USAGE = "Usage: npm run forecast:evaluate -- [--series <file.csv>] [--horizon <n>] [--period weekly|monthly] [--seed <n>]";

function demoSeries(seed: number): CsvSeries[] {
  const series: CsvSeries[] = [];
  for (let store = 0; store < 5; store++) {
    for (let sku = 0; sku < 240; sku++) {
      const simulated = simulateDemand(store * 240 + sku, { seed, weeks: 104 });
      series.push({ id: `store${store + 1}-sku${sku + 1}`, values: Array.from(simulated.history), censored: simulated.censored });
    }
  }
  return series;
}

function main(): number {
  const { values } = parseArgs({
    options: {
      series: { type: "string" },
      horizon: { type: "string" },
      period: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const period = values.period ?? "weekly";
  if (period !== "weekly" && period !== "monthly") throw new Error(`--period must be weekly or monthly, got "${period}"`);
  const horizon = Number(values.horizon ?? (period === "monthly" ? 6 : 8));
  if (!(Number.isInteger(horizon) && horizon >= 1)) throw new Error(`--horizon must be a positive integer, got "${values.horizon}"`);
  const startedAt = performance.now();
  const series = values.series ? parseSeriesCsv(readFileSync(values.series, "utf8")) : demoSeries(Number(values.seed ?? 6));
  const source = values.series ?? "synthetic demo-shaped store × SKU series (5 stores × 240 SKUs × 104 weeks, seed 6)";
  const results: HoldoutResult[] = series.map((s) => evaluateHoldout(s.values, { horizon, censored: s.censored }));
  const summary = summariseEvaluation(results);
  const wallMs = performance.now() - startedAt;

  console.log(`${source}: ${series.length} series, ${period}, last ${horizon} periods held out`);
  console.log(
    formatTable(
      ["method", "mean MASE", "median MASE", "mean scaled bias", "series"],
      summary.rows.map((row) => [row.name, row.meanMase.toFixed(4), row.medianMase.toFixed(4), row.meanScaledBias.toFixed(4), String(row.series)]),
    ),
  );
  console.log(`evaluated ${summary.evaluated}; excluded: ${summary.excluded.zeroScale} with zero in-sample naive error, ${summary.excluded.noHoldout} with no observed held-out period, ${summary.excluded.shortTraining} with fewer than 2 training periods`);
  console.log(`classes (training part): ${Object.entries(summary.classCounts).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  console.log(`selected: ${Object.entries(summary.selectedCounts).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  console.log(`wall time ${(wallMs / 1000).toFixed(2)} s`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exitCode = 1;
}
