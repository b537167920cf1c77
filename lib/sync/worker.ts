import { and, eq, isNotNull, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Database } from "@/db/client";
import { posConnections, type PosProvider } from "@/db/schema";
import { resolveModel, type ResolvedModel } from "@/lib/ai";
import { drainDomainEvents, scheduleServiceDueScan } from "@/lib/drafting";
import { createBoss, ensureQueues, QUEUES } from "@/lib/jobs/boss";
import { expireDrafts } from "@/lib/review/decide";
import { drainExecutions } from "@/lib/review/execute";
import { applyAutomationRules } from "@/lib/review/rules";
import { drainReplenishmentRuns, scheduleNightlyReplenishment } from "@/lib/replenishment";
import type { SyncConnector } from "@/lib/pos/types";
import { executeSyncRun, queueSyncRun, RunAlreadyLive, staleRuns } from "./backfill";
import { drainOnce, type DrainResult } from "./process";

/**
 * The sync worker: drains the inbox continuously (the inbox is its own queue: SKIP LOCKED batches,
 * any number of workers), runs backfill / reconciliation jobs from pg-boss, and schedules the hourly
 * reconciliation that catches what webhooks missed (and polls R-Series, which has none).
 */

export type WorkerOptions = {
  db: Database;
  connectors: Record<PosProvider, SyncConnector>;
  /** idle poll interval of the drain */
  idleMs?: number;
  reconcileCron?: string;
  /** how often phase-3 automation rules look at new pending drafts */
  rulesIntervalMs?: number;
  /** how often approved drafts are executed (outbox, tickets, orders, notes) */
  executionIntervalMs?: number;
  /** how often pending drafts past their expiry are expired */
  expiryIntervalMs?: number;
  /** the daily service-due scan (default 04:30 UTC) */
  serviceDueCron?: string;
  /** the model drafts are written with; by default the one the environment selects */
  draftingModel?: ResolvedModel;
  log?: (entry: Record<string, unknown>) => void;
};

export type RunningWorker = { boss: PgBoss; stop(): Promise<void>; stats: { drained: DrainResult } };

export async function queueReconciliations(db: Database, boss: PgBoss): Promise<number> {
  const connections = await db
    .select({ id: posConnections.id })
    .from(posConnections)
    .where(and(eq(posConnections.isActive, true), isNotNull(sql`${posConnections.config}->>'apiBaseUrl'`)));
  let queued = 0;
  for (const connection of connections) {
    try {
      const run = await queueSyncRun(db, { connectionId: connection.id, kind: "reconciliation" });
      await boss.send(QUEUES.syncRun, { runId: run.id }, { retryLimit: 5, retryDelay: 30, retryBackoff: true });
      queued += 1;
    } catch (error) {
      if (!(error instanceof RunAlreadyLive)) throw error;
    }
  }
  return queued;
}

export async function startSyncWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { db, connectors } = options;
  const log = options.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const drafting = options.draftingModel ?? resolveModel();
  const boss = createBoss(db, { schedule: true, supervise: true });
  boss.on("error", (error) => log({ msg: "pg-boss error", error: String(error) }));
  await boss.start();
  await ensureQueues(boss);

  await boss.work<{ runId: string }>(QUEUES.syncRun, { batchSize: 1 }, async ([job]) => {
    const run = await executeSyncRun(db, job.data.runId, { connectors });
    log({ msg: "sync run finished", runId: run.id, kind: run.kind, status: run.status, records: run.records, pages: run.pages, error: run.error });
    // A failed run is visible on the Sync page; pg-boss retries the job (resuming from the saved cursor).
    if (run.status === "failed") throw new Error(run.error ?? "sync run failed");
  });
  await boss.work(QUEUES.reconcileAll, async () => {
    const queued = await queueReconciliations(db, boss);
    log({ msg: "reconciliations queued", queued });
  });
  await boss.schedule(QUEUES.reconcileAll, options.reconcileCron ?? "0 * * * *");
  await scheduleServiceDueScan(boss, { db, model: drafting, cron: options.serviceDueCron, log });

  // Runs a dead worker left behind resume from their cursors.
  for (const run of await staleRuns(db)) await boss.send(QUEUES.syncRun, { runId: run.id });

  const stats = { drained: { claimed: 0, processed: 0, failed: 0, dead: 0 } as DrainResult };
  let stopping = false;
  const loop = (async () => {
    while (!stopping) {
      try {
        const result = await drainOnce(db, { connectors, log });
        for (const key of Object.keys(stats.drained) as (keyof DrainResult)[]) stats.drained[key] += result[key];
        // What the inbox just applied (sales, returns, client changes) becomes drafts.
        const drafted = await drainDomainEvents(db, { model: drafting.model, modelId: drafting.id, providerOptions: drafting.providerOptions, log });
        if (result.claimed === 0 && drafted.consumed === 0) await new Promise((resolve) => setTimeout(resolve, options.idleMs ?? 500));
      } catch (error) {
        // on shutdown the database may already be going away: nothing to report
        if (stopping) break;
        log({ msg: "inbox drain failed", error: (error as Error).stack ?? String(error) });
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  })();

  // Phase-3 automation rules look at each new pending draft once.
  let applyingRules: Promise<unknown> | null = null;
  const rulesTimer = setInterval(() => {
    if (stopping || applyingRules) return;
    applyingRules = applyAutomationRules(db, new Date(), { log })
      .catch((error: unknown) => log({ msg: "automation rules failed", error: String(error) }))
      .finally(() => (applyingRules = null));
  }, options.rulesIntervalMs ?? 5_000);

  // Approved drafts leave Vitrine (lib/review/execute); stale pending drafts expire.
  let executing: Promise<unknown> | null = null;
  const executionTimer = setInterval(() => {
    if (stopping || executing) return;
    executing = drainExecutions(db, { log })
      .catch((error: unknown) => log({ msg: "draft execution failed", error: String(error) }))
      .finally(() => (executing = null));
  }, options.executionIntervalMs ?? 2_000);
  let expiring: Promise<unknown> | null = null;
  const expiryTimer = setInterval(() => {
    if (stopping || expiring) return;
    expiring = expireDrafts(db)
      .catch((error: unknown) => log({ msg: "draft expiry failed", error: String(error) }))
      .finally(() => (expiring = null));
  }, options.expiryIntervalMs ?? 5 * 60_000);

  // Replenishment: nightly (pg-boss cron) and on demand (a queued run row), run here one at a time.
  await scheduleNightlyReplenishment(boss, { db, log });
  let replenishing: Promise<unknown> | null = null;
  const replenishmentTimer = setInterval(() => {
    if (stopping || replenishing) return;
    replenishing = drainReplenishmentRuns(db, { log })
      .catch((error: unknown) => log({ msg: "replenishment drain failed", error: String(error) }))
      .finally(() => (replenishing = null));
  }, 3_000);

  return {
    boss,
    stats,
    async stop() {
      stopping = true;
      clearInterval(rulesTimer);
      clearInterval(executionTimer);
      clearInterval(expiryTimer);
      clearInterval(replenishmentTimer);
      await Promise.all([loop, applyingRules, executing, expiring, replenishing]);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
