"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import { releaseHeld, releaseHeldSchema, setStoreRollout, setStoreRolloutSchema } from "@/lib/review/rollout";

export const setStoreRolloutAction = action({ schema: setStoreRolloutSchema, permission: "stores.manage" }, async (input, ctx) => {
  const outcome = await setStoreRollout(ctx.db, ctx.viewer, input, ctx.request);
  revalidatePath("/admin/stores");
  return outcome;
});

export const releaseHeldAction = action({ schema: releaseHeldSchema, permission: "stores.manage" }, async (input, ctx) => {
  const outcome = await releaseHeld(ctx.db, ctx.viewer, input, ctx.request);
  revalidatePath("/admin/stores");
  revalidatePath("/queue");
  return outcome;
});
