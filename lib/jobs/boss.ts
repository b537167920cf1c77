import PgBoss from "pg-boss";
import type { Database } from "@/db/client";

/**
 * Jobs run on Postgres itself (pg-boss): one database is the only moving part. pg-boss talks through
 * Vitrine's own postgres.js pool (its `db` adapter), so jobs add no second driver pool.
 */

export const QUEUES = {
  /** one backfill or reconciliation run: `{ runId }` */
  syncRun: "sync.run",
  /** hourly: queue a reconciliation for every connection with an API */
  reconcileAll: "sync.reconcile-all",
} as const;

export function createBoss(db: Database, options: { schedule?: boolean; supervise?: boolean } = {}): PgBoss {
  const client = db.$client;
  return new PgBoss({
    db: {
      async executeSql(text: string, values: unknown[] = []) {
        // node-postgres (pg-boss's usual driver) sends objects as JSON; postgres.js wants them as text.
        const params = values.map((value) => {
          if (value === undefined) return null;
          const isPlainObject = value !== null && typeof value === "object" && !(value instanceof Date) && !Array.isArray(value) && !Buffer.isBuffer(value);
          return isPlainObject ? JSON.stringify(value) : value;
        });
        if (params.length) return { rows: [...(await client.unsafe(text, params as never[]))] };
        // Without parameters it is pg-boss's own multi-statement script (`BEGIN; …; COMMIT;`), which
        // postgres.js only runs on a connection reserved for it, through the simple protocol.
        const reserved = await client.reserve();
        try {
          return { rows: [...(await reserved.unsafe(text))] };
        } finally {
          reserved.release();
        }
      },
    },
    schema: "pgboss",
    schedule: options.schedule ?? false,
    supervise: options.supervise ?? false,
  });
}

const globalForBoss = globalThis as unknown as { vitrineBoss?: Promise<PgBoss> };

/** The web tier's publisher: starts once per process, sends jobs, runs none. */
export function publisher(db: Database): Promise<PgBoss> {
  globalForBoss.vitrineBoss ??= (async () => {
    const boss = createBoss(db);
    boss.on("error", (error) => console.error(JSON.stringify({ msg: "pg-boss error", error: String(error) })));
    await boss.start();
    await ensureQueues(boss);
    return boss;
  })();
  return globalForBoss.vitrineBoss;
}

export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const name of Object.values(QUEUES)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name);
  }
}
