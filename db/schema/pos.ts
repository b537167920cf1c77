import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { posEventStatusEnum, posProviderEnum } from "./enums";

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
    lastError: text(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("pos_events_identity_key").on(t.provider, t.connectionId, t.eventId),
    index("pos_events_status_idx").on(t.status, t.id),
    index("pos_events_connection_received_idx").on(t.connectionId, t.receivedAt),
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
