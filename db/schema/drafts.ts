import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    // the review queue: one kind and status per store, most urgent first, keyset on (priority, created_at, id)
    index("drafts_queue_idx").on(t.storeId, t.kind, t.status, t.priority.desc(), t.createdAt.desc(), t.id.desc()),
    index("drafts_customer_idx").on(t.customerId),
    index("drafts_sale_idx").on(t.saleId),
    index("drafts_expiry_idx")
      .on(t.expiresAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);
export type Draft = typeof drafts.$inferSelect;
export type NewDraft = typeof drafts.$inferInsert;
