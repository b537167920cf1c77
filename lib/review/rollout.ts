import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "@/db/client";
import { draftCounters, draftExecutions, drafts, stores } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { RequestContext } from "@/lib/auth/guard";
import { can, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { GO_LIVE_HUMAN_ONLY_DAYS } from "./kinds";

export const ROLLOUT_PHASES = {
  1: "Insights only: approvals are held, nothing leaves Vitrine",
  2: "Assisted: approval executes",
  3: "Conditional automation: admin rules may approve",
} as const;
export type RolloutPhase = 1 | 2 | 3;

export const setStoreRolloutSchema = z.object({
  storeId: z.uuid(),
  phase: z.coerce.number().int().min(1, "Choose a phase.").max(3, "Choose a phase."),
  goLiveDate: z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z.iso.date("Enter a date as YYYY-MM-DD.").nullable(),
  ),
});
export type SetStoreRolloutInput = z.infer<typeof setStoreRolloutSchema>;
export const releaseHeldSchema = z.object({ storeId: z.uuid() });

function requireStoresManage(viewer: Viewer) {
  if (!can(viewer, "stores.manage")) throw new AppError("forbidden", "Only admins change a store's rollout.");
}

function userActor(viewer: Viewer, request?: RequestContext) {
  return { actorType: "user" as const, actorId: viewer.id, actorRole: viewer.role, ip: request?.ip ?? null, requestId: request?.requestId ?? null };
}

/** The first day rules may approve client-facing drafts (go-live + 90 days), or null while the store has no go-live date. */
export function humanOnlyUntil(goLiveDate: string | null): string | null {
  if (!goLiveDate) return null;
  return new Date(Date.parse(`${goLiveDate}T00:00:00Z`) + GO_LIVE_HUMAN_ONLY_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Changes a store's phase and go-live date. Moving to phase 2 or 3 does not execute what phase 1
 * held: that is `releaseHeld`, a separate, deliberate step.
 */
export async function setStoreRollout(db: Database, viewer: Viewer, input: SetStoreRolloutInput, request?: RequestContext): Promise<{ changed: boolean }> {
  requireStoresManage(viewer);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ phase: stores.rolloutPhase, goLiveDate: stores.goLiveDate })
      .from(stores)
      .where(eq(stores.id, input.storeId))
      .for("update");
    if (!current) throw new AppError("not_found", "That store does not exist.");
    if (current.phase === input.phase && current.goLiveDate === input.goLiveDate) return { changed: false };
    await tx.update(stores).set({ rolloutPhase: input.phase, goLiveDate: input.goLiveDate, updatedAt: new Date() }).where(eq(stores.id, input.storeId));
    await appendAudit(tx, {
      ...userActor(viewer, request),
      action: "store.rollout_changed",
      targetType: "store",
      targetId: input.storeId,
      storeId: input.storeId,
      details: { before: { phase: current.phase, goLiveDate: current.goLiveDate }, after: { phase: input.phase, goLiveDate: input.goLiveDate } },
    });
    return { changed: true };
  });
}

/**
 * An admin's choice to execute what a store approved while in phase 1: each held draft becomes
 * approved with one execution job (never two: `on conflict do nothing` on the draft), audited per
 * draft and once for the store. Batched, so a large backlog does not hold one long transaction.
 */
export async function releaseHeld(
  db: Database,
  viewer: Viewer,
  input: { storeId: string },
  request?: RequestContext,
  options: { batch?: number } = {},
): Promise<{ released: number }> {
  requireStoresManage(viewer);
  const batch = options.batch ?? 500;
  const [store] = await db.select({ phase: stores.rolloutPhase }).from(stores).where(eq(stores.id, input.storeId));
  if (!store) throw new AppError("not_found", "That store does not exist.");
  if (store.phase < 2) throw new AppError("conflict", "The store is in phase 1: move it to phase 2 before executing its held drafts.");

  let released = 0;
  for (;;) {
    const count = await db.transaction(async (tx) => {
      const now = new Date();
      const rows = await tx
        .update(drafts)
        .set({ status: "approved", version: sql`${drafts.version} + 1`, updatedAt: now })
        .where(
          inArray(
            drafts.id,
            tx
              .select({ id: drafts.id })
              .from(drafts)
              .where(and(eq(drafts.storeId, input.storeId), eq(drafts.status, "held")))
              .orderBy(asc(drafts.decidedAt))
              .limit(batch)
              .for("update", { skipLocked: true }),
          ),
        )
        .returning({ id: drafts.id, kind: drafts.kind, version: drafts.version, sourceTransactionId: drafts.sourceTransactionId });
      if (rows.length === 0) return 0;
      await tx
        .insert(draftExecutions)
        .values(rows.map((r) => ({ draftId: r.id, kind: r.kind, storeId: input.storeId, requestedById: viewer.id })))
        .onConflictDoNothing({ target: draftExecutions.draftId });
      for (const row of rows) {
        await appendAudit(tx, {
          ...userActor(viewer, request),
          action: "draft.released",
          targetType: "draft",
          targetId: row.id,
          storeId: input.storeId,
          sourceTransactionId: row.sourceTransactionId,
          details: { kind: row.kind, before: { status: "held", version: row.version - 1 }, after: { status: "approved", version: row.version } },
        });
      }
      return rows.length;
    });
    released += count;
    if (count < batch) break;
  }
  if (released === 0) return { released };
  await appendAudit(db, {
    ...userActor(viewer, request),
    action: "store.held_released",
    targetType: "store",
    targetId: input.storeId,
    storeId: input.storeId,
    details: { released, phase: store.phase },
  });
  return { released };
}

export type StoreRolloutRow = {
  id: string;
  code: string;
  name: string;
  rolloutPhase: number;
  goLiveDate: string | null;
  heldCount: number;
};

/** Every store with its phase and held backlog (from the maintained counters, never a count of drafts). */
export async function listStoreRollout(db: Executor, viewer: Viewer): Promise<StoreRolloutRow[]> {
  requireStoresManage(viewer);
  return db
    .select({
      id: stores.id,
      code: stores.code,
      name: stores.name,
      rolloutPhase: stores.rolloutPhase,
      goLiveDate: stores.goLiveDate,
      heldCount: sql<number>`coalesce((select sum(${draftCounters.count}) from ${draftCounters} where ${draftCounters.storeId} = ${stores.id} and ${draftCounters.status} = 'held'), 0)::int`,
    })
    .from(stores)
    .orderBy(asc(stores.name));
}
