import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import type { Database, Executor } from "@/db/client";
import { domainEvents, type DomainEvent } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";

/**
 * An event whose drafting throws (a database error, a bug; not a model failure, which becomes a
 * visible generation_failed draft) is neither lost nor retried hot: it waits with exponential
 * backoff, and after the last attempt it is dead, kept and listed until someone retries it.
 */

export type EventRetryPolicy = { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };

export const EVENT_RETRY: EventRetryPolicy = { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 3_600_000 };

const MAX_ERROR_LENGTH = 500;

/** The wait after the n-th failed attempt (1-based): base, 2×base, 4×base … capped. */
export function eventRetryDelayMs(attempt: number, policy: EventRetryPolicy = EVENT_RETRY): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * What went wrong, without the failed statement's parameters (drizzle puts them in its message, and
 * they can hold a client's data): the driver's own message and the error's class and SQLSTATE.
 */
export function describeEventError(error: unknown): { errorClass: string; errorCode: string | null; message: string } {
  const root = error instanceof DrizzleQueryError && error.cause instanceof Error ? error.cause : error;
  const errorClass = root instanceof Error ? root.constructor.name || root.name : typeof root;
  const code = (root as { code?: unknown } | null)?.code;
  const message = root instanceof Error ? root.message : String(root);
  return {
    errorClass,
    errorCode: typeof code === "string" ? code : null,
    message: message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message,
  };
}

export type EventFailureOutcome = { attempts: number; isDead: boolean; nextAttemptAt: Date | null } | null;

/**
 * Records one failed attempt at an event, in the caller's transaction: attempts + 1, the error, and
 * when to try again; at the last attempt the event is dead and `drafting.event_failed` is audited
 * (ids and the error class only). Null when the event was consumed or is dead already.
 */
export async function recordEventFailure(
  tx: Executor,
  args: { event: Pick<DomainEvent, "id" | "type" | "storeId">; error: unknown; now: Date; policy?: EventRetryPolicy },
): Promise<EventFailureOutcome> {
  const policy = args.policy ?? EVENT_RETRY;
  const { event, now } = args;
  const [row] = await tx
    .select({ attempts: domainEvents.attempts })
    .from(domainEvents)
    .where(and(eq(domainEvents.id, event.id), isNull(domainEvents.consumedAt), isNull(domainEvents.deadAt)))
    .for("update");
  if (!row) return null;
  const attempts = row.attempts + 1;
  const isDead = attempts >= policy.maxAttempts;
  const nextAttemptAt = isDead ? null : new Date(now.getTime() + eventRetryDelayMs(attempts, policy));
  const described = describeEventError(args.error);
  await tx
    .update(domainEvents)
    .set({ attempts, lastError: `${described.errorClass}: ${described.message}`, nextAttemptAt, deadAt: isDead ? now : null })
    .where(eq(domainEvents.id, event.id));
  if (isDead) {
    await appendAudit(tx, {
      actorType: "system",
      action: "drafting.event_failed",
      outcome: "failure",
      targetType: "domain_event",
      targetId: event.id,
      storeId: event.storeId,
      details: { eventId: event.id, eventType: event.type, attempts, errorClass: described.errorClass, errorCode: described.errorCode },
    });
  }
  return { attempts, isDead, nextAttemptAt };
}

export type DeadDomainEvent = Pick<DomainEvent, "id" | "type" | "origin" | "storeId" | "saleId" | "customerId" | "attempts" | "lastError" | "occurredAt" | "createdAt"> & {
  deadAt: Date;
};

/** Dead events, most recent first; keyset on (dead_at, id) with `before`. */
export async function listDeadDomainEvents(
  db: Executor,
  options: { limit?: number; storeIds?: string[]; before?: { deadAt: Date; id: string } } = {},
): Promise<DeadDomainEvent[]> {
  const conditions = [isNotNull(domainEvents.deadAt), isNull(domainEvents.consumedAt)];
  if (options.storeIds) conditions.push(sql`${domainEvents.storeId} = any(${sql.param(options.storeIds)}::uuid[])`);
  if (options.before) {
    conditions.push(sql`(${domainEvents.deadAt}, ${domainEvents.id}) < (${options.before.deadAt.toISOString()}::timestamptz, ${options.before.id})`);
  }
  const rows = await db
    .select({
      id: domainEvents.id,
      type: domainEvents.type,
      origin: domainEvents.origin,
      storeId: domainEvents.storeId,
      saleId: domainEvents.saleId,
      customerId: domainEvents.customerId,
      attempts: domainEvents.attempts,
      lastError: domainEvents.lastError,
      occurredAt: domainEvents.occurredAt,
      createdAt: domainEvents.createdAt,
      deadAt: domainEvents.deadAt,
    })
    .from(domainEvents)
    .where(and(...conditions))
    .orderBy(desc(domainEvents.deadAt), desc(domainEvents.id))
    .limit(Math.min(options.limit ?? 50, 500));
  return rows.map((row) => ({ ...row, deadAt: row.deadAt! }));
}

/**
 * Gives a dead event a fresh set of attempts: the next drain takes it again. The last error stays
 * until an attempt succeeds or fails anew. Audited with who asked, when `actorId` is given.
 */
export async function retryDomainEvent(db: Database, id: string, options: { actorId?: string | null } = {}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [revived] = await tx
      .update(domainEvents)
      .set({ deadAt: null, attempts: 0, nextAttemptAt: null })
      .where(and(eq(domainEvents.id, id), isNotNull(domainEvents.deadAt), isNull(domainEvents.consumedAt)))
      .returning({ id: domainEvents.id, type: domainEvents.type, storeId: domainEvents.storeId });
    if (!revived) return false;
    await appendAudit(tx, {
      actorType: options.actorId ? "user" : "system",
      actorId: options.actorId ?? null,
      action: "drafting.event_retried",
      targetType: "domain_event",
      targetId: revived.id,
      storeId: revived.storeId,
      details: { eventId: revived.id, eventType: revived.type },
    });
    return true;
  });
}
