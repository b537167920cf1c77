import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { PosProvider } from "@/db/schema";
import { scopeOf, type Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import type { RunProgress } from "./run-progress";

export type ConnectionHealth = {
  id: string;
  provider: PosProvider;
  name: string;
  isActive: boolean;
  /** whether `config.apiBaseUrl` is set: backfill and reconciliation need it */
  hasApiBaseUrl: boolean;
  storeCodes: string[];
  lastReceivedAt: Date | null;
  received24h: number;
  /** age in seconds of the oldest due event not yet processed (received or failed); null when none is due */
  lagSeconds: number | null;
  /** events processed per minute over the last 15 minutes */
  processedPerMinute: number;
  /** received or being processed */
  waiting: number;
  /** failed, to be retried with backoff */
  failed: number;
  dead: number;
  dead24h: number;
  rejected24h: number;
  lastSyncAt: Date | null;
  lastSyncStatus: string | null;
  lastError: string | null;
};

export type DeadLetter = {
  id: number;
  connectionId: string;
  connectionName: string;
  provider: PosProvider;
  topic: string;
  eventId: string;
  receivedAt: Date;
  lastError: string | null;
  attempts: number;
};

/** The minutes over which throughput is averaged. */
export const THROUGHPUT_WINDOW_MINUTES = 15;

/**
 * Connections a viewer reaches with a permission: all, or those feeding one of their stores.
 * `c` is the pos_connections alias of the query it goes into.
 */
export function connectionScope(viewer: Viewer, permission: Permission = "sync.read"): SQL {
  const scope = scopeOf(viewer.role, permission);
  if (scope === "all") return sql`true`;
  if (scope === "own" && viewer.storeIds.length > 0) {
    // drizzle expands an array parameter into a parenthesised list: `in ($1, $2, …)`
    return sql`exists (select 1 from jsonb_each_text(c.store_mapping) m where m.value in ${viewer.storeIds})`;
  }
  return sql`false`;
}

/**
 * Per connection: deliveries of the last day (connection + received_at index), the backlog and its lag
 * (the partial due index), dead letters (status index: dead rows are few) and throughput over the last
 * minutes (processed_at). Nothing counts the whole processed history.
 */
export async function listConnectionHealth(db: Executor, viewer: Viewer): Promise<ConnectionHealth[]> {
  const rows = await db.execute<{
    id: string;
    provider: PosProvider;
    name: string;
    is_active: boolean;
    has_api_base_url: boolean;
    store_codes: string[] | null;
    last_received_at: string | null;
    received_24h: string;
    lag_seconds: string | null;
    processed_window: string;
    waiting: string;
    failed: string;
    dead: string;
    dead_24h: string;
    rejected_24h: string | null;
    last_sync_at: string | null;
    last_sync_status: string | null;
    last_error: string | null;
  }>(sql`
    select c.id, c.provider, c.name, c.is_active, coalesce(c.config->>'apiBaseUrl', '') <> '' as has_api_base_url, c.last_sync_at, c.last_sync_status, c.last_error,
      (select array_agg(s.code order by s.code) from stores s
        where s.id::text in (select value from jsonb_each_text(c.store_mapping))) as store_codes,
      (select max(e.received_at) from pos_events e where e.connection_id = c.id) as last_received_at,
      (select count(*) from pos_events e where e.connection_id = c.id and e.received_at > now() - interval '24 hours') as received_24h,
      (select extract(epoch from now() - min(e.received_at)) from pos_events e
        where e.connection_id = c.id and e.status in ('received', 'failed') and e.next_attempt_at <= now()) as lag_seconds,
      (select count(*) from pos_events e
        where e.connection_id = c.id and e.status = 'processed'
          and e.processed_at > now() - make_interval(mins => ${THROUGHPUT_WINDOW_MINUTES})) as processed_window,
      backlog.waiting, backlog.failed, backlog.dead, backlog.dead_24h,
      (select sum(r.count) from pos_webhook_rejections r where r.connection_id = c.id and r.minute > now() - interval '24 hours') as rejected_24h
    from pos_connections c
    cross join lateral (
      select count(*) filter (where e.status in ('received', 'processing')) as waiting,
        count(*) filter (where e.status = 'failed') as failed,
        count(*) filter (where e.status = 'dead') as dead,
        count(*) filter (where e.status = 'dead' and e.received_at > now() - interval '24 hours') as dead_24h
      from pos_events e where e.connection_id = c.id and e.status in ('received', 'processing', 'failed', 'dead')
    ) backlog
    where ${connectionScope(viewer)}
    order by c.name`);
  return rows.map((row) => ({
    id: row.id,
    provider: row.provider,
    name: row.name,
    isActive: row.is_active,
    hasApiBaseUrl: row.has_api_base_url,
    storeCodes: row.store_codes ?? [],
    lastReceivedAt: row.last_received_at ? new Date(row.last_received_at) : null,
    received24h: Number(row.received_24h),
    lagSeconds: row.lag_seconds === null ? null : Math.max(0, Math.round(Number(row.lag_seconds))),
    processedPerMinute: Number(row.processed_window) / THROUGHPUT_WINDOW_MINUTES,
    waiting: Number(row.waiting),
    failed: Number(row.failed),
    dead: Number(row.dead),
    dead24h: Number(row.dead_24h),
    rejected24h: Number(row.rejected_24h ?? 0),
    lastSyncAt: row.last_sync_at ? new Date(row.last_sync_at) : null,
    lastSyncStatus: row.last_sync_status,
    lastError: row.last_error,
  }));
}

/** The most recent dead-lettered events with their errors, newest first. */
export async function listDeadLetters(db: Executor, viewer: Viewer, limit = 50): Promise<DeadLetter[]> {
  const rows = await db.execute<{
    id: string;
    connection_id: string;
    connection_name: string;
    provider: PosProvider;
    topic: string;
    event_id: string;
    received_at: string;
    last_error: string | null;
    attempts: number;
  }>(sql`
    select e.id, e.connection_id, c.name as connection_name, e.provider, e.topic, e.event_id, e.received_at, e.last_error, e.attempts
    from pos_events e join pos_connections c on c.id = e.connection_id
    where e.status = 'dead' and ${connectionScope(viewer)}
    order by e.id desc
    limit ${limit}`);
  return rows.map((row) => ({
    id: Number(row.id),
    connectionId: row.connection_id,
    connectionName: row.connection_name,
    provider: row.provider,
    topic: row.topic,
    eventId: row.event_id,
    receivedAt: new Date(row.received_at),
    lastError: row.last_error,
    attempts: row.attempts,
  }));
}

type RunRow = {
  id: string;
  connection_id: string;
  kind: RunProgress["kind"];
  status: RunProgress["status"];
  records: number;
  pages: number;
  total_estimate: number | null;
  rate_limit_waits: number;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  elapsed_seconds: string | null;
  heartbeat_age_seconds: string | null;
};

/** Durations come from the database clock, so a browser's clock never makes a run look stalled. */
const runColumns = sql`r.id, r.connection_id, r.kind, r.status, r.records, r.pages, r.total_estimate, r.rate_limit_waits, r.error,
  r.created_at, r.started_at, r.finished_at,
  extract(epoch from coalesce(r.finished_at, now()) - r.started_at) as elapsed_seconds,
  extract(epoch from now() - r.heartbeat_at) as heartbeat_age_seconds`;

function toProgress(row: RunRow): RunProgress {
  const iso = (value: string | null) => (value ? new Date(value).toISOString() : null);
  return {
    id: row.id,
    connectionId: row.connection_id,
    kind: row.kind,
    status: row.status,
    records: Number(row.records),
    pages: Number(row.pages),
    totalEstimate: row.total_estimate === null ? null : Number(row.total_estimate),
    rateLimitWaits: Number(row.rate_limit_waits),
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    elapsedSeconds: row.elapsed_seconds === null ? null : Number(row.elapsed_seconds),
    heartbeatAgeSeconds: row.heartbeat_age_seconds === null ? null : Number(row.heartbeat_age_seconds),
  };
}

export type ConnectionRuns = { live: RunProgress | null; lastFinished: RunProgress | null };

/** Per connection the viewer may watch: its live run (at most one) and its last finished run. */
export async function listConnectionRuns(db: Executor, viewer: Viewer): Promise<Map<string, ConnectionRuns>> {
  const rows = await db.execute<RunRow & { slot: "live" | "last" }>(sql`
    select 'live' as slot, ${runColumns} from pos_connections c
      join sync_runs r on r.connection_id = c.id and r.status in ('queued', 'running')
      where ${connectionScope(viewer)}
    union all
    select 'last' as slot, ${runColumns} from pos_connections c
      cross join lateral (select * from sync_runs x where x.connection_id = c.id and x.status in ('succeeded', 'failed', 'cancelled')
        order by x.created_at desc limit 1) r
      where ${connectionScope(viewer)}`);
  const runs = new Map<string, ConnectionRuns>();
  for (const row of rows) {
    const entry = runs.get(row.connection_id) ?? { live: null, lastFinished: null };
    if (row.slot === "live") entry.live = toProgress(row);
    else entry.lastFinished = toProgress(row);
    runs.set(row.connection_id, entry);
  }
  return runs;
}

/** One run, if it belongs to a connection the viewer may watch; otherwise null (not found). */
export async function getRunProgress(db: Executor, viewer: Viewer, runId: string): Promise<RunProgress | null> {
  const [row] = await db.execute<RunRow>(sql`
    select ${runColumns} from sync_runs r join pos_connections c on c.id = r.connection_id
    where r.id = ${runId} and ${connectionScope(viewer)}`);
  return row ? toProgress(row) : null;
}
