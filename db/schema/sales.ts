import { sql } from "drizzle-orm";
import {
  bigint,
  char,
  check,
  index,
  integer,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { originEnum } from "./enums";
import { customers } from "./customers";
import { products } from "./catalog";
import { stores } from "./stores";
import { users } from "./users";

export const sales = pgTable(
  "sales",
  {
    id: uuid().primaryKey().defaultRandom(),
    storeId: uuid()
      .notNull()
      .references(() => stores.id),
    associateId: uuid().references(() => users.id, { onDelete: "set null" }),
    customerId: uuid().references(() => customers.id, { onDelete: "set null" }),
    /** "seed" for demo data, else the POS provider */
    provider: text().notNull(),
    connectionId: uuid(),
    externalId: text().notNull(),
    /** The POS's own updated-at: an older update never overwrites a newer one. */
    externalUpdatedAt: timestamp({ withTimezone: true }),
    /** The POS's version counter where it has one (X-Series, Square): decides before externalUpdatedAt. */
    externalVersion: numeric({ precision: 20, scale: 0 }),
    /** completed = paid and closed; open = parked / layby; voided = cancelled after the fact */
    status: text().$type<"completed" | "open" | "voided">().notNull().default("completed"),
    origin: originEnum().notNull(),
    subtotalMinor: bigint({ mode: "number" }).notNull(),
    discountMinor: bigint({ mode: "number" }).notNull().default(0),
    taxMinor: bigint({ mode: "number" }).notNull().default(0),
    totalMinor: bigint({ mode: "number" }).notNull(),
    currency: char({ length: 3 }).notNull(),
    completedAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sales_external_key").on(t.provider, t.externalId),
    index("sales_store_completed_idx").on(t.storeId, t.completedAt),
    index("sales_customer_completed_idx").on(t.customerId, t.completedAt),
  ],
);
export type Sale = typeof sales.$inferSelect;
export type NewSale = typeof sales.$inferInsert;

export const saleLines = pgTable(
  "sale_lines",
  {
    id: uuid().primaryKey().defaultRandom(),
    saleId: uuid()
      .notNull()
      .references(() => sales.id, { onDelete: "cascade" }),
    lineNo: smallint().notNull(),
    productId: uuid().references(() => products.id),
    sku: text().notNull(),
    quantity: integer().notNull(),
    unitPriceMinor: bigint({ mode: "number" }).notNull(),
    discountMinor: bigint({ mode: "number" }).notNull().default(0),
    totalMinor: bigint({ mode: "number" }).notNull(),
    currency: char({ length: 3 }).notNull(),
    serialNumbers: text().array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    uniqueIndex("sale_lines_sale_line_key").on(t.saleId, t.lineNo),
    index("sale_lines_product_idx").on(t.productId),
    check("sale_lines_quantity_check", sql`${t.quantity} <> 0`),
  ],
);
export type SaleLine = typeof saleLines.$inferSelect;
export type NewSaleLine = typeof saleLines.$inferInsert;

export const returns = pgTable(
  "returns",
  {
    id: uuid().primaryKey().defaultRandom(),
    saleId: uuid().references(() => sales.id),
    saleLineId: uuid().references(() => saleLines.id),
    storeId: uuid()
      .notNull()
      .references(() => stores.id),
    customerId: uuid().references(() => customers.id, { onDelete: "set null" }),
    productId: uuid().references(() => products.id),
    quantity: integer().notNull(),
    serialNumber: text(),
    refundMinor: bigint({ mode: "number" }).notNull(),
    currency: char({ length: 3 }).notNull(),
    reason: text(),
    provider: text().notNull(),
    externalId: text().notNull(),
    origin: originEnum().notNull(),
    returnedAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("returns_external_key").on(t.provider, t.externalId),
    index("returns_sale_idx").on(t.saleId),
    index("returns_store_returned_idx").on(t.storeId, t.returnedAt),
    index("returns_serial_idx").on(t.serialNumber),
    // a client's lifetime value subtracts their refunds
    index("returns_customer_idx").on(t.customerId),
  ],
);
export type Return = typeof returns.$inferSelect;
export type NewReturn = typeof returns.$inferInsert;
