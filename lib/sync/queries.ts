import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { PosProvider } from "@/db/schema";
import { scopeOf } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

export type ConnectionHealth = {
  id: string;
  provider: PosProvider;
  name: string;
  isActive: boolean;
  storeCodes: string[];
  lastReceivedAt: Date | null;
  received24h: number;
  waiting: number;
  dead24h: number;
  rejected24h: number;
};

export type DeadLetter = {
  id: number;
  connectionName: string;
  provider: PosProvider;
  topic: string;
  eventId: string;
  receivedAt: Date;
  lastError: string | null;
  attempts: number;
};

/** Connections a viewer may watch: all, or those feeding one of their stores. */
function connectionScope(viewer: Viewer): SQL {
  const scope = scopeOf(viewer.role, "sync.read");
  if (scope === "all") return sql`true`;
  if (scope === "own" && viewer.storeIds.length > 0) {
    // drizzle expands an array parameter into a parenthesised list: `in ($1, $2, …)`
    return sql`exists (select 1 from jsonb_each_text(c.store_mapping) m where m.value in ${viewer.storeIds})`;
  }
  return sql`false`;
}

/** Per connection, the last day of deliveries (bounded by the connection + time index; nothing counts the whole inbox). */
export async function listConnectionHealth(db: Executor, viewer: Viewer): Promise<ConnectionHealth[]> {
  const rows = await db.execute<{
    id: string;
    provider: PosProvider;
    name: string;
    is_active: boolean;
    store_codes: string[] | null;
    last_received_at: string | null;
    received_24h: string;
    waiting: string;
    dead_24h: string;
    rejected_24h: string | null;
  }>(sql`
    select c.id, c.provider, c.name, c.is_active,
      (select array_agg(s.code order by s.code) from stores s
        where s.id::text in (select value from jsonb_each_text(c.store_mapping))) as store_codes,
      (select max(e.received_at) from pos_events e where e.connection_id = c.id) as last_received_at,
      day.received as received_24h, day.waiting, day.dead as dead_24h,
      (select sum(r.count) from pos_webhook_rejections r where r.connection_id = c.id and r.minute > now() - interval '24 hours') as rejected_24h
    from pos_connections c
    cross join lateral (
      select count(*) as received,
        count(*) filter (where e.status in ('received', 'processing', 'failed')) as waiting,
        count(*) filter (where e.status = 'dead') as dead
      from pos_events e where e.connection_id = c.id and e.received_at > now() - interval '24 hours'
    ) day
    where ${connectionScope(viewer)}
    order by c.name`);
  return rows.map((row) => ({
    id: row.id,
    provider: row.provider,
    name: row.name,
    isActive: row.is_active,
    storeCodes: row.store_codes ?? [],
    lastReceivedAt: row.last_received_at ? new Date(row.last_received_at) : null,
    received24h: Number(row.received_24h),
    waiting: Number(row.waiting),
    dead24h: Number(row.dead_24h),
    rejected24h: Number(row.rejected_24h ?? 0),
  }));
}

/** The most recent dead-lettered events with their errors, newest first. */
export async function listDeadLetters(db: Executor, viewer: Viewer, limit = 50): Promise<DeadLetter[]> {
  const rows = await db.execute<{
    id: string;
    connection_name: string;
    provider: PosProvider;
    topic: string;
    event_id: string;
    received_at: string;
    last_error: string | null;
    attempts: number;
  }>(sql`
    select e.id, c.name as connection_name, e.provider, e.topic, e.event_id, e.received_at, e.last_error, e.attempts
    from pos_events e join pos_connections c on c.id = e.connection_id
    where e.status = 'dead' and ${connectionScope(viewer)}
    order by e.id desc
    limit ${limit}`);
  return rows.map((row) => ({
    id: Number(row.id),
    connectionName: row.connection_name,
    provider: row.provider,
    topic: row.topic,
    eventId: row.event_id,
    receivedAt: new Date(row.received_at),
    lastError: row.last_error,
    attempts: row.attempts,
  }));
}
