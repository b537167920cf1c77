import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = ReturnType<typeof createDb>;
/** A transaction handle; functions that must commit with their caller take `Executor`. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

export function createDb(url: string, options: { max?: number } = {}) {
  const client = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => undefined,
  });
  return Object.assign(drizzle(client, { schema, casing: "snake_case" }), { $client: client });
}

const globalForDb = globalThis as unknown as { vitrineDb?: Database };

/** The process-wide pool (kept on globalThis so dev reloads don't open a pool per reload). */
export function getDb(): Database {
  if (!globalForDb.vitrineDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run Vitrine with `npm start`, or set DATABASE_URL.");
    globalForDb.vitrineDb = createDb(url);
  }
  return globalForDb.vitrineDb;
}
