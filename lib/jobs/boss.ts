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
        // Without parameters postgres.js uses the simple protocol, which runs pg-boss's multi-statement migrations.
        const rows = values.length ? await client.unsafe(text, values as never[]) : await client.unsafe(text);
        return { rows: [...rows] };
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
