import { z } from "zod";
import { suggestionOutcomes } from "@/db/schema/clienteling";

export const suggestionFeedbackSchema = z.object({
  draftId: z.uuid(),
  index: z.coerce.number().int().min(0).max(20),
  outcome: z.enum(suggestionOutcomes),
  storeId: z.uuid(),
});
export type SuggestionFeedbackInput = z.infer<typeof suggestionFeedbackSchema>;

export const customerNoteSchema = z.object({
  customerId: z.uuid(),
  storeId: z.uuid(),
  body: z.string().trim().min(1, "Write the note first.").max(2000, "Keep a note under 2,000 characters."),
});
export type CustomerNoteInput = z.infer<typeof customerNoteSchema>;
