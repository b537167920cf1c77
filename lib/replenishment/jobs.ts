import type PgBoss from "pg-boss";
import { and, asc, eq, lt, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { replenishmentRuns } from "@/db/schema";
import { executeReplenishmentRun, queueReplenishmentRun, RunAlreadyLive } from "./run";
import { recordStockOuts } from "./series";

export const NIGHTLY_QUEUE = "replenishment.nightly";
/** 03:00 UTC: after the night's reconciliation, before the service-due scan and the first store opening. */
export const NIGHTLY_CRON = "0 3 * * *";
/** A run still "running" after this long lost its worker: another one picks it up (runs write once, at the end). */
const STALE_MS = 30 * 60_000;

/** Runs the oldest queued (or abandoned) replenishment run, if any. Safe with several workers. */
export async function drainReplenishmentRuns(db: Database, options: { now?: Date; log?: (entry: Record<string, unknown>) => void } = {}): Promise<string | null> {
  const now = options.now ?? new Date();
  const claimed = await db.transaction(async (tx) => {
    const [run] = await tx
      .select({ id: replenishmentRuns.id })
      .from(replenishmentRuns)
      .where(or(eq(replenishmentRuns.status, "queued"), and(eq(replenishmentRuns.status, "running"), lt(replenishmentRuns.startedAt, new Date(now.getTime() - STALE_MS)))))
      .orderBy(asc(replenishmentRuns.createdAt))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!run) return null;
    await tx.update(replenishmentRuns).set({ status: "running", startedAt: now }).where(eq(replenishmentRuns.id, run.id));
    return run.id;
  });
  if (!claimed) return null;
  await executeReplenishmentRun(db, claimed, { now, log: options.log }).catch((error: unknown) => {
    options.log?.({ msg: "replenishment run failed", runId: claimed, error: String(error) });
  });
  return claimed;
}

/** The nightly run: record this week's stock-outs, then queue a run for the worker. */
export async function scheduleNightlyReplenishment(boss: PgBoss, options: { db: Database; cron?: string; log: (entry: Record<string, unknown>) => void }): Promise<void> {
  const { db, log } = options;
  if (!(await boss.getQueue(NIGHTLY_QUEUE))) {
    await boss.createQueue(NIGHTLY_QUEUE, { name: NIGHTLY_QUEUE, policy: "singleton", expireInHours: 2, retryLimit: 2, retryDelay: 300, retryBackoff: true });
  }
  await boss.work(NIGHTLY_QUEUE, { batchSize: 1 }, async () => {
    const stockOuts = await recordStockOuts(db, new Date());
    try {
      const runId = await queueReplenishmentRun(db, { trigger: "nightly" });
      log({ msg: "nightly replenishment queued", runId, stockOuts });
    } catch (error) {
      if (!(error instanceof RunAlreadyLive)) throw error;
    }
  });
  await boss.schedule(NIGHTLY_QUEUE, options.cron ?? NIGHTLY_CRON);
}

