import "server-only";
import { sql } from "drizzle-orm";
import { scopeOf, type Permission } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/viewer";
import type { DashboardScope } from "./scope";

/** Demand is measured over the last this-many days of sales. */
export const DEMAND_WINDOW_DAYS = 28;

export type MoneyTotal = { currency: string; amountMinor: number; count: number };
export type StockRisk = {
  storeCode: string;
  productId: string;
  sku: string;
  name: string;
  brand: string;
  available: number;
  onOrder: number;
  unitsSold: number;
  /** days the available stock lasts at the recent rate */
  daysOfCover: number;
  leadTimeDays: number;
};

function storeIds({ viewer, filters }: DashboardScope, permission: Permission): string[] | null {
  const scope = scopeOf(viewer.role, permission);
  if (scope === null) return [];
  const own = scope === "all" ? null : viewer.storeIds;
  if (filters.storeId) return own === null || own.includes(filters.storeId) ? [filters.storeId] : [];
  return own;
}

function inStores(column: ReturnType<typeof sql>, ids: string[] | null) {
  if (ids === null) return sql`true`;
  if (ids.length === 0) return sql`false`;
  return sql`${column} in ${ids}`;
}

/** Pending purchase recommendations and the value at stake, per currency (draft_pending, kept by triggers). */
export async function getPendingRecommendations(scope: DashboardScope): Promise<MoneyTotal[] | null> {
  if (!can(scope.viewer, "drafts.read.purchase_recommendation")) return null;
  const ids = storeIds(scope, "drafts.read.purchase_recommendation");
  const rows = await scope.db.execute<{ currency: string; value: string; pending: string }>(sql`
    select st.currency, sum(p.value_minor) as value, sum(p.pending) as pending
      from draft_pending p join stores st on st.id = p.store_id
     where p.kind = 'purchase_recommendation' and p.pending > 0 and ${inStores(sql`p.store_id`, ids)}
     group by st.currency order by st.currency`);
  return rows.map((r) => ({ currency: r.currency, amountMinor: Number(r.value), count: Number(r.pending) }));
}

/**
 * Store × SKU lines whose available stock (on hand − reserved) lasts less than their lead time at the
 * rate of the last DEMAND_WINDOW_DAYS days (sales_product_daily), most urgent first.
 */
export async function getStockRisks(scope: DashboardScope, limit = 8): Promise<{ total: number; rows: StockRisk[] } | null> {
  if (!can(scope.viewer, "inventory.read")) return null;
  const ids = storeIds(scope, "inventory.read");
  const since = new Date(scope.now.getTime() - DEMAND_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  const rows = await scope.db.execute<{
    code: string; product_id: string; sku: string; name: string; brand: string; available: number; on_order: number; sold: number; cover: string; lead: number; total: number;
  }>(sql`
    with demand as (
      select d.store_id, d.product_id, sum(d.units)::int as sold
        from sales_product_daily d
       where d.day > ${since}::date and ${inStores(sql`d.store_id`, ids)}
       group by 1, 2 having sum(d.units) > 0),
    risk as (
      select l.store_id, l.product_id, l.on_hand - l.reserved as available, l.on_order, d.sold, l.lead_time_days as lead,
             greatest(l.on_hand - l.reserved, 0) * ${DEMAND_WINDOW_DAYS}::numeric / d.sold as cover
        from demand d join inventory_levels l on l.store_id = d.store_id and l.product_id = d.product_id
       where greatest(l.on_hand - l.reserved, 0) * ${DEMAND_WINDOW_DAYS}::numeric / d.sold < l.lead_time_days)
    select st.code, r.product_id, p.sku, p.name, p.brand, r.available, r.on_order, r.sold, r.cover, r.lead,
           (select count(*)::int from risk) as total
      from risk r join stores st on st.id = r.store_id join products p on p.id = r.product_id
     order by r.cover, r.sold desc, st.code, p.sku limit ${limit}`);
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({
      storeCode: r.code,
      productId: r.product_id,
      sku: r.sku,
      name: r.name,
      brand: r.brand,
      available: r.available,
      onOrder: r.on_order,
      unitsSold: r.sold,
      daysOfCover: Number(r.cover),
      leadTimeDays: r.lead,
    })),
  };
}

/** Purchase orders created this calendar month (UTC), per currency, and how many are still open. */
export async function getPurchaseOrdersThisMonth(scope: DashboardScope): Promise<{ totals: MoneyTotal[]; open: number } | null> {
  if (!can(scope.viewer, "purchase_orders.manage")) return null;
  const ids = storeIds(scope, "purchase_orders.manage");
  const monthStart = new Date(Date.UTC(scope.now.getUTCFullYear(), scope.now.getUTCMonth(), 1)).toISOString();
  const rows = await scope.db.execute<{ currency: string; value: string; n: number; open: number }>(sql`
    select o.currency, sum(o.total_cost_minor) as value, count(*)::int as n, count(*) filter (where o.status in ('open', 'sent'))::int as open
      from stores st
      join purchase_orders o on o.store_id = st.id and o.created_at >= ${monthStart}::timestamptz
     where o.status <> 'cancelled' and ${inStores(sql`st.id`, ids)}
     group by o.currency order by o.currency`);
  return {
    totals: rows.map((r) => ({ currency: r.currency, amountMinor: Number(r.value), count: r.n })),
    open: rows.reduce((s, r) => s + r.open, 0),
  };
}
