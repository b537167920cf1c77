import { sql } from "drizzle-orm";
import { check, char, date, jsonb, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const stores = pgTable(
  "stores",
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull().unique(),
    name: text().notNull(),
    timezone: text().notNull(),
    currency: char({ length: 3 }).notNull(),
    city: text().notNull(),
    /** POS location identifiers per connection: { [connectionId]: locationRef } */
    posLocationRefs: jsonb().$type<Record<string, string>>().notNull().default({}),
    goLiveDate: date({ mode: "string" }),
    /** 1 = insights only, 2 = assisted, 3 = conditional automation */
    rolloutPhase: smallint().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("stores_rollout_phase_check", sql`${t.rolloutPhase} between 1 and 3`)],
);
export type Store = typeof stores.$inferSelect;
export type NewStore = typeof stores.$inferInsert;
