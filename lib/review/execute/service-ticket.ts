import { and, asc, eq, isNotNull } from "drizzle-orm";
import { customerRefs, draftExecutions, posConnections, products, serializedItems, serviceTickets, stores, type ServiceKind } from "@/db/schema";
import { PosApiError } from "@/lib/pos/http";
import { locationOfStore } from "@/lib/pos/locations";
import { loadConnections } from "@/lib/sync/process";
import { PermanentExecutionError, type Completion, type ExecutionContext } from "./types";

export type WriteBack =
  | { status: "written"; provider: string; connectionId: string; kind: "service_order" | "customer_note"; externalId: string }
  | { status: "skipped"; reason: "no_connection" | "no_api" | "unsupported" | "client_not_in_pos" };

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/**
 * service_ticket → a Vitrine ticket (created once per draft: looked up by source_draft_id under the
 * execution's row lock, and committed before any POS call), then a write-back to the store's POS: a
 * work order where the platform has them, otherwise a note on the client's POS record. A failed
 * write-back retries without creating a second ticket; a done write-back is remembered in the
 * execution's result, so a later retry does not repeat it.
 */
export async function executeServiceTicket(ctx: ExecutionContext): Promise<Completion> {
  const { draft, output } = ctx;
  const title = text(output.title);
  const description = text(output.description);
  const dueOn = text(output.dueOn) || null;

  const ticket = await ctx.locked(async (tx) => {
    const [existing] = await tx.select().from(serviceTickets).where(eq(serviceTickets.sourceDraftId, draft.id)).limit(1);
    if (existing) return existing;
    const [store] = await tx.select({ currency: stores.currency }).from(stores).where(eq(stores.id, draft.storeId));
    const [created] = await tx
      .insert(serviceTickets)
      .values({
        storeId: draft.storeId,
        customerId: draft.customerId,
        itemId: draft.itemId,
        productId: draft.productId,
        kind: output.kind as ServiceKind,
        status: "open",
        description: title ? `${title}\n\n${description}` : description,
        dueOn,
        currency: store.currency,
        openedAt: ctx.now,
        openedById: draft.decidedById,
        sourceDraftId: draft.id,
      })
      .returning();
    // Remember the ticket at once: should the write-back fail, the Outbox can say which ticket waits.
    await tx
      .update(draftExecutions)
      .set({ result: { serviceTicketId: created.id } })
      .where(eq(draftExecutions.draftId, draft.id));
    return created;
  });

  const previous = ctx.claim.result?.writeBack as WriteBack | undefined;
  const writeBack: WriteBack =
    previous?.status === "written"
      ? previous
      : ticket.externalId && ticket.provider
        ? { status: "written", provider: ticket.provider, connectionId: "", kind: "service_order", externalId: ticket.externalId }
        : await writeBackTicket(ctx, { ticketId: ticket.id, title, description, dueOn });
  return { outcome: "executed", result: { serviceTicketId: ticket.id, writeBack } };
}

async function writeBackTicket(ctx: ExecutionContext, ticket: { ticketId: string; title: string; description: string; dueOn: string | null }): Promise<WriteBack> {
  const { db, draft } = ctx;
  const [connectionRow] = await db
    .select({ id: posConnections.id, locationId: locationOfStore(draft.storeId) })
    .from(posConnections)
    .where(and(eq(posConnections.isActive, true), isNotNull(locationOfStore(draft.storeId))))
    .orderBy(asc(posConnections.createdAt))
    .limit(1);
  if (!connectionRow?.locationId) return { status: "skipped", reason: "no_connection" };
  const loaded = (await loadConnections(db, [connectionRow.id], ctx.connectors, ctx.httpOverrides)).get(connectionRow.id);
  if (!loaded?.http) return { status: "skipped", reason: "no_api" };
  const connector = ctx.connectors[loaded.api.provider];

  const [ref] = draft.customerId
    ? await db
        .select({ externalId: customerRefs.externalId })
        .from(customerRefs)
        .where(and(eq(customerRefs.customerId, draft.customerId), eq(customerRefs.connectionId, connectionRow.id)))
        .limit(1)
    : [];
  const customerExternalId = ref?.externalId ?? null;

  try {
    if (connector.writeServiceOrder) {
      const [item] = draft.itemId ? await db.select({ serial: serializedItems.serialNumber }).from(serializedItems).where(eq(serializedItems.id, draft.itemId)) : [];
      const [product] = draft.productId ? await db.select({ brand: products.brand, name: products.name }).from(products).where(eq(products.id, draft.productId)) : [];
      const { externalId } = await connector.writeServiceOrder({
        connection: loaded.api,
        http: loaded.http,
        order: {
          locationId: connectionRow.locationId,
          customerExternalId,
          serialNumber: item?.serial ?? null,
          itemName: product ? `${product.brand} ${product.name}` : ticket.title,
          description: ticket.title ? `${ticket.title}: ${ticket.description}` : ticket.description,
          dueOn: ticket.dueOn,
        },
      });
      const written: WriteBack = { status: "written", provider: loaded.api.provider, connectionId: connectionRow.id, kind: "service_order", externalId };
      await ctx.locked(async (tx) => {
        await tx.update(serviceTickets).set({ provider: loaded.api.provider, externalId, updatedAt: new Date() }).where(eq(serviceTickets.id, ticket.ticketId));
        await tx.update(draftExecutions).set({ result: { serviceTicketId: ticket.ticketId, writeBack: written } }).where(eq(draftExecutions.draftId, draft.id));
      });
      return written;
    }
    if (connector.writeCustomerNote) {
      if (!customerExternalId) return { status: "skipped", reason: "client_not_in_pos" };
      const note = [`Service: ${ticket.title}`, ticket.dueOn ? `Due on ${ticket.dueOn}` : null, ticket.description].filter(Boolean).join("\n").slice(0, 2000);
      const { externalId } = await connector.writeCustomerNote({ connection: loaded.api, http: loaded.http, customerExternalId, note });
      const written: WriteBack = { status: "written", provider: loaded.api.provider, connectionId: connectionRow.id, kind: "customer_note", externalId };
      await ctx.locked(async (tx) => {
        await tx.update(draftExecutions).set({ result: { serviceTicketId: ticket.ticketId, writeBack: written } }).where(eq(draftExecutions.draftId, draft.id));
      });
      return written;
    }
    return { status: "skipped", reason: "unsupported" };
  } catch (error) {
    if (error instanceof PosApiError && !error.retryable) throw new PermanentExecutionError(`POS write-back refused: ${error.message}`);
    throw error;
  }
}
