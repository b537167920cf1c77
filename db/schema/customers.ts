import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  date,
  index,
  jsonb,
  numeric,
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
    /** Set when a manager merged this record into another; reversible (customer_merges). */
    mergedIntoId: uuid(),
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
    // probable-duplicate search: same name, case-insensitive
    index("customers_name_lower_idx").on(sql`lower(${t.lastName})`, sql`lower(${t.firstName})`),
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
    externalVersion: numeric({ precision: 20, scale: 0 }),
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


export const duplicateStatuses = ["open", "merged", "dismissed"] as const;

/** Two client records that are probably one person, for a manager to merge or dismiss. */
export const customerDuplicates = pgTable(
  "customer_duplicates",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** the lower of the two ids, so a pair is recorded once */
    customerAId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    customerBId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    /** why they look alike, e.g. "same name and city" */
    reason: text().notNull(),
    status: text().$type<(typeof duplicateStatuses)[number]>().notNull().default("open"),
    decidedById: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("customer_duplicates_pair_key").on(t.customerAId, t.customerBId),
    index("customer_duplicates_open_idx")
      .on(t.createdAt)
      .where(sql`${t.status} = 'open'`),
  ],
);
export type CustomerDuplicate = typeof customerDuplicates.$inferSelect;

/**
 * A merge, with what it moved, so it can be undone: the merged record stays (merged_into_id set) and
 * `moved` lists every row re-pointed from it to the survivor.
 */
export const customerMerges = pgTable(
  "customer_merges",
  {
    id: uuid().primaryKey().defaultRandom(),
    survivorId: uuid()
      .notNull()
      .references(() => customers.id),
    mergedId: uuid()
      .notNull()
      .references(() => customers.id),
    duplicateId: uuid().references(() => customerDuplicates.id, { onDelete: "set null" }),
    moved: jsonb().$type<Record<string, string[]>>().notNull(),
    /** the survivor's fields before the merge filled its gaps */
    survivorBefore: jsonb().$type<Record<string, unknown>>().notNull(),
    mergedById: uuid().references(() => users.id, { onDelete: "set null" }),
    mergedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revertedById: uuid().references(() => users.id, { onDelete: "set null" }),
    revertedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("customer_merges_survivor_idx").on(t.survivorId), index("customer_merges_merged_idx").on(t.mergedId)],
);
export type CustomerMerge = typeof customerMerges.$inferSelect;
