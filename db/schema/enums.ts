import { pgEnum } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["admin", "manager", "buyer", "associate"]);
export type Role = (typeof roleEnum.enumValues)[number];

export const productCategoryEnum = pgEnum("product_category", [
  "mechanical_watch",
  "quartz_watch",
  "smart_watch",
  "fine_jewellery",
  "pearls",
  "gold_jewellery",
  "electronics",
]);
export type ProductCategory = (typeof productCategoryEnum.enumValues)[number];

export const itemStatusEnum = pgEnum("item_status", ["in_stock", "sold", "in_service", "returned", "consigned"]);
export type ItemStatus = (typeof itemStatusEnum.enumValues)[number];

export const custodyKindEnum = pgEnum("custody_kind", [
  "received",
  "sold",
  "registered",
  "in_service",
  "service_completed",
  "returned",
  "resold",
  "consigned",
  "transferred",
]);
export type CustodyKind = (typeof custodyKindEnum.enumValues)[number];

export const serviceKindEnum = pgEnum("service_kind", [
  "regulation",
  "full_service",
  "battery",
  "water_resistance",
  "cleaning",
  "resizing",
  "rhodium_plating",
  "restringing",
  "warranty_registration",
  "sensor_cleaning",
  "repair",
  /** a client's complaint, handled as a ticket; while open, drafts about the client carry a flag */
  "complaint",
]);
export type ServiceKind = (typeof serviceKindEnum.enumValues)[number];

export const ticketStatusEnum = pgEnum("ticket_status", [
  "open",
  "in_progress",
  "waiting_parts",
  "ready",
  "closed",
  "cancelled",
]);
export type TicketStatus = (typeof ticketStatusEnum.enumValues)[number];

export const draftKindEnum = pgEnum("draft_kind", [
  "client_message",
  "service_ticket",
  "purchase_recommendation",
  "clienteling_note",
  "return_assessment",
  "consignment_offer",
]);
export type DraftKind = (typeof draftKindEnum.enumValues)[number];

export const draftStatusEnum = pgEnum("draft_status", [
  "pending",
  "approved",
  "rejected",
  "expired",
  "superseded",
  "cancelled",
  "executed",
  "held",
  "execution_failed",
  "generation_failed",
]);
export type DraftStatus = (typeof draftStatusEnum.enumValues)[number];

export const actorTypeEnum = pgEnum("actor_type", ["user", "system", "ai", "rule"]);
export type ActorType = (typeof actorTypeEnum.enumValues)[number];

export const posProviderEnum = pgEnum("pos_provider", ["shopify", "square", "lightspeed_x", "lightspeed_r", "clover"]);
export type PosProvider = (typeof posProviderEnum.enumValues)[number];

export const posEventStatusEnum = pgEnum("pos_event_status", ["received", "processing", "processed", "failed", "dead"]);
export type PosEventStatus = (typeof posEventStatusEnum.enumValues)[number];

/** Where a row came from; drafting reacts to live origins only. */
export const originEnum = pgEnum("origin", ["webhook", "backfill", "seed", "reconciliation", "manual"]);
export type Origin = (typeof originEnum.enumValues)[number];
