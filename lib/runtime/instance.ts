import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres } from "./embedded-postgres";

/** Everything a local instance keeps: the embedded cluster and generated secrets. Git-ignored. */
export const INSTANCE_DIR = path.resolve(process.env.VITRINE_HOME ?? ".vitrine");

export type InstanceSecrets = { authSecret: string; credentialsKey: string };

/** Generated on first start and kept beside the data, so nothing has to be set by hand. */
export function loadOrCreateSecrets(dir = INSTANCE_DIR): InstanceSecrets {
  const file = path.join(dir, "secrets.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as InstanceSecrets;
  const secrets: InstanceSecrets = {
    authSecret: crypto.randomBytes(32).toString("base64url"),
    credentialsKey: crypto.randomBytes(32).toString("base64"),
  };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  return secrets;
}

export class DatabaseUnreachableError extends Error {}

/** Connects once; on failure explains, in one line, which setting to fix. */
export async function assertReachable(url: string, setting: string): Promise<void> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => undefined });
  try {
    await sql`select 1`;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnreachableError(
      `Cannot reach the database at ${describeUrl(url)} (${reason}). Check ${setting}, or unset it to use the embedded Postgres.`,
    );
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql`select 1 as found from pg_database where datname = ${database}`;
    if (!row) await sql.unsafe(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(`drop database if exists "${database.replaceAll('"', '""')}" with (force)`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "an invalid URL";
  }
}

export type ResolvedDatabase = { url: string; isEmbedded: boolean; stop: () => Promise<void> };

/**
 * With `DATABASE_URL` set, uses that server. Otherwise starts the embedded Postgres under
 * `.vitrine/<name>` and creates `database` in it.
 */
export async function resolveDatabase(options: {
  envUrl?: string;
  setting?: string;
  dataDirName: string;
  port: number;
  database: string;
}): Promise<ResolvedDatabase> {
  if (options.envUrl) {
    await assertReachable(options.envUrl, options.setting ?? "DATABASE_URL");
    return { url: options.envUrl, isEmbedded: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({ dataDir: path.join(INSTANCE_DIR, options.dataDirName), port: options.port });
  try {
    await ensureDatabase(server.url("postgres"), options.database);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: server.url(options.database), isEmbedded: true, stop: server.stop };
}
