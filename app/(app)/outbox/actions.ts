"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { retryExecution, sendUnsentMessage } from "@/lib/review/execute";

const draftIdSchema = z.object({ draftId: z.uuid() });

// The kind's review permission in the draft's store is checked by retryExecution / sendUnsentMessage.
export const retryExecutionAction = action({ schema: draftIdSchema, permission: "authenticated" }, async ({ draftId }, ctx) => {
  await retryExecution(ctx.db, ctx.viewer, draftId, ctx.request);
  revalidatePath("/outbox");
  // a transfer request's POS transfer is retried from the purchase orders page too
  revalidatePath("/purchase-orders");
});

export const sendNowAction = action({ schema: draftIdSchema, permission: "drafts.review.client_message" }, async ({ draftId }, ctx) => {
  await sendUnsentMessage(ctx.db, ctx.viewer, draftId, ctx.request);
  revalidatePath("/outbox");
});
