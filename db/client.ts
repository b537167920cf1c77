import { drizzle } from "drizzle-orm/postgres-js";
import net from "node:net";
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
    // `socket` is supported by postgres.js but missing from its option types
    ...({ socket: connectWithoutNagle } as object),
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

/**
 * postgres.js leaves Nagle's algorithm on; with delayed ACKs that adds ~40 ms to any exchange of
 * small writes (a COPY, a pipelined transaction). Connecting ourselves with TCP_NODELAY removes it.
 */
function connectWithoutNagle(options: { host: string[]; port: number[]; path?: string | false }): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = options.path
      ? net.connect({ path: options.path })
      : net.connect({ host: options.host[0], port: options.port[0], noDelay: true });
    socket.once("connect", () => {
      socket.removeListener("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}
