import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { startEmbeddedPostgres } from "../../lib/runtime/embedded-postgres";
import { withDatabase } from "../../lib/runtime/instance";

/**
 * The Postgres server the tests run against, chosen in this order:
 * 1. `TEST_DATABASE_URL` (a server URL; databases are created and dropped in it);
 * 2. the local server at 127.0.0.1:5432, if it answers within 2 s
 *    (skipped when `VITRINE_TEST_NO_LOCAL_PG=1`, to exercise the fallback);
 * 3. the embedded Postgres (real binaries from `embedded-postgres`) under `.vitrine/<dir>`.
 * Never a mock.
 */
export const LOCAL_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type TestPostgres = {
  /** URL of the server's maintenance database; use `withDatabase` for others. */
  serverUrl: string;
  source: "TEST_DATABASE_URL" | "local" | "embedded";
  stop: () => Promise<void>;
};

export type EmbeddedFallback = { dirName: string; port: number };

/** Integration tests and the e2e server use separate clusters, so both can run at once. */
export const EMBEDDED_FOR_INTEGRATION: EmbeddedFallback = { dirName: "test-pg", port: 54330 };
export const EMBEDDED_FOR_E2E: EmbeddedFallback = { dirName: "e2e-pg", port: 54331 };

export async function resolveTestPostgres(fallback: EmbeddedFallback): Promise<TestPostgres> {
  const envUrl = process.env.TEST_DATABASE_URL;
  if (envUrl) {
    if (!(await answers(envUrl, 5_000))) {
      throw new Error(`TEST_DATABASE_URL (${describe(envUrl)}) does not answer. Fix it, or unset it to use the local or embedded Postgres.`);
    }
    return { serverUrl: envUrl, source: "TEST_DATABASE_URL", stop: async () => undefined };
  }

  if (process.env.VITRINE_TEST_NO_LOCAL_PG !== "1" && (await answers(LOCAL_SERVER_URL, 2_000))) {
    return { serverUrl: LOCAL_SERVER_URL, source: "local", stop: async () => undefined };
  }

  const dataDir = path.join(REPO_ROOT, ".vitrine", fallback.dirName);
  await stopOrphanedPostmaster(dataDir);
  const server = await startEmbeddedPostgres({ dataDir, port: fallback.port });
  return { serverUrl: server.url("postgres"), source: "embedded", stop: server.stop };
}

export function describePostgres(pg: TestPostgres): string {
  return `${pg.source} (${describe(pg.serverUrl)})`;
}

/**
 * A run killed with SIGKILL leaves its embedded postmaster running, holding the port and the data
 * directory; stop it (fast shutdown) so this run starts and owns a fresh one.
 */
async function stopOrphanedPostmaster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!(pid > 0) || !isAlive(pid)) return;
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 15_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`The embedded Postgres left running in ${dataDir} (pid ${pid}) does not stop; stop it and retry.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answers(url: string, timeoutMs: number): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: Math.ceil(timeoutMs / 1000), onnotice: () => undefined });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([sql`select 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    await sql.end({ timeout: 0 }).catch(() => undefined);
  }
}

function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}`;
  } catch {
    return "an invalid URL";
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Drops `name` (even if it is a template or has open connections). */
export async function dropDatabaseIfExists(serverUrl: string, name: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql`select datistemplate from pg_database where datname = ${name}`;
    if (!row) return;
    if (row.datistemplate) await sql.unsafe(`alter database ${quoteIdent(name)} is_template false`);
    await sql.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export async function createDatabase(serverUrl: string, name: string, options: { template?: string } = {}): Promise<string> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    const template = options.template ? ` template ${quoteIdent(options.template)}` : "";
    await sql.unsafe(`create database ${quoteIdent(name)}${template}`);
  } finally {
    await sql.end({ timeout: 1 });
  }
  return withDatabase(serverUrl, name);
}

/** Marks `name` as a template that nobody can connect to, so `create database … template` never finds it busy. */
export async function freezeAsTemplate(serverUrl: string, name: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(`alter database ${quoteIdent(name)} with is_template true allow_connections false`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Databases left behind by test files that crashed before closing their fixture. */
export async function dropLeftoverDatabases(serverUrl: string, prefix: string): Promise<string[]> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  let names: string[];
  try {
    const rows = await sql`select datname from pg_database where starts_with(datname, ${prefix})`;
    names = rows.map((row) => row.datname as string);
  } finally {
    await sql.end({ timeout: 1 });
  }
  for (const name of names) await dropDatabaseIfExists(serverUrl, name);
  return names;
}
