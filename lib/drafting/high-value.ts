import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { CustomerTier } from "@/db/schema";

export type HighValue = { isHighValue: boolean; reasons: string[]; purchasesLast12Months: number };

/** The share of the store's baskets a basket must be in the top of to count as high-value. */
export const TOP_BASKET_SHARE = 0.1;
/** Below this many baskets in the last 12 months, the store's distribution says nothing yet. */
export const MIN_STORE_BASKETS = 10;
const HIGH_TIERS: CustomerTier[] = ["gold", "platinum"];

/**
 * A client is high-value when any of these holds (each one is named in the reasons):
 * - their tier is gold or platinum (the tier follows lifetime value);
 * - this basket is in the top 10 % of the store's completed baskets of the last 12 months, in the
 *   store's currency, once the store has at least 10 of them;
 * - this is their third or later purchase in 12 months (frequency).
 * Amounts never leave this function: the reasons speak of ranks, not money.
 */
export async function assessHighValue(
  tx: Executor,
  args: { sale: { id: string; storeId: string; totalMinor: number; currency: string }; tier: CustomerTier; customerId: string; now: Date },
): Promise<HighValue> {
  const { sale, tier, customerId, now } = args;
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
  const [stats] = await tx.execute<{ baskets: number; above: number; purchases: number }>(sql`
    select
      (select count(*)::int from sales where store_id = ${sale.storeId} and status = 'completed' and currency = ${sale.currency}
          and completed_at >= ${yearAgo.toISOString()}::timestamptz and id <> ${sale.id}) as baskets,
      (select count(*)::int from sales where store_id = ${sale.storeId} and status = 'completed' and currency = ${sale.currency}
          and completed_at >= ${yearAgo.toISOString()}::timestamptz and id <> ${sale.id} and total_minor > ${sale.totalMinor}) as above,
      (select count(*)::int from sales where customer_id = ${customerId} and status = 'completed' and completed_at >= ${yearAgo.toISOString()}::timestamptz) as purchases`);
  const reasons: string[] = [];
  if (HIGH_TIERS.includes(tier)) reasons.push(`${tier} tier client`);
  if (stats.baskets >= MIN_STORE_BASKETS && stats.above / stats.baskets < TOP_BASKET_SHARE) {
    reasons.push(`basket in the store's top ${Math.round(TOP_BASKET_SHARE * 100)} % of the last 12 months`);
  }
  if (stats.purchases >= 3) reasons.push(`${stats.purchases} purchases in the last 12 months`);
  return { isHighValue: reasons.length > 0, reasons, purchasesLast12Months: stats.purchases };
}
