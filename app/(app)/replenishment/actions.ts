"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { appendAudit } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { queueReplenishmentRun, RunAlreadyLive } from "@/lib/replenishment";
import { getPendingRecommendation, withQuantity } from "@/lib/replenishment/queries";
import { decideDraft } from "@/lib/review/decide";
import { REJECT_REASON_KEYS } from "@/lib/review/kinds";

/** Queues an on-demand run for the worker; a run already live is returned, so its progress shows. */
export const runForecastAction = action({ schema: z.object({}), permission: "purchase_orders.manage" }, async (_input, ctx) => {
  try {
    const runId = await queueReplenishmentRun(ctx.db, { trigger: "manual", requestedById: ctx.viewer.id });
    await appendAudit(ctx.db, {
      actorType: "user",
      actorId: ctx.viewer.id,
      actorRole: ctx.viewer.role,
      action: "replenishment.run_requested",
      targetType: "replenishment_run",
      targetId: runId,
      ip: ctx.request.ip,
      requestId: ctx.request.requestId,
      details: { trigger: "manual" },
    });
    revalidatePath("/replenishment");
    return { runId, isAlreadyLive: false };
  } catch (error) {
    if (!(error instanceof RunAlreadyLive)) throw error;
    if (!error.runId) throw new AppError("conflict", error.message);
    return { runId: error.runId, isAlreadyLive: true };
  }
});

const decision = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("approve"),
    id: z.uuid(),
    version: z.coerce.number().int().positive(),
    /** an adjusted quantity: approved as the buyer's edit of the recommendation */
    quantity: z.coerce.number().int("Enter a whole number.").positive("Enter at least 1.").max(10_000, "At most 10,000.").optional(),
  }),
  z.object({
    decision: z.literal("reject"),
    id: z.uuid(),
    version: z.coerce.number().int().positive(),
    reason: z.enum(REJECT_REASON_KEYS),
    note: z.string().max(2000).nullish(),
  }),
]);

/**
 * Approves (as proposed, or with an adjusted quantity) or rejects one recommendation through the
 * review queue's decision: lib/review checks drafts.review.purchase_recommendation on the draft's store.
 */
export const decideRecommendationAction = action({ schema: decision, permission: "drafts.review.purchase_recommendation" }, async (input, ctx) => {
  const decider = { type: "user" as const, viewer: ctx.viewer, request: ctx.request };
  let outcome;
  if (input.decision === "approve") {
    let editedOutput: Record<string, unknown> | null = null;
    if (input.quantity !== undefined) {
      const current = await getPendingRecommendation(ctx.db, ctx.viewer, input.id);
      if (current.output.lines[0]?.quantity !== input.quantity) editedOutput = withQuantity(current.output, input.quantity);
    }
    outcome = await decideDraft(ctx.db, decider, { id: input.id, version: input.version, decision: "approve", editedOutput });
  } else {
    outcome = await decideDraft(ctx.db, decider, { id: input.id, version: input.version, decision: "reject", reason: input.reason, note: input.note });
  }
  revalidatePath("/replenishment");
  return outcome;
});
