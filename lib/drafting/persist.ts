import type { Executor } from "@/db/client";
import { drafts, type NewDraft } from "@/db/schema";
import type { DraftResult } from "@/lib/ai";
import { appendAudit } from "@/lib/audit/append";
import { expiresAt } from "./config";
import type { DraftJob, DraftSkip } from "./plan";

export type SaleRef = { id: string; externalId: string; storeId: string };

type Checked = { ok: true; output: Record<string, unknown>; rationale: string | null } | { ok: false; error: string; reason: string };

/** The layer validated the shape; what only Vitrine knows (consent, the withheld thank-you) is checked here. */
function check(job: DraftJob, result: DraftResult<unknown>): Checked {
  if (!result.ok) return { ok: false, error: `${result.reason}: ${result.error}`, reason: result.reason };
  const output = { ...(result.output as Record<string, unknown>) };
  if (job.kind === "client_message" && output.channel !== job.channel) {
    return { ok: false, error: `invalid_output: the draft uses ${String(output.channel)}, but the client can only be reached by ${job.channel}`, reason: "invalid_output" };
  }
  if (job.kind === "clienteling_note" && job.thankYouWithheld) output.managerThankYou = null;
  const rationale = typeof output.rationale === "string" ? output.rationale : null;
  return { ok: true, output, rationale };
}

/**
 * Writes one generated draft (or its visible failure) with its audit entry, in the caller's
 * transaction. A draft whose key exists already is left alone and audited nowhere.
 */
export async function persistDraft(
  tx: Executor,
  args: { job: DraftJob; result: DraftResult<unknown>; eventId: string; sale: SaleRef; now: Date },
): Promise<"created" | "failed" | "duplicate"> {
  const { job, result, eventId, sale, now } = args;
  const checked = check(job, result);
  const row: NewDraft = {
    kind: job.kind,
    status: checked.ok ? "pending" : "generation_failed",
    storeId: sale.storeId,
    saleId: sale.id,
    ...job.subject,
    dedupeKey: job.dedupeKey,
    output: checked.ok ? checked.output : null,
    rationale: checked.ok ? checked.rationale : null,
    error: checked.ok ? null : checked.error.slice(0, 2_000),
    priority: job.priority,
    sourceEventId: eventId,
    sourceTransactionId: sale.externalId,
    modelId: result.modelId,
    promptId: result.promptId,
    promptVersion: result.promptVersion,
    inputHash: result.inputHash,
    latencyMs: result.latencyMs,
    usage: result.usage,
    expiresAt: checked.ok ? expiresAt(job.kind, now) : null,
  };
  const [inserted] = await tx.insert(drafts).values(row).onConflictDoNothing({ target: drafts.dedupeKey }).returning({ id: drafts.id });
  if (!inserted) return "duplicate";
  await appendAudit(tx, {
    actorType: "ai",
    action: checked.ok ? "draft.created" : "draft.generation_failed",
    outcome: checked.ok ? "success" : "failure",
    targetType: "draft",
    targetId: inserted.id,
    storeId: sale.storeId,
    sourceTransactionId: sale.externalId,
    modelId: result.modelId,
    promptVersion: result.promptVersion,
    details: {
      draftId: inserted.id,
      kind: job.kind,
      modelId: result.modelId,
      promptId: result.promptId,
      promptVersion: result.promptVersion,
      sourceEventId: eventId,
      sourceTransactionId: sale.externalId,
      saleId: sale.id,
      customerId: job.subject.customerId,
      inputHash: result.inputHash,
      latencyMs: result.latencyMs,
      usage: result.usage,
      attempts: result.attempts,
      ...(checked.ok ? {} : { reason: checked.reason }),
      ...(job.thankYouWithheld ? { thankYouWithheld: job.thankYouWithheld } : {}),
    },
  });
  return checked.ok ? "created" : "failed";
}

/** A client-facing draft a guard prevented: ids and the reason only. */
export async function auditSkip(tx: Executor, args: { skip: DraftSkip; eventId: string; sale: SaleRef }): Promise<void> {
  const { skip, eventId, sale } = args;
  await appendAudit(tx, {
    actorType: "system",
    action: "draft.skipped",
    targetType: "sale",
    targetId: sale.id,
    storeId: sale.storeId,
    sourceTransactionId: sale.externalId,
    details: { kind: skip.kind, reason: skip.reason, dedupeKey: skip.dedupeKey, sourceEventId: eventId, saleId: sale.id, customerId: skip.customerId },
  });
}
