import postgres from "postgres";
import type { Database } from "../../db/client";
import { formatNumber, formatTable } from "./table";

/**
 * One measured number. With a `baseline` (the bare implementation measured in the same run),
 * `ratio` = value ÷ baseline, so for throughput above 1 is better and for latency below 1 is.
 */
export type Figure = { name: string; value: number; unit: string; baseline?: number; ratio?: number };

export type ScenarioContext = {
  /** URL of the scenario's own, freshly migrated database. */
  url: string;
  db: Database;
  scale: number;
  /** Progress lines (stderr), kept out of the results on stdout. */
  log: (line: string) => void;
  timeIt: typeof timeIt;
  percentile: typeof percentile;
};

export type Scenario = {
  name: string;
  description: string;
  /**
   * Makes the scenario's data, when that is slow enough to be worth keeping between runs: with
   * `--reuse` a database that an earlier run loaded at the same scale is migrated and measured again
   * without loading. Scenarios without it always start from an empty database.
   */
  load?: (ctx: ScenarioContext) => Promise<Figure[]>;
  run: (ctx: ScenarioContext) => Promise<Figure[]>;
};

export function defineScenario(scenario: Scenario): Scenario {
  if (!/^[a-z0-9_]+$/.test(scenario.name)) throw new Error(`Scenario names are lower-case letters, digits and _: "${scenario.name}"`);
  return scenario;
}

export type TimeItOptions = {
  iterations: number;
  warmup?: number;
  /** Runs before every iteration (warm-up included), outside the timing: reset state here. */
  setup?: () => Promise<void> | void;
};

/** Wall time of `fn` in milliseconds, once per iteration after `warmup` untimed runs. */
export async function timeIt(fn: () => Promise<unknown> | unknown, options: TimeItOptions): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < (options.warmup ?? 0) + options.iterations; i++) {
    await options.setup?.();
    const startedAt = performance.now();
    await fn();
    const elapsed = performance.now() - startedAt;
    if (i >= (options.warmup ?? 0)) samples.push(elapsed);
  }
  return samples;
}

/** The p-th percentile (0–100) of `samples`, interpolating linearly between ranks. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error("percentile of no samples");
  if (p < 0 || p > 100) throw new Error(`percentile must be within 0–100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
}

/** A figure measured against a bare baseline in the same run. */
export function compared(name: string, value: number, baseline: number, unit: string): Figure {
  return { name, value, unit, baseline, ratio: baseline === 0 ? undefined : value / baseline };
}

const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * The server the scenarios run on: BENCH_DATABASE_URL (used as given to create and drop
 * databases), else the server of DATABASE_URL (through its `postgres` database), else the local one.
 */
export function benchServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BENCH_DATABASE_URL) return env.BENCH_DATABASE_URL;
  if (env.DATABASE_URL) return withDatabase(env.DATABASE_URL, "postgres");
  return DEFAULT_SERVER_URL;
}

export function benchDatabaseName(scenario: string): string {
  return `vitrine_bench_${scenario}`;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "an invalid URL";
  }
}

function databaseOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || null;
  } catch {
    return null;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Drops and creates `name` on the server; never a database the app or the tests point at. */
export async function recreateDatabase(serverUrl: string, name: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const protectedNames = [databaseOf(env.DATABASE_URL), databaseOf(env.TEST_DATABASE_URL)];
  if (!name.startsWith("vitrine_bench_") || protectedNames.includes(name)) {
    throw new Error(`Refusing to recreate ${name}: benchmarks only use their own vitrine_bench_* databases.`);
  }
  const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
    await sql.unsafe(`create database ${quoteIdent(name)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
  return withDatabase(serverUrl, name);
}

/** Where a reused database records what was loaded into it (outside the migrations' tables). */
const LOADED_TABLE = "bench_loaded";

/**
 * With `reuse`, the scenario's database as an earlier run loaded it at `scale` (only the migrations
 * added since are applied by the caller); otherwise, or when there is none, a freshly created one.
 */
export async function prepareDatabase(serverUrl: string, name: string, { scale, reuse }: { scale: number; reuse: boolean }): Promise<{ url: string; loaded: boolean }> {
  if (reuse && (await loadedScale(withDatabase(serverUrl, name))) === scale) return { url: withDatabase(serverUrl, name), loaded: true };
  return { url: await recreateDatabase(serverUrl, name), loaded: false };
}

/** The scale an earlier run loaded into the database at `url`, or null (no database, or not loaded to the end). */
async function loadedScale(url: string): Promise<number | null> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql<{ scale: number }[]>`select scale from ${sql(LOADED_TABLE)} limit 1`;
    return row ? Number(row.scale) : null;
  } catch {
    return null;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Marks the database at `url` as loaded at `scale`, once the scenario's load finished. */
export async function markLoaded(url: string, scale: number): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await sql`create table if not exists ${sql(LOADED_TABLE)} (scale float8 not null, loaded_at timestamptz not null default now())`;
    await sql`insert into ${sql(LOADED_TABLE)} (scale) values (${scale})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function formatValue(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return Math.abs(value) >= 100 ? formatNumber(value) : formatNumber(value, 2);
}

/** The aligned table for people, then one JSON line per figure for tools. */
export function formatFigures(scenario: string, figures: readonly Figure[]): string {
  const table = formatTable(
    ["figure", "value", "unit", "baseline", "ratio"],
    figures.map((figure) => [
      figure.name,
      formatValue(figure.value),
      figure.unit,
      formatValue(figure.baseline),
      figure.ratio === undefined ? "–" : `${figure.ratio.toFixed(2)}×`,
    ]),
  );
  const json = figures.map((figure) =>
    JSON.stringify({ scenario, name: figure.name, value: figure.value, unit: figure.unit, baseline: figure.baseline ?? null, ratio: figure.ratio ?? null }),
  );
  return [table, "", ...json].join("\n");
}
