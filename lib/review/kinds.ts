import { z } from "zod";
import type { DraftKind, DraftStatus } from "@/db/schema";
import type { Permission } from "@/lib/auth/permissions";
import { clientelingNoteSchema, clientMessageSchema, serviceTicketSchema } from "@/lib/ai/prompts";

/** The kinds a human reviews in the queue, in tab order. */
export const REVIEW_KINDS = ["client_message", "service_ticket", "purchase_recommendation", "clienteling_note"] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export function isReviewKind(kind: string): kind is ReviewKind {
  return (REVIEW_KINDS as readonly string[]).includes(kind);
}

export const KIND_LABEL: Record<ReviewKind, string> = {
  client_message: "Client messages",
  service_ticket: "Service tickets",
  purchase_recommendation: "Purchase recommendations",
  clienteling_note: "Clienteling notes",
};

export const KIND_SINGULAR: Record<ReviewKind, string> = {
  client_message: "client message",
  service_ticket: "service ticket",
  purchase_recommendation: "purchase recommendation",
  clienteling_note: "clienteling note",
};

/** Deciding a draft of `kind`. */
export function reviewPermission(kind: ReviewKind): Permission {
  return `drafts.review.${kind}`;
}

/** Seeing a draft of `kind` in the queue (managers see their stores' purchase recommendations, read-only). */
export function readPermission(kind: ReviewKind): Permission {
  return kind === "purchase_recommendation" ? "drafts.read.purchase_recommendation" : reviewPermission(kind);
}

/** A recommendation to buy from a supplier, or to move stock from a store with excess (issue #6 drafts these). */
export const purchaseRecommendationSchema = z.object({
  type: z.enum(["purchase", "transfer"]),
  supplier: z.string().max(200).nullable(),
  /** for a transfer: the store that sends the goods */
  fromStoreId: z.uuid().nullable(),
  currency: z.string().length(3),
  lines: z
    .array(
      z.object({
        productId: z.uuid(),
        sku: z.string(),
        name: z.string(),
        quantity: z.number().int().positive().max(10_000),
        unitCostMinor: z.number().int().nonnegative(),
      }),
    )
    .min(1)
    .max(200),
  rationale: z.string().min(1).max(4000),
  /** what the forecast saw, for the buyer's chart (written by the replenishment run; kept through edits) */
  evidence: z
    .object({
      weekStarts: z.string(),
      history: z.array(z.number()).max(160),
      censored: z.array(z.number().int()).max(160),
      method: z.string(),
      demandClass: z.string(),
      weeklyRate: z.number(),
      band: z.object({ lower: z.number(), upper: z.number() }),
      horizon: z.number().int(),
      leadTimeWeeks: z.number(),
      reorderPoint: z.number(),
      safetyStock: z.number(),
      serviceLevel: z.number(),
      onHand: z.number(),
      onOrder: z.number(),
      reserved: z.number(),
      position: z.number(),
      stockOutRisk: z.number(),
      expectedMarginMinor: z.number(),
      brand: z.string(),
    })
    .optional(),
});
export type PurchaseRecommendationOutput = z.infer<typeof purchaseRecommendationSchema>;

/** What a reviewer's edit must still be: the same shape the model had to produce. */
export const OUTPUT_SCHEMAS: Record<ReviewKind, z.ZodType<Record<string, unknown>>> = {
  client_message: clientMessageSchema as z.ZodType<Record<string, unknown>>,
  service_ticket: serviceTicketSchema as z.ZodType<Record<string, unknown>>,
  clienteling_note: clientelingNoteSchema as z.ZodType<Record<string, unknown>>,
  purchase_recommendation: purchaseRecommendationSchema as z.ZodType<Record<string, unknown>>,
};

/** Reject reasons: short, so the dashboard can chart them; `other` needs a note. */
export const REJECT_REASONS = {
  inaccurate: "Facts are wrong",
  tone: "Tone or wording not right for this client",
  not_needed: "Not needed now",
  wrong_subject: "Wrong client, item or store",
  duplicate: "Duplicate of other work",
  policy: "Against store policy",
  other: "Other (say why)",
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;
export const REJECT_REASON_KEYS = Object.keys(REJECT_REASONS) as [RejectReason, ...RejectReason[]];

/** Statuses a reviewer can filter by; `pending` is the queue itself. */
export const QUEUE_STATUSES = [
  "pending",
  "held",
  "approved",
  "executed",
  "execution_failed",
  "rejected",
  "expired",
  "cancelled",
  "superseded",
  "generation_failed",
] as const satisfies readonly DraftStatus[];
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export const STATUS_LABEL: Record<QueueStatus, string> = {
  pending: "Waiting for review",
  held: "Approved, held (phase 1)",
  approved: "Approved, executing",
  executed: "Done",
  execution_failed: "Execution failed",
  rejected: "Rejected",
  expired: "Expired",
  cancelled: "Cancelled",
  superseded: "Superseded",
  generation_failed: "Drafting failed",
};

/**
 * A draft reaches a client when executed: client messages always; service tickets for a client,
 * since the ticket is written to the client's record in the POS and the client is called in.
 * Rules never approve these in a store's first 90 days after go-live.
 */
export function isClientFacing(draft: { kind: DraftKind; customerId: string | null }): boolean {
  return draft.kind === "client_message" || (draft.kind === "service_ticket" && draft.customerId !== null);
}

export const GO_LIVE_HUMAN_ONLY_DAYS = 90;
