import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { posConnections, syncRuns, type PosProvider, type SyncRun } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { PosHttp, RateLimited, type PosHttpEvent } from "@/lib/pos/http";
import type { SyncConnector } from "@/lib/pos/types";
import { applyChanges } from "./apply";
import { loadConnections, loadStoreCurrencies } from "./process";

/**
 * Backfill and reconciliation: page through a connection's POS API from a saved cursor and apply each
 * page in one transaction together with the cursor that follows it. A crash or a restart between pages
 * resumes after the last committed page; a crash inside a page re-reads that page, and applying is
 * idempotent. 429s and bucket headers are honoured by PosHttp; each wait is counted on the run.
 *
 * Reconciliation is the same walk from the connection's watermark (the start of the last successful
 * run, minus an overlap): it fetches what webhooks missed, and is how R-Series, which has no webhooks,
 * is kept in sync.
 */

export type SyncRunKind = "backfill" | "reconciliation";

/** Re-read this much before the watermark: clocks differ, and a platform may index a change late. */
const WATERMARK_OVERLAP_MS = 10 * 60_000;
/** A running run whose heartbeat is older than this was left by a dead worker and may be resumed. */
export const STALE_RUN_MS = 60_000;

export class RunAlreadyLive extends Error {
  constructor(readonly runId: string) {
    super("a backfill or reconciliation is already running for this connection");
    this.name = "RunAlreadyLive";
  }
}

/** Queues a run (one live run per connection, enforced by a partial unique index). */
export async function queueSyncRun(
  db: Database,
  input: { connectionId: string; kind: SyncRunKind; since?: Date | null; requestedById?: string | null },
): Promise<SyncRun> {
  const [connection] = await db.select().from(posConnections).where(eq(posConnections.id, input.connectionId));
  if (!connection) throw new Error(`no connection ${input.connectionId}`);
  const watermark = typeof connection.backfillCursor?.watermark === "string" ? new Date(connection.backfillCursor.watermark) : null;
  const since =
    input.since !== undefined ? input.since : input.kind === "reconciliation" && watermark ? new Date(watermark.getTime() - WATERMARK_OVERLAP_MS) : null;
  const [run] = await db
    .insert(syncRuns)
    .values({ connectionId: input.connectionId, kind: input.kind, since, requestedById: input.requestedById ?? null })
    .onConflictDoNothing()
    .returning();
  if (!run) {
    const [live] = await db
      .select({ id: syncRuns.id })
      .from(syncRuns)
      .where(and(eq(syncRuns.connectionId, input.connectionId), inArray(syncRuns.status, ["queued", "running"])));
    throw new RunAlreadyLive(live?.id ?? "");
  }
  return run;
}

export type RunOptions = {
  connectors: Record<PosProvider, SyncConnector>;
  httpOverrides?: Partial<ConstructorParameters<typeof PosHttp>[0]>;
  /** stop after this many pages (tests simulate a crash with it) */
  maxPages?: number;
  signal?: AbortSignal;
  onPage?: (run: SyncRun) => void;
};

/**
 * Runs (or resumes) one run to the end. Returns the run as it was left: succeeded, failed with its
 * error, or still running when `maxPages` / the abort signal stopped it (resumable).
 */
export async function executeSyncRun(db: Database, runId: string, options: RunOptions): Promise<SyncRun> {
  const claimed = await db
    .update(syncRuns)
    .set({ status: "running", startedAt: sql`coalesce(${syncRuns.startedAt}, now())`, heartbeatAt: sql`now()`, error: null })
    .where(
      and(
        eq(syncRuns.id, runId),
        sql`(${syncRuns.status} = 'queued' or (${syncRuns.status} = 'running' and (${syncRuns.heartbeatAt} is null or ${syncRuns.heartbeatAt} < now() - ${`${STALE_RUN_MS} milliseconds`}::interval)))`,
      ),
    )
    .returning();
  // Another worker holds it (fresh heartbeat) or it is finished: nothing to do here.
  if (claimed.length === 0) return (await db.select().from(syncRuns).where(eq(syncRuns.id, runId)))[0];
  let run = claimed[0];

  const connections = await loadConnections(db, [run.connectionId], options.connectors);
  const connection = connections.get(run.connectionId);
  const connector = connection ? options.connectors[connection.api.provider] : null;
  if (!connection || !connector || !connection.api.baseUrl) {
    return finish(db, run, "failed", connection?.api.baseUrl ? "the connection no longer exists" : "the connection has no API base URL; set it in Admin → Connections");
  }

  let rateLimitWaits = 0;
  const onEvent = (event: PosHttpEvent) => {
    if (event.type === "rate_limited" || event.type === "paced") rateLimitWaits += 1;
  };
  const http = new PosHttp({
    baseUrl: connection.api.baseUrl,
    headers: connector.authHeaders(connection.api),
    parseJson: connector.parseJson,
    maxAttempts: 8,
    onEvent,
    ...options.httpOverrides,
  });
  const storeCurrency = await loadStoreCurrencies(db);
  const origin = run.kind === "backfill" ? "backfill" : "reconciliation";
  let pages = 0;

  try {
    while (run.resourceIndex < connector.backfillResources.length) {
      if (options.signal?.aborted || (options.maxPages !== undefined && pages >= options.maxPages)) return run;
      const resource = connector.backfillResources[run.resourceIndex];
      const page = await connector.backfillPage({ resource, cursor: run.cursor ?? null, since: run.since, connection: connection.api, http });
      const waits = rateLimitWaits;
      rateLimitWaits = 0;
      run = await db.transaction(async (tx) => {
        const outcome = await applyChanges(tx, { connection: connection.apply, origin, posEventId: null, storeCurrency }, page.changes);
        const [updated] = await tx
          .update(syncRuns)
          .set({
            resource,
            cursor: page.next,
            resourceIndex: page.next ? run.resourceIndex : run.resourceIndex + 1,
            records: sql`${syncRuns.records} + ${outcome.applied + outcome.stale}`,
            pages: sql`${syncRuns.pages} + 1`,
            totalEstimate: page.total ?? null,
            rateLimitWaits: sql`${syncRuns.rateLimitWaits} + ${waits}`,
            heartbeatAt: sql`now()`,
          })
          .where(eq(syncRuns.id, run.id))
          .returning();
        return updated;
      });
      pages += 1;
      options.onPage?.(run);
    }
  } catch (error) {
    const message = error instanceof RateLimited ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return finish(db, run, "failed", message.slice(0, 2_000));
  }
  return finish(db, run, "succeeded", null);
}

async function finish(db: Database, run: SyncRun, status: "succeeded" | "failed", error: string | null): Promise<SyncRun> {
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(syncRuns).set({ status, error, finishedAt: sql`now()`, heartbeatAt: sql`now()` }).where(eq(syncRuns.id, run.id)).returning();
    await tx
      .update(posConnections)
      .set({
        lastSyncAt: sql`now()`,
        lastSyncStatus: status === "succeeded" ? `${run.kind} succeeded` : `${run.kind} failed`,
        lastError: error,
        // the next reconciliation starts where this run started: nothing changed after it began is missed
        ...(status === "succeeded" ? { backfillCursor: sql`jsonb_build_object('watermark', ${(updated.startedAt ?? new Date()).toISOString()}::text)` } : {}),
      })
      .where(eq(posConnections.id, run.connectionId));
    await appendAudit(tx, {
      actorType: "system",
      action: `sync.${run.kind}_${status}`,
      targetType: "pos_connection",
      targetId: run.connectionId,
      details: { runId: run.id, records: updated.records, pages: updated.pages, rateLimitWaits: updated.rateLimitWaits, ...(error ? { error: error.slice(0, 300) } : {}) },
    });
    return updated;
  });
}

/** Runs left `running` by a dead worker (stale heartbeat), to resume. */
export async function staleRuns(db: Database): Promise<SyncRun[]> {
  return db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.status, "running"), lt(syncRuns.heartbeatAt, sql`now() - ${`${STALE_RUN_MS} milliseconds`}::interval`)))
    .orderBy(desc(syncRuns.createdAt));
}
