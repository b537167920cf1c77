import type { Executor } from "@/db/client";
import { drafts, type NewDraft } from "@/db/schema";
import type { DraftResult } from "@/lib/ai";
import { appendAudit } from "@/lib/audit/append";
import { expiresAt } from "./config";
import type { DraftFlag } from "./load";
import type { DraftJob, DraftSkip } from "./plan";

export type SaleRef = { id: string; externalId: string; storeId: string };

/** Where a draft comes from: a sale, or (for the service-due scan) the piece's sale when it is known. */
export type DraftOrigin = { storeId: string; saleId: string | null; transactionId: string | null };

const FLAG_NOTES: Record<DraftFlag, string> = {
  open_complaint: "The client has an open complaint: settle it before anything else reaches them.",
  overdue_ticket: "The client has an overdue service ticket: bring them up to date on it first.",
};

/** The rationale with a sentence per flag, so the reviewer reads why the draft is flagged. */
export function flaggedRationale(rationale: string | null, flags: DraftFlag[]): string | null {
  if (flags.length === 0) return rationale;
  return [rationale, ...flags.map((flag) => FLAG_NOTES[flag])].filter((part): part is string => !!part).join(" ");
}

type Checked = { ok: true; output: Record<string, unknown>; rationale: string | null } | { ok: false; error: string; reason: string };

/** The layer validated the shape; what only Vitrine knows (consent, the withheld thank-you) is checked here. */
function check(job: Pick<DraftJob, "kind" | "channel" | "thankYouWithheld">, result: DraftResult<unknown>): Checked {
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
  args: { job: Pick<DraftJob, "kind" | "dedupeKey" | "subject" | "priority" | "channel" | "thankYouWithheld" | "flags">; result: DraftResult<unknown>; eventId: string; origin: DraftOrigin; now: Date },
): Promise<"created" | "failed" | "duplicate"> {
  const { job, result, eventId, origin, now } = args;
  const checked = check(job, result);
  const row: NewDraft = {
    kind: job.kind,
    status: checked.ok ? "pending" : "generation_failed",
    storeId: origin.storeId,
    saleId: origin.saleId,
    ...job.subject,
    dedupeKey: job.dedupeKey,
    output: checked.ok ? checked.output : null,
    rationale: checked.ok ? flaggedRationale(checked.rationale, job.flags) : null,
    flags: job.flags,
    error: checked.ok ? null : checked.error.slice(0, 2_000),
    priority: job.priority,
    sourceEventId: eventId,
    sourceTransactionId: origin.transactionId,
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
    storeId: origin.storeId,
    sourceTransactionId: origin.transactionId,
    modelId: result.modelId,
    promptVersion: result.promptVersion,
    details: {
      draftId: inserted.id,
      kind: job.kind,
      modelId: result.modelId,
      promptId: result.promptId,
      promptVersion: result.promptVersion,
      sourceEventId: eventId,
      sourceTransactionId: origin.transactionId,
      saleId: origin.saleId,
      customerId: job.subject.customerId,
      ...(job.subject.itemId ? { itemId: job.subject.itemId } : {}),
      ...(job.flags.length ? { flags: job.flags } : {}),
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
