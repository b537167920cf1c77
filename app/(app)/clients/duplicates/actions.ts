"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import { dismissDuplicate, mergeCustomers, revertMerge } from "@/lib/customers/merge";
import { dismissDuplicateSchema, mergeCustomersSchema, revertMergeSchema } from "@/lib/customers/merge-schemas";

export const mergeDuplicateAction = action({ schema: mergeCustomersSchema, permission: "customers.merge" }, async (input, ctx) => {
  const result = await mergeCustomers(ctx.db, ctx.viewer, input, ctx.request);
  revalidatePath("/clients", "layout");
  return { mergeId: result.mergeId };
});

export const dismissDuplicateAction = action({ schema: dismissDuplicateSchema, permission: "customers.merge" }, async (input, ctx) => {
  await dismissDuplicate(ctx.db, ctx.viewer, input, ctx.request);
  revalidatePath("/clients/duplicates");
});

export const revertMergeAction = action({ schema: revertMergeSchema, permission: "customers.merge" }, async (input, ctx) => {
  await revertMerge(ctx.db, ctx.viewer, input, ctx.request);
  revalidatePath("/clients", "layout");
});
