import { sql } from "drizzle-orm";
import {
  bigint,
  char,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { serviceKindEnum, ticketStatusEnum } from "./enums";
import { customers } from "./customers";
import { products, serializedItems } from "./catalog";
import { stores } from "./stores";
import { users } from "./users";

export const inventoryLevels = pgTable(
  "inventory_levels",
  {
    storeId: uuid()
      .notNull()
      .references(() => stores.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    onHand: integer().notNull().default(0),
    onOrder: integer().notNull().default(0),
    reserved: integer().notNull().default(0),
    leadTimeDays: integer().notNull().default(28),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.productId] }),
    index("inventory_levels_product_idx").on(t.productId),
    check("inventory_levels_nonneg_check", sql`${t.onOrder} >= 0 and ${t.reserved} >= 0 and ${t.leadTimeDays} >= 0`),
  ],
);
export type InventoryLevel = typeof inventoryLevels.$inferSelect;
export type NewInventoryLevel = typeof inventoryLevels.$inferInsert;

export const serviceTickets = pgTable(
  "service_tickets",
  {
    id: uuid().primaryKey().defaultRandom(),
    storeId: uuid()
      .notNull()
      .references(() => stores.id),
    customerId: uuid().references(() => customers.id, { onDelete: "set null" }),
    itemId: uuid().references(() => serializedItems.id),
    productId: uuid().references(() => products.id),
    kind: serviceKindEnum().notNull(),
    status: ticketStatusEnum().notNull().default("open"),
    description: text(),
    dueOn: date({ mode: "string" }),
    estimateMinor: bigint({ mode: "number" }),
    currency: char({ length: 3 }).notNull(),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
    openedById: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Set when the ticket came from an approved AI draft. */
    sourceDraftId: uuid(),
    provider: text(),
    externalId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("service_tickets_store_status_idx").on(t.storeId, t.status, t.dueOn),
    index("service_tickets_customer_idx").on(t.customerId),
    index("service_tickets_item_idx").on(t.itemId),
    uniqueIndex("service_tickets_external_key").on(t.provider, t.externalId),
  ],
);
export type ServiceTicket = typeof serviceTickets.$inferSelect;
export type NewServiceTicket = typeof serviceTickets.$inferInsert;
