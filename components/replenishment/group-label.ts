import { formatMoney } from "@/components/format";
import { TRANSFERS_GROUP, type RecommendationGroup } from "@/lib/replenishment/queries";

export function groupLabel(key: string): string {
  return key === TRANSFERS_GROUP ? "Transfers between stores" : key;
}

/** "CHF 84,000.00", or "CHF 84,000.00 + EUR 12,500.00" when a group spans currencies. */
export function groupTotal(group: Pick<RecommendationGroup, "totals">): string {
  return group.totals
    .toSorted((a, b) => b.valueMinor - a.valueMinor)
    .map((t) => formatMoney(t.valueMinor, t.currency))
    .join(" + ");
}
