import { and, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { CAP_WINDOW_DAYS, clientMessageCap } from "@/lib/drafting/config";
import { customers, drafts, inventoryLevels, products, returns, sales, serializedItems, type Draft } from "@/db/schema";

/**
 * The facts a draft was written on, checked again at approval: a message must not go to a client
 * who withdrew consent, a care guide must not follow a piece that came back, a suggestion must not
 * name a piece the store no longer has. Returns why the draft can no longer be approved, or null.
 */
export async function changedFacts(tx: Executor, draft: Draft): Promise<string | null> {
  const output = (draft.editedOutput ?? draft.output ?? {}) as Record<string, unknown>;

  if (draft.kind === "client_message" || draft.kind === "clienteling_note" || draft.kind === "service_ticket") {
    if (draft.customerId) {
      const [client] = await tx
        .select({ erasedAt: customers.erasedAt, mergedIntoId: customers.mergedIntoId, doNotContact: customers.doNotContact, consentEmail: customers.consentEmail, consentSms: customers.consentSms, email: customers.email, phone: customers.phone })
        .from(customers)
        .where(eq(customers.id, draft.customerId));
      if (!client || client.erasedAt) return "The client's personal data was erased.";
      if (client.mergedIntoId) return "The client record was merged into another one; the draft names the old record.";
      if (draft.kind === "client_message") {
        if (client.doNotContact) return "The client is now marked do-not-contact.";
        const cap = clientMessageCap();
        const [sent] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(drafts)
          .where(
            and(
              eq(drafts.customerId, draft.customerId),
              eq(drafts.kind, "client_message"),
              inArray(drafts.status, ["approved", "held", "executed"]),
              gte(drafts.decidedAt, new Date(Date.now() - CAP_WINDOW_DAYS * 86_400_000)),
              ne(drafts.id, draft.id),
            ),
          );
        if (sent.n >= cap) return `The client already has ${sent.n} message${sent.n === 1 ? "" : "s"} approved in the last ${CAP_WINDOW_DAYS} days (the limit is ${cap}).`;
        if (output.channel === "email" && (!client.consentEmail || !client.email)) return "The client no longer consents to e-mail (or has no e-mail address).";
        if (output.channel === "sms" && (!client.consentSms || !client.phone)) return "The client no longer consents to text messages (or has no phone number).";
      }
    }
    if (draft.itemId) {
      const [item] = await tx
        .select({ status: serializedItems.status, ownerId: serializedItems.currentOwnerId, serial: serializedItems.serialNumber })
        .from(serializedItems)
        .where(eq(serializedItems.id, draft.itemId));
      if (item?.status === "returned") return `The piece (serial ${item.serial}) was returned since the draft was written.`;
      if (item && draft.customerId && item.ownerId && item.ownerId !== draft.customerId) return `The piece (serial ${item.serial}) now belongs to another client.`;
    }
    if (draft.saleId && draft.kind !== "service_ticket") {
      const [sale] = await tx.select({ status: sales.status }).from(sales).where(eq(sales.id, draft.saleId));
      if (sale?.status === "voided") return "The sale was voided in the POS.";
      const [returned] = await tx
        .select({ at: returns.returnedAt })
        .from(returns)
        .where(eq(returns.saleId, draft.saleId))
        .limit(1);
      if (returned) return `Part of the sale was returned on ${returned.at.toISOString().slice(0, 10)}.`;
    }
  }

  if (draft.kind === "clienteling_note") {
    const suggestions = Array.isArray(output.suggestions) ? (output.suggestions as { brand?: string; name?: string }[]) : [];
    for (const s of suggestions) {
      if (!s.brand || !s.name) continue;
      const [stock] = await tx
        .select({ available: sql<number>`coalesce(sum(${inventoryLevels.onHand} - ${inventoryLevels.reserved}), 0)::int` })
        .from(products)
        .innerJoin(inventoryLevels, and(eq(inventoryLevels.productId, products.id), eq(inventoryLevels.storeId, draft.storeId)))
        .where(and(eq(products.brand, s.brand), eq(products.name, s.name)));
      if (!stock || stock.available <= 0) return `${s.brand} ${s.name} is no longer in stock at this store; edit the suggestion out or reject.`;
    }
  }

  if (draft.kind === "purchase_recommendation" && output.type === "transfer" && typeof output.fromStoreId === "string") {
    const lines = Array.isArray(output.lines) ? (output.lines as { productId: string; quantity: number; sku?: string }[]) : [];
    for (const line of lines) {
      const [stock] = await tx
        .select({ available: sql<number>`(${inventoryLevels.onHand} - ${inventoryLevels.reserved})::int` })
        .from(inventoryLevels)
        .where(and(eq(inventoryLevels.storeId, output.fromStoreId), eq(inventoryLevels.productId, line.productId)));
      if (!stock || stock.available < line.quantity) {
        return `The sending store no longer holds ${line.quantity} of ${line.sku ?? "the item"} (${stock?.available ?? 0} available).`;
      }
    }
  }

  return null;
}
