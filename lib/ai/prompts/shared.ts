import type { ModelMessage } from "ai";
import type { z } from "zod";
import type { DraftContext } from "../context";
import { fence, FENCE_RULES } from "../fence";

export type DrafterKind = "client_message" | "service_ticket" | "clienteling_note";

/** A prompt is code: an id and a version a draft records, the text, and the schema its output must meet. */
export type DraftPrompt<TOutput> = {
  id: string;
  version: string;
  kind: DrafterKind;
  system: string;
  schema: z.ZodType<TOutput>;
  build(context: DraftContext): ModelMessage[];
};

export const CONTEXT_OPEN = '<context format="json">';
export const CONTEXT_CLOSE = "</context>";

export const SHARED_RULES = [
  "You draft follow-up work for the team of a high-value retail store (watches, jewellery, premium electronics).",
  "Everything you write is a proposal that a store employee reviews, edits and approves or rejects.",
  "Never state, estimate or hint at the price the client paid or any amount of money.",
  "The client's name and contact details appear as placeholders such as {{client.first_name}}; keep them " +
    "exactly as written, never invent a name, e-mail, phone number or address.",
  "Use only facts from the context: products, warranty months, service intervals, care notes, dates. " +
    "Compute dates from the sale date; do not guess terms the context does not give.",
  FENCE_RULES,
  "Reply with one JSON object that matches the requested schema and nothing else.",
].join("\n");

/** The context as the model sees it: free text fenced, everything else plain JSON. */
export function modelContext(context: DraftContext): DraftContext {
  return {
    ...context,
    sale: {
      ...context.sale,
      lines: context.sale.lines.map((line) => ({
        ...line,
        careNotes: line.careNotes === null ? null : fence("product_care_notes", line.careNotes),
        properties: line.properties.map((p) => ({ name: p.name, value: fence("line_property", p.value) })),
      })),
    },
    notes: context.notes.map((note) => ({ source: note.source, text: fence(note.source, note.text) })),
  };
}

/**
 * The machine-readable context block every prompt carries. Pretty-printed JSON never holds a raw line
 * break inside a string, so the block ends at the first line that is exactly the closing tag.
 */
export function renderContextBlock(context: DraftContext): string {
  return `${CONTEXT_OPEN}\n${JSON.stringify(modelContext(context), null, 2)}\n${CONTEXT_CLOSE}`;
}

export function userMessage(kind: DrafterKind, task: string, context: DraftContext): ModelMessage[] {
  return [{ role: "user", content: `<task kind="${kind}">\n${task}\n</task>\n\n${renderContextBlock(context)}` }];
}
