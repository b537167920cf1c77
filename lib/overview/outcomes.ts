import "server-only";
import { and, asc, between, eq, sql } from "drizzle-orm";
import { stores } from "@/db/schema";
import { salesCategoryDaily, salesDaily, suggestionPurchases, ticketDaily } from "@/db/schema/rollups";
import { can } from "@/lib/auth/viewer";
import { inScope, type DashboardScope } from "./scope";

export type SuggestionOutcome = { suggested: number; bought: number; rate: number | null; byPromptVersion: { promptVersion: string; suggested: number; bought: number }[] };
export type TicketOutcome = { fromDrafts: number; completed: number; cancelled: number; open: number; rate: number | null };
export type StoreCategorySales = {
  /** one currency per store; amounts in different currencies are never added */
  stores: { id: string; code: string; name: string; currency: string; revenueMinor: number; units: number; byCategory: Record<string, { revenueMinor: number; units: number }> }[];
  /** categories with sales, most revenue first (within each store's own currency) */
  categories: string[];
};

/**
 * Next-best-actions of clienteling notes approved in the range, and how many the client bought
 * within 30 days of the approval (suggestion_purchases; a suggestion younger than 30 days may still be bought).
 */
export async function getSuggestionOutcome(scope: DashboardScope): Promise<SuggestionOutcome | null> {
  if (!can(scope.viewer, "drafts.review.clienteling_note")) return null;
  // per store through the (store_id, day) index: an all-stores scope would otherwise read every suggestion ever made
  const rows = await scope.db.execute<{ prompt_version: string; suggested: number; bought: number }>(sql`
    select p.prompt_version, sum(p.suggested)::int as suggested, sum(p.bought)::int as bought
      from ${stores}
      cross join lateral (
        select ${suggestionPurchases.promptVersion} as prompt_version, count(*) as suggested, count(${suggestionPurchases.boughtAt}) as bought
          from ${suggestionPurchases}
         where ${suggestionPurchases.storeId} = ${stores.id} and ${suggestionPurchases.day} between ${scope.filters.from} and ${scope.filters.to}
         group by 1) p
     where ${inScope(scope, "drafts.review.clienteling_note", stores.id)}
     group by 1 order by 1`);
  const byPromptVersion = rows.map((r) => ({ promptVersion: r.prompt_version, suggested: r.suggested, bought: r.bought }));
  const suggested = byPromptVersion.reduce((s, r) => s + r.suggested, 0);
  const bought = byPromptVersion.reduce((s, r) => s + r.bought, 0);
  return { suggested, bought, rate: suggested > 0 ? bought / suggested : null, byPromptVersion };
}

/** Service tickets opened in the range from approved drafts, and how many are completed (closed). */
export async function getTicketOutcome(scope: DashboardScope): Promise<TicketOutcome | null> {
  if (!can(scope.viewer, "drafts.review.service_ticket")) return null;
  const [row] = await scope.db
    .select({
      opened: sql<number>`coalesce(sum(${ticketDaily.opened}), 0)::int`,
      closed: sql<number>`coalesce(sum(${ticketDaily.closed}), 0)::int`,
      cancelled: sql<number>`coalesce(sum(${ticketDaily.cancelled}), 0)::int`,
    })
    .from(ticketDaily)
    .where(
      and(
        eq(ticketDaily.source, "draft"),
        between(ticketDaily.day, scope.filters.from, scope.filters.to),
        inScope(scope, "drafts.review.service_ticket", ticketDaily.storeId),
      ),
    );
  const open = row.opened - row.closed - row.cancelled;
  return {
    fromDrafts: row.opened,
    completed: row.closed,
    cancelled: row.cancelled,
    open,
    rate: row.opened - row.cancelled > 0 ? row.closed / (row.opened - row.cancelled) : null,
  };
}

/** Revenue and units per store and product category in the range (sales_category_daily). */
export async function getSalesByStoreCategory(scope: DashboardScope): Promise<StoreCategorySales | null> {
  if (!can(scope.viewer, "inventory.read")) return null;
  const rows = await scope.db
    .select({
      storeId: salesCategoryDaily.storeId,
      code: stores.code,
      name: stores.name,
      storeCurrency: stores.currency,
      category: salesCategoryDaily.category,
      currency: salesCategoryDaily.currency,
      units: sql<number>`sum(${salesCategoryDaily.units})::int`,
      revenueMinor: sql<string>`sum(${salesCategoryDaily.revenueMinor})`,
    })
    .from(salesCategoryDaily)
    .innerJoin(stores, eq(stores.id, salesCategoryDaily.storeId))
    .where(and(between(salesCategoryDaily.day, scope.filters.from, scope.filters.to), inScope(scope, "inventory.read", salesCategoryDaily.storeId)))
    .groupBy(salesCategoryDaily.storeId, stores.code, stores.name, stores.currency, salesCategoryDaily.category, salesCategoryDaily.currency)
    .orderBy(asc(stores.code));
  const byStore = new Map<string, StoreCategorySales["stores"][number]>();
  const categoryWeight = new Map<string, number>();
  for (const row of rows) {
    // a store reports in its own currency; a line rung up in another currency is left out of the chart
    if (row.currency !== row.storeCurrency) continue;
    const store = byStore.get(row.storeId) ?? { id: row.storeId, code: row.code, name: row.name, currency: row.storeCurrency, revenueMinor: 0, units: 0, byCategory: {} };
    const revenue = Number(row.revenueMinor);
    store.byCategory[row.category] = { revenueMinor: revenue, units: row.units };
    store.revenueMinor += revenue;
    store.units += row.units;
    byStore.set(row.storeId, store);
    categoryWeight.set(row.category, (categoryWeight.get(row.category) ?? 0) + row.units);
  }
  const categories = [...categoryWeight.entries()].filter(([, u]) => u !== 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  return { stores: [...byStore.values()], categories };
}

export type SalesTotal = { currency: string; sales: number; revenueMinor: number };

/** Completed sales and revenue in the range, per currency (sales_daily). */
export async function getSalesTotals(scope: DashboardScope): Promise<SalesTotal[] | null> {
  if (!can(scope.viewer, "inventory.read")) return null;
  const rows = await scope.db
    .select({ currency: salesDaily.currency, sales: sql<number>`sum(${salesDaily.sales})::int`, revenueMinor: sql<string>`sum(${salesDaily.revenueMinor})` })
    .from(salesDaily)
    .where(and(between(salesDaily.day, scope.filters.from, scope.filters.to), inScope(scope, "inventory.read", salesDaily.storeId)))
    .groupBy(salesDaily.currency)
    .orderBy(asc(salesDaily.currency));
  return rows.filter((r) => r.sales !== 0).map((r) => ({ currency: r.currency, sales: r.sales, revenueMinor: Number(r.revenueMinor) }));
}
