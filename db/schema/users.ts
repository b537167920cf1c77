import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";
import { stores } from "./stores";

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    role: roleEnum().notNull(),
    /** Argon2id PHC string; null for users who only sign in through OpenID Connect. */
    passwordHash: text(),
    isActive: boolean().notNull().default(true),
    /** Bumped on deactivation and password reset: tokens issued before are refused. */
    sessionVersion: integer().notNull().default(0),
    lastSignInAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`), index("users_role_idx").on(t.role)],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const userStores = pgTable(
  "user_stores",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    storeId: uuid()
      .notNull()
      .references(() => stores.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.storeId] }), index("user_stores_store_idx").on(t.storeId)],
);
export type UserStore = typeof userStores.$inferSelect;

/** Auth.js account links for OpenID Connect sign-in (sessions are JWTs, so no session table). */
export const accounts = pgTable(
  "accounts",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("accounts_user_idx").on(t.userId)],
);
export type Account = typeof accounts.$inferSelect;

/**
 * Failed sign-in counters, one row per throttled key ("account:<email>" or "ip:<address>").
 * Kept in Postgres so every web instance sees the same counts.
 */
export const authThrottle = pgTable("auth_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp({ withTimezone: true }),
  lockouts: integer().notNull().default(0),
});
export type AuthThrottle = typeof authThrottle.$inferSelect;
