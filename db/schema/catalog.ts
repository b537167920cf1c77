import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { custodyKindEnum, itemStatusEnum, productCategoryEnum, serviceKindEnum } from "./enums";
import { customers } from "./customers";
import { stores } from "./stores";

export const products = pgTable(
  "products",
  {
    id: uuid().primaryKey().defaultRandom(),
    sku: text().notNull().unique(),
    brand: text().notNull(),
    name: text().notNull(),
    category: productCategoryEnum().notNull(),
    collection: text(),
    description: text(),
    priceMinor: bigint({ mode: "number" }).notNull(),
    costMinor: bigint({ mode: "number" }).notNull(),
    currency: char({ length: 3 }).notNull(),
    isSerialized: boolean().notNull().default(false),
    warrantyMonths: integer().notNull().default(0),
    /** Months between scheduled services; null when the piece needs none. */
    serviceIntervalMonths: integer(),
    serviceKind: serviceKindEnum(),
    careNotes: text(),
    supplier: text(),
    /** units per supplier pack: orders are whole packs */
    packSize: integer().notNull().default(1),
    /** the supplier's minimum order in units (0: none) */
    minOrderQty: integer().notNull().default(0),
    isActive: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("products_category_idx").on(t.category),
    index("products_brand_idx").on(t.brand),
    check("products_money_check", sql`${t.priceMinor} >= 0 and ${t.costMinor} >= 0`),
  ],
);
export type Product = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;

export const serializedItems = pgTable(
  "serialized_items",
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    serialNumber: text().notNull(),
    status: itemStatusEnum().notNull(),
    currentOwnerId: uuid().references(() => customers.id, { onDelete: "set null" }),
    currentStoreId: uuid().references(() => stores.id),
    soldAt: timestamp({ withTimezone: true }),
    warrantyEndsOn: date({ mode: "string" }),
    nextServiceDueOn: date({ mode: "string" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("serialized_items_product_serial_key").on(t.productId, t.serialNumber),
    index("serialized_items_serial_idx").on(t.serialNumber),
    index("serialized_items_owner_idx").on(t.currentOwnerId),
    index("serialized_items_store_status_idx").on(t.currentStoreId, t.status),
  ],
);
export type SerializedItem = typeof serializedItems.$inferSelect;
export type NewSerializedItem = typeof serializedItems.$inferInsert;

/** The chain of custody: every step links to what caused it (a sale, a return, a ticket). */
export const custodyEvents = pgTable(
  "custody_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    itemId: uuid()
      .notNull()
      .references(() => serializedItems.id, { onDelete: "cascade" }),
    kind: custodyKindEnum().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    storeId: uuid().references(() => stores.id),
    customerId: uuid().references(() => customers.id, { onDelete: "set null" }),
    saleId: uuid(),
    returnId: uuid(),
    serviceTicketId: uuid(),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("custody_events_item_idx").on(t.itemId, t.occurredAt),
    index("custody_events_sale_idx").on(t.saleId),
    // a sale or a return adds a step to an item's chain once, however often it is processed
    unique("custody_events_cause_key").on(t.itemId, t.kind, t.saleId, t.returnId, t.serviceTicketId).nullsNotDistinct(),
  ],
);
export type CustodyEvent = typeof custodyEvents.$inferSelect;
export type NewCustodyEvent = typeof custodyEvents.$inferInsert;
