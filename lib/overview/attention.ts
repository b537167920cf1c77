import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { TicketStatus } from "@/db/schema";
import { scopeOf, type Permission } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/viewer";
import { REVIEW_KINDS, reviewPermission, type ReviewKind } from "@/lib/review/kinds";
import { listConnectionHealth } from "@/lib/sync/queries";
import type { DashboardScope } from "./scope";

/** How long a draft may wait for a human before it is late. */
export const REVIEW_TARGET_HOURS = 24;
/** Age counts stop here: past it the dashboard says "1,000+" instead of counting the table. */
export const AGE_COUNT_CAP = 1000;
/**
 * A sale today is high-value when it is at least this many times the store's average completed sale
 * over the HIGH_VALUE_HISTORY_DAYS local days before today (sales_daily, the store's own currency):
 * a fixed amount would flag every sale of a watch boutique in yen and none of a jeweller in francs.
 */
export const HIGH_VALUE_MULTIPLE = 2;
export const HIGH_VALUE_HISTORY_DAYS = 90;
/** The threshold (minor units) of a store without completed sales in that window yet. */
export const HIGH_VALUE_SALE_MINOR = 500_000;
export const OPEN_TICKET_STATUSES: TicketStatus[] = ["open", "in_progress", "waiting_parts", "ready"];
/** Tickets due within this many days count as due soon. */
export const DUE_SOON_DAYS = 7;

export type BacklogRow = {
  kind: ReviewKind;
  pending: number;
  /** pending longer than the review target (capped at AGE_COUNT_CAP) */
  overTarget: number;
  /** pending longer than three times the target (capped) */
  overThreeTargets: number;
  oldestCreatedAt: Date | null;
};
export type HighValueSale = {
  id: string;
  storeCode: string;
  completedAt: Date;
  totalMinor: number;
  currency: string;
  clientName: string | null;
  timezone: string;
  /** the store's average sale it was measured against, null without history (then HIGH_VALUE_SALE_MINOR applied) */
  averageMinor: number | null;
};
export type TicketsDue = {
  overdue: number;
  dueSoon: number;
  /** the most overdue first */
  next: { id: string; storeCode: string; kind: string; dueOn: string; status: TicketStatus; clientName: string | null; isOverdue: boolean }[];
};
export type SyncSummary = { connections: number; healthy: number; lagging: number; failing: number; rows: { id: string; name: string; provider: string; state: "healthy" | "lagging" | "failing" | "inactive"; lagSeconds: number | null; dead: number; lastReceivedAt: Date | null; storeCodes: string[] }[] };

/** Store ids `permission` reaches for the viewer, narrowed to the store filter: null means every store. */
function storeList({ viewer, filters }: DashboardScope, permission: Permission): string[] | null {
  const scope = scopeOf(viewer.role, permission);
  if (scope === null) return [];
  const own = scope === "all" ? null : viewer.storeIds;
  if (filters.storeId) return own === null || own.includes(filters.storeId) ? [filters.storeId] : [];
  return own;
}

function storeFilter(column: SQL, ids: string[] | null): SQL {
  if (ids === null) return sql`true`;
  if (ids.length === 0) return sql`false`;
  // drizzle expands an array parameter into a parenthesised list: `in ($1, $2, …)`
  return sql`${column} in ${ids}`;
}

/**
 * `d.today` for each store `st` of the query: its local date at `now`, worked out once per store
 * (`offset 0` keeps the planner from inlining the time zone conversion into every row's comparison).
 */
function storeLocalToday(now: Date): SQL {
  return sql`cross join lateral (select (${now.toISOString()}::timestamptz at time zone st.timezone)::date as today offset 0) d`;
}

/**
 * Drafts waiting per reviewable kind: the count from draft_pending (kept by triggers), and how many
 * are older than the target, from the (kind, status, created_at) index, stopping at AGE_COUNT_CAP.
 * One statement for every kind (each with the stores its permission reaches): one round trip.
 */
export async function getReviewBacklog(scope: DashboardScope): Promise<BacklogRow[]> {
  const kinds = REVIEW_KINDS.filter((kind) => can(scope.viewer, reviewPermission(kind)));
  if (kinds.length === 0) return [];
  const target = new Date(scope.now.getTime() - REVIEW_TARGET_HOURS * 3_600_000);
  const late = new Date(scope.now.getTime() - 3 * REVIEW_TARGET_HOURS * 3_600_000);
  const perKind = kinds.map((kind, i) => {
    const stores = storeFilter(sql`store_id`, storeList(scope, reviewPermission(kind)));
    return sql`
      select ${i}::int as i,
        (select sum(pending) from draft_pending where kind = ${kind} and ${stores}) as pending,
        (select count(*)::int from (select 1 from drafts where kind = ${kind} and status = 'pending' and ${stores}
            and created_at < ${target.toISOString()}::timestamptz limit ${AGE_COUNT_CAP}) x) as over_target,
        (select count(*)::int from (select 1 from drafts where kind = ${kind} and status = 'pending' and ${stores}
            and created_at < ${late.toISOString()}::timestamptz limit ${AGE_COUNT_CAP}) x) as over_three,
        (select created_at from drafts where kind = ${kind} and status = 'pending' and ${stores} order by created_at limit 1) as oldest`;
  });
  const rows = await scope.db.execute<{ i: number; pending: string | null; over_target: number; over_three: number; oldest: string | null }>(
    sql`${sql.join(perKind, sql` union all `)} order by 1`,
  );
  return rows.map((row) => ({
    kind: kinds[row.i],
    pending: Number(row.pending ?? 0),
    overTarget: row.over_target,
    overThreeTargets: row.over_three,
    oldestCreatedAt: row.oldest ? new Date(row.oldest) : null,
  }));
}

/**
 * Today's sales (each store's local today) of at least HIGH_VALUE_MULTIPLE × the store's average sale,
 * largest first. The average is a sum over at most HIGH_VALUE_HISTORY_DAYS sales_daily rows per store.
 */
export async function getHighValueSalesToday(scope: DashboardScope, limit = 6): Promise<HighValueSale[]> {
  if (!can(scope.viewer, "inventory.read")) return [];
  const showClient = can(scope.viewer, "customers.read");
  const stores = storeFilter(sql`st.id`, storeList(scope, "inventory.read"));
  const now = scope.now.toISOString();
  const rows = await scope.db.execute<{ id: string; code: string; completed_at: string; total_minor: string; currency: string; client: string | null; timezone: string; average: string | null }>(sql`
    select s.id, st.code, s.completed_at, s.total_minor, s.currency, st.timezone, h.average,
           ${showClient ? sql`case when c.erased_at is null then nullif(trim(concat_ws(' ', c.first_name, c.last_name)), '') end` : sql`null`} as client
      from stores st
      ${storeLocalToday(scope.now)}
      cross join lateral (
        select round(sum(revenue_minor)::numeric / nullif(sum(sales), 0)) as average from sales_daily
         where store_id = st.id and currency = st.currency and day >= d.today - ${HIGH_VALUE_HISTORY_DAYS}::int and day < d.today) h
      cross join lateral (
        select s.* from sales s
         where s.store_id = st.id and s.status = 'completed'
           and s.total_minor >= coalesce(${HIGH_VALUE_MULTIPLE}::int * h.average, ${HIGH_VALUE_SALE_MINOR}::int)
           and s.completed_at >= (d.today::timestamp at time zone st.timezone) and s.completed_at <= ${now}::timestamptz
         order by s.total_minor desc limit ${limit}) s
      left join customers c on c.id = s.customer_id
     where ${stores}
     order by s.total_minor desc limit ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    storeCode: r.code,
    completedAt: new Date(r.completed_at),
    totalMinor: Number(r.total_minor),
    currency: r.currency,
    clientName: r.client,
    timezone: r.timezone,
    averageMinor: r.average === null ? null : Number(r.average),
  }));
}

/** Open service tickets overdue (due before the store's local today) or due within DUE_SOON_DAYS. */
export async function getTicketsDue(scope: DashboardScope, limit = 6): Promise<TicketsDue | null> {
  if (!can(scope.viewer, "drafts.review.service_ticket")) return null;
  const showClient = can(scope.viewer, "customers.read");
  const stores = storeFilter(sql`st.id`, storeList(scope, "drafts.review.service_ticket"));
  const localToday = storeLocalToday(scope.now);
  // counts from the (store_id, status, due_on) index alone; the list from a few rows per store and status
  const [[counts], rows] = await Promise.all([
    scope.db.execute<{ overdue: number; due_soon: number }>(sql`
      select coalesce(sum(c.overdue), 0)::int as overdue, coalesce(sum(c.due_soon), 0)::int as due_soon
        from stores st
        ${localToday}
        cross join lateral (
          select count(*) filter (where t.due_on < d.today) as overdue, count(*) filter (where t.due_on >= d.today) as due_soon
            from service_tickets t
           where t.store_id = st.id and t.status in ${OPEN_TICKET_STATUSES} and t.due_on <= d.today + ${DUE_SOON_DAYS}::int) c
       where ${stores}`),
    scope.db.execute<{ id: string; code: string; kind: string; due_on: string; status: TicketStatus; client: string | null; is_overdue: boolean }>(sql`
      select t.id, st.code, t.kind, t.due_on::text, t.status, t.due_on < d.today as is_overdue,
             ${showClient ? sql`case when c.erased_at is null then nullif(trim(concat_ws(' ', c.first_name, c.last_name)), '') end` : sql`null`} as client
        from stores st
        ${localToday}
        cross join unnest(${sql.raw(`array['${OPEN_TICKET_STATUSES.join("','")}']`)}::ticket_status[]) s(status)
        cross join lateral (
          select t.* from service_tickets t
           where t.store_id = st.id and t.status = s.status and t.due_on <= d.today + ${DUE_SOON_DAYS}::int
           order by t.due_on limit ${limit}) t
        left join customers c on c.id = t.customer_id
       where ${stores}
       order by t.due_on, t.id limit ${limit}`),
  ]);
  return {
    overdue: counts?.overdue ?? 0,
    dueSoon: counts?.due_soon ?? 0,
    next: rows.map((r) => ({ id: r.id, storeCode: r.code, kind: r.kind, dueOn: r.due_on, status: r.status, clientName: r.client, isOverdue: r.is_overdue })),
  };
}

/** POS connections feeding the viewer's stores, each healthy, lagging (backlog older than 5 min) or failing (dead letters or an error). */
export async function getSyncSummary(scope: DashboardScope): Promise<SyncSummary | null> {
  if (!can(scope.viewer, "sync.read")) return null;
  const health = await listConnectionHealth(scope.db, scope.viewer);
  const rows = health
    .filter((c) => !scope.filters.storeId || c.storeCodes.includes(scope.viewer.stores.find((s) => s.id === scope.filters.storeId)?.code ?? ""))
    .map((c) => ({
      id: c.id,
      name: c.name,
      provider: c.provider,
      state: !c.isActive ? ("inactive" as const) : c.dead24h > 0 || c.lastSyncStatus?.endsWith("failed") ? ("failing" as const) : (c.lagSeconds ?? 0) > 300 || c.failed > 0 ? ("lagging" as const) : ("healthy" as const),
      lagSeconds: c.lagSeconds,
      dead: c.dead,
      lastReceivedAt: c.lastReceivedAt,
      storeCodes: c.storeCodes,
    }));
  return {
    connections: rows.length,
    healthy: rows.filter((r) => r.state === "healthy").length,
    lagging: rows.filter((r) => r.state === "lagging").length,
    failing: rows.filter((r) => r.state === "failing").length,
    rows,
  };
}
