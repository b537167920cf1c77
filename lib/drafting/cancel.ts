import { and, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { customers, drafts, returns, type DomainEvent, type DraftKind } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";

const CLIENT_FACING: DraftKind[] = ["client_message", "clienteling_note"];

async function cancelWhere(tx: Executor, where: SQL, args: { reason: string; event: DomainEvent }): Promise<number> {
  const cancelled = await tx
    .update(drafts)
    .set({ status: "cancelled", decisionReason: args.reason, decidedAt: sql`now()`, updatedAt: sql`now()`, version: sql`${drafts.version} + 1` })
    .where(and(eq(drafts.status, "pending"), where))
    .returning({ id: drafts.id, kind: drafts.kind, storeId: drafts.storeId, sourceTransactionId: drafts.sourceTransactionId });
  for (const draft of cancelled) {
    await appendAudit(tx, {
      actorType: "system",
      action: "draft.cancelled",
      targetType: "draft",
      targetId: draft.id,
      storeId: draft.storeId,
      sourceTransactionId: draft.sourceTransactionId,
      details: { draftId: draft.id, kind: draft.kind, reason: args.reason, sourceEventId: args.event.id },
    });
  }
  return cancelled.length;
}

/**
 * A piece came back: its own drafts (service ticket) and the sale's client-facing ones (a care guide
 * and a thank-you that name it) are wrong now.
 */
export async function cancelForReturnedItem(tx: Executor, event: DomainEvent): Promise<number> {
  const aboutItem = event.itemId ? eq(drafts.itemId, event.itemId) : undefined;
  const aboutSale = event.saleId ? and(eq(drafts.saleId, event.saleId), inArray(drafts.kind, CLIENT_FACING)) : undefined;
  if (!aboutItem && !aboutSale) return 0;
  return cancelWhere(tx, or(aboutItem, aboutSale)!, { reason: "item returned", event });
}

/**
 * A return of pieces without serial numbers (pearls, a strap): the sale's client-facing drafts and the
 * service tickets of the products that came back.
 */
export async function cancelForSaleReturn(tx: Executor, event: DomainEvent): Promise<number> {
  if (!event.saleId) return 0;
  const returned = await tx.selectDistinct({ productId: returns.productId }).from(returns).where(eq(returns.saleId, event.saleId));
  const productIds = returned.flatMap((row) => (row.productId ? [row.productId] : []));
  const tickets = productIds.length ? and(eq(drafts.kind, "service_ticket"), inArray(drafts.productId, productIds)) : undefined;
  const where = and(eq(drafts.saleId, event.saleId), or(inArray(drafts.kind, CLIENT_FACING), tickets));
  return cancelWhere(tx, where!, { reason: "item returned", event });
}

export async function cancelForVoidedSale(tx: Executor, event: DomainEvent): Promise<number> {
  if (!event.saleId) return 0;
  return cancelWhere(tx, eq(drafts.saleId, event.saleId), { reason: "sale voided", event });
}

/**
 * A client changed: do-not-contact (or an erased or deleted record) cancels every pending client
 * message; a withdrawn consent cancels the messages drafted for that channel.
 */
export async function cancelForClientChange(tx: Executor, event: DomainEvent): Promise<number> {
  if (!event.customerId) return 0;
  const [client] = await tx.select().from(customers).where(eq(customers.id, event.customerId));
  const ofClient = and(eq(drafts.customerId, event.customerId), eq(drafts.kind, "client_message"));
  if (!client || client.doNotContact || client.erasedAt || event.type === "customer.deleted") {
    return cancelWhere(tx, ofClient!, { reason: "client asked not to be contacted", event });
  }
  const withdrawn = [
    ...(client.consentEmail && client.email ? [] : ["email"]),
    ...(client.consentSms && client.phone ? [] : ["sms"]),
  ];
  if (withdrawn.length === 0) return 0;
  return cancelWhere(tx, and(ofClient, inArray(sql<string>`coalesce(${drafts.editedOutput}, ${drafts.output})->>'channel'`, withdrawn))!, {
    reason: "client withdrew consent for the channel",
    event,
  });
}
