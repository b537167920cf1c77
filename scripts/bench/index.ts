/**
 * Benchmarks, each in its own freshly migrated database (vitrine_bench_<name>):
 *
 *   tsx scripts/bench/index.ts                       lists the scenarios
 *   tsx scripts/bench/index.ts <name> [--scale n] [--keep | --reuse]
 *
 * The server is BENCH_DATABASE_URL, else DATABASE_URL's server, else postgres://postgres@127.0.0.1:5432.
 * Prints an aligned table, then one JSON line per figure. --keep leaves the database for inspection;
 * --reuse keeps it too and, for a scenario with a load step, measures again on the data an earlier
 * --reuse run loaded at the same scale (new migrations applied), instead of loading it anew.
 */
import { parseArgs } from "node:util";
import { createDb } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import {
  benchDatabaseName,
  benchServerUrl,
  describeUrl,
  dropDatabase,
  formatFigures,
  markLoaded,
  percentile,
  prepareDatabase,
  timeIt,
} from "./harness";
import { SCENARIOS } from "./scenarios";
import { formatTable } from "./table";

const USAGE = "Usage: tsx scripts/bench/index.ts [<scenario> [--scale n] [--keep | --reuse]]";

function listScenarios(): string {
  return formatTable(["scenario", "what it measures"], SCENARIOS.map((scenario) => [scenario.name, scenario.description]));
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { scale: { type: "string" }, keep: { type: "boolean" }, reuse: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    console.log();
    console.log(listScenarios());
    return 0;
  }
  const [name, ...extra] = positionals;
  const scenario = SCENARIOS.find((candidate) => candidate.name === name);
  if (!scenario || extra.length > 0) {
    console.error(scenario ? `Unexpected arguments: ${extra.join(" ")}` : `Unknown scenario "${name}".`);
    console.error(listScenarios());
    return 1;
  }
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  if (!(Number.isFinite(scale) && scale > 0)) {
    console.error(`--scale must be a positive number, got "${values.scale}".`);
    return 1;
  }

  const log = (line: string) => console.error(`[bench ${scenario.name}] ${line}`);
  const serverUrl = benchServerUrl();
  const database = benchDatabaseName(scenario.name);
  const reuse = Boolean(values.reuse && scenario.load);
  const { url, loaded } = await prepareDatabase(serverUrl, database, { scale, reuse });
  log(`database ${describeUrl(url)}${loaded ? ", reused: loaded by an earlier run" : ""}`);
  await runMigrations(url);
  const db = createDb(url, { max: 4 });
  try {
    const ctx = { url, db, scale, log, timeIt, percentile };
    const figures = [];
    if (scenario.load && !loaded) {
      figures.push(...(await scenario.load(ctx)));
      await markLoaded(url, scale);
    }
    figures.push(...(await scenario.run(ctx)));
    console.log(formatFigures(scenario.name, figures));
  } finally {
    await db.$client.end({ timeout: 5 });
    if (values.keep || values.reuse) log(`kept ${describeUrl(url)}`);
    else await dropDatabase(serverUrl, database);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS") ? `${error.message}\n${USAGE}` : error);
    process.exit(1);
  },
);
