import "server-only";
import { and, asc, between, eq, sql } from "drizzle-orm";
import { stores } from "@/db/schema";
import { salesCategoryDaily, salesDaily, suggestionDaily, suggestionDailyAll, ticketDaily } from "@/db/schema/rollups";
import { can } from "@/lib/auth/viewer";
import { inScope, readsAllStores, type DashboardScope } from "./scope";

export type SuggestionCounts = {
  /** next-best-actions in notes approved in the range */
  suggested: number;
  /** the client bought the item within 30 days of the approval */
  bought: number;
  /** marked used by an associate (any store) */
  used: number;
  /** dismissed by every associate who gave feedback */
  dismissed: number;
  /** used, and bought within the 30 days */
  usedBought: number;
};
export type SuggestionOutcome = SuggestionCounts & { rate: number | null; byPromptVersion: ({ promptVersion: string } & SuggestionCounts)[] };
export type TicketOutcome = { fromDrafts: number; completed: number; cancelled: number; open: number; rate: number | null };
export type StoreCategorySales = {
  /** one currency per store; amounts in different currencies are never added */
  stores: { id: string; code: string; name: string; currency: string; revenueMinor: number; units: number; byCategory: Record<string, { revenueMinor: number; units: number }> }[];
  /** categories with sales, most revenue first (within each store's own currency) */
  categories: string[];
};

/**
 * Next-best-actions of clienteling notes approved in the range: how many the client bought within 30
 * days of the approval (a suggestion younger than 30 days may still be bought), and what associates
 * did with them, per prompt version (suggestion_daily, or its all-stores sum).
 */
export async function getSuggestionOutcome(scope: DashboardScope): Promise<SuggestionOutcome | null> {
  const permission = "drafts.review.clienteling_note";
  if (!can(scope.viewer, permission)) return null;
  const allStores = readsAllStores(scope, [permission]);
  const rows = await scope.db.execute<{ prompt_version: string } & SuggestionCounts>(sql`
    select prompt_version, sum(suggested)::int as suggested, sum(bought)::int as bought, sum(used)::int as used,
           sum(dismissed)::int as dismissed, sum(used_bought)::int as "usedBought"
      from ${allStores ? suggestionDailyAll : suggestionDaily}
     where day between ${scope.filters.from} and ${scope.filters.to} and ${allStores ? sql`true` : inScope(scope, permission, suggestionDaily.storeId)}
     group by 1 having sum(suggested) <> 0 order by 1`);
  const byPromptVersion = rows.map(({ prompt_version, ...counts }) => ({ promptVersion: prompt_version, ...counts }));
  const total = (key: keyof SuggestionCounts) => byPromptVersion.reduce((s, r) => s + r[key], 0);
  const suggested = total("suggested");
  const bought = total("bought");
  return { suggested, bought, used: total("used"), dismissed: total("dismissed"), usedBought: total("usedBought"), rate: suggested > 0 ? bought / suggested : null, byPromptVersion };
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
  // summed per store, category and currency first (a hash aggregate over ids), then named: grouping the
  // day rows by the stores' text columns would sort every row of the range
  const rows = await scope.db.execute<{ store_id: string; code: string; name: string; store_currency: string; category: string; currency: string; units: number; revenue_minor: string }>(sql`
    select c.store_id, st.code, st.name, st.currency as store_currency, c.category, c.currency, c.units, c.revenue_minor
      from (select ${salesCategoryDaily.storeId} as store_id, ${salesCategoryDaily.category} as category, ${salesCategoryDaily.currency} as currency,
                   sum(${salesCategoryDaily.units})::int as units, sum(${salesCategoryDaily.revenueMinor}) as revenue_minor
              from ${salesCategoryDaily}
             where ${salesCategoryDaily.day} between ${scope.filters.from} and ${scope.filters.to} and ${inScope(scope, "inventory.read", salesCategoryDaily.storeId)}
             group by 1, 2, 3) c
      join ${stores} st on st.id = c.store_id
     order by st.code`);
  const byStore = new Map<string, StoreCategorySales["stores"][number]>();
  const categoryWeight = new Map<string, number>();
  for (const row of rows) {
    // a store reports in its own currency; a line rung up in another currency is left out of the chart
    if (row.currency !== row.store_currency) continue;
    const store = byStore.get(row.store_id) ?? { id: row.store_id, code: row.code, name: row.name, currency: row.store_currency, revenueMinor: 0, units: 0, byCategory: {} };
    const revenue = Number(row.revenue_minor);
    store.byCategory[row.category] = { revenueMinor: revenue, units: row.units };
    store.revenueMinor += revenue;
    store.units += row.units;
    byStore.set(row.store_id, store);
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
