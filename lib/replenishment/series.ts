import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";

/** One store × SKU series with everything a replenishment decision needs. */
export type StoreSkuSeries = {
  storeId: string;
  storeCode: string;
  storeName: string;
  productId: string;
  sku: string;
  brand: string;
  name: string;
  supplier: string | null;
  currency: string;
  unitCostMinor: number;
  unitPriceMinor: number;
  packSize: number;
  minOrderQty: number;
  onHand: number;
  /** the POS's on-order plus Vitrine's own open purchase orders and incoming transfers */
  onOrder: number;
  /** reserved plus units promised to other stores by open transfer requests */
  reserved: number;
  leadTimeDays: number;
  /** net units sold per week, oldest first; the last entry is the last complete week */
  history: number[];
  /** weeks the store had none to sell (censored, not zero demand), aligned with history */
  censored: boolean[];
};

export type LoadSeriesOptions = {
  /** the run's clock; the last complete week is the store-local week before the one containing it */
  now: Date;
  weeks?: number;
  storeIds?: string[];
};

type SeriesRow = Omit<StoreSkuSeries, "history" | "censored"> & {
  currentWeek: string;
  weeksSold: { w: string; q: number }[] | null;
  weeksOut: string[] | null;
};

const DAY_MS = 86_400_000;

/**
 * Weekly demand per store × SKU for every product a store stocks (an inventory row), from the
 * synced sales net of returns, in each store's local weeks (Monday start). One statement: sales and
 * returns are aggregated per week in SQL and only the non-zero weeks travel.
 */
export async function loadSeries(db: Executor, options: LoadSeriesOptions): Promise<StoreSkuSeries[]> {
  const weeks = options.weeks ?? 104;
  // a generous UTC window; each store's own week boundaries are applied in SQL
  const from = new Date(options.now.getTime() - (weeks + 2) * 7 * DAY_MS);
  const storeFilter = options.storeIds?.length ? sql`and st.id = any(${sql.param(options.storeIds)}::uuid[])` : sql``;
  const rows = await db.execute<SeriesRow>(sql`
    with st as (
      select st.id, st.code, st.name, st.timezone, st.currency,
             date_trunc('week', ${options.now.toISOString()}::timestamptz at time zone st.timezone)::date as current_week
        from stores st where true ${storeFilter}
    ),
    sold as (
      select sa.store_id, sl.product_id, date_trunc('week', sa.completed_at at time zone st.timezone)::date as w, sum(sl.quantity)::int as q
        from sales sa
        join st on st.id = sa.store_id
        join sale_lines sl on sl.sale_id = sa.id
       where sa.status = 'completed' and sa.completed_at >= ${from.toISOString()}::timestamptz and sl.product_id is not null
       group by 1, 2, 3
      union all
      select r.store_id, r.product_id, date_trunc('week', r.returned_at at time zone st.timezone)::date, -sum(r.quantity)::int
        from returns r
        join st on st.id = r.store_id
       where r.returned_at >= ${from.toISOString()}::timestamptz and r.product_id is not null
       group by 1, 2, 3
    ),
    weekly as (
      select store_id, product_id, jsonb_agg(jsonb_build_object('w', w, 'q', q)) as weeks_sold
        from (select store_id, product_id, w, sum(q)::int as q from sold group by 1, 2, 3) s
       group by 1, 2
    ),
    incoming as (
      select po.store_id, pl.product_id, sum(pl.quantity)::int as q
        from purchase_orders po join purchase_order_lines pl on pl.purchase_order_id = po.id
       where po.status in ('open', 'sent')
       group by 1, 2
    ),
    outgoing as (
      select po.from_store_id as store_id, pl.product_id, sum(pl.quantity)::int as q
        from purchase_orders po join purchase_order_lines pl on pl.purchase_order_id = po.id
       where po.status in ('open', 'sent') and po.type = 'transfer'
       group by 1, 2
    )
    select st.id as "storeId", st.code as "storeCode", st.name as "storeName", st.currency,
           p.id as "productId", p.sku, p.brand, p.name, p.supplier,
           p.cost_minor::float8 as "unitCostMinor", p.price_minor::float8 as "unitPriceMinor",
           p.pack_size as "packSize", p.min_order_qty as "minOrderQty",
           il.on_hand as "onHand", (il.on_order + coalesce(inc.q, 0)) as "onOrder", (il.reserved + coalesce(outg.q, 0)) as "reserved",
           il.lead_time_days as "leadTimeDays",
           st.current_week::text as "currentWeek",
           wk.weeks_sold as "weeksSold",
           (select array_agg(so.week_start::text) from stock_out_weeks so
             where so.store_id = st.id and so.product_id = p.id and so.week_start < st.current_week) as "weeksOut"
      from inventory_levels il
      join st on st.id = il.store_id
      join products p on p.id = il.product_id and p.is_active
      left join weekly wk on wk.store_id = il.store_id and wk.product_id = il.product_id
      left join incoming inc on inc.store_id = il.store_id and inc.product_id = il.product_id
      left join outgoing outg on outg.store_id = il.store_id and outg.product_id = il.product_id
     order by st.code, p.sku`);

  return rows.map((row) => {
    const history = new Array<number>(weeks).fill(0);
    const censored = new Array<boolean>(weeks).fill(false);
    const current = Date.parse(`${row.currentWeek}T00:00:00Z`);
    // index of a week: the last complete week (the one before the current) is weeks − 1
    const indexOf = (week: string) => weeks - Math.round((current - Date.parse(`${week}T00:00:00Z`)) / (7 * DAY_MS));
    for (const { w, q } of row.weeksSold ?? []) {
      const i = indexOf(w);
      if (i >= 0 && i < weeks) history[i] = Math.max(0, q);
    }
    for (const w of row.weeksOut ?? []) {
      const i = indexOf(w);
      if (i >= 0 && i < weeks && history[i] === 0) censored[i] = true;
    }
    const { currentWeek: _c, weeksSold: _w, weeksOut: _o, ...rest } = row;
    return { ...rest, history, censored };
  });
}

/** The Monday (store-local) of the week containing `now`, per store: the week stock-outs are recorded against. */
export async function recordStockOuts(db: Executor, now: Date): Promise<number> {
  const rows = await db.execute<{ n: number }>(sql`
    with inserted as (
      insert into stock_out_weeks (store_id, product_id, week_start)
      select il.store_id, il.product_id, date_trunc('week', ${now.toISOString()}::timestamptz at time zone st.timezone)::date
        from inventory_levels il join stores st on st.id = il.store_id
       where il.on_hand - il.reserved <= 0
      on conflict do nothing
      returning 1
    )
    select count(*)::int as n from inserted`);
  return rows[0]?.n ?? 0;
}
