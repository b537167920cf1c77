import "server-only";
import { sql } from "drizzle-orm";
import { can, scopeFor } from "@/lib/auth/viewer";
import { dayList, type DashboardFilters } from "./filters";
import type { DashboardScope } from "./scope";

/** User activity is shown for at most this many days, ending with the range's last day. */
export const ACTIVITY_DAYS = 14;

export type UserActivity = { days: string[]; signIns: number[]; actions: number[]; activeUsers: number[] };

function activityDays(filters: DashboardFilters): string[] {
  const days = dayList(filters.from, filters.to);
  return days.slice(-ACTIVITY_DAYS);
}

/**
 * Sign-ins and other user actions per UTC day, from the audit log's (occurred_at, id) index: a
 * range scan over the shown days only. Admins (audit.read on every store) see it.
 */
export async function getUserActivity(scope: DashboardScope): Promise<UserActivity | null> {
  if (!can(scope.viewer, "users.manage") || scopeFor(scope.viewer, "audit.read") !== "all") return null;
  const days = activityDays(scope.filters);
  const from = `${days[0]}T00:00:00Z`;
  const to = new Date(Date.parse(`${days[days.length - 1]}T00:00:00Z`) + 86_400_000).toISOString();
  const rows = await scope.db.execute<{ day: string; sign_ins: number; actions: number; users: number }>(sql`
    select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD') as day,
           count(*) filter (where action = 'auth.sign_in' and outcome = 'success')::int as sign_ins,
           count(*) filter (where action not like 'auth.%')::int as actions,
           count(distinct actor_id)::int as users
      from audit_log
     where occurred_at >= ${from}::timestamptz and occurred_at < ${to}::timestamptz and actor_type = 'user'
     group by 1`);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return {
    days,
    signIns: days.map((d) => byDay.get(d)?.sign_ins ?? 0),
    actions: days.map((d) => byDay.get(d)?.actions ?? 0),
    activeUsers: days.map((d) => byDay.get(d)?.users ?? 0),
  };
}
