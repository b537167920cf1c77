import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { products } from "./catalog";
import { stores } from "./stores";
import { users } from "./users";

/**
 * Weeks (Monday, store-local) in which a store had none of a product to sell. Forecasting treats
 * them as censored, not as zero demand. Recorded nightly from inventory levels.
 */
export const stockOutWeeks = pgTable(
  "stock_out_weeks",
  {
    storeId: uuid()
      .notNull()
      .references(() => stores.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    weekStart: date({ mode: "string" }).notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.productId, t.weekStart] })],
);

export const replenishmentRunStatuses = ["queued", "running", "done", "failed"] as const;
export type ReplenishmentRunStatus = (typeof replenishmentRunStatuses)[number];

/** One replenishment run (nightly or on demand): its progress, its outcome and its backtest summary. */
export const replenishmentRuns = pgTable(
  "replenishment_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    trigger: text().$type<"nightly" | "manual">().notNull(),
    status: text().$type<ReplenishmentRunStatus>().notNull().default("queued"),
    requestedById: uuid().references(() => users.id, { onDelete: "set null" }),
    /** the last complete week the run forecasts from (Monday) */
    asOf: date({ mode: "string" }),
    seriesTotal: integer().notNull().default(0),
    seriesDone: integer().notNull().default(0),
    proposed: integer().notNull().default(0),
    superseded: integer().notNull().default(0),
    unchanged: integer().notNull().default(0),
    /** per method and class: backtest MASE and bias over the run's series */
    accuracy: jsonb().$type<Record<string, unknown>>(),
    error: text(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("replenishment_runs_created_idx").on(t.createdAt),
    uniqueIndex("replenishment_runs_one_live_key")
      .on(t.trigger)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);
export type ReplenishmentRun = typeof replenishmentRuns.$inferSelect;
