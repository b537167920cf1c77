import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { posConnections, posEvents, posProviderEnum, posWebhookRejections, type PosProvider } from "@/db/schema";
import { open } from "@/lib/crypto/secret-box";
import { MalformedDelivery, type Delivery, type InboxEvent, type WebhookConnection, type WebhookConnector } from "@/lib/pos/types";

export type ReceiveOutcome = {
  status: 200 | 401 | 404;
  body: { received?: number; duplicates?: number; kept?: "malformed"; error?: string };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The webhook secret is sealed with the connection id as associated data, so it cannot be moved to another row. */
export function webhookSecretAad(connectionId: string): string {
  return `pos_connections.webhook_secret:${connectionId}`;
}

/**
 * Connections are read on every delivery; a few seconds of caching saves a round trip per request
 * under a burst. A changed secret or a deactivation is seen within CONNECTION_TTL_MS on every instance.
 */
const CONNECTION_TTL_MS = 5_000;
const connectionCache = new Map<string, { at: number; connection: WebhookConnection | null }>();

async function cachedConnection(db: Database, provider: PosProvider, connectionId: string): Promise<WebhookConnection | null> {
  const key = `${provider}:${connectionId}`;
  const hit = connectionCache.get(key);
  if (hit && Date.now() - hit.at < CONNECTION_TTL_MS) return hit.connection;
  const connection = await loadConnection(db, provider, connectionId);
  if (connectionCache.size > 1_000) connectionCache.clear();
  connectionCache.set(key, { at: Date.now(), connection });
  return connection;
}

/** Forgets cached connections (after an admin edits one, and in tests). */
export function forgetWebhookConnections(): void {
  connectionCache.clear();
}

async function loadConnection(db: Database, provider: PosProvider, connectionId: string): Promise<WebhookConnection | null> {
  const [row] = await db
    .select({
      id: posConnections.id,
      provider: posConnections.provider,
      sealed: posConnections.webhookSecretEncrypted,
      config: posConnections.config,
    })
    .from(posConnections)
    .where(and(eq(posConnections.id, connectionId), eq(posConnections.provider, provider), eq(posConnections.isActive, true)))
    .limit(1);
  if (!row) return null;
  return { id: row.id, provider: row.provider, config: row.config, secret: row.sealed ? open(row.sealed, webhookSecretAad(row.id)) : "" };
}

async function countRejection(db: Database, connectionId: string, reason: string): Promise<void> {
  await db
    .insert(posWebhookRejections)
    .values({ connectionId, reason, minute: sql`date_trunc('minute', now())` })
    .onConflictDoUpdate({
      target: [posWebhookRejections.connectionId, posWebhookRejections.reason, posWebhookRejections.minute],
      set: { count: sql`${posWebhookRejections.count} + 1`, lastAt: sql`now()` },
    });
}

/** Header values a processor may need later (topic, triggered-at, retry number); never the signature. */
function keptHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (/(hmac|signature|auth|cookie|authorization)/i.test(name)) continue;
    if (/^(x-shopify-|shopify-|square-|content-type$|user-agent$)/i.test(name)) kept[name] = value.slice(0, 500);
  }
  return kept;
}

/**
 * Verifies a delivery on its raw bytes, then stores each event it carries in the inbox, once.
 * No processing happens here: the platform gets its 2xx well inside its deadline.
 */
export async function receiveWebhook(
  db: Database,
  connectors: Record<PosProvider, WebhookConnector>,
  request: { provider: string; connectionId: string } & Delivery,
  log: (entry: Record<string, unknown>) => void = (entry) => console.warn(JSON.stringify(entry)),
): Promise<ReceiveOutcome> {
  const provider = request.provider as PosProvider;
  if (!posProviderEnum.enumValues.includes(provider) || !UUID.test(request.connectionId)) {
    return { status: 404, body: { error: "unknown connection" } };
  }
  const connection = await cachedConnection(db, provider, request.connectionId);
  if (!connection) return { status: 404, body: { error: "unknown connection" } };

  const connector = connectors[provider];
  const delivery: Delivery = { rawBody: request.rawBody, headers: request.headers };
  const verdict = connector.verify(delivery, connection);
  const handshake = verdict.ok ? null : (connector.handshake?.(delivery) ?? null);
  if (handshake) {
    await db
      .insert(posEvents)
      .values({
        connectionId: connection.id,
        provider,
        eventId: handshake.eventId,
        topic: handshake.topic,
        rawBody: request.rawBody.toString("utf8").slice(0, 2_000),
        bodySha256: crypto.createHash("sha256").update(request.rawBody).digest("hex"),
        payload: handshake.payload,
        status: "processed",
      })
      .onConflictDoNothing();
    log({ msg: "webhook handshake recorded", provider, connectionId: connection.id });
    return { status: 200, body: { received: 1 } };
  }
  if (!verdict.ok) {
    await countRejection(db, connection.id, verdict.reason);
    log({ msg: "webhook rejected", provider, connectionId: connection.id, reason: verdict.reason, bytes: request.rawBody.length });
    return { status: 401, body: { error: "signature rejected" } };
  }

  const bodySha256 = crypto.createHash("sha256").update(request.rawBody).digest("hex");
  const rawBody = request.rawBody.toString("utf8");
  const headers = keptHeaders(request.headers);
  let events: InboxEvent[];
  try {
    events = connector.events(delivery, connection);
    if (events.length === 0) throw new MalformedDelivery("the delivery carries no event");
  } catch (error) {
    if (!(error instanceof MalformedDelivery)) throw error;
    // Signed but not understood: kept, visible, dead-lettered at once (a retry would fail the same way).
    const [row] = await db
      .insert(posEvents)
      .values({
        connectionId: connection.id,
        provider,
        eventId: `body:${bodySha256}`,
        topic: request.headers["x-shopify-topic"] ?? "unknown",
        rawBody,
        bodySha256,
        headers,
        status: "dead",
        lastError: `malformed: ${error.message}`.slice(0, 1_000),
      })
      .onConflictDoNothing()
      .returning({ id: posEvents.id });
    log({ msg: "webhook malformed", provider, connectionId: connection.id, error: error.message, inboxId: row?.id ?? null });
    return { status: 200, body: { kept: "malformed" } };
  }

  // The hot path: one statement through postgres.js directly (a prepared statement per event count),
  // skipping the query builder, which costs more CPU than the insert itself at a few thousand per second.
  const client = db.$client;
  const rows = events.map((event) => ({
    connection_id: connection.id,
    provider,
    event_id: event.eventId,
    topic: event.topic,
    account: event.account,
    raw_body: rawBody,
    body_sha256: bodySha256,
    headers: JSON.stringify(headers),
    payload: JSON.stringify(event.payload),
  }));
  const inserted = await client`
    insert into pos_events ${client(rows, "connection_id", "provider", "event_id", "topic", "account", "raw_body", "body_sha256", "headers", "payload")}
    on conflict do nothing returning id`;
  return { status: 200, body: { received: inserted.length, duplicates: events.length - inserted.length } };
}
