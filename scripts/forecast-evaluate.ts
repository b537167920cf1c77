/**
 * Evaluates the forecasting layer on a held-out horizon (DESIGN.md, "Forecast evaluation on any data set"):
 *
 *   npm run forecast:evaluate -- --series <file.csv> --horizon <n> [--period weekly|monthly]
 *   npm run forecast:evaluate -- [--horizon <n>] [--seed <n>]
 *
 * The CSV's first column is `period`, every other column one series (header = series id, an empty
 * cell = missing, treated like a censored period). Without --series it evaluates the demo data's
 * store × SKU weekly series (net sales, stock-out weeks censored) as the replenishment run sees them:
 * from DATABASE_URL when set, otherwise from the demo data (seed 42, as `npm start` loads it) in a
 * throwaway embedded Postgres. `--synthetic` evaluates a deterministic synthetic set shaped like it
 * instead (5 stores × 240 SKUs, 104 weeks, lib/forecast/simulate.ts, `--seed`, default 6).
 * Prints per method and for the per-series selection: mean and median MASE, mean scaled bias, series
 * evaluated, series excluded (in-sample naive error zero, counted), and the wall time.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { evaluateHoldout, parseSeriesCsv, simulateDemand, summariseEvaluation, type HoldoutResult, type CsvSeries } from "../lib/forecast";
import { formatTable } from "./bench/table";

/** The demo's store × SKU series, through the same loader the replenishment run uses. */
async function demoDatabaseSeries(): Promise<{ series: CsvSeries[]; source: string }> {
  const [{ createDb }, { loadSeries }] = await Promise.all([import("../db/client"), import("../lib/replenishment/series")]);
  let url = process.env.DATABASE_URL;
  let stop = async () => undefined as void;
  let source = `the store × SKU series in DATABASE_URL`;
  if (!url) {
    const [{ startEmbeddedPostgres }, { runMigrations }, { seedDemo }, os, path, fs] = await Promise.all([
      import("../lib/runtime/embedded-postgres"),
      import("../db/migrate"),
      import("../db/seed"),
      import("node:os"),
      import("node:path"),
      import("node:fs"),
    ]);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vitrine-evaluate-"));
    fs.chmodSync(dataDir, 0o755); // as root, the cluster belongs to a postgres user that must reach it
    const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: 54_339 });
    stop = async () => {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    url = server.url("postgres");
    process.env.VITRINE_CREDENTIALS_KEY ??= Buffer.alloc(32, 1).toString("base64");
    await runMigrations(url);
    const seedDb = createDb(url, { max: 4 });
    await seedDemo(seedDb, { seed: 42, scale: 1, log: () => undefined });
    await seedDb.$client.end();
    source = "the demo data's store × SKU series (seed 42, as npm start loads it)";
  }
  const db = createDb(url, { max: 2 });
  try {
    const rows = await loadSeries(db, { now: new Date() });
    return {
      source,
      series: rows.map((r) => ({ id: `${r.storeCode}-${r.sku}`, values: r.history, censored: r.censored })),
    };
  } finally {
    await db.$client.end();
    await stop();
  }
}

const USAGE = "Usage: npm run forecast:evaluate -- [--series <file.csv> | --synthetic [--seed <n>]] [--horizon <n>] [--period weekly|monthly]";

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

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      series: { type: "string" },
      horizon: { type: "string" },
      period: { type: "string" },
      seed: { type: "string" },
      synthetic: { type: "boolean" },
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
  let series: CsvSeries[];
  let source: string;
  if (values.series) {
    series = parseSeriesCsv(readFileSync(values.series, "utf8"));
    source = values.series;
  } else if (values.synthetic) {
    series = demoSeries(Number(values.seed ?? 6));
    source = `synthetic demo-shaped store × SKU series (5 stores × 240 SKUs × 104 weeks, seed ${values.seed ?? 6})`;
  } else {
    ({ series, source } = await demoDatabaseSeries());
  }
  const startedAt = performance.now();
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

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exitCode = 1;
  },
);
