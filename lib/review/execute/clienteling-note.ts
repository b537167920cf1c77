import type { Transaction } from "@/db/client";
import { customerNotes } from "@/db/schema";
import type { Completion, ExecutionContext } from "./types";

/** The note as the client card shows it: the associates' note, then the manager's thank-you on a line of its own. */
export function clientelingNoteBody(output: Record<string, unknown>): string | null {
  const note = typeof output.note === "string" ? output.note.trim() : "";
  const thankYou = typeof output.managerThankYou === "string" ? output.managerThankYou.trim() : "";
  const lines = [note, thankYou ? `Manager thank-you: ${thankYou}` : ""].filter(Boolean);
  return lines.length ? lines.join("\n") : null;
}

/**
 * clienteling_note → a customer_notes row on the client's card (store, author = the approver).
 * Written in the finishing transaction: the note exists exactly when the execution is done.
 * A note the model marked not applicable, or with no text, writes nothing.
 */
export async function executeClientelingNote(ctx: ExecutionContext): Promise<Completion> {
  const body = clientelingNoteBody(ctx.output);
  if (!ctx.draft.customerId || ctx.output.applicable === false || !body) {
    return { outcome: "executed", result: { customerNoteId: null, skipped: !ctx.draft.customerId ? "no_client" : "not_applicable" } };
  }
  const customerId = ctx.draft.customerId;
  return {
    outcome: "executed",
    result: {},
    apply: async (tx: Transaction) => {
      const [note] = await tx
        .insert(customerNotes)
        .values({ customerId, storeId: ctx.draft.storeId, authorId: ctx.draft.decidedById, body, createdAt: ctx.now })
        .returning({ id: customerNotes.id });
      return { customerNoteId: note.id };
    },
  };
}
