import { createHash } from "node:crypto";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Database, Executor } from "@/db/client";
import { draftExecutions, drafts, stores, users, type Draft, type DraftStatus } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { RequestContext } from "@/lib/auth/guard";
import { scopeOf } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { changedFacts } from "./facts";
import {
  GO_LIVE_HUMAN_ONLY_DAYS,
  isClientFacing,
  isReviewKind,
  OUTPUT_SCHEMAS,
  readPermission,
  REJECT_REASONS,
  reviewPermission,
  type RejectReason,
  type ReviewKind,
} from "./kinds";

/** How long opening a draft keeps it for one reviewer. */
export const CLAIM_MINUTES = 5;

/** Who decides: a signed-in reviewer, or (phase 3) an admin's automation rule. */
export type Decider =
  | { type: "user"; viewer: Viewer; request?: RequestContext }
  | { type: "rule"; ruleId: string; ruleName: string; ruleVersion: number };

export type DecisionInput = {
  id: string;
  /** the version the reviewer saw; a stale one is a conflict */
  version: number;
  decision: "approve" | "reject";
  reason?: RejectReason;
  note?: string | null;
  /** approve with these edits (validated against the kind's schema) */
  editedOutput?: Record<string, unknown> | null;
};

export type DecisionOutcome =
  | { ok: true; status: DraftStatus; version: number; executionQueued: boolean }
  | { ok: false; blocked: string };

/** SHA-256 of a draft text, so the audit log can prove what was approved without holding the text. */
export function outputHash(output: unknown): string {
  return createHash("sha256").update(JSON.stringify(output ?? null)).digest("hex");
}

/** Field names whose values differ between the AI's output and the reviewer's version. */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys].filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k])).sort();
}

function actorFields(decider: Decider) {
  return decider.type === "user"
    ? { actorType: "user" as const, actorId: decider.viewer.id, actorRole: decider.viewer.role, ip: decider.request?.ip ?? null, requestId: decider.request?.requestId ?? null }
    : { actorType: "rule" as const, actorId: decider.ruleId, actorRole: null };
}

/** The draft as the decider may see it: not found outside their stores or kinds. */
async function loadForDecision(tx: Executor, decider: Decider, id: string): Promise<Draft & { rolloutPhase: number; goLiveDate: string | null }> {
  const [row] = await tx
    .select({ draft: drafts, rolloutPhase: stores.rolloutPhase, goLiveDate: stores.goLiveDate })
    .from(drafts)
    .innerJoin(stores, eq(stores.id, drafts.storeId))
    .where(eq(drafts.id, id));
  if (!row || !isReviewKind(row.draft.kind)) throw new AppError("not_found", "That draft does not exist or is not yours to review.");
  if (decider.type === "user") {
    const kind = row.draft.kind;
    const scope = scopeOf(decider.viewer.role, readPermission(kind));
    const inScope = scope === "all" || (scope === "own" && decider.viewer.storeIds.includes(row.draft.storeId));
    if (!inScope) throw new AppError("not_found", "That draft does not exist or is not yours to review.");
    const review = scopeOf(decider.viewer.role, reviewPermission(kind));
    if (review === null || (review === "own" && !decider.viewer.storeIds.includes(row.draft.storeId))) {
      throw new AppError("forbidden", "You can see this draft but not decide it.");
    }
  }
  return { ...row.draft, rolloutPhase: row.rolloutPhase, goLiveDate: row.goLiveDate };
}

/** A 409 that says who got there first, and when. */
async function conflict(tx: Executor, id: string): Promise<AppError> {
  const [row] = await tx
    .select({ status: drafts.status, version: drafts.version, decidedAt: drafts.decidedAt, decider: users.name, ruleId: drafts.decidedByRuleId })
    .from(drafts)
    .leftJoin(users, eq(users.id, drafts.decidedById))
    .where(eq(drafts.id, id));
  if (!row) return new AppError("not_found", "That draft no longer exists.");
  if (row.status === "pending") return new AppError("conflict", "This draft was edited since you opened it. Reload to see the current version.");
  const who = row.decider ?? (row.ruleId ? "an automation rule" : "the system");
  const when = row.decidedAt ? ` at ${row.decidedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
  return new AppError("conflict", `Already ${row.status.replace("_", " ")} by ${who}${when}.`);
}

function withinHumanOnlyWindow(goLiveDate: string | null, now: Date): boolean {
  if (!goLiveDate) return true; // not live yet: humans only
  const goLive = Date.parse(`${goLiveDate}T00:00:00Z`);
  return now.getTime() < goLive + GO_LIVE_HUMAN_ONLY_DAYS * 86_400_000;
}

/**
 * Decides one draft. Exactly one decision wins: the update is conditional on `status = 'pending'`
 * and the version the decider saw, and the audit entry and the execution job are written in the
 * same transaction only when that update changed a row. Approval re-checks the facts first; in
 * rollout phase 1 an approved draft is held and nothing leaves Vitrine.
 */
export async function decideDraft(db: Database, decider: Decider, input: DecisionInput, now = new Date()): Promise<DecisionOutcome> {
  return db.transaction(async (tx) => {
    const draft = await loadForDecision(tx, decider, input.id);
    const kind = draft.kind as ReviewKind;
    if (draft.status !== "pending" || draft.version !== input.version) throw await conflict(tx, input.id);
    if (decider.type === "user" && draft.claimedById && draft.claimedById !== decider.viewer.id && draft.claimedUntil && draft.claimedUntil > now) {
      const [holder] = await tx.select({ name: users.name }).from(users).where(eq(users.id, draft.claimedById));
      throw new AppError("conflict", `${holder?.name ?? "Another reviewer"} is reviewing this draft until ${draft.claimedUntil.toISOString().slice(11, 16)} UTC.`);
    }

    let edited: Record<string, unknown> | null = null;
    if (input.decision === "reject") {
      if (!input.reason || !(input.reason in REJECT_REASONS)) throw new AppError("invalid_input", "Choose a reason.", { reason: ["Choose a reason."] });
      if (input.reason === "other" && !input.note?.trim()) throw new AppError("invalid_input", "Say why.", { note: ["Say why the draft is rejected."] });
    } else {
      if (input.editedOutput) {
        const parsed = OUTPUT_SCHEMAS[kind].safeParse(input.editedOutput);
        if (!parsed.success) throw new AppError("invalid_input", "The edited draft is not complete.", { output: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
        edited = parsed.data;
      }
      if (decider.type === "rule" && draft.rolloutPhase < 3) throw new AppError("forbidden", "Automation rules act only in stores at rollout phase 3.");
      if (decider.type === "rule" && isClientFacing(draft) && withinHumanOnlyWindow(draft.goLiveDate, now)) {
        throw new AppError("forbidden", `Client-facing drafts need a human in a store's first ${GO_LIVE_HUMAN_ONLY_DAYS} days after go-live.`);
      }
      const reason = await changedFacts(tx, edited ? { ...draft, editedOutput: edited } : draft);
      if (reason) return block(tx, decider, draft, reason);
    }

    const status: DraftStatus = input.decision === "reject" ? "rejected" : draft.rolloutPhase === 1 ? "held" : "approved";
    const [updated] = await tx
      .update(drafts)
      .set({
        status,
        decidedById: decider.type === "user" ? decider.viewer.id : null,
        decidedByRuleId: decider.type === "rule" ? decider.ruleId : null,
        decidedAt: now,
        decisionReason: input.decision === "reject" ? input.reason : null,
        decisionNote: input.note?.trim() || null,
        ...(edited ? { editedOutput: edited, editedById: decider.type === "user" ? decider.viewer.id : null, editedAt: now } : {}),
        blockedReason: null,
        claimedById: null,
        claimedUntil: null,
        version: sql`${drafts.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(drafts.id, input.id), eq(drafts.status, "pending"), eq(drafts.version, input.version)))
      .returning({ version: drafts.version, output: drafts.output, editedOutput: drafts.editedOutput });
    if (!updated) throw await conflict(tx, input.id);

    const executionQueued = status === "approved";
    if (executionQueued) {
      await tx.insert(draftExecutions).values({
        draftId: input.id,
        kind,
        storeId: draft.storeId,
        requestedById: decider.type === "user" ? decider.viewer.id : null,
      });
    }
    const approvedText = updated.editedOutput ?? updated.output;
    await appendAudit(tx, {
      ...actorFields(decider),
      action: input.decision === "reject" ? "draft.rejected" : "draft.approved",
      targetType: "draft",
      targetId: input.id,
      storeId: draft.storeId,
      sourceTransactionId: draft.sourceTransactionId,
      modelId: draft.modelId,
      promptVersion: draft.promptVersion,
      details: {
        kind,
        before: { status: "pending", version: input.version },
        after: { status, version: updated.version },
        ...(input.decision === "reject" ? { reason: input.reason, hasNote: Boolean(input.note?.trim()) } : {}),
        ...(input.decision === "approve"
          ? {
              edited: updated.editedOutput !== null,
              editedFields: updated.editedOutput ? changedFields(updated.output, updated.editedOutput) : [],
              aiOutputHash: outputHash(updated.output),
              approvedOutputHash: outputHash(approvedText),
              rolloutPhase: draft.rolloutPhase,
              held: status === "held",
            }
          : {}),
        ...(decider.type === "rule" ? { ruleId: decider.ruleId, ruleName: decider.ruleName, ruleVersion: decider.ruleVersion } : {}),
      },
    });
    return { ok: true as const, status, version: updated.version, executionQueued };
  });
}

/** The facts changed: the draft stays pending, says why, and the attempt is audited. */
async function block(tx: Executor, decider: Decider, draft: Draft, reason: string): Promise<DecisionOutcome> {
  await tx.update(drafts).set({ blockedReason: reason, updatedAt: new Date() }).where(eq(drafts.id, draft.id));
  await appendAudit(tx, {
    ...actorFields(decider),
    action: "draft.approval_blocked",
    outcome: "failure",
    targetType: "draft",
    targetId: draft.id,
    storeId: draft.storeId,
    sourceTransactionId: draft.sourceTransactionId,
    details: { kind: draft.kind, reason },
  });
  return { ok: false, blocked: reason };
}

/**
 * Saves a reviewer's edit without deciding. Optimistic: the version must match, and bumps it, so a
 * reviewer who approves what they saw before someone else's edit gets a conflict.
 */
export async function saveEdit(
  db: Database,
  decider: Extract<Decider, { type: "user" }>,
  input: { id: string; version: number; output: Record<string, unknown> },
  now = new Date(),
): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const draft = await loadForDecision(tx, decider, input.id);
    const kind = draft.kind as ReviewKind;
    const parsed = OUTPUT_SCHEMAS[kind].safeParse(input.output);
    if (!parsed.success) throw new AppError("invalid_input", "The edited draft is not complete.", { output: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
    const [updated] = await tx
      .update(drafts)
      .set({ editedOutput: parsed.data, editedById: decider.viewer.id, editedAt: now, version: sql`${drafts.version} + 1`, updatedAt: now })
      .where(and(eq(drafts.id, input.id), eq(drafts.status, "pending"), eq(drafts.version, input.version)))
      .returning({ version: drafts.version, output: drafts.output });
    if (!updated) throw await conflict(tx, input.id);
    await appendAudit(tx, {
      ...actorFields(decider),
      action: "draft.edited",
      targetType: "draft",
      targetId: input.id,
      storeId: draft.storeId,
      sourceTransactionId: draft.sourceTransactionId,
      details: {
        kind,
        before: { version: input.version, outputHash: outputHash(draft.editedOutput ?? draft.output) },
        after: { version: updated.version, outputHash: outputHash(parsed.data) },
        editedFields: changedFields(updated.output, parsed.data),
      },
    });
    return { version: updated.version };
  });
}

export type ClaimState = { holderId: string | null; holderName: string | null; until: Date | null; mine: boolean };

/**
 * Opening a draft claims it for CLAIM_MINUTES so two reviewers don't work on the same one; renewing
 * one's own claim extends it. A draft someone else holds is not taken over: the caller sees who.
 */
export async function claimDraft(db: Database, viewer: Viewer, id: string, now = new Date()): Promise<ClaimState> {
  return db.transaction(async (tx) => {
    const draft = await loadForDecision(tx, { type: "user", viewer }, id).catch((error: unknown) => {
      // read-only viewers (a manager looking at a purchase recommendation) see the draft but never claim it
      if (error instanceof AppError && error.code === "forbidden") return null;
      throw error;
    });
    if (!draft || draft.status !== "pending") return { holderId: null, holderName: null, until: null, mine: false };
    const until = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
    const [claimed] = await tx
      .update(drafts)
      .set({ claimedById: viewer.id, claimedUntil: until })
      .where(
        and(
          eq(drafts.id, id),
          eq(drafts.status, "pending"),
          or(isNull(drafts.claimedById), eq(drafts.claimedById, viewer.id), lt(drafts.claimedUntil, now)),
        ),
      )
      .returning({ previous: sql<string | null>`(select d.claimed_by_id from drafts d where d.id = ${id})` });
    if (claimed) {
      if (claimed.previous !== viewer.id) {
        await appendAudit(tx, {
          actorType: "user",
          actorId: viewer.id,
          actorRole: viewer.role,
          action: "draft.claimed",
          targetType: "draft",
          targetId: id,
          storeId: draft.storeId,
          details: { kind: draft.kind, until: until.toISOString() },
        });
      }
      return { holderId: viewer.id, holderName: viewer.name, until, mine: true };
    }
    const [holder] = await tx
      .select({ id: users.id, name: users.name, until: drafts.claimedUntil })
      .from(drafts)
      .innerJoin(users, eq(users.id, drafts.claimedById))
      .where(eq(drafts.id, id));
    return { holderId: holder?.id ?? null, holderName: holder?.name ?? null, until: holder?.until ?? null, mine: false };
  });
}

/** Lets go of one's own claim (closing the draft, moving on). */
export async function releaseClaim(db: Database, viewer: Viewer, id: string): Promise<void> {
  await db
    .update(drafts)
    .set({ claimedById: null, claimedUntil: null })
    .where(and(eq(drafts.id, id), eq(drafts.claimedById, viewer.id)));
}

export type BulkResult = { id: string; ok: true; status: DraftStatus } | { id: string; ok: false; message: string };

/** Decides each selected draft on its own: one conflict or blocked fact does not undo the others. */
export async function bulkDecide(
  db: Database,
  decider: Extract<Decider, { type: "user" }>,
  input: { items: { id: string; version: number }[]; decision: "approve" | "reject"; reason?: RejectReason; note?: string | null },
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const item of input.items) {
    try {
      const outcome = await decideDraft(db, decider, { ...item, decision: input.decision, reason: input.reason, note: input.note });
      results.push(outcome.ok ? { id: item.id, ok: true, status: outcome.status } : { id: item.id, ok: false, message: outcome.blocked });
    } catch (error) {
      if (error instanceof AppError) results.push({ id: item.id, ok: false, message: error.message });
      else throw error;
    }
  }
  return results;
}

/**
 * Pending drafts past their expiry become `expired`, each with an audit entry. Returns how many.
 * Runs from the worker every few minutes.
 */
export async function expireDrafts(db: Database, now = new Date(), batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const expired = await db.transaction(async (tx) => {
      const rows = await tx
        .update(drafts)
        .set({ status: "expired", version: sql`${drafts.version} + 1`, claimedById: null, claimedUntil: null, updatedAt: now })
        .where(
          inArray(
            drafts.id,
            tx
              .select({ id: drafts.id })
              .from(drafts)
              .where(and(eq(drafts.status, "pending"), lt(drafts.expiresAt, now)))
              .limit(batch)
              .for("update", { skipLocked: true }),
          ),
        )
        .returning({ id: drafts.id, kind: drafts.kind, storeId: drafts.storeId, expiresAt: drafts.expiresAt, sourceTransactionId: drafts.sourceTransactionId });
      for (const row of rows) {
        await appendAudit(tx, {
          actorType: "system",
          actorId: "review.expiry",
          action: "draft.expired",
          targetType: "draft",
          targetId: row.id,
          storeId: row.storeId,
          sourceTransactionId: row.sourceTransactionId,
          details: { kind: row.kind, expiresAt: row.expiresAt?.toISOString() ?? null },
        });
      }
      return rows.length;
    });
    total += expired;
    if (expired < batch) return total;
  }
}
