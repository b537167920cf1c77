import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { originEnum, posEventStatusEnum, posProviderEnum } from "./enums";

export const posConnections = pgTable("pos_connections", {
  id: uuid().primaryKey().defaultRandom(),
  provider: posProviderEnum().notNull(),
  name: text().notNull(),
  /** POS location id → Vitrine store id */
  storeMapping: jsonb().$type<Record<string, string>>().notNull().default({}),
  /** AES-256-GCM under the instance's credentials key (lib/crypto) */
  credentialsEncrypted: text(),
  webhookSecretEncrypted: text(),
  config: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  backfillCursor: jsonb().$type<Record<string, unknown>>(),
  lastSyncAt: timestamp({ withTimezone: true }),
  lastSyncStatus: text(),
  lastError: text(),
  isActive: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type PosConnection = typeof posConnections.$inferSelect;
export type NewPosConnection = typeof posConnections.$inferInsert;

/** The inbox: every verified delivery, kept as received. Processing never deletes a row. */
export const posEvents = pgTable(
  "pos_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    connectionId: uuid()
      .notNull()
      .references(() => posConnections.id),
    provider: posProviderEnum().notNull(),
    /** The platform's event identity, or sha256 of the raw body where it has none. */
    eventId: text().notNull(),
    topic: text().notNull(),
    /** the merchant, shop or domain the event belongs to (Clover merchant id, Shopify shop domain…) */
    account: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    rawBody: text().notNull(),
    bodySha256: text().notNull(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** this event's part of the body, parsed (ids kept as strings); null when the body was malformed */
    payload: jsonb(),
    status: posEventStatusEnum().notNull().default("received"),
    attempts: integer().notNull().default(0),
    /** when a failed event may be tried again (exponential backoff); the drain skips it until then */
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("pos_events_identity_key").on(t.provider, t.connectionId, t.eventId),
    index("pos_events_status_idx").on(t.status, t.id),
    // the drain's claim: due work in arrival order; processed and dead rows are not in it
    index("pos_events_due_idx")
      .on(t.nextAttemptAt, t.id)
      .where(sql`${t.status} in ('received', 'failed')`),
    index("pos_events_connection_received_idx").on(t.connectionId, t.receivedAt),
    // the Sync page's throughput: what each connection processed in the last minutes
    index("pos_events_connection_processed_idx")
      .on(t.connectionId, t.processedAt)
      .where(sql`${t.processedAt} is not null`),
  ],
);
export type PosEvent = typeof posEvents.$inferSelect;
export type NewPosEvent = typeof posEvents.$inferInsert;

/**
 * Refused deliveries (bad or missing signature), counted per connection, reason and minute. Nothing
 * of the body is kept: an attacker's payload never reaches the database.
 */
export const posWebhookRejections = pgTable(
  "pos_webhook_rejections",
  {
    connectionId: uuid()
      .notNull()
      .references(() => posConnections.id),
    reason: text().notNull(),
    minute: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull().default(1),
    lastAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.reason, t.minute] })],
);
export type PosWebhookRejection = typeof posWebhookRejections.$inferSelect;

export const syncRunKindEnum = pgEnum("sync_run_kind", ["backfill", "reconciliation"]);
export const syncRunStatusEnum = pgEnum("sync_run_status", ["queued", "running", "succeeded", "failed", "cancelled"]);
export type SyncRunStatus = (typeof syncRunStatusEnum.enumValues)[number];

/**
 * One backfill or reconciliation of one connection. The cursor is saved in the same transaction as the
 * page it follows, so a crash or a restart resumes exactly after the last applied page.
 */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    connectionId: uuid()
      .notNull()
      .references(() => posConnections.id),
    kind: syncRunKindEnum().notNull(),
    status: syncRunStatusEnum().notNull().default("queued"),
    /** fetch what changed since (reconciliation: the connection's watermark); null = everything */
    since: timestamp({ withTimezone: true }),
    /** index into the connector's backfillResources */
    resourceIndex: integer().notNull().default(0),
    resource: text(),
    cursor: jsonb().$type<Record<string, unknown>>(),
    records: integer().notNull().default(0),
    pages: integer().notNull().default(0),
    /** the platform's own count of what remains, when it says */
    totalEstimate: integer(),
    rateLimitWaits: integer().notNull().default(0),
    requestedById: uuid(),
    startedAt: timestamp({ withTimezone: true }),
    heartbeatAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    error: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sync_runs_connection_idx").on(t.connectionId, t.createdAt),
    // one live run per connection at a time
    uniqueIndex("sync_runs_one_live_key")
      .on(t.connectionId)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);
export type SyncRun = typeof syncRuns.$inferSelect;

/** A POS product id → Vitrine product (Square variations, Clover items, X-Series product uuids…). */
export const productRefs = pgTable(
  "product_refs",
  {
    connectionId: uuid()
      .notNull()
      .references(() => posConnections.id),
    externalId: text().notNull(),
    productId: uuid().notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.externalId] })],
);

/**
 * What happened, once: `sale.completed:<sale id>` however many deliveries the POS sent for the sale.
 * The drafting worker consumes these; origin says whether a human should hear about it (webhook,
 * reconciliation) or it is history (backfill, seed).
 */
export const domainEvents = pgTable(
  "domain_events",
  {
    id: text().primaryKey(),
    type: text().notNull(),
    origin: originEnum().notNull(),
    storeId: uuid(),
    customerId: uuid(),
    saleId: uuid(),
    returnId: uuid(),
    itemId: uuid(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    /** the inbox row that caused it, when one did */
    posEventId: bigint({ mode: "number" }),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    consumedAt: timestamp({ withTimezone: true }),
    /** drafting attempts that failed; after the last one the event is dead (kept, visible, retryable) */
    attempts: integer().notNull().default(0),
    lastError: text(),
    nextAttemptAt: timestamp({ withTimezone: true }),
    deadAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("domain_events_pending_idx")
      .on(t.createdAt)
      .where(sql`${t.consumedAt} is null and ${t.deadAt} is null`),
    index("domain_events_type_idx").on(t.type, t.occurredAt),
  ],
);
export type DomainEvent = typeof domainEvents.$inferSelect;
