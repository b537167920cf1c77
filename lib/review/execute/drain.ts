import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { draftExecutions, drafts, outboxMessages, type PosProvider } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { MailError, mailerFromEnv, type Mailer } from "@/lib/mail/smtp";
import { PosApiError, type PosHttp } from "@/lib/pos/http";
import { syncConnectors } from "@/lib/pos/sync-connectors";
import type { SyncConnector } from "@/lib/pos/types";
import { isReviewKind, type ReviewKind } from "@/lib/review/kinds";
import { executeClientMessage } from "./client-message";
import { executeClientelingNote } from "./clienteling-note";
import { executePurchaseRecommendation } from "./purchase-order";
import { executeServiceTicket } from "./service-ticket";
import { LostClaim, PermanentExecutionError, type ClaimedExecution, type Completion, type ExecutionContext, type KindExecutor } from "./types";

/**
 * The execution drain. Approving a draft inserts one `draft_executions` row in the approving
 * transaction; this claims due rows (FOR UPDATE SKIP LOCKED in one UPDATE, so any number of workers
 * can run side by side and each row goes to one of them), runs the kind's executor, and records the
 * outcome. A claim is a lease: a worker that dies mid-execution leaves its rows `running` until
 * the lease runs out, then another worker takes them again; every executor is idempotent per draft.
 * Each write after the claim is fenced on (status running, attempts): a worker whose lease was taken
 * over writes nothing.
 */

export const MAX_EXECUTION_ATTEMPTS = 5;

const EXECUTORS: Record<ReviewKind, KindExecutor> = {
  client_message: executeClientMessage,
  service_ticket: executeServiceTicket,
  purchase_recommendation: executePurchaseRecommendation,
  clienteling_note: executeClientelingNote,
};

export type DrainExecutionsOptions = {
  now?: Date;
  /** rows claimed per call */
  batch?: number;
  /** the e-mail channel; undefined: from SMTP_URL / SMTP_FROM; null: none configured */
  mailer?: Mailer | null;
  connectors?: Record<PosProvider, SyncConnector>;
  /** for tests: a fast PosHttp */
  httpOverrides?: Partial<ConstructorParameters<typeof PosHttp>[0]>;
  maxAttempts?: number;
  /** attempt n waits base × 2^(n-1) (with jitter), capped at an hour */
  backoffBaseMs?: number;
  /** how long a claim is this worker's before another may take it over */
  leaseMs?: number;
  log?: (entry: Record<string, unknown>) => void;
};

export type DrainExecutionsResult = { claimed: number; executed: number; notSent: number; failed: number; dead: number };

export function executionBackoffMs(attempt: number, baseMs: number, random = Math.random()): number {
  const exponential = Math.min(3_600_000, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.8 + 0.4 * random));
}

function isPermanent(error: unknown): boolean {
  if (error instanceof PermanentExecutionError) return true;
  if (error instanceof MailError) return error.permanent;
  if (error instanceof PosApiError) return !error.retryable;
  return false;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
  return message.slice(0, 1000);
}

/** Short, PII-free name of a failure for the audit log (the message itself stays on the execution row). */
function errorClass(error: unknown): string {
  if (error instanceof MailError) return error.responseCode ? `smtp_${error.responseCode}` : `smtp_${(error.code ?? "error").toLowerCase()}`;
  if (error instanceof PosApiError) return error.status ? `pos_${error.status}` : "pos_error";
  if (error instanceof PermanentExecutionError) return "permanent";
  return error instanceof Error ? error.name : "error";
}

async function claim(db: Database, now: Date, batch: number, leaseMs: number): Promise<ClaimedExecution[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db
    .update(draftExecutions)
    .set({ status: "running", attempts: sql`${draftExecutions.attempts} + 1`, nextAttemptAt: leaseUntil, updatedAt: now })
    .where(
      inArray(
        draftExecutions.draftId,
        db
          .select({ id: draftExecutions.draftId })
          .from(draftExecutions)
          .where(
            and(
              // queued / failed rows that are due, and running rows whose lease ran out (a worker died)
              inArray(draftExecutions.status, ["queued", "failed", "running"]),
              lte(draftExecutions.nextAttemptAt, now),
            ),
          )
          .orderBy(asc(draftExecutions.nextAttemptAt))
          .limit(batch)
          .for("update", { skipLocked: true }),
      ),
    )
    .returning();
}

/** Runs `fn` holding the execution's row lock, only while the claim is still this worker's. */
async function withClaim<T>(db: Database, claimed: ClaimedExecution, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: draftExecutions.status, attempts: draftExecutions.attempts })
      .from(draftExecutions)
      .where(eq(draftExecutions.draftId, claimed.draftId))
      .for("update");
    if (!row || row.status !== "running" || row.attempts !== claimed.attempts) throw new LostClaim(claimed.draftId);
    return fn(tx);
  });
}

async function finish(db: Database, claimed: ClaimedExecution, completion: Completion, now: Date): Promise<void> {
  await withClaim(db, claimed, async (tx) => {
    const applied = completion.apply ? await completion.apply(tx) : {};
    const result = { ...completion.result, ...applied };
    await tx
      .update(draftExecutions)
      .set({ status: "done", result, lastError: null, completedAt: now, updatedAt: now })
      .where(eq(draftExecutions.draftId, claimed.draftId));
    const [draft] =
      completion.outcome === "executed"
        ? await tx
            .update(drafts)
            .set({ status: "executed", executedAt: now, version: sql`${drafts.version} + 1`, updatedAt: now })
            .where(and(eq(drafts.id, claimed.draftId), eq(drafts.status, "approved")))
            .returning({ sourceTransactionId: drafts.sourceTransactionId })
        : await tx.select({ sourceTransactionId: drafts.sourceTransactionId }).from(drafts).where(eq(drafts.id, claimed.draftId));
    await appendAudit(tx, {
      actorType: "system",
      actorId: "review.execute",
      action: completion.outcome === "executed" ? "draft.executed" : "draft.execution_not_sent",
      targetType: "draft",
      targetId: claimed.draftId,
      storeId: claimed.storeId,
      sourceTransactionId: draft?.sourceTransactionId ?? null,
      details: { kind: claimed.kind, attempts: claimed.attempts, result },
    });
  });
}

async function fail(db: Database, claimed: ClaimedExecution, error: unknown, now: Date, maxAttempts: number, backoffBaseMs: number): Promise<"failed" | "dead"> {
  const permanent = isPermanent(error);
  const dead = permanent || claimed.attempts >= maxAttempts;
  await withClaim(db, claimed, async (tx) => {
    await tx
      .update(draftExecutions)
      .set({
        status: dead ? "dead" : "failed",
        lastError: describe(error),
        nextAttemptAt: dead ? now : new Date(now.getTime() + executionBackoffMs(claimed.attempts, backoffBaseMs)),
        updatedAt: now,
      })
      .where(eq(draftExecutions.draftId, claimed.draftId));
    if (!dead) return;
    if (claimed.kind === "client_message") {
      await tx
        .update(outboxMessages)
        .set({ status: "failed", updatedAt: now })
        .where(and(eq(outboxMessages.draftId, claimed.draftId), eq(outboxMessages.status, "queued")));
    }
    const [draft] = await tx
      .update(drafts)
      .set({ status: "execution_failed", version: sql`${drafts.version} + 1`, updatedAt: now })
      .where(and(eq(drafts.id, claimed.draftId), eq(drafts.status, "approved")))
      .returning({ sourceTransactionId: drafts.sourceTransactionId });
    await appendAudit(tx, {
      actorType: "system",
      actorId: "review.execute",
      action: "draft.execution_failed",
      outcome: "failure",
      targetType: "draft",
      targetId: claimed.draftId,
      storeId: claimed.storeId,
      sourceTransactionId: draft?.sourceTransactionId ?? null,
      details: { kind: claimed.kind, attempts: claimed.attempts, permanent, error: errorClass(error), result: claimed.result ?? null },
    });
  });
  return dead ? "dead" : "failed";
}

/** Claims due executions and runs them, one by one. Returns what happened to the claimed rows. */
export async function drainExecutions(db: Database, options: DrainExecutionsOptions = {}): Promise<DrainExecutionsResult> {
  const now = options.now ?? new Date();
  const { batch = 20, maxAttempts = MAX_EXECUTION_ATTEMPTS, backoffBaseMs = 30_000, leaseMs = 5 * 60_000 } = options;
  const log = options.log ?? ((entry) => console.warn(JSON.stringify(entry)));
  const mailer = options.mailer === undefined ? mailerFromEnv() : options.mailer;
  const claimed = await claim(db, now, batch, leaseMs);
  const totals: DrainExecutionsResult = { claimed: claimed.length, executed: 0, notSent: 0, failed: 0, dead: 0 };

  for (const row of claimed) {
    try {
      const [draft] = await db.select().from(drafts).where(eq(drafts.id, row.draftId));
      if (!draft || !isReviewKind(row.kind)) throw new PermanentExecutionError(`No executor for a ${row.kind} draft.`);
      const ctx: ExecutionContext = {
        db,
        claim: row,
        draft,
        output: (draft.editedOutput ?? draft.output ?? {}) as Record<string, unknown>,
        now,
        mailer,
        connectors: options.connectors ?? syncConnectors,
        httpOverrides: options.httpOverrides ?? {},
        locked: (fn) => withClaim(db, row, fn),
      };
      const completion = await EXECUTORS[row.kind](ctx);
      await finish(db, row, completion, now);
      if (completion.outcome === "executed") totals.executed += 1;
      else totals.notSent += 1;
    } catch (error) {
      if (error instanceof LostClaim) {
        log({ msg: "execution claim lost", draftId: row.draftId });
        continue;
      }
      try {
        const outcome = await fail(db, row, error, now, maxAttempts, backoffBaseMs);
        totals[outcome] += 1;
        log({ msg: "draft execution failed", draftId: row.draftId, kind: row.kind, attempts: row.attempts, outcome, error: errorClass(error) });
      } catch (failure) {
        if (!(failure instanceof LostClaim)) throw failure;
      }
    }
  }
  return totals;
}
