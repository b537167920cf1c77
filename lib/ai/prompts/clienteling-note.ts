import { z } from "zod";
import { refuseAmounts } from "./output-rules";
import { SHARED_RULES, userMessage, type DraftPrompt } from "./shared";

export const clientelingNoteSchema = z
  .object({
    applicable: z.boolean().describe("false when the context does not mark the client as high-value"),
    note: z.string().max(2000).describe("For the associates; empty when not applicable"),
    managerThankYou: z.string().max(1000).nullable().describe("A suggestion for the store manager, or null"),
    nextBestActions: z
      .array(z.object({ brand: z.string(), name: z.string(), reason: z.string().max(300) }))
      .max(3)
      .describe("Only items from clienteling.inStockSuggestions"),
    rationale: z.string().min(1).max(1000),
  })
  .superRefine(refuseAmounts(["note", "managerThankYou"]));
export type ClientelingNoteOutput = z.infer<typeof clientelingNoteSchema>;

export const clientelingNotePrompt: DraftPrompt<ClientelingNoteOutput> = {
  id: "clienteling_note.high_value",
  version: "2026-11-27.1",
  kind: "clienteling_note",
  system: SHARED_RULES,
  schema: clientelingNoteSchema,
  build: (context) =>
    userMessage(
      "clienteling_note",
      [
        "If clienteling.isHighValue is true, write a short note for the associates (what the client",
        "bought and owns, what to remember, when to follow up) and suggest how the store manager could",
        "thank the client personally. Suggest at most three next-best actions, naming only items listed in",
        "clienteling.inStockSuggestions. If the client is not high-value, set applicable to false, leave",
        "note empty, managerThankYou null and nextBestActions empty.",
        "Fields: applicable, note, managerThankYou, nextBestActions[{brand,name,reason}], rationale.",
      ].join("\n"),
      context,
    ),
};
