import type { ProductCategory, ServiceKind } from "@/db/schema/enums";

/** Where a piece of free text came from; everything listed here is fenced as untrusted. */
export type FreeTextSource = "staff_note" | "pos_order_note" | "line_property" | "product_care_notes";

export type SaleLineContext = {
  brand: string;
  name: string;
  category: ProductCategory;
  serial: string | null;
  warrantyMonths: number;
  /** Months between scheduled services; null when the piece needs none. */
  serviceIntervalMonths: number | null;
  serviceKind: ServiceKind | null;
  careNotes: string | null;
  /** ISO date of the piece's last completed service, when it had one; services count from it. */
  lastServiceOn?: string | null;
  /** POS line properties (engraving, sizing), free text. */
  properties: { name: string; value: string }[];
};

export type EarlierPurchaseContext = {
  /** ISO date, store-local. */
  date: string;
  brand: string;
  name: string;
  category: ProductCategory;
};

export type ClientelingSignals = {
  isHighValue: boolean;
  /** Why the client counts as high-value, in words ("basket in the store's top 5 %"). */
  reasons: string[];
  purchasesLast12Months: number;
  /** Complementary items in stock at this store; the only items a suggestion may name. */
  inStockSuggestions: { brand: string; name: string; category: ProductCategory }[];
};

/**
 * Everything a drafter knows about one sale. `client` holds placeholders only: the real identity stays
 * in Vitrine (see pii.ts). No price or amount is part of the context, so a draft cannot state one.
 */
export type DraftContext = {
  client: {
    firstName: string;
    lastName: string;
    /** Channels the client can be reached on and consented to. */
    channels: { email: boolean; sms: boolean };
    preferredChannel: "email" | "sms" | null;
    preferredAssociate: string | null;
  };
  store: { name: string; city: string; timezone: string; currency: string };
  sale: {
    /** ISO date, store-local. */
    date: string;
    associate: string | null;
    lines: SaleLineContext[];
  };
  earlierPurchases: EarlierPurchaseContext[];
  notes: { source: FreeTextSource; text: string }[];
  clienteling: ClientelingSignals | null;
  /** Index into sale.lines the service ticket is for. */
  subjectLine: number;
  /** ISO date the draft is prepared on; services already overdue fall due on it. */
  asOf: string;
};

/** The client as Vitrine knows them; never sent to a model. */
export type ClientIdentity = {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  address: { line1: string; line2?: string | null; postalCode: string; city: string; country?: string | null } | null;
};

/** What the worker hands the AI layer: the context with the real client identity beside it. */
export type DraftInput = Omit<DraftContext, "client"> & {
  client: Omit<DraftContext["client"], "firstName" | "lastName"> & { identity: ClientIdentity };
};
