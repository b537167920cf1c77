import { bigint, date, doublePrecision, index, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { draftKindEnum } from "./enums";

/*
 * Rollups for the overview dashboard. Each row is a sum over base rows, keyed by the store's LOCAL
 * day (`(ts at time zone stores.timezone)::date`). Statement-level triggers on the base tables
 * (migration 0008_rollups) fold every statement's rows into one signed delta per key and upsert the
 * deltas in key order, so they stay exact under concurrent writers; `rollups_rebuild()` recomputes
 * them from scratch (same contribution functions, so rebuild == incremental).
 */

/** What a draft rollup counts per key (draft_daily and its all-store sum draft_daily_all). */
const draftOutcomeCounts = () => ({
  created: integer().notNull().default(0),
  /** approved, with or without edits (held, executed and failed executions included) */
  approved: integer().notNull().default(0),
  /** approved with the reviewer's edits */
  edited: integer().notNull().default(0),
  rejected: integer().notNull().default(0),
  expired: integer().notNull().default(0),
});

/** What a suggestion rollup counts per key (suggestion_daily and its all-store sum suggestion_daily_all). */
const suggestionCounts = () => ({
  suggested: integer().notNull().default(0),
  bought: integer().notNull().default(0),
  used: integer().notNull().default(0),
  dismissed: integer().notNull().default(0),
  /** used by an associate and bought by the client within 30 days */
  usedBought: integer().notNull().default(0),
});

/** Drafts per store, local day, kind and prompt version: created on the day they were created, decisions on the day they were decided. */
export const draftDaily = pgTable(
  "draft_daily",
  {
    storeId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    kind: draftKindEnum().notNull(),
    /** '' when the draft has no prompt version */
    promptVersion: text().notNull(),
    ...draftOutcomeCounts(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day, t.kind, t.promptVersion] }), index("draft_daily_day_idx").on(t.day)],
);
export type DraftDaily = typeof draftDaily.$inferSelect;

/**
 * Time from draft to a human (or rule) decision, as a histogram with fixed log-scale buckets:
 * bucket b holds decisions that took [2^(b/4), 2^((b+1)/4)) seconds (each bucket ~19 % wide),
 * so a median or p90 over any range and store set is a sum of counts, never a scan of drafts.
 */
export const draftDecisionTimeDaily = pgTable(
  "draft_decision_time_daily",
  {
    storeId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    kind: draftKindEnum().notNull(),
    bucket: smallint().notNull(),
    decided: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day, t.kind, t.bucket] }), index("draft_decision_time_daily_day_idx").on(t.day)],
);
export type DraftDecisionTimeDaily = typeof draftDecisionTimeDaily.$inferSelect;

/** Rejections per store, local day of the decision, kind and reason (lib/review/kinds REJECT_REASONS). */
export const rejectReasonDaily = pgTable(
  "reject_reason_daily",
  {
    storeId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    kind: draftKindEnum().notNull(),
    reason: text().notNull(),
    rejected: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day, t.kind, t.reason] }), index("reject_reason_daily_day_idx").on(t.day)],
);
export type RejectReasonDaily = typeof rejectReasonDaily.$inferSelect;

/** Pending drafts per store and kind with the value at stake (value_minor, in the store's currency). */
export const draftPending = pgTable(
  "draft_pending",
  {
    storeId: uuid().notNull(),
    kind: draftKindEnum().notNull(),
    pending: integer().notNull().default(0),
    valueMinor: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.kind] })],
);
export type DraftPending = typeof draftPending.$inferSelect;

/** Completed sales per store, local day and currency (voided and open sales are not counted). */
export const salesDaily = pgTable(
  "sales_daily",
  {
    storeId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    currency: text().notNull(),
    sales: integer().notNull().default(0),
    revenueMinor: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day, t.currency] }), index("sales_daily_day_idx").on(t.day)],
);
export type SalesDaily = typeof salesDaily.$inferSelect;

/** Lines of completed sales per store, local day, product category ('other' without a product) and currency. */
export const salesCategoryDaily = pgTable(
  "sales_category_daily",
  {
    storeId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    category: text().notNull(),
    currency: text().notNull(),
    lines: integer().notNull().default(0),
    units: integer().notNull().default(0),
    revenueMinor: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.day, t.category, t.currency] }),
    // every column the dashboard sums, so a range over all stores is an index-only scan
    index("sales_category_daily_day_idx").on(t.day, t.storeId, t.category, t.currency, t.units, t.revenueMinor),
  ],
);
export type SalesCategoryDaily = typeof salesCategoryDaily.$inferSelect;

/** Units sold per store, product and local day: the recent demand that stock-out risk is measured against. */
export const salesProductDaily = pgTable(
  "sales_product_daily",
  {
    storeId: uuid().notNull(),
    productId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    units: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.productId, t.day] }), index("sales_product_daily_day_idx").on(t.day, t.storeId)],
);
export type SalesProductDaily = typeof salesProductDaily.$inferSelect;

/** Service tickets per store and local day opened: how many came from an approved draft and how they ended. */
export const ticketDaily = pgTable(
  "ticket_daily",
  {
    storeId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    /** 'draft' when the ticket came from an approved AI draft, else 'pos' */
    source: text().notNull(),
    opened: integer().notNull().default(0),
    closed: integer().notNull().default(0),
    cancelled: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day, t.source] }), index("ticket_daily_day_idx").on(t.day)],
);
export type TicketDaily = typeof ticketDaily.$inferSelect;

/**
 * One row per next-best-action of an approved clienteling note, and the first purchase of that item
 * (brand + name) by the client within 30 days after the approval. Kept by triggers on drafts, sales
 * and sale_lines; the dashboard sums it per local day of the approval.
 */
export const suggestionPurchases = pgTable(
  "suggestion_purchases",
  {
    draftId: uuid().notNull(),
    suggestionIndex: smallint().notNull(),
    storeId: uuid().notNull(),
    customerId: uuid().notNull(),
    promptVersion: text().notNull(),
    /** "brand|name", lower-cased (lib/clienteling/card suggestionKey) */
    suggestionKey: text().notNull(),
    decidedAt: timestamp({ withTimezone: true }).notNull(),
    day: date({ mode: "string" }).notNull(),
    boughtAt: timestamp({ withTimezone: true }),
    /**
     * What associates did with it (suggestion_feedback for this draft, index and key, kept by a
     * trigger): 'used' when any store used it, else 'dismissed' when any dismissed it, else null.
     */
    feedback: text().$type<"used" | "dismissed">(),
  },
  (t) => [
    primaryKey({ columns: [t.draftId, t.suggestionIndex] }),
    index("suggestion_purchases_customer_idx").on(t.customerId, t.suggestionKey),
    index("suggestion_purchases_store_day_idx").on(t.storeId, t.day),
  ],
);
export type SuggestionPurchase = typeof suggestionPurchases.$inferSelect;

/**
 * suggestion_purchases summed per store, local day of the approval and prompt version: the
 * suggestions made, bought within 30 days, and what associates did with them (kept by a trigger on
 * suggestion_purchases, so the dashboard reads one row per store and day instead of every suggestion).
 */
export const suggestionDaily = pgTable(
  "suggestion_daily",
  {
    storeId: uuid().notNull(),
    day: date({ mode: "string" }).notNull(),
    promptVersion: text().notNull(),
    ...suggestionCounts(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day, t.promptVersion] })],
);
export type SuggestionDaily = typeof suggestionDaily.$inferSelect;

/*
 * The draft-side rollups summed over every store, for viewers who see all stores at once (admins,
 * buyers): a 90-day range is then a few hundred rows instead of forty stores' worth. Kept by
 * statement triggers on the per-store rollups (migration 0012), which fold each statement's changed
 * rows into one signed delta per key, like the rollups themselves. Only draft-side figures have one:
 * they change at human speed, so the shared rows do not become a point where POS writers queue.
 */

export const draftDailyAll = pgTable(
  "draft_daily_all",
  {
    day: date({ mode: "string" }).notNull(),
    kind: draftKindEnum().notNull(),
    promptVersion: text().notNull(),
    ...draftOutcomeCounts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind, t.promptVersion] })],
);

export const draftDecisionTimeDailyAll = pgTable(
  "draft_decision_time_daily_all",
  {
    day: date({ mode: "string" }).notNull(),
    kind: draftKindEnum().notNull(),
    bucket: smallint().notNull(),
    decided: integer().notNull().default(0),
  },
  // the key and the count, so a range is an index-only scan
  (t) => [primaryKey({ columns: [t.day, t.kind, t.bucket] }), index("draft_decision_time_daily_all_covering_idx").on(t.day, t.kind, t.bucket, t.decided)],
);

export const rejectReasonDailyAll = pgTable(
  "reject_reason_daily_all",
  {
    day: date({ mode: "string" }).notNull(),
    kind: draftKindEnum().notNull(),
    reason: text().notNull(),
    rejected: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind, t.reason] })],
);

export const suggestionDailyAll = pgTable(
  "suggestion_daily_all",
  {
    day: date({ mode: "string" }).notNull(),
    promptVersion: text().notNull(),
    ...suggestionCounts(),
  },
  (t) => [primaryKey({ columns: [t.day, t.promptVersion] })],
);

/**
 * Units sold per store and product over the 27 local days before `as_of`, taken once a day on the
 * first read (lib/overview/buying ensureDemandSnapshot); today's units are added live from
 * sales_product_daily. Stock-out risk then joins inventory to one row per selling line instead of
 * summing four weeks of daily rows on every page view. Only the latest two days are kept.
 */
export const demandSnapshots = pgTable(
  "demand_snapshots",
  {
    asOf: date({ mode: "string" }).notNull(),
    storeId: uuid().notNull(),
    productId: uuid().notNull(),
    units: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.asOf, t.storeId, t.productId] })],
);
export type DemandSnapshot = typeof demandSnapshots.$inferSelect;

/**
 * Store × product lines whose available stock (on hand − reserved) lasts less than their lead time
 * at the rate of the last 28 days (the latest demand snapshot plus the units sold since). Rebuilt
 * with each day's snapshot, and kept current between snapshots by statement triggers on
 * inventory_levels and sales_product_daily (migration 0012) that recompute only the lines a statement
 * touched: the dashboard reads the count and the most urgent lines from here instead of joining every
 * selling line to inventory on each page view.
 */
export const stockRisks = pgTable(
  "stock_risks",
  {
    storeId: uuid().notNull(),
    productId: uuid().notNull(),
    /** units sold over the demand window */
    sold: integer().notNull(),
    available: integer().notNull(),
    onOrder: integer().notNull(),
    leadTimeDays: integer().notNull(),
    /** days the available stock lasts at that rate */
    cover: doublePrecision().notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.productId] }), index("stock_risks_urgency_idx").on(t.cover, t.sold.desc(), t.storeId, t.productId)],
);
export type StockRiskRow = typeof stockRisks.$inferSelect;
