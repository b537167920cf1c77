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
 * Takes the demand snapshot for `asOf` (units per store × product over the 27 days before it) unless
 * it exists, and rebuilds stock_risks against it: once a day, by the first reader, under an advisory
 * lock so concurrent readers wait for one build instead of each making their own. Older snapshots
 * are dropped. Between snapshots, triggers keep stock_risks current (migration 0012); its SQL uses
 * the same DEMAND_WINDOW_DAYS (28).
 */
export async function ensureDemandSnapshot(db: DashboardScope["db"], asOf: string): Promise<void> {
  const exists = async (ex: DashboardScope["db"]) =>
    (await ex.execute<{ ok: boolean }>(sql`select exists (select 1 from demand_snapshots where as_of = ${asOf}::date) as ok`))[0].ok;
  if (await exists(db)) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('demand_snapshots'))`);
    if (await exists(tx)) return;
    await tx.execute(sql`delete from demand_snapshots where as_of <> ${asOf}::date`);
    await tx.execute(sql`
      insert into demand_snapshots (as_of, store_id, product_id, units)
      select ${asOf}::date, store_id, product_id, sum(units)
        from sales_product_daily
       where day > ${asOf}::date - ${DEMAND_WINDOW_DAYS}::int and day < ${asOf}::date
       group by store_id, product_id having sum(units) > 0
       order by store_id, product_id`);
    await tx.execute(sql`select stock_risks_rebuild()`);
  });
}

/**
 * Store × SKU lines whose available stock (on hand − reserved) lasts less than their lead time at the
 * rate of the last DEMAND_WINDOW_DAYS days, most urgent first: the count and the first `limit` lines
 * of stock_risks (kept by the day's snapshot and triggers), through its urgency index (whose
 * `sold desc nulls last` the order by must repeat for the index to serve it).
 */
export async function getStockRisks(scope: DashboardScope, limit = 8): Promise<{ total: number; rows: StockRisk[] } | null> {
  if (!can(scope.viewer, "inventory.read")) return null;
  const inScope = inStores(sql`store_id`, storeIds(scope, "inventory.read"));
  await ensureDemandSnapshot(scope.db, scope.now.toISOString().slice(0, 10));
  const rows = await scope.db.execute<{
    code: string; product_id: string; sku: string; name: string; brand: string; available: number; on_order: number; sold: number; cover: number; lead: number; total: number;
  }>(sql`
    with top as (select * from stock_risks where ${inScope} order by cover, sold desc nulls last, store_id, product_id limit ${limit})
    select st.code, r.product_id, p.sku, p.name, p.brand, r.available, r.on_order, r.sold, r.cover, r.lead_time_days as lead,
           (select count(*)::int from stock_risks where ${inScope}) as total
      from top r join stores st on st.id = r.store_id join products p on p.id = r.product_id
     order by r.cover, r.sold desc, st.code, p.sku`);
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
