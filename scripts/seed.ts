/**
 * Loads the demo retailer into a database:
 *
 *   tsx scripts/seed.ts [--scale n] [--seed n] [--now <ISO date>] [--database-url url]
 *
 * Without --database-url it uses DATABASE_URL. Migrates first; refuses a database that already
 * has data.
 */
import { parseArgs } from "node:util";
import { createDb } from "../db/client";
import { runMigrations } from "../db/migrate";
import { DEFAULT_SEED, isSeeded, seedDemo, type SeedSummary } from "../db/seed";
import { formatNumber, formatTable } from "./bench/table";

const USAGE = "Usage: tsx scripts/seed.ts [--scale n] [--seed n] [--now <ISO date>] [--database-url url]";

class UsageError extends Error {}

function parseNumber(name: string, raw: string | undefined, fallback: number, isValid: (value: number) => boolean): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!isValid(value)) throw new UsageError(`--${name} must be ${name === "seed" ? "an integer" : "a positive number"}, got "${raw}".`);
  return value;
}

function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "the given database";
  }
}

function printSummary(summary: SeedSummary): void {
  const rows = summary.tables.map((load) => [
    load.table,
    formatNumber(load.rows),
    formatNumber(load.ms),
    load.ms > 0 ? formatNumber((load.rows / load.ms) * 1000) : "–",
  ]);
  console.log();
  console.log(formatTable(["table", "rows", "COPY ms", "rows/s"], rows));
  console.log();
  console.log(
    `${formatNumber(summary.totalRows)} rows in ${(summary.elapsedMs / 1000).toFixed(1)} s ` +
      `(seed ${summary.seed}, scale ${summary.scale}, now ${summary.now})`,
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scale: { type: "string" },
      seed: { type: "string" },
      now: { type: "string" },
      "database-url": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const url = values["database-url"] ?? process.env.DATABASE_URL;
  if (!url) throw new UsageError("No database: set DATABASE_URL or pass --database-url <url>.");
  const scale = parseNumber("scale", values.scale, 1, (value) => Number.isFinite(value) && value > 0);
  const seed = parseNumber("seed", values.seed, DEFAULT_SEED, Number.isInteger);
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now must be an ISO date, got "${values.now}".`);

  await runMigrations(url);
  const db = createDb(url, { max: 2 });
  try {
    if (await isSeeded(db)) {
      console.error(`${describeDatabase(url)} already has data (it has stores); seed an empty database, or drop and recreate this one.`);
      return 1;
    }
    console.log(`Seeding ${describeDatabase(url)} (seed ${seed}, scale ${scale})…`);
    const summary = await seedDemo(db, { seed, scale, now, log: (line) => console.log(`  ${line}`) });
    printSummary(summary);
    return 0;
  } finally {
    await db.$client.end({ timeout: 5 });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(error.message);
    } else if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      console.error(`${error.message}. ${USAGE}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  },
);
