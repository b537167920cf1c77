/**
 * The Playwright web server: recreates, migrates and seeds the `vitrine_e2e` database, builds the
 * app (unless E2E_SKIP_BUILD=1 and a build exists), then serves it with `next start` until
 * signalled. Playwright starts its webServer before globalSetup, so the database work lives here;
 * it also keeps an embedded Postgres (when no server is available) alive as long as the app.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { seedDemo } from "../../db/seed";
import { E2E_STATE_FILE } from "../../tests/fixtures/e2e";
import {
  createDatabase,
  describePostgres,
  dropDatabaseIfExists,
  EMBEDDED_FOR_E2E,
  REPO_ROOT,
  resolveTestPostgres,
  type TestPostgres,
} from "../../tests/setup/postgres";
import { E2E_DATABASE } from "../../tests/setup/test-env";

const nextBin = path.join(REPO_ROOT, "node_modules", ".bin", "next");
const port = process.env.E2E_PORT ?? "3100";

async function main() {
  const pg = await timed("postgres", () => resolveTestPostgres(EMBEDDED_FOR_E2E));
  log(`Postgres: ${describePostgres(pg)}`);
  let server: ChildProcess | undefined;
  let isStopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (isStopping) return;
    isStopping = true;
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      server.kill(signal);
      await exited;
    }
    await pg.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));

  try {
    const databaseUrl = await timed("database", () => prepareDatabase(pg));
    fs.mkdirSync(path.dirname(E2E_STATE_FILE), { recursive: true });
    fs.writeFileSync(E2E_STATE_FILE, JSON.stringify({ databaseUrl }, null, 2) + "\n");

    const env = { ...process.env, DATABASE_URL: databaseUrl };
    const hasBuild = fs.existsSync(path.join(REPO_ROOT, process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID"));
    if (process.env.E2E_SKIP_BUILD === "1" && hasBuild) {
      log("E2E_SKIP_BUILD=1: reusing the existing .next build");
    } else {
      if (process.env.E2E_SKIP_BUILD === "1") log("E2E_SKIP_BUILD=1 but there is no build yet: building");
      await timed("next build", () => run(nextBin, ["build"], env));
    }
    if (isStopping) return;
    server = spawn(nextBin, ["start", "-p", port], { cwd: REPO_ROOT, env, stdio: "inherit" });
    const code = await new Promise<number | null>((resolve) => server?.once("exit", resolve));
    if (!isStopping) {
      await pg.stop();
      process.exit(code ?? 1);
    }
  } catch (error) {
    await pg.stop();
    throw error;
  }
}

async function prepareDatabase(pg: TestPostgres): Promise<string> {
  await dropDatabaseIfExists(pg.serverUrl, E2E_DATABASE);
  const url = await createDatabase(pg.serverUrl, E2E_DATABASE);
  await runMigrations(url);
  const db = createDb(url, { max: 4 });
  try {
    await seedDemo(db, { seed: 42, scale: 1 });
  } finally {
    await db.$client.end({ timeout: 5 });
  }
  return url;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} ${args.join(" ")} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

async function timed<T>(phase: string, fn: () => Promise<T>): Promise<T> {
  const startedAt = Date.now();
  const result = await fn();
  log(`${phase}: ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  return result;
}

function log(message: string) {
  console.log(`[e2e-server] ${message}`);
}

main().catch((error: unknown) => {
  console.error(`[e2e-server] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
