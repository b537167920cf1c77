import postgres from "postgres";
import { sql } from "drizzle-orm";
import { loadViewer, type Viewer } from "../../../lib/auth/viewer";
import { getReviewBacklog, getHighValueSalesToday, getSyncSummary, getTicketsDue } from "../../../lib/overview/attention";
import { getPurchaseOrdersThisMonth } from "../../../lib/overview/buying";
import { getUserActivity } from "../../../lib/overview/activity";
import { getDashboard } from "../../../lib/overview/dashboard";
import { addDays, localDay, type DashboardFilters } from "../../../lib/overview/filters";
import type { DashboardScope } from "../../../lib/overview/scope";
import { compared, defineScenario, type Figure, type ScenarioContext } from "../harness";

const STORES = 40;
const TIMEZONES = ["Europe/Zurich", "Europe/London", "America/New_York", "Asia/Tokyo", "Asia/Dubai", "America/Los_Angeles"];
const CURRENCIES = ["CHF", "GBP", "USD", "JPY", "AED", "USD"];
/** A constant list of this file's own as an SQL array literal. */
const textArray = (values: string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(", ")}]`);

/**
 * The overview dashboard at 1,000,000 drafts and ~3,000,000 sale lines over a year and 40 stores in
 * six time zones (scale 1), with associates' feedback on a third of the suggestions. Data is made by
 * INSERT … SELECT generate_series, so the rollup triggers fold it in as it lands (the insert times are
 * reported too); `--reuse` measures again on a database an earlier run loaded.
 * - server time: getDashboard (every figure of the page, rollups + indexed "now" slices) per role,
 *   over 30 and 90 days;
 * - baseline: the same figures by a raw GROUP BY over the base tables (local days by each store's time
 *   zone, the "now" slices as the page has them), bare SQL on postgres.js in the same run;
 * - a check that both agree on the totals before anything is timed.
 */
export default defineScenario({
  name: "dashboard",
  description: "overview dashboard over 1M drafts / ~3M sale lines / 40 stores: p95 server time per role vs a raw GROUP BY of the same figures",
  async load({ db, scale, log }) {
    const drafts = Math.round(1_000_000 * scale);
    const salesCount = Math.round(1_200_000 * scale);
    const customers = Math.max(100, Math.round(50_000 * scale));
    const figures: Figure[] = [];

    log("stores, users, customers, products");
    await db.execute(sql`
      insert into stores (code, name, timezone, currency, city, rollout_phase)
      select 'S' || lpad(g::text, 2, '0'), 'Store ' || g, (${textArray(TIMEZONES)})[1 + g % 6], (${textArray(CURRENCIES)})[1 + g % 6], 'City ' || g, 2
        from generate_series(1, ${STORES}::int) g`);
    await db.execute(sql`
      insert into users (email, name, role) values ('admin@bench.example', 'Admin', 'admin'), ('manager@bench.example', 'Manager', 'manager'), ('buyer@bench.example', 'Buyer', 'buyer')`);
    await db.execute(sql`
      insert into user_stores (user_id, store_id) select u.id, s.id from users u, stores s where u.role = 'manager' and s.code in ('S07', 'S21')`);
    await db.execute(sql`
      insert into customers (first_name, last_name, currency, tier) select 'First' || g, 'Last' || g, 'CHF', 'client' from generate_series(1, ${customers}::int) g`);
    await db.execute(sql`
      insert into products (sku, brand, name, category, price_minor, cost_minor, currency)
      select 'SKU-' || g, 'Brand ' || (g % 40), 'Model ' || g,
             (array['mechanical_watch','quartz_watch','smart_watch','fine_jewellery','pearls','gold_jewellery','electronics'])[1 + g % 7]::product_category,
             10000 + (g % 97) * 5000, 6000 + (g % 97) * 3000, 'CHF'
        from generate_series(1, 2000) g`);
    await db.execute(sql`
      insert into inventory_levels (store_id, product_id, on_hand, reserved, lead_time_days)
      select s.id, p.id, (hashint4(hashtext(s.code || p.sku)) & 7), (hashint4(hashtext(p.sku || s.code)) & 1), 14 + (hashint4(hashtext(p.sku)) & 31)
        from stores s, products p`);

    log(`inserting ${salesCount} sales and their lines over the last year (the rollup triggers fold them)`);
    let started = performance.now();
    const chunk = Math.max(1, Math.round(salesCount / 6));
    for (let from = 1; from <= salesCount; from += chunk) {
      const to = Math.min(salesCount, from + chunk - 1);
      await db.execute(sql`
        with s as (select array_agg(id order by code) ids, array_agg(currency order by code) cur from stores),
             c as (select array_agg(id) ids from customers)
        insert into sales (store_id, customer_id, provider, external_id, origin, status, subtotal_minor, total_minor, currency, completed_at)
        select s.ids[1 + g % ${STORES}], case when g % 3 = 0 then null else c.ids[1 + (hashint4(g)::bigint & 2147483647) % array_length(c.ids, 1)] end,
               'bench', 'sale-' || g, 'seed', case when g % 50 = 0 then 'voided' else 'completed' end,
               20000 + (g % 311) * 4000, 20000 + (g % 311) * 4000, s.cur[1 + g % ${STORES}],
               now() - make_interval(secs => (hashint4(g + 3)::bigint & 2147483647) % (365 * 86400))
          from generate_series(${from}::int, ${to}::int) g, s, c`);
      await db.execute(sql`
        with p as (select array_agg(id order by sku) ids, array_agg(sku order by sku) skus, array_agg(category::text order by sku) cats from products)
        insert into sale_lines (sale_id, line_no, product_id, sku, quantity, unit_price_minor, total_minor, currency)
        select s.id, n, p.ids[k], p.skus[k], 1 + (k % 3 = 0)::int, s.total_minor / 3, s.total_minor / 3, s.currency
          from sales s cross join generate_series(1, 1 + (hashtext(s.external_id) & 3)) n, p,
               lateral (select 1 + (hashint4(hashtext(s.external_id) + n)::bigint & 2147483647) % 2000 as k) kk
         where s.provider = 'bench' and s.external_id in (select 'sale-' || g from generate_series(${from}::int, ${to}::int) g)`);
      log(`  sales ${to} / ${salesCount}, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    const salesSeconds = (performance.now() - started) / 1000;
    const [{ lines }] = await db.execute<{ lines: number }>(sql`select count(*)::int as lines from sale_lines`);
    figures.push({ name: `insert ${salesCount.toLocaleString("en")} sales + ${lines.toLocaleString("en")} lines with rollup triggers (wall)`, value: salesSeconds, unit: "s" });

    log(`inserting ${drafts} drafts (statement triggers fold them into the rollups)`);
    started = performance.now();
    const draftChunk = Math.max(1, Math.round(drafts / 5));
    for (let from = 1; from <= drafts; from += draftChunk) {
      const to = Math.min(drafts, from + draftChunk - 1);
      await db.execute(sql`
        with s as (select array_agg(id order by code) ids from stores),
             c as (select array_agg(id) ids from customers),
             p as (select array_agg(brand order by sku) brands, array_agg(name order by sku) names from products)
        insert into drafts (kind, status, store_id, customer_id, dedupe_key, output, edited_output, prompt_id, prompt_version, created_at, decided_at, decision_reason, value_minor, expires_at)
        select k.kind::draft_kind, st.status::draft_status, s.ids[1 + (hashint4(g)::bigint & 2147483647) % ${STORES}],
               c.ids[1 + (hashint4(g + 7)::bigint & 2147483647) % array_length(c.ids, 1)], 'bench:' || g,
               case when k.kind = 'clienteling_note' then jsonb_build_object('note', 'n', 'nextBestActions', jsonb_build_array(
                   jsonb_build_object('brand', p.brands[1 + g % 2000], 'name', p.names[1 + g % 2000], 'reason', 'r'),
                   jsonb_build_object('brand', p.brands[1 + (g * 7) % 2000], 'name', p.names[1 + (g * 7) % 2000], 'reason', 'r')))
                 else jsonb_build_object('subject', 'Bench ' || g) end,
               case when st.status = 'approved' and g % 5 = 0 then jsonb_build_object('subject', 'Edited') end,
               k.kind || '.bench', (array['2026-09-01.1', '2026-10-15.2', '2026-11-27.1'])[1 + (g / 1000) % 3],
               t.created_at,
               case when st.status in ('approved', 'rejected') then t.created_at + make_interval(secs => 30 + (hashint4(g + 11)::bigint & 2147483647) % 200000) end,
               case when st.status = 'rejected' then (array['inaccurate','tone','not_needed','wrong_subject','duplicate','policy','other'])[1 + g % 7] end,
               case when k.kind = 'purchase_recommendation' then 50000 + g % 1000 * 1000 end,
               case when st.status = 'expired' then t.created_at + interval '7 days' end
          from generate_series(${from}::int, ${to}::int) g, s, c, p,
               lateral (select (array['client_message','service_ticket','clienteling_note','purchase_recommendation'])[1 + g % 4] as kind) k,
               lateral (select now() - make_interval(secs => (hashint4(g + 5)::bigint & 2147483647) % (365 * 86400)) as created_at) t,
               lateral (select case when t.created_at > now() - interval '3 days' and g % 3 = 0 then 'pending'
                                    when g % 10 < 6 then 'approved' when g % 10 < 8 then 'rejected' when g % 10 < 9 then 'expired'
                                    else 'pending' end as status) st`);
      log(`  drafts ${to} / ${drafts}, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    figures.push({ name: `insert ${drafts.toLocaleString("en")} drafts with rollup triggers (wall)`, value: (performance.now() - started) / 1000, unit: "s" });

    log("associates' feedback on a third of the suggestions, service tickets, purchase orders, audit log; analyze");
    await insertSuggestionFeedback(db);
    await db.execute(sql`
      insert into service_tickets (store_id, kind, status, currency, source_draft_id, opened_at, closed_at, due_on)
      select d.store_id, 'regulation', (array['open','in_progress','closed','closed','cancelled'])[1 + (hashtext(d.id::text) & 4)]::ticket_status, 'CHF', d.id,
             d.decided_at, d.decided_at + interval '3 days', (d.decided_at + interval '14 days')::date
        from drafts d where d.kind = 'service_ticket' and d.status = 'approved' and hashtext(d.id::text) & 3 = 0`);
    await db.execute(sql`
      insert into purchase_orders (number, store_id, currency, total_cost_minor, status, created_at)
      select 'PO-' || g, (select id from stores order by code offset g % ${STORES} limit 1), 'CHF', 100000 + g * 10, (array['open','sent','received','cancelled'])[1 + g % 4],
             now() - make_interval(hours => g % 8760)
        from generate_series(1, ${Math.round(20_000 * scale)}::int) g`);
    await db.execute(sql`
      insert into audit_log (occurred_at, actor_type, actor_id, action, outcome, prev_hash, hash)
      select now() - make_interval(secs => g * 60), 'user', 'u' || (g % 60), case when g % 9 = 0 then 'auth.sign_in' else 'draft.approved' end, 'success', 'x', 'x'
        from generate_series(1, ${Math.round(500_000 * scale)}::int) g`);
    await db.execute(sql`vacuum analyze`);
    return figures;
  },

  async run({ db, url, log, timeIt, percentile }) {
    const figures: Figure[] = [];
    const ids = await db.execute<{ id: string; role: string }>(sql`select id, role from users order by role`);
    const viewers = Object.fromEntries(await Promise.all(ids.map(async (u) => [u.role, (await loadViewer(db, u.id)) as Viewer]))) as Record<"admin" | "manager" | "buyer", Viewer>;
    const now = new Date();
    const today = localDay(now, "UTC");

    const bare = postgres(url, { max: 4, onnotice: () => undefined });
    try {
      for (const [who, viewer, days] of [
        ["admin", viewers.admin, 30],
        ["manager", viewers.manager, 30],
        ["buyer", viewers.buyer, 30],
        ["admin, 90 days", viewers.admin, 90],
        ["manager, 90 days", viewers.manager, 90],
        ["buyer, 90 days", viewers.buyer, 90],
      ] as const) {
        const filters: DashboardFilters = { from: addDays(today, 1 - days), to: today, preset: null, storeId: null };
        const storeIds = viewer.role === "manager" ? viewer.storeIds : null;
        const scope: DashboardScope = { db, viewer, filters, now };

        // both ways must agree before either is timed
        const dashboard = await getDashboard({ db, viewer, filters, now });
        const raw = await rawAggregates(bare, storeIds, filters, viewer.role === "buyer");
        const created = Object.values(dashboard.ai.activity.totals).reduce((s, t) => s + t.created, 0);
        const approved = Object.values(dashboard.ai.activity.totals).reduce((s, t) => s + t.approved, 0);
        const rejected = dashboard.ai.rejectReasons.reduce((s, r) => s + r.rejected, 0);
        const units = dashboard.outcomes.sales?.stores.reduce((s, r) => s + r.units, 0) ?? 0;
        const { bought = 0, used = 0, dismissed = 0 } = dashboard.outcomes.suggestions ?? {};
        const check = { created, approved, rejected, units, bought, used, dismissed };
        const noNotes = viewer.role === "buyer";
        const rawCheck = { created: raw.created, approved: raw.approved, rejected: raw.rejected, units: raw.units, bought: noNotes ? 0 : raw.bought, used: noNotes ? 0 : raw.used, dismissed: noNotes ? 0 : raw.dismissed };
        log(`${who}: rollups ${JSON.stringify(check)} raw ${JSON.stringify(rawCheck)}`);
        if (JSON.stringify(check) !== JSON.stringify(rawCheck)) throw new Error(`${who}: the rollups and the raw GROUP BY disagree`);

        const iterations = 40;
        const serverTimes = await timeIt(() => getDashboard({ db, viewer, filters, now }), { iterations, warmup: 3 });
        // like for like: the raw aggregates plus the same "now" slices the page shows
        const rawTimes = await timeIt(
          () => Promise.all([rawAggregates(bare, storeIds, filters, viewer.role === "buyer"), getReviewBacklog(scope), getHighValueSalesToday(scope), getTicketsDue(scope), getSyncSummary(scope), getPurchaseOrdersThisMonth(scope), getUserActivity(scope)]),
          { iterations: 5, warmup: 1 },
        );
        figures.push(compared(`${who}: dashboard data, server time p95 (vs raw GROUP BY)`, percentile(serverTimes, 95), percentile(rawTimes, 95), "ms"));
        figures.push({ name: `${who}: dashboard data, server time p50`, value: percentile(serverTimes, 50), unit: "ms" });
      }
    } finally {
      await bare.end({ timeout: 5 });
    }
    return figures;
  },
});

/**
 * Associates' feedback on every third suggestion of the approved notes (two used for one dismissed),
 * from a store of the note's: the trigger folds it into suggestion_purchases and suggestion_daily.
 */
async function insertSuggestionFeedback(db: ScenarioContext["db"]): Promise<void> {
  await db.execute(sql`
    insert into suggestion_feedback (draft_id, suggestion_index, suggestion_key, customer_id, store_id, outcome, at)
    select p.draft_id, p.suggestion_index, p.suggestion_key, p.customer_id, p.store_id,
           case when hashtext(p.draft_id::text) % 3 = 0 then 'dismissed' else 'used' end, p.decided_at + interval '1 day'
      from suggestion_purchases p
     where (hashtext(p.draft_id::text) + p.suggestion_index) % 3 = 0`);
}

type RawTotals = { created: number; approved: number; rejected: number; units: number; bought: number; used: number; dismissed: number };

/**
 * The dashboard's aggregate figures straight from the base tables: drafts per local day and kind,
 * acceptance per prompt version, decision-time percentiles, reject reasons, sales by store and
 * category, pending recommendation value, stock-out risk from the last 28 days of lines, suggested
 * items bought within 30 days, tickets from drafts. Run concurrently, as the page would.
 */
async function rawAggregates(bare: postgres.Sql, storeIds: string[] | null, filters: DashboardFilters, recommendationsOnly: boolean): Promise<RawTotals> {
  const inStores = (column: string) => (storeIds ? bare`and ${bare(column)} = any(${storeIds}::uuid[])` : bare``);
  const kinds = recommendationsOnly ? ["purchase_recommendation"] : ["client_message", "service_ticket", "clienteling_note", "purchase_recommendation"];
  const { from, to } = filters;
  const [activity, , , reasons, salesByStore, , , suggestions] = await Promise.all([
    bare<{ created: string; approved: string }[]>`
      select sum(created) as created, sum(approved) as approved from (
        select count(*) as created, 0 as approved from drafts d join stores st on st.id = d.store_id
         where (d.created_at at time zone st.timezone)::date between ${from} and ${to} and d.kind = any(${kinds}::draft_kind[]) ${inStores("d.store_id")}
         group by d.kind, (d.created_at at time zone st.timezone)::date
        union all
        select 0, count(*) filter (where d.status in ('approved','held','executed','execution_failed')) from drafts d join stores st on st.id = d.store_id
         where (coalesce(d.decided_at, d.expires_at, d.created_at) at time zone st.timezone)::date between ${from} and ${to}
           and d.kind = any(${kinds}::draft_kind[]) ${inStores("d.store_id")}
         group by d.kind, (coalesce(d.decided_at, d.expires_at, d.created_at) at time zone st.timezone)::date) x`,
    bare`
      select d.kind, d.prompt_version, count(*) filter (where d.status in ('approved','held','executed','execution_failed')) as approved,
             count(*) filter (where d.edited_output is not null and d.status in ('approved','held','executed','execution_failed')) as edited,
             count(*) filter (where d.status = 'rejected') as rejected
        from drafts d join stores st on st.id = d.store_id
       where (d.decided_at at time zone st.timezone)::date between ${from} and ${to} and d.kind = any(${kinds}::draft_kind[]) ${inStores("d.store_id")}
       group by 1, 2`,
    bare`
      select d.kind, percentile_cont(0.5) within group (order by d.decided_at - d.created_at) as median,
             percentile_cont(0.9) within group (order by d.decided_at - d.created_at) as p90
        from drafts d join stores st on st.id = d.store_id
       where d.status in ('approved','held','executed','execution_failed','rejected') and d.decided_at is not null
         and (d.decided_at at time zone st.timezone)::date between ${from} and ${to} and d.kind = any(${kinds}::draft_kind[]) ${inStores("d.store_id")}
       group by 1`,
    bare<{ n: string }[]>`
      select coalesce(sum(n), 0) as n from (select d.decision_reason, d.kind, count(*) as n from drafts d join stores st on st.id = d.store_id
       where d.status = 'rejected' and (d.decided_at at time zone st.timezone)::date between ${from} and ${to}
         and d.kind = any(${kinds}::draft_kind[]) ${inStores("d.store_id")} group by 1, 2) x`,
    bare<{ units: string }[]>`
      select coalesce(sum(units), 0) as units from (
        select s.store_id, p.category, sum(l.quantity) as units, sum(l.total_minor) as revenue
          from sale_lines l join sales s on s.id = l.sale_id join stores st on st.id = s.store_id left join products p on p.id = l.product_id
         where s.status = 'completed' and l.currency = st.currency and (s.completed_at at time zone st.timezone)::date between ${from} and ${to} ${inStores("s.store_id")}
         group by 1, 2) x`,
    bare`
      select st.currency, sum(d.value_minor), count(*) from drafts d join stores st on st.id = d.store_id
       where d.kind = 'purchase_recommendation' and d.status = 'pending' ${inStores("d.store_id")} group by 1`,
    bare`
      select l.store_id, l.product_id from inventory_levels l
        join (select s.store_id, sl.product_id, sum(sl.quantity) as sold from sale_lines sl join sales s on s.id = sl.sale_id
               where s.status = 'completed' and s.completed_at > now() - interval '28 days' ${inStores("s.store_id")} group by 1, 2) d
          on d.store_id = l.store_id and d.product_id = l.product_id
       where greatest(l.on_hand - l.reserved, 0) * 28.0 / nullif(d.sold, 0) < l.lead_time_days order by 1, 2 limit 8`,
    recommendationsOnly
      ? Promise.resolve([{ bought: "0", used: "0", dismissed: "0" }])
      : bare<{ bought: string; used: string; dismissed: string }[]>`
      select count(*) filter (where fb.outcome = 'used') as used, count(*) filter (where fb.outcome = 'dismissed') as dismissed,
             count(*) filter (where exists (
               select 1 from sales s join sale_lines l on l.sale_id = s.id join products p on p.id = l.product_id
                where s.customer_id = d.customer_id and s.status = 'completed' and l.quantity > 0
                  and s.completed_at >= d.decided_at and s.completed_at < d.decided_at + interval '30 days'
                  and lower(trim(p.brand)) || '|' || lower(trim(p.name)) = lower(trim(a.v->>'brand')) || '|' || lower(trim(a.v->>'name')))) as bought
        from drafts d join stores st on st.id = d.store_id
        cross join lateral jsonb_array_elements(coalesce(d.edited_output, d.output)->'nextBestActions') with ordinality a(v, n)
        left join lateral (
          select case when bool_or(f.outcome = 'used') then 'used' when count(*) > 0 then 'dismissed' end as outcome
            from suggestion_feedback f
           where f.draft_id = d.id and f.suggestion_index = a.n - 1
             and f.suggestion_key = lower(trim(a.v->>'brand')) || '|' || lower(trim(a.v->>'name'))) fb on true
       where d.kind = 'clienteling_note' and d.status in ('approved','held','executed','execution_failed') and d.customer_id is not null
         and (d.decided_at at time zone st.timezone)::date between ${from} and ${to} ${inStores("d.store_id")}`,
    recommendationsOnly
      ? Promise.resolve([])
      : bare`
      select count(*), count(*) filter (where t.status = 'closed') from service_tickets t join stores st on st.id = t.store_id
       where t.source_draft_id is not null and (t.opened_at at time zone st.timezone)::date between ${from} and ${to} ${inStores("t.store_id")}`,
    bare`
      select st.currency, count(*), sum(s.total_minor) from sales s join stores st on st.id = s.store_id
       where s.status = 'completed' and (s.completed_at at time zone st.timezone)::date between ${from} and ${to} ${inStores("s.store_id")} group by 1`,
  ]);
  return {
    created: Number(activity[0].created),
    approved: Number(activity[0].approved),
    rejected: Number(reasons[0].n),
    units: Number(salesByStore[0].units),
    bought: Number(suggestions[0].bought),
    used: Number(suggestions[0].used ?? 0),
    dismissed: Number(suggestions[0].dismissed ?? 0),
  };
}
