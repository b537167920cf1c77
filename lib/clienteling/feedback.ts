import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { customerNotes, customers, drafts, suggestionFeedback } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { scopeOf, type Permission } from "@/lib/auth/permissions";
import type { RequestContext } from "@/lib/auth/guard";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { suggestionKey } from "./card";
import type { CustomerNoteInput, SuggestionFeedbackInput } from "./schemas";
import { customerInScope } from "./scope";

function assertStore(viewer: Viewer, permission: Permission, storeId: string) {
  const scope = scopeOf(viewer.role, permission);
  if (scope === null) throw new AppError("forbidden", "You don't have permission to do that.");
  if (!viewer.storeIds.includes(storeId)) throw new AppError("forbidden", "That store is not one of yours.");
}

/**
 * Records that an associate used or dismissed a next-best-action of an approved clienteling note, for
 * the store they act for; a change of mind replaces the outcome. Recorded and audited together.
 */
export async function recordSuggestionFeedback(
  db: Database,
  viewer: Viewer,
  input: SuggestionFeedbackInput,
  request: RequestContext = { ip: null, requestId: null },
): Promise<{ id: string }> {
  assertStore(viewer, "suggestions.feedback", input.storeId);
  return db.transaction(async (tx) => {
    const [note] = await tx
      .select({ customerId: drafts.customerId, output: sql<Record<string, unknown> | null>`coalesce(${drafts.editedOutput}, ${drafts.output})` })
      .from(drafts)
      .innerJoin(customers, eq(customers.id, drafts.customerId))
      .where(
        and(
          eq(drafts.id, input.draftId),
          eq(drafts.kind, "clienteling_note"),
          inArray(drafts.status, ["approved", "executed", "held"]),
          customerInScope(viewer, "suggestions.feedback"),
        ),
      );
    if (!note?.customerId) throw new AppError("not_found", "That suggestion no longer exists.");
    const list = (note.output?.nextBestActions ?? note.output?.suggestions) as { brand?: string; name?: string }[] | undefined;
    const suggestion = Array.isArray(list) ? list[input.index] : undefined;
    if (!suggestion?.brand || !suggestion.name) throw new AppError("not_found", "That suggestion no longer exists.");
    const key = suggestionKey(suggestion.brand, suggestion.name);
    const [row] = await tx
      .insert(suggestionFeedback)
      .values({ draftId: input.draftId, suggestionIndex: input.index, suggestionKey: key, customerId: note.customerId, storeId: input.storeId, userId: viewer.id, outcome: input.outcome })
      .onConflictDoUpdate({
        target: [suggestionFeedback.draftId, suggestionFeedback.suggestionIndex, suggestionFeedback.storeId],
        set: { outcome: input.outcome, userId: viewer.id, at: sql`now()`, suggestionKey: key },
      })
      .returning({ id: suggestionFeedback.id });
    await appendAudit(tx, {
      actorType: "user",
      actorId: viewer.id,
      actorRole: viewer.role,
      action: input.outcome === "used" ? "suggestion.used" : "suggestion.dismissed",
      targetType: "draft",
      targetId: input.draftId,
      storeId: input.storeId,
      ip: request.ip,
      requestId: request.requestId,
      details: { suggestionIndex: input.index, suggestionKey: key, customerId: note.customerId, feedbackId: row.id },
    });
    return row;
  });
}

/** An associate's note on a client, for the store they act for; audited without its text. */
export async function addCustomerNote(
  db: Database,
  viewer: Viewer,
  input: CustomerNoteInput,
  request: RequestContext = { ip: null, requestId: null },
): Promise<{ id: string }> {
  assertStore(viewer, "customers.note", input.storeId);
  return db.transaction(async (tx) => {
    const [client] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, input.customerId), sql`${customers.erasedAt} is null`, customerInScope(viewer, "customers.note")));
    if (!client) throw new AppError("not_found", "That client is not one of your stores' clients.");
    const [note] = await tx
      .insert(customerNotes)
      .values({ customerId: client.id, storeId: input.storeId, authorId: viewer.id, body: input.body })
      .returning({ id: customerNotes.id });
    await appendAudit(tx, {
      actorType: "user",
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "customer.note_added",
      targetType: "customer",
      targetId: client.id,
      storeId: input.storeId,
      ip: request.ip,
      requestId: request.requestId,
      details: { noteId: note.id, length: input.body.length },
    });
    return note;
  });
}
