import { eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { purchaseOrderLines, purchaseOrders } from "@/db/schema";
import { purchaseRecommendationSchema } from "@/lib/review/kinds";
import { PermanentExecutionError, type Completion, type ExecutionContext } from "./types";

/** `PO-2026-000123`: the year it was raised and the next number of `purchase_order_number_seq`. */
export function purchaseOrderNumber(year: number, sequence: number): string {
  return `PO-${year}-${String(sequence).padStart(6, "0")}`;
}

/**
 * purchase_recommendation → a purchase order (or, for `type: transfer`, a transfer request from
 * another store) with its lines. Written in the finishing transaction, so it exists exactly when the
 * execution is done; source_draft_id is unique as a second guard.
 */
export async function executePurchaseRecommendation(ctx: ExecutionContext): Promise<Completion> {
  const parsed = purchaseRecommendationSchema.safeParse(ctx.output);
  if (!parsed.success) throw new PermanentExecutionError(`The approved recommendation is incomplete: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
  const recommendation = parsed.data;
  if (recommendation.type === "transfer" && !recommendation.fromStoreId) throw new PermanentExecutionError("A transfer needs the store that sends the goods.");

  return {
    outcome: "executed",
    result: {},
    apply: async (tx: Transaction) => {
      const [existing] = await tx.select({ id: purchaseOrders.id, number: purchaseOrders.number }).from(purchaseOrders).where(eq(purchaseOrders.sourceDraftId, ctx.draft.id));
      if (existing) return { purchaseOrderId: existing.id, number: existing.number };
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
        .returning({ id: purchaseOrders.id, number: purchaseOrders.number });
      await tx.insert(purchaseOrderLines).values(
        recommendation.lines.map((line) => ({ purchaseOrderId: order.id, productId: line.productId, quantity: line.quantity, unitCostMinor: line.unitCostMinor })),
      );
      return { purchaseOrderId: order.id, number: order.number, type: recommendation.type, lines: recommendation.lines.length };
    },
  };
}
