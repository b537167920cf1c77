"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { bulkDecide, claimDraft, decideDraft, releaseClaim, saveEdit } from "@/lib/review/decide";
import { REJECT_REASON_KEYS } from "@/lib/review/kinds";

// Every action here passes "authenticated" to the wrapper because lib/review checks the kind's
// permission by name itself (drafts.review.<kind>, scoped to the viewer's stores) before it reads or writes.

const output = z.record(z.string(), z.unknown());
const decision = z.object({
  id: z.uuid(),
  version: z.number().int().positive(),
  decision: z.enum(["approve", "reject"]),
  reason: z.enum(REJECT_REASON_KEYS).optional(),
  note: z.string().max(2000).nullish(),
  editedOutput: output.nullish(),
});

export const decideDraftAction = action({ schema: decision, permission: "authenticated" }, async (input, ctx) => {
  const outcome = await decideDraft(ctx.db, { type: "user", viewer: ctx.viewer, request: ctx.request }, input);
  revalidatePath("/queue");
  return outcome;
});

export const saveEditAction = action(
  { schema: z.object({ id: z.uuid(), version: z.number().int().positive(), output }), permission: "authenticated" },
  async (input, ctx) => {
    const saved = await saveEdit(ctx.db, { type: "user", viewer: ctx.viewer, request: ctx.request }, input);
    revalidatePath("/queue");
    return saved;
  },
);

export const bulkDecideAction = action(
  {
    schema: z.object({
      items: z.array(z.object({ id: z.uuid(), version: z.number().int().positive() })).min(1).max(100),
      decision: z.enum(["approve", "reject"]),
      reason: z.enum(REJECT_REASON_KEYS).optional(),
      note: z.string().max(2000).nullish(),
    }),
    permission: "authenticated",
  },
  async (input, ctx) => {
    const results = await bulkDecide(ctx.db, { type: "user", viewer: ctx.viewer, request: ctx.request }, input);
    revalidatePath("/queue");
    return results;
  },
);

export const claimDraftAction = action({ schema: z.object({ id: z.uuid() }), permission: "authenticated" }, async (input, ctx) => {
  const claim = await claimDraft(ctx.db, ctx.viewer, input.id);
  return { holderName: claim.holderName, until: claim.until?.toISOString() ?? null, mine: claim.mine };
});

export const releaseClaimAction = action({ schema: z.object({ id: z.uuid() }), permission: "authenticated" }, async (input, ctx) => {
  await releaseClaim(ctx.db, ctx.viewer, input.id);
});
