import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { draftExecutions, posConnections, productRefs, products, purchaseOrderLines, purchaseOrders, type PosProvider } from "@/db/schema";
import { PosApiError } from "@/lib/pos/http";
import { locationOfStore } from "@/lib/pos/locations";
import { loadConnections } from "@/lib/sync/process";
import { purchaseRecommendationSchema, type PurchaseRecommendationOutput } from "@/lib/review/kinds";
import { PermanentExecutionError, type Completion, type ExecutionContext } from "./types";

/** `PO-2026-000123`: the year it was raised and the next number of `purchase_order_number_seq`. */
export function purchaseOrderNumber(year: number, sequence: number): string {
  return `PO-${year}-${String(sequence).padStart(6, "0")}`;
}

/**
 * Why a transfer request was not sent to a POS (the buyer then moves the stock by hand):
 * `no_connection` neither store's POS is connected; `different_connections` the two stores are not
 * locations of one POS connection; `no_api` the connection has no API address; `unsupported` the
 * platform has no transfers (Clover: one merchant per location); `product_not_in_pos` a product has no
 * id on that connection (`skus` names them).
 */
export type PosTransferSkipReason = "no_connection" | "different_connections" | "no_api" | "unsupported" | "product_not_in_pos";

export type PosTransfer =
  | { status: "sent"; provider: PosProvider; connectionId: string; externalId: string }
  /** created on the POS but not sent yet (platforms without idempotency keys): a retry resumes it */
  | { status: "started"; provider: PosProvider; connectionId: string; externalId: string }
  | { status: "skipped"; reason: PosTransferSkipReason; provider?: PosProvider; skus?: string[] };

type RaisedOrder = { purchaseOrderId: string; number: string; createdAt: Date; provider: string | null; externalId: string | null };

/** The order for this draft: the one raised by an earlier attempt, or a new one with its lines. */
async function raiseOrder(tx: Transaction, ctx: ExecutionContext, recommendation: PurchaseRecommendationOutput): Promise<RaisedOrder> {
  const columns = { purchaseOrderId: purchaseOrders.id, number: purchaseOrders.number, createdAt: purchaseOrders.createdAt, provider: purchaseOrders.provider, externalId: purchaseOrders.externalId };
  const [existing] = await tx.select(columns).from(purchaseOrders).where(eq(purchaseOrders.sourceDraftId, ctx.draft.id));
  if (existing) return existing;
  const [{ seq }] = await tx.execute<{ seq: string }>(sql`select nextval('purchase_order_number_seq') as seq`);
  const total = recommendation.lines.reduce((sum, line) => sum + line.quantity * line.unitCostMinor, 0);
  const [order] = await tx
    .insert(purchaseOrders)
    .values({
      number: purchaseOrderNumber(ctx.now.getUTCFullYear(), Number(seq)),
      type: recommendation.type,
      storeId: ctx.draft.storeId,
      fromStoreId: recommendation.type === "transfer" ? recommendation.fromStoreId : null,
      supplier: recommendation.supplier,
      currency: recommendation.currency.toUpperCase(),
      totalCostMinor: total,
      status: "open",
      sourceDraftId: ctx.draft.id,
      createdById: ctx.draft.decidedById,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning(columns);
  await tx.insert(purchaseOrderLines).values(
    recommendation.lines.map((line) => ({ purchaseOrderId: order.purchaseOrderId, productId: line.productId, quantity: line.quantity, unitCostMinor: line.unitCostMinor })),
  );
  return order;
}

/**
 * purchase_recommendation → a purchase order (or, for `type: transfer`, a transfer request from
 * another store) with its lines. A purchase order is written in the finishing transaction, so it exists
 * exactly when the execution is done. A transfer request is committed first and then sent to the POS
 * where both stores are locations of one connection whose platform moves stock between locations (the
 * service-ticket pattern): a failed call retries without a second request, a sent transfer is
 * remembered in the execution's result so a retry does not send it again, and a refusal is permanent.
 * source_draft_id is unique as a second guard.
 */
export async function executePurchaseRecommendation(ctx: ExecutionContext): Promise<Completion> {
  const parsed = purchaseRecommendationSchema.safeParse(ctx.output);
  if (!parsed.success) throw new PermanentExecutionError(`The approved recommendation is incomplete: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
  const recommendation = parsed.data;
  const summary = { type: recommendation.type, lines: recommendation.lines.length };

  if (recommendation.type === "purchase") {
    return {
      outcome: "executed",
      result: {},
      apply: async (tx) => {
        const order = await raiseOrder(tx, ctx, recommendation);
        return { purchaseOrderId: order.purchaseOrderId, number: order.number, ...summary };
      },
    };
  }

  const fromStoreId = recommendation.fromStoreId;
  if (!fromStoreId) throw new PermanentExecutionError("A transfer needs the store that sends the goods.");
  const order = await ctx.locked(async (tx) => {
    const raised = await raiseOrder(tx, ctx, recommendation);
    // Remember the request at once: should the POS call fail, the page can say which request waits.
    const previous = (ctx.claim.result ?? {}) as Record<string, unknown>;
    await tx
      .update(draftExecutions)
      .set({ result: { ...previous, purchaseOrderId: raised.purchaseOrderId, number: raised.number, ...summary } })
      .where(eq(draftExecutions.draftId, ctx.draft.id));
    return raised;
  });
  const base = { purchaseOrderId: order.purchaseOrderId, number: order.number, ...summary };
  const previous = ctx.claim.result?.posTransfer as PosTransfer | undefined;
  const posTransfer: PosTransfer =
    previous?.status === "sent"
      ? previous
      : order.provider && order.externalId
        ? { status: "sent", provider: order.provider as PosProvider, connectionId: "", externalId: order.externalId }
        : await sendTransfer(ctx, { ...order, base, fromStoreId, lines: recommendation.lines, started: previous?.status === "started" ? previous : null });
  return { outcome: "executed", result: { ...base, posTransfer } };
}

type TransferToSend = RaisedOrder & {
  base: Record<string, unknown>;
  fromStoreId: string;
  lines: PurchaseRecommendationOutput["lines"];
  started: Extract<PosTransfer, { status: "started" }> | null;
};

/** The oldest active connection on which both stores are locations, with each store's location id. */
async function sharedConnection(ctx: ExecutionContext, fromStoreId: string): Promise<{ id: string; fromLocationId: string; toLocationId: string } | PosTransferSkipReason> {
  const rows = await ctx.db
    .select({ id: posConnections.id, fromLocationId: locationOfStore(fromStoreId), toLocationId: locationOfStore(ctx.draft.storeId) })
    .from(posConnections)
    .where(eq(posConnections.isActive, true))
    .orderBy(asc(posConnections.createdAt));
  const shared = rows.find((row) => row.fromLocationId && row.toLocationId);
  if (shared) return { id: shared.id, fromLocationId: shared.fromLocationId!, toLocationId: shared.toLocationId! };
  const both = rows.some((row) => row.fromLocationId) && rows.some((row) => row.toLocationId);
  return both ? "different_connections" : "no_connection";
}

/** Each line's product id on the connection (merged per product), or the SKUs that have none. */
async function externalLines(ctx: ExecutionContext, connectionId: string, lines: PurchaseRecommendationOutput["lines"]): Promise<{ externalId: string; quantity: number }[] | { missing: string[] }> {
  const productIds = [...new Set(lines.map((line) => line.productId))];
  const refs = await ctx.db
    .select({ productId: productRefs.productId, externalId: sql<string>`min(${productRefs.externalId})` })
    .from(productRefs)
    .where(and(eq(productRefs.connectionId, connectionId), inArray(productRefs.productId, productIds)))
    .groupBy(productRefs.productId);
  const byProduct = new Map(refs.map((ref) => [ref.productId, ref.externalId]));
  const missing = productIds.filter((id) => !byProduct.has(id));
  if (missing.length > 0) {
    const skus = await ctx.db.select({ sku: products.sku }).from(products).where(inArray(products.id, missing)).orderBy(products.sku);
    return { missing: skus.map((row) => row.sku) };
  }
  const quantities = new Map<string, number>();
  for (const line of lines) quantities.set(byProduct.get(line.productId)!, (quantities.get(byProduct.get(line.productId)!) ?? 0) + line.quantity);
  return [...quantities].map(([externalId, quantity]) => ({ externalId, quantity }));
}

async function sendTransfer(ctx: ExecutionContext, order: TransferToSend): Promise<PosTransfer> {
  const connection = await sharedConnection(ctx, order.fromStoreId);
  if (typeof connection === "string") return { status: "skipped", reason: connection };
  const loaded = (await loadConnections(ctx.db, [connection.id], ctx.connectors, ctx.httpOverrides)).get(connection.id);
  if (!loaded?.http) return { status: "skipped", reason: "no_api", provider: loaded?.api.provider };
  const provider = loaded.api.provider;
  const connector = ctx.connectors[provider];
  if (!connector.writeStockTransfer) return { status: "skipped", reason: "unsupported", provider };
  const lines = await externalLines(ctx, connection.id, order.lines);
  if (!Array.isArray(lines)) return { status: "skipped", reason: "product_not_in_pos", provider, skus: lines.missing };

  const remember = async (posTransfer: PosTransfer, tx: Transaction) => {
    await tx.update(draftExecutions).set({ result: { ...order.base, posTransfer } }).where(eq(draftExecutions.draftId, ctx.draft.id));
  };
  try {
    const { externalId } = await connector.writeStockTransfer({
      connection: loaded.api,
      http: loaded.http,
      transfer: {
        reference: order.number,
        idempotencyKey: `vitrine-transfer-${order.purchaseOrderId}`,
        fromLocationId: connection.fromLocationId,
        toLocationId: connection.toLocationId,
        lines,
        occurredAt: order.createdAt,
      },
      started: order.started?.connectionId === connection.id ? order.started.externalId : null,
      onStarted: (externalId) => ctx.locked((tx) => remember({ status: "started", provider, connectionId: connection.id, externalId }, tx)),
    });
    const sent: PosTransfer = { status: "sent", provider, connectionId: connection.id, externalId };
    await ctx.locked(async (tx) => {
      await tx.update(purchaseOrders).set({ provider, externalId, status: "sent", updatedAt: new Date() }).where(eq(purchaseOrders.id, order.purchaseOrderId));
      await remember(sent, tx);
    });
    return sent;
  } catch (error) {
    if (error instanceof PosApiError && !error.retryable) throw new PermanentExecutionError(`The POS refused the transfer: ${error.message}`);
    throw error;
  }
}
