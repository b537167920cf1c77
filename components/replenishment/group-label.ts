import { formatMoney } from "@/components/format";
import { TRANSFERS_GROUP, type RecommendationGroup } from "@/lib/replenishment/queries";

export function groupLabel(key: string): string {
  return key === TRANSFERS_GROUP ? "Transfers between stores" : key;
}

/** "CHF 84K", or "CHF 1.9M · £1.7M" when a group spans stores in several currencies. */
export function groupTotal(group: Pick<RecommendationGroup, "totals">): string {
  return group.totals
    .toSorted((a, b) => b.valueMinor - a.valueMinor)
    .map((t) => formatMoney(t.valueMinor, t.currency, { compact: true }))
    .join(" · ");
}
