"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import { retryDeadLetters, retryDeadLettersSchema, startSyncRun, startSyncRunSchema } from "@/lib/sync/admin";

export const retryDeadLettersAction = action({ schema: retryDeadLettersSchema, permission: "sync.retry" }, async (input, ctx) => {
  const result = await retryDeadLetters(ctx, input);
  revalidatePath("/sync");
  return result;
});

export const startSyncRunAction = action({ schema: startSyncRunSchema, permission: "sync.run" }, async (input, ctx) => {
  const result = await startSyncRun(ctx, input);
  revalidatePath("/sync");
  return result;
});
