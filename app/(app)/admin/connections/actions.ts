"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import { createConnection, createConnectionSchema, updateConnection, updateConnectionSchema } from "@/lib/pos/connections";
import { sendTestEvent, sendTestEventSchema } from "@/lib/sync/test-event";

export const createConnectionAction = action({ schema: createConnectionSchema, permission: "connections.manage" }, async (input, ctx) => {
  const created = await createConnection(ctx, input);
  revalidatePath("/admin/connections");
  return created;
});

export const updateConnectionAction = action({ schema: updateConnectionSchema, permission: "connections.manage" }, async (input, ctx) => {
  const updated = await updateConnection(ctx, input);
  revalidatePath("/admin/connections");
  return updated;
});

export const sendTestEventAction = action({ schema: sendTestEventSchema, permission: "connections.manage" }, async (input, ctx) => {
  const outcome = await sendTestEvent(ctx, input);
  revalidatePath("/admin/connections");
  revalidatePath("/sync");
  return outcome;
});
