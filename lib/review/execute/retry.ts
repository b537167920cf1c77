import { and, eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { draftExecutions, drafts, outboxMessages } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { RequestContext } from "@/lib/auth/guard";
import { scopeOf } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { isReviewKind, reviewPermission } from "@/lib/review/kinds";

const NOT_YOURS = "That execution does not exist or is not yours to retry.";

/** The execution, if the viewer may review its kind in its store; otherwise not found. */
async function loadForRetry(tx: Transaction, viewer: Viewer, draftId: string) {
  const [row] = await tx.select().from(draftExecutions).where(eq(draftExecutions.draftId, draftId)).for("update");
  if (!row || !isReviewKind(row.kind)) throw new AppError("not_found", NOT_YOURS);
  const scope = scopeOf(viewer.role, reviewPermission(row.kind));
  if (scope === null || (scope !== "all" && !viewer.storeIds.includes(row.storeId))) throw new AppError("not_found", NOT_YOURS);
  return row;
}

/**
 * Puts a dead execution back in the queue (attempts start again) and the draft back to approved.
 * Allowed to whoever may review the draft's kind in its store; audited.
 */
export async function retryExecution(db: Database, viewer: Viewer, draftId: string, request?: RequestContext, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await loadForRetry(tx, viewer, draftId);
    if (row.status !== "dead") throw new AppError("conflict", row.status === "done" ? "That draft was executed already." : "That execution is still being tried.");
    await tx
      .update(draftExecutions)
      .set({ status: "queued", attempts: 0, nextAttemptAt: now, updatedAt: now, requestedById: viewer.id })
      .where(eq(draftExecutions.draftId, draftId));
    await tx
      .update(drafts)
      .set({ status: "approved", version: sql`${drafts.version} + 1`, updatedAt: now })
      .where(and(eq(drafts.id, draftId), eq(drafts.status, "execution_failed")));
    await appendAudit(tx, {
      actorType: "user",
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "draft.execution_retried",
      targetType: "draft",
      targetId: draftId,
      storeId: row.storeId,
      ip: request?.ip ?? null,
      requestId: request?.requestId ?? null,
      details: { kind: row.kind, previousAttempts: row.attempts },
    });
  });
}

/**
 * "Send now": a message that waited for a channel (no SMTP configured when it was approved) goes
 * back in the queue, once SMTP is configured. Needs the client-message review permission in its store.
 */
export async function sendUnsentMessage(db: Database, viewer: Viewer, draftId: string, request?: RequestContext, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await loadForRetry(tx, viewer, draftId);
    const [message] = await tx.select({ status: outboxMessages.status, channel: outboxMessages.channel }).from(outboxMessages).where(eq(outboxMessages.draftId, draftId));
    if (row.kind !== "client_message" || !message || message.status !== "not_sent_no_channel" || row.status !== "done") {
      throw new AppError("conflict", "That message is not waiting for a channel.");
    }
    await tx
      .update(draftExecutions)
      .set({ status: "queued", attempts: 0, nextAttemptAt: now, completedAt: null, updatedAt: now, requestedById: viewer.id })
      .where(eq(draftExecutions.draftId, draftId));
    await appendAudit(tx, {
      actorType: "user",
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "draft.execution_requeued",
      targetType: "draft",
      targetId: draftId,
      storeId: row.storeId,
      ip: request?.ip ?? null,
      requestId: request?.requestId ?? null,
      details: { kind: row.kind, channel: message.channel },
    });
  });
}
