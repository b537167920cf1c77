"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import { addCustomerNote, recordSuggestionFeedback } from "@/lib/clienteling/feedback";
import { customerNoteSchema, suggestionFeedbackSchema } from "@/lib/clienteling/schemas";

export const addNoteAction = action({ schema: customerNoteSchema, permission: "customers.note" }, async (input, ctx) => {
  const note = await addCustomerNote(ctx.db, ctx.viewer, input, ctx.request);
  revalidatePath(`/clients/${input.customerId}`);
  return note;
});

export const suggestionFeedbackAction = action({ schema: suggestionFeedbackSchema, permission: "suggestions.feedback" }, async (input, ctx) => {
  return recordSuggestionFeedback(ctx.db, ctx.viewer, input, ctx.request);
});
