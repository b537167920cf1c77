import { sql } from "drizzle-orm";
import { check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { drafts } from "./drafts";
import { stores } from "./stores";
import { users } from "./users";

export const suggestionOutcomes = ["used", "dismissed"] as const;
export type SuggestionOutcome = (typeof suggestionOutcomes)[number];

/**
 * What an associate did with a next-best-action of an approved clienteling note: used it with the
 * client or dismissed it. One row per suggestion and store; a change of mind updates it (and is audited).
 */
export const suggestionFeedback = pgTable(
  "suggestion_feedback",
  {
    id: uuid().primaryKey().defaultRandom(),
    draftId: uuid()
      .notNull()
      .references(() => drafts.id, { onDelete: "cascade" }),
    /** position in the note's nextBestActions */
    suggestionIndex: smallint().notNull(),
    /** "brand|name" of the suggestion as it was shown, so an edited note does not re-attribute feedback */
    suggestionKey: text().notNull(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    storeId: uuid()
      .notNull()
      .references(() => stores.id),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    outcome: text().$type<SuggestionOutcome>().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("suggestion_feedback_key").on(t.draftId, t.suggestionIndex, t.storeId),
    index("suggestion_feedback_customer_idx").on(t.customerId),
    index("suggestion_feedback_store_at_idx").on(t.storeId, t.at),
    check("suggestion_feedback_outcome_check", sql`${t.outcome} in ('used', 'dismissed')`),
  ],
);
export type SuggestionFeedback = typeof suggestionFeedback.$inferSelect;
export type NewSuggestionFeedback = typeof suggestionFeedback.$inferInsert;
