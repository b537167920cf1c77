import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { draftKindEnum, draftStatusEnum } from "./enums";
import { customers } from "./customers";
import { products, serializedItems } from "./catalog";
import { sales } from "./sales";
import { stores } from "./stores";
import { users } from "./users";

/** One row per AI proposal; a human (or, in phase 3, an admin rule) decides it. */
export const drafts = pgTable(
  "drafts",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: draftKindEnum().notNull(),
    status: draftStatusEnum().notNull().default("pending"),
    storeId: uuid()
      .notNull()
      .references(() => stores.id),
    customerId: uuid().references(() => customers.id, { onDelete: "set null" }),
    itemId: uuid().references(() => serializedItems.id),
    productId: uuid().references(() => products.id),
    saleId: uuid().references(() => sales.id),
    /** Exactly-once key: kind + source event + subject. */
    dedupeKey: text().notNull(),
    output: jsonb().$type<Record<string, unknown>>(),
    editedOutput: jsonb().$type<Record<string, unknown>>(),
    rationale: text(),
    /** 0 (low) to 100 (urgent) */
    priority: smallint().notNull().default(50),
    sourceEventId: text(),
    sourceTransactionId: text(),
    modelId: text(),
    promptId: text(),
    promptVersion: text(),
    inputHash: text(),
    /** Wall time of the model call(s) that produced the draft, retries included. */
    latencyMs: integer(),
    usage: jsonb().$type<{ inputTokens: number; outputTokens: number; totalTokens: number }>(),
    error: text(),
    /** Conditions the reviewer must see, e.g. `open_complaint`, `overdue_ticket`. */
    flags: text().array().notNull().default(sql`'{}'::text[]`),
    /** Value at stake in minor units (sale total, order cost), for rules and sorting. */
    valueMinor: bigint({ mode: "number" }),
    /** Why an approval was refused because the facts changed; the draft stays pending. */
    blockedReason: text(),
    editedById: uuid().references(() => users.id, { onDelete: "set null" }),
    editedAt: timestamp({ withTimezone: true }),
    /** Set when an automation rule decided the draft. */
    decidedByRuleId: uuid(),
    executedAt: timestamp({ withTimezone: true }),
    /** When the automation rules last looked at this pending draft (phase 3 stores); null: not yet. */
    rulesCheckedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    claimedById: uuid().references(() => users.id, { onDelete: "set null" }),
    claimedUntil: timestamp({ withTimezone: true }),
    decidedById: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    decisionReason: text(),
    decisionNote: text(),
    expiresAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("drafts_dedupe_key").on(t.dedupeKey),
    // the review queue: one kind and status per store, most urgent first, keyset on (priority, created_at, id).
    // Ascending columns, read backwards: `order by priority desc, created_at desc, id desc` (nulls first)
    // is exactly a backward scan, which a DESC NULLS LAST index would not be.
    index("drafts_queue_idx").on(t.storeId, t.kind, t.status, t.priority, t.createdAt, t.id),
    // all-store queues (admins, buyers, multi-store managers): keyset per kind and status
    index("drafts_kind_priority_idx").on(t.kind, t.status, t.priority, t.createdAt, t.id),
    index("drafts_kind_created_idx").on(t.kind, t.status, t.createdAt, t.id),
    index("drafts_customer_idx").on(t.customerId),
    index("drafts_sale_idx").on(t.saleId),
    index("drafts_rules_unchecked_idx")
      .on(t.createdAt)
      .where(sql`${t.status} = 'pending' and ${t.rulesCheckedAt} is null`),
    index("drafts_expiry_idx")
      .on(t.expiresAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);
export type Draft = typeof drafts.$inferSelect;
export type NewDraft = typeof drafts.$inferInsert;

/**
 * Live counts for the queue's tabs, kept by statement-level triggers on `drafts` (migration
 * 0006_review), so no page ever counts the drafts table.
 */
export const draftCounters = pgTable(
  "draft_counters",
  {
    storeId: uuid().notNull(),
    kind: draftKindEnum().notNull(),
    status: draftStatusEnum().notNull(),
    count: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.kind, t.status] })],
);

export const executionStatuses = ["queued", "running", "done", "failed", "dead"] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

/**
 * What an approval set in motion: one row per approved draft, inserted in the approving
 * transaction (so exactly one per decision) and drained by the worker with retries.
 */
export const draftExecutions = pgTable(
  "draft_executions",
  {
    draftId: uuid()
      .primaryKey()
      .references(() => drafts.id),
    kind: draftKindEnum().notNull(),
    storeId: uuid()
      .notNull()
      .references(() => stores.id),
    status: text().$type<ExecutionStatus>().notNull().default("queued"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    /** ids of what the execution made: outbox message, ticket, purchase order, note, POS reference */
    result: jsonb().$type<Record<string, unknown>>(),
    /** who or what released it: the approval, or an admin releasing a held backlog */
    requestedById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("draft_executions_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('queued', 'failed')`),
    index("draft_executions_store_idx").on(t.storeId, t.status),
  ],
);
export type DraftExecution = typeof draftExecutions.$inferSelect;

export const outboxStatuses = ["queued", "sent", "failed", "not_sent_no_channel"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/** Messages to clients from approved drafts. Holds the text and address (PII lives here, not in the audit log). */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    draftId: uuid()
      .notNull()
      .references(() => drafts.id),
    storeId: uuid()
      .notNull()
      .references(() => stores.id),
    customerId: uuid().references(() => customers.id, { onDelete: "set null" }),
    channel: text().$type<"email" | "sms">().notNull(),
    recipient: text(),
    subject: text(),
    body: text().notNull(),
    status: text().$type<OutboxStatus>().notNull().default("queued"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    providerMessageId: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("outbox_messages_draft_key").on(t.draftId), index("outbox_messages_store_idx").on(t.storeId, t.createdAt)],
);
export type OutboxMessage = typeof outboxMessages.$inferSelect;

export const purchaseOrderStatuses = ["open", "sent", "received", "cancelled"] as const;
export type PurchaseOrderStatus = (typeof purchaseOrderStatuses)[number];

/** A purchase (or, for `type = transfer`, a transfer request) made from an approved recommendation. */
export const purchaseOrders = pgTable(
  "purchase_orders",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** human number, e.g. PO-2026-000123 */
    number: text().notNull(),
    type: text().$type<"purchase" | "transfer">().notNull().default("purchase"),
    storeId: uuid()
      .notNull()
      .references(() => stores.id),
    /** for transfers: the store that sends the goods */
    fromStoreId: uuid().references(() => stores.id),
    supplier: text(),
    currency: char({ length: 3 }).notNull(),
    totalCostMinor: bigint({ mode: "number" }).notNull().default(0),
    status: text().$type<PurchaseOrderStatus>().notNull().default("open"),
    sourceDraftId: uuid().references(() => drafts.id),
    /** for transfers sent to the POS as well: the platform and its id for the transfer there */
    provider: text(),
    externalId: text(),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("purchase_orders_number_key").on(t.number),
    uniqueIndex("purchase_orders_external_key").on(t.provider, t.externalId),
    uniqueIndex("purchase_orders_draft_key").on(t.sourceDraftId),
    index("purchase_orders_store_idx").on(t.storeId, t.createdAt),
  ],
);
export type PurchaseOrder = typeof purchaseOrders.$inferSelect;

export const purchaseOrderLines = pgTable(
  "purchase_order_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    purchaseOrderId: uuid()
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: "cascade" }),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    quantity: integer().notNull(),
    unitCostMinor: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    index("purchase_order_lines_order_idx").on(t.purchaseOrderId),
    check("purchase_order_lines_quantity_check", sql`${t.quantity} > 0 and ${t.unitCostMinor} >= 0`),
  ],
);
export type PurchaseOrderLine = typeof purchaseOrderLines.$inferSelect;

/**
 * An admin's automation rule (rollout phase 3): drafts of `kind` matching `conditions` are approved
 * by the rule. Never a client-facing draft in a store's first 90 days after go-live.
 */
export const automationRules = pgTable(
  "automation_rules",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    kind: draftKindEnum().notNull(),
    /** null: every store */
    storeId: uuid().references(() => stores.id),
    conditions: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    enabled: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    createdById: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("automation_rules_kind_idx").on(t.kind, t.enabled)],
);
export type AutomationRule = typeof automationRules.$inferSelect;
