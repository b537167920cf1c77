import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { posConnections, posEvents, stores, type PosProvider } from "@/db/schema";
import { open } from "@/lib/crypto/secret-box";
import { credentialsAad } from "@/lib/pos/secrets";
import { PosApiError, PosHttp } from "@/lib/pos/http";
import { MalformedDelivery, type ApiConnection, type SyncConnector } from "@/lib/pos/types";
import { applyChanges, NeedsConfiguration, WaitingForDependency, type ApplyConnection, type ApplyContext } from "./apply";
import { applyBatch, batchable, type BatchEvent } from "./apply-batch";
import type { CanonicalChange } from "./canonical";

/**
 * The inbox drain: claims due events in batches (FOR UPDATE SKIP LOCKED, so any number of workers can
 * run side by side), resolves them to canonical changes (re-fetching from the POS where the platform
 * only notifies), and applies each in its own savepoint inside the batch's transaction.
 *
 * A worker killed mid-batch rolls the whole batch back: the rows were never marked, the changes never
 * committed, and the next claim takes them again. Applying is idempotent, so a repeat adds nothing.
 * A failure retries with exponential backoff; after `maxAttempts` (or at once, for failures no retry can
 * fix) the event is dead-lettered with its error, visible on the Sync page with a Retry button.
 */

export type DrainOptions = {
  connectors: Record<PosProvider, SyncConnector>;
  batchSize?: number;
  maxAttempts?: number;
  /** base of the retry backoff: attempt n waits base × 2^(n-1), capped at an hour */
  backoffBaseMs?: number;
  /** re-fetches in flight at once per batch */
  fetchConcurrency?: number;
  /** for tests: makes PosHttp fast */
  httpOverrides?: Partial<ConstructorParameters<typeof PosHttp>[0]>;
  log?: (entry: Record<string, unknown>) => void;
  /** apply sales and clients set-wise (lib/sync/apply-batch.ts); false forces the per-event path */
  batch?: boolean;
  /** called after each event's savepoint is released, before the batch commits (progress; crash tests) */
  onApplied?: (inboxId: number) => void | Promise<void>;
};

export type DrainResult = { claimed: number; processed: number; failed: number; dead: number };

type Claimed = {
  id: number;
  connectionId: string;
  provider: PosProvider;
  eventId: string;
  topic: string;
  account: string | null;
  payload: unknown;
  receivedAt: Date;
  attempts: number;
};

type LoadedConnection = { api: ApiConnection; apply: ApplyConnection; http: PosHttp | null };

/** Opens a connection's API credentials: a JSON object, or a bare token taken as `{ accessToken }`. */
export function openCredentials(connectionId: string, sealed: string | null): Record<string, string> {
  if (!sealed) return {};
  const text = open(sealed, credentialsAad(connectionId));
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
    }
  } catch {
    // a bare token
  }
  return { accessToken: text };
}

export async function loadConnections(
  db: Database,
  ids: string[],
  connectors: Record<PosProvider, SyncConnector>,
  httpOverrides: DrainOptions["httpOverrides"] = {},
): Promise<Map<string, LoadedConnection>> {
  const rows = ids.length ? await db.select().from(posConnections).where(inArray(posConnections.id, ids)) : [];
  return new Map(
    rows.map((row) => {
      const baseUrl = typeof row.config.apiBaseUrl === "string" && row.config.apiBaseUrl ? row.config.apiBaseUrl : null;
      const api: ApiConnection = {
        id: row.id,
        provider: row.provider,
        baseUrl,
        credentials: openCredentials(row.id, row.credentialsEncrypted),
        config: row.config,
        storeMapping: row.storeMapping,
      };
      const connector = connectors[row.provider];
      const http = baseUrl
        ? new PosHttp({ baseUrl, headers: connector.authHeaders(api), parseJson: connector.parseJson, maxWaitMs: 10_000, maxAttempts: 3, ...httpOverrides })
        : null;
      return [row.id, { api, http, apply: { id: row.id, provider: row.provider, name: row.name, storeMapping: row.storeMapping, config: row.config } }];
    }),
  );
}

export async function loadStoreCurrencies(db: Database): Promise<Map<string, string>> {
  const rows = await db.select({ id: stores.id, currency: stores.currency }).from(stores);
  return new Map(rows.map((row) => [row.id, row.currency]));
}

/** A failure no retry can fix by waiting: dead-lettered at once, for a human to look at. */
function isPermanent(error: unknown): boolean {
  // RangeError: an amount or quantity the mapping refused (lib/pos/money.ts); the same bytes fail again.
  if (error instanceof MalformedDelivery || error instanceof NeedsConfiguration || error instanceof RangeError) return true;
  if (error instanceof PosApiError) return !error.retryable;
  return false;
}

function describe(error: unknown): string {
  if (error instanceof MalformedDelivery) return `malformed: ${error.message}`;
  if (error instanceof NeedsConfiguration) return `configuration: ${error.message}`;
  if (error instanceof WaitingForDependency) return `waiting: ${error.message}`;
  if (error instanceof PosApiError) return `POS API: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(3_600_000, baseMs * 2 ** Math.max(0, attempt - 1));
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index]);
      }
    }),
  );
  return results;
}

export async function drainOnce(db: Database, options: DrainOptions): Promise<DrainResult> {
  const { connectors, batchSize = 200, maxAttempts = 8, backoffBaseMs = 5_000, fetchConcurrency = 8 } = options;
  const log = options.log ?? ((entry) => console.warn(JSON.stringify(entry)));
  return db.transaction(async (tx) => {
    const claimed = (await tx.execute(sql`
      select id, connection_id as "connectionId", provider, event_id as "eventId", topic, account, payload,
             received_at as "receivedAt", attempts
        from pos_events
       where status in ('received', 'failed') and next_attempt_at <= now()
       order by next_attempt_at, id
       limit ${batchSize}
         for update skip locked`)) as unknown as Claimed[];
    const result: DrainResult = { claimed: claimed.length, processed: 0, failed: 0, dead: 0 };
    if (claimed.length === 0) return result;
    const storeCurrency = await loadStoreCurrencies(db);

    const connections = await loadConnections(db, [...new Set(claimed.map((event) => event.connectionId))], connectors, options.httpOverrides);

    // Resolve first (network), then apply (database): row locks are held, but no savepoint waits on HTTP.
    const resolved = await mapLimit(claimed, fetchConcurrency, async (event) => {
      const connection = connections.get(event.connectionId);
      if (!connection) return { error: new NeedsConfiguration("the connection no longer exists") };
      try {
        const http = connection.http ?? new PosHttp({ baseUrl: "http://invalid.localhost", maxAttempts: 1 });
        const changes = await connectors[event.provider].changes(
          { eventId: event.eventId, topic: event.topic, account: event.account, payload: event.payload, receivedAt: new Date(event.receivedAt) },
          connection.api,
          http,
        );
        return { changes };
      } catch (error) {
        return { error };
      }
    });

    const processed: number[] = [];
    const contexts = new Map<string, ApplyContext>();
    const contextFor = (connection: LoadedConnection): ApplyContext => {
      let context = contexts.get(connection.api.id);
      if (!context) contexts.set(connection.api.id, (context = { connection: connection.apply, origin: "webhook", posEventId: null, storeCurrency }));
      return context;
    };

    // Sales and clients go set-wise in one savepoint; if that fails, each event retries on its own below.
    const batched = new Set<number>();
    if (options.batch !== false) {
      const candidates: BatchEvent[] = [];
      for (const [index, event] of claimed.entries()) {
        const outcome = resolved[index] as { changes?: CanonicalChange[]; error?: unknown };
        const connection = connections.get(event.connectionId);
        if (!connection || outcome.error || !outcome.changes) continue;
        if (!outcome.changes.every((change) => change.kind === "sale" || change.kind === "customer" || change.kind === "ignored")) continue;
        const candidate: BatchEvent = {
          inboxId: event.id,
          context: contextFor(connection),
          sales: outcome.changes.flatMap((change) => (change.kind === "sale" ? [change.sale] : [])),
          customers: outcome.changes.flatMap((change) => (change.kind === "customer" ? [change.customer] : [])),
        };
        if (batchable(candidate) || outcome.changes.every((change) => change.kind === "ignored")) candidates.push(candidate);
      }
      if (candidates.length > 0) {
        try {
          await tx.transaction((savepoint) => applyBatch(savepoint, candidates, "webhook"));
          for (const candidate of candidates) batched.add(candidate.inboxId);
        } catch (error) {
          log({ msg: "batch apply failed; applying one event at a time", error: describe(error) });
        }
      }
    }

    for (const [index, event] of claimed.entries()) {
      if (batched.has(event.id)) {
        processed.push(event.id);
        await options.onApplied?.(event.id);
        continue;
      }
      const outcome = resolved[index] as { changes?: CanonicalChange[]; error?: unknown };
      const connection = connections.get(event.connectionId);
      let error = outcome.error;
      if (!error && connection) {
        try {
          await tx.transaction(async (savepoint) => {
            await applyChanges(savepoint, { ...contextFor(connection), posEventId: event.id }, outcome.changes ?? []);
          });
        } catch (applyError) {
          error = applyError;
        }
      }
      if (!error) {
        processed.push(event.id);
        await options.onApplied?.(event.id);
        continue;
      }
      const attempts = event.attempts + 1;
      const dead = isPermanent(error) || attempts >= maxAttempts;
      const message = describe(error).slice(0, 2_000);
      await tx
        .update(posEvents)
        .set({
          status: dead ? "dead" : "failed",
          attempts,
          lastError: message,
          nextAttemptAt: sql`now() + ${`${retryDelayMs(attempts, backoffBaseMs)} milliseconds`}::interval`,
        })
        .where(eq(posEvents.id, event.id));
      result[dead ? "dead" : "failed"] += 1;
      if (dead || !(error instanceof WaitingForDependency)) {
        log({ msg: dead ? "inbox event dead-lettered" : "inbox event failed", inboxId: event.id, provider: event.provider, topic: event.topic, attempts, error: message });
      }
    }
    if (processed.length > 0) {
      await tx
        .update(posEvents)
        .set({ status: "processed", processedAt: sql`now()`, attempts: sql`${posEvents.attempts} + 1`, lastError: null })
        .where(inArray(posEvents.id, processed));
    }
    result.processed = processed.length;
    return result;
  });
}

/** Drains until nothing is due (tests, the simulator, `npm run sync:drain`). */
export async function drainAll(db: Database, options: DrainOptions & { maxBatches?: number }): Promise<DrainResult> {
  const total: DrainResult = { claimed: 0, processed: 0, failed: 0, dead: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? Infinity); batch++) {
    const result = await drainOnce(db, options);
    for (const key of Object.keys(total) as (keyof DrainResult)[]) total[key] += result[key];
    if (result.claimed === 0) break;
  }
  return total;
}
