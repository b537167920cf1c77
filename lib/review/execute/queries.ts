import "server-only";
import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { draftExecutions, outboxMessages, products, purchaseOrderLines, purchaseOrders, stores, users, type ExecutionStatus, type OutboxStatus, type PosProvider } from "@/db/schema";
import { storeCondition, type Viewer } from "@/lib/auth/viewer";
import { REVIEW_KINDS, reviewPermission, type ReviewKind } from "@/lib/review/kinds";
import type { PosTransfer, PosTransferSkipReason } from "./purchase-order";

/** What the Outbox may show of an address: the e-mail domain, or the last two digits of a phone number. */
export function maskRecipient(recipient: string | null, channel: "email" | "sms"): string {
  if (!recipient) return "no address";
  if (channel === "email") {
    const at = recipient.lastIndexOf("@");
    return at > 0 ? `•••@${recipient.slice(at + 1)}` : "•••";
  }
  const digits = recipient.replace(/\D/g, "");
  return digits.length > 2 ? `•••${digits.slice(-2)}` : "•••";
}

export type OutboxRow = {
  id: string;
  draftId: string;
  storeName: string;
  channel: "email" | "sms";
  maskedRecipient: string;
  subject: string | null;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
};

/** The newest outbox messages of the viewer's stores (client-message reviewers only). */
export async function listOutbox(db: Database, viewer: Viewer, limit = 100): Promise<OutboxRow[]> {
  const rows = await db
    .select({
      id: outboxMessages.id,
      draftId: outboxMessages.draftId,
      storeName: stores.name,
      channel: outboxMessages.channel,
      recipient: outboxMessages.recipient,
      subject: outboxMessages.subject,
      status: outboxMessages.status,
      attempts: outboxMessages.attempts,
      lastError: outboxMessages.lastError,
      sentAt: outboxMessages.sentAt,
      createdAt: outboxMessages.createdAt,
    })
    .from(outboxMessages)
    .innerJoin(stores, eq(stores.id, outboxMessages.storeId))
    .where(storeCondition(viewer, "drafts.review.client_message", outboxMessages.storeId))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit);
  return rows.map(({ recipient, ...row }) => ({ ...row, maskedRecipient: maskRecipient(recipient, row.channel) }));
}

/** Kinds × stores the viewer may review, as one condition on a (kind, store) pair of columns. */
function reviewableCondition(viewer: Viewer): SQL {
  const perKind = REVIEW_KINDS.map((kind) => and(eq(draftExecutions.kind, kind), storeCondition(viewer, reviewPermission(kind), draftExecutions.storeId)));
  return or(...perKind) as SQL;
}

export type FailedExecutionRow = {
  draftId: string;
  kind: ReviewKind;
  storeName: string;
  status: Extract<ExecutionStatus, "failed" | "dead">;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  updatedAt: Date;
};

/** Executions that failed (retrying) or died, of every kind the viewer reviews, in their stores. */
export async function listFailedExecutions(db: Database, viewer: Viewer, limit = 100): Promise<FailedExecutionRow[]> {
  const rows = await db
    .select({
      draftId: draftExecutions.draftId,
      kind: draftExecutions.kind,
      storeName: stores.name,
      status: draftExecutions.status,
      attempts: draftExecutions.attempts,
      lastError: draftExecutions.lastError,
      nextAttemptAt: draftExecutions.nextAttemptAt,
      updatedAt: draftExecutions.updatedAt,
    })
    .from(draftExecutions)
    .innerJoin(stores, eq(stores.id, draftExecutions.storeId))
    .where(and(inArray(draftExecutions.status, ["failed", "dead"]), reviewableCondition(viewer)))
    .orderBy(desc(draftExecutions.updatedAt))
    .limit(limit);
  return rows as FailedExecutionRow[];
}

/**
 * Where a transfer request stands with the POS, for the buyer: sent (with the platform's reference),
 * not sent and why (to be moved by hand), still being tried, or failed for good (retry from the page).
 * Null for purchase orders, which no POS receives.
 */
export type PosTransferState =
  | { state: "sent"; provider: PosProvider; externalId: string }
  | { state: "skipped"; reason: PosTransferSkipReason; provider: PosProvider | null; skus: string[] }
  | { state: "pending" }
  | { state: "retrying"; attempts: number; lastError: string | null; nextAttemptAt: Date }
  | { state: "failed"; draftId: string; lastError: string | null };

type ExecutionFacts = {
  sourceDraftId: string | null;
  provider: string | null;
  externalId: string | null;
  executionStatus: ExecutionStatus | null;
  attempts: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  posTransfer: PosTransfer | null;
};

function posTransferState(type: "purchase" | "transfer", facts: ExecutionFacts): PosTransferState | null {
  if (type !== "transfer") return null;
  if (facts.provider && facts.externalId) return { state: "sent", provider: facts.provider as PosProvider, externalId: facts.externalId };
  const recorded = facts.posTransfer;
  if (recorded?.status === "skipped") return { state: "skipped", reason: recorded.reason, provider: recorded.provider ?? null, skus: recorded.skus ?? [] };
  if (facts.executionStatus === "dead" && facts.sourceDraftId) return { state: "failed", draftId: facts.sourceDraftId, lastError: facts.lastError };
  if (facts.executionStatus === "failed") return { state: "retrying", attempts: facts.attempts ?? 0, lastError: facts.lastError, nextAttemptAt: facts.nextAttemptAt ?? new Date() };
  return { state: "pending" };
}

export type PurchaseOrderSummary = {
  id: string;
  number: string;
  type: "purchase" | "transfer";
  storeId: string;
  storeName: string;
  fromStoreName: string | null;
  supplier: string | null;
  currency: string;
  totalCostMinor: number;
  status: string;
  createdAt: Date;
  createdByName: string | null;
  pos: PosTransferState | null;
};

const fromStores = alias(stores, "from_stores");

function summaryColumns() {
  return {
    id: purchaseOrders.id,
    number: purchaseOrders.number,
    type: purchaseOrders.type,
    storeId: purchaseOrders.storeId,
    storeName: stores.name,
    fromStoreName: fromStores.name,
    supplier: purchaseOrders.supplier,
    currency: purchaseOrders.currency,
    totalCostMinor: purchaseOrders.totalCostMinor,
    status: purchaseOrders.status,
    createdAt: purchaseOrders.createdAt,
    createdByName: users.name,
    sourceDraftId: purchaseOrders.sourceDraftId,
    provider: purchaseOrders.provider,
    externalId: purchaseOrders.externalId,
    executionStatus: draftExecutions.status,
    attempts: draftExecutions.attempts,
    lastError: draftExecutions.lastError,
    nextAttemptAt: draftExecutions.nextAttemptAt,
    posTransfer: sql<PosTransfer | null>`${draftExecutions.result}->'posTransfer'`,
  };
}

type SummaryRow = Omit<PurchaseOrderSummary, "pos"> & ExecutionFacts;

function toSummary({ sourceDraftId, provider, externalId, executionStatus, attempts, lastError, nextAttemptAt, posTransfer, ...order }: SummaryRow): PurchaseOrderSummary & { sourceDraftId: string | null } {
  return { ...order, sourceDraftId, pos: posTransferState(order.type, { sourceDraftId, provider, externalId, executionStatus, attempts, lastError, nextAttemptAt, posTransfer }) };
}

/** The newest purchase orders and transfer requests of the viewer's stores. */
export async function listPurchaseOrders(db: Database, viewer: Viewer, limit = 100): Promise<PurchaseOrderSummary[]> {
  const rows = await db
    .select(summaryColumns())
    .from(purchaseOrders)
    .innerJoin(stores, eq(stores.id, purchaseOrders.storeId))
    .leftJoin(fromStores, eq(fromStores.id, purchaseOrders.fromStoreId))
    .leftJoin(users, eq(users.id, purchaseOrders.createdById))
    .leftJoin(draftExecutions, eq(draftExecutions.draftId, purchaseOrders.sourceDraftId))
    .where(storeCondition(viewer, "purchase_orders.manage", purchaseOrders.storeId))
    .orderBy(desc(purchaseOrders.createdAt), desc(purchaseOrders.number))
    .limit(limit);
  return rows.map((row) => {
    const { sourceDraftId: _sourceDraftId, ...summary } = toSummary(row);
    return summary;
  });
}

export type PurchaseOrderLineRow = { id: string; sku: string; brand: string; name: string; quantity: number; unitCostMinor: number; lineTotalMinor: number };
export type PurchaseOrderDetail = PurchaseOrderSummary & { sourceDraftId: string | null; lines: PurchaseOrderLineRow[] };

/** One order with its lines, or null when it does not exist or is outside the viewer's stores. */
export async function getPurchaseOrder(db: Database, viewer: Viewer, id: string): Promise<PurchaseOrderDetail | null> {
  const [row] = await db
    .select(summaryColumns())
    .from(purchaseOrders)
    .innerJoin(stores, eq(stores.id, purchaseOrders.storeId))
    .leftJoin(fromStores, eq(fromStores.id, purchaseOrders.fromStoreId))
    .leftJoin(users, eq(users.id, purchaseOrders.createdById))
    .leftJoin(draftExecutions, eq(draftExecutions.draftId, purchaseOrders.sourceDraftId))
    .where(and(eq(purchaseOrders.id, id), storeCondition(viewer, "purchase_orders.manage", purchaseOrders.storeId)));
  if (!row) return null;
  const order = toSummary(row);
  const lines = await db
    .select({ id: purchaseOrderLines.id, sku: products.sku, brand: products.brand, name: products.name, quantity: purchaseOrderLines.quantity, unitCostMinor: purchaseOrderLines.unitCostMinor })
    .from(purchaseOrderLines)
    .innerJoin(products, eq(products.id, purchaseOrderLines.productId))
    .where(eq(purchaseOrderLines.purchaseOrderId, id))
    .orderBy(products.sku);
  return { ...order, lines: lines.map((line) => ({ ...line, lineTotalMinor: line.quantity * line.unitCostMinor })) };
}
