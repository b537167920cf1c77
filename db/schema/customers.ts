import {
  bigint,
  boolean,
  char,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { posProviderEnum } from "./enums";
import { stores } from "./stores";
import { users } from "./users";

export type CustomerPreferences = {
  categories?: string[];
  brands?: string[];
  metals?: string[];
  ringSize?: string;
  wristSizeMm?: number;
  occasions?: { kind: string; date: string }[];
  language?: string;
};

export const customerTiers = ["client", "silver", "gold", "platinum"] as const;
export type CustomerTier = (typeof customerTiers)[number];

export const customers = pgTable(
  "customers",
  {
    id: uuid().primaryKey().defaultRandom(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    email: text(),
    /** lower-cased, trimmed: the key that matches one person across connections */
    emailNormalized: text(),
    phone: text(),
    /** E.164 digits */
    phoneNormalized: text(),
    addressLine: text(),
    city: text(),
    postalCode: text(),
    country: char({ length: 2 }),
    loyaltyId: text(),
    consentEmail: boolean().notNull().default(false),
    consentSms: boolean().notNull().default(false),
    consentPhone: boolean().notNull().default(false),
    consentMail: boolean().notNull().default(false),
    doNotContact: boolean().notNull().default(false),
    preferences: jsonb().$type<CustomerPreferences>().notNull().default({}),
    tier: text().$type<CustomerTier>().notNull().default("client"),
    lifetimeValueMinor: bigint({ mode: "number" }).notNull().default(0),
    currency: char({ length: 3 }).notNull(),
    homeStoreId: uuid().references(() => stores.id),
    preferredAssociateId: uuid().references(() => users.id, { onDelete: "set null" }),
    birthday: date({ mode: "string" }),
    /** Set when a client's personal data was erased on request; the row stays for referential integrity. */
    erasedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("customers_home_store_idx").on(t.homeStoreId),
    index("customers_email_norm_idx").on(t.emailNormalized),
    index("customers_phone_norm_idx").on(t.phoneNormalized),
    uniqueIndex("customers_loyalty_id_key").on(t.loyaltyId),
    index("customers_tier_idx").on(t.tier, t.lifetimeValueMinor),
    index("customers_last_name_idx").on(t.lastName, t.firstName),
  ],
);
export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;

/** A POS's id for a customer. One person can be known to several connections. */
export const customerRefs = pgTable(
  "customer_refs",
  {
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    provider: posProviderEnum().notNull(),
    connectionId: uuid().notNull(),
    externalId: text().notNull(),
    externalUpdatedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("customer_refs_key").on(t.connectionId, t.externalId),
    index("customer_refs_customer_idx").on(t.customerId),
  ],
);
export type CustomerRef = typeof customerRefs.$inferSelect;

/** Associates' notes on a client; shown on the clienteling card. */
export const customerNotes = pgTable(
  "customer_notes",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    storeId: uuid().references(() => stores.id),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("customer_notes_customer_idx").on(t.customerId, t.createdAt)],
);
export type CustomerNote = typeof customerNotes.$inferSelect;

