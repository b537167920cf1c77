import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { posConnections, syncRuns } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { GuardContext } from "@/lib/auth/guard";
import { publisher, QUEUES } from "@/lib/jobs/boss";
import { AppError } from "@/lib/errors";
import { queueSyncRun, RunAlreadyLive } from "./backfill";
import { connectionScope } from "./queries";

/* ---------------------------------------------------------------- dead letters */

export const retryDeadLettersSchema = z.object({
  inboxIds: z.array(z.coerce.number().int().positive()).min(1, "Choose a dead letter to retry.").max(200),
});
export type RetryDeadLettersInput = z.output<typeof retryDeadLettersSchema>;

function auditBase(ctx: GuardContext) {
  return { actorType: "user" as const, actorId: ctx.viewer.id, actorRole: ctx.viewer.role, ip: ctx.request.ip, requestId: ctx.request.requestId };
}

/**
 * Puts dead letters back in the drain: status `failed`, due now. Only rows still dead, of connections
 * feeding the viewer's stores (`sync.retry` scope), are touched; anything else is simply not found.
 * The attempt count is kept, so an event that fails again is dead-lettered again at once rather
 * than retried with backoff for hours.
 */
export async function retryDeadLetters(ctx: GuardContext, input: RetryDeadLettersInput): Promise<{ retried: number[] }> {
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: string; connection_id: string }>(sql`
      update pos_events e set status = 'failed', next_attempt_at = now()
      from pos_connections c
      where c.id = e.connection_id and e.id in ${input.inboxIds} and e.status = 'dead'
        and ${connectionScope(ctx.viewer, "sync.retry")}
      returning e.id, e.connection_id`);
    if (rows.length === 0) throw new AppError("not_found", "That dead letter is no longer waiting for a retry.");
    const retried = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
    for (const row of rows) {
      await appendAudit(tx, {
        ...auditBase(ctx),
        action: "sync.dead_letter_retried",
        targetType: "pos_event",
        targetId: String(row.id),
        details: { inboxId: Number(row.id), connectionId: row.connection_id },
      });
    }
    return { retried };
  });
}

/* ---------------------------------------------------------------- backfill / reconciliation */

export const startSyncRunSchema = z.object({
  connectionId: z.string().uuid(),
  kind: z.enum(["backfill", "reconciliation"]),
});
export type StartSyncRunInput = z.output<typeof startSyncRunSchema>;

export type PublishRun = (db: Database, runId: string) => Promise<void>;

/** Hands the run to the worker through pg-boss; retried with backoff if a worker dies on it. */
export const publishRun: PublishRun = async (db, runId) => {
  const boss = await publisher(db);
  await boss.send(QUEUES.syncRun, { runId }, { retryLimit: 5, retryDelay: 30, retryBackoff: true });
};

const KIND_LABEL = { backfill: "A backfill", reconciliation: "A reconciliation" } as const;

/** Queues a backfill or reconciliation (one live run per connection), audits the request, then publishes it. */
export async function startSyncRun(ctx: GuardContext, input: StartSyncRunInput, publish: PublishRun = publishRun): Promise<{ runId: string }> {
  const [connection] = await ctx.db
    .select({ id: posConnections.id, isActive: posConnections.isActive, config: posConnections.config })
    .from(posConnections)
    .where(eq(posConnections.id, input.connectionId));
  if (!connection) throw new AppError("not_found", "That connection no longer exists.");
  if (!connection.isActive) throw new AppError("conflict", "This connection is inactive: activate it in Admin → Connections first.");
  if (typeof connection.config.apiBaseUrl !== "string" || !connection.config.apiBaseUrl) {
    throw new AppError("conflict", "This connection has no API base URL: set it in Admin → Connections first.");
  }

  let runId: string;
  try {
    ({ id: runId } = await queueSyncRun(ctx.db, { connectionId: input.connectionId, kind: input.kind, requestedById: ctx.viewer.id }));
  } catch (error) {
    if (error instanceof RunAlreadyLive) {
      throw new AppError("conflict", `${KIND_LABEL[input.kind]} cannot start yet: another run is still queued or running for this connection. Wait for it to finish.`);
    }
    throw error;
  }
  await appendAudit(ctx.db, {
    ...auditBase(ctx),
    action: "sync.run_requested",
    targetType: "pos_connection",
    targetId: input.connectionId,
    details: { runId, kind: input.kind },
  });
  try {
    await publish(ctx.db, runId);
  } catch (error) {
    // Not handed to a worker, the run would sit queued and block the next one: close it, visibly.
    console.error(JSON.stringify({ msg: "sync run not published", runId, error: String(error) }));
    await ctx.db
      .update(syncRuns)
      .set({ status: "failed", finishedAt: sql`now()`, error: "could not be handed to the job queue; nothing was fetched" })
      .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, "queued")));
    throw new AppError("conflict", `${KIND_LABEL[input.kind]} could not be handed to the job queue, so it did not start. Try again in a moment; if it keeps failing, check the worker.`);
  }
  return { runId };
}
