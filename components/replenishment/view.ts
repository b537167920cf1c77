import type { RecommendationSort } from "@/lib/replenishment/queries";

/** What the recommendations page shows, all of it in the URL so a view can be reloaded or shared. */
export type ReplenishmentView = { store?: string; supplier?: string; sort: RecommendationSort; show?: number };

export function replenishmentHref(view: ReplenishmentView, changes: Partial<ReplenishmentView> = {}): string {
  const next = { ...view, ...changes };
  const query = new URLSearchParams();
  if (next.store) query.set("store", next.store);
  if (next.supplier) query.set("supplier", next.supplier);
  if (next.sort !== "risk") query.set("sort", next.sort);
  if (next.show) query.set("show", String(next.show));
  const text = query.toString();
  return text ? `/replenishment?${text}` : "/replenishment";
}
