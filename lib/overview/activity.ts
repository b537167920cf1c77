import "server-only";
import { sql } from "drizzle-orm";
import { can, scopeFor } from "@/lib/auth/viewer";
import { dayList, viewerTimeZone, type DashboardFilters } from "./filters";
import type { DashboardScope } from "./scope";

/** User activity is shown for at most this many days, ending with the range's last day. */
export const ACTIVITY_DAYS = 14;

export type UserActivity = { days: string[]; signIns: number[]; actions: number[]; activeUsers: number[]; /** the zone the days are in */ timeZone: string };

function activityDays(filters: DashboardFilters): string[] {
  const days = dayList(filters.from, filters.to);
  return days.slice(-ACTIVITY_DAYS);
}

/**
 * Sign-ins and other user actions per day in the viewer's time zone (viewerTimeZone), from the audit
 * log's (occurred_at, id) index: a range scan over the shown days only, summed per day and user by a
 * hash aggregate first (distinct users per day without sorting the range). Admins (audit.read on
 * every store) see it.
 */
export async function getUserActivity(scope: DashboardScope): Promise<UserActivity | null> {
  if (!can(scope.viewer, "users.manage") || scopeFor(scope.viewer, "audit.read") !== "all") return null;
  const days = activityDays(scope.filters);
  const timeZone = viewerTimeZone(scope.viewer);
  const rows = await scope.db.execute<{ day: string; sign_ins: number; actions: number; users: number }>(sql`
    select day::text as day, sum(sign_ins)::int as sign_ins, sum(actions)::int as actions, count(actor_id)::int as users
      from (select (occurred_at at time zone ${timeZone})::date as day, actor_id,
                   count(*) filter (where action = 'auth.sign_in' and outcome = 'success') as sign_ins,
                   count(*) filter (where action not like 'auth.%') as actions
              from audit_log
             where occurred_at >= (${days[0]}::date::timestamp at time zone ${timeZone})
               and occurred_at < ((${days[days.length - 1]}::date + 1)::timestamp at time zone ${timeZone})
               and actor_type = 'user'
             group by 1, 2) per_user
     group by 1`);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return {
    days,
    signIns: days.map((d) => byDay.get(d)?.sign_ins ?? 0),
    actions: days.map((d) => byDay.get(d)?.actions ?? 0),
    activeUsers: days.map((d) => byDay.get(d)?.users ?? 0),
    timeZone,
  };
}
