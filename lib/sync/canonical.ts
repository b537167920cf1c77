/**
 * What every connector turns a platform's objects into. The processor (lib/sync/apply.ts) writes these
 * into the canonical tables; connectors never touch the database.
 *
 * Conventions, whatever the platform:
 * - ids stay strings, exactly as the platform spells them (Shopify's pass 2^53);
 * - money is integer minor units of `currency` (see lib/pos/money.ts: decimal strings, integer minor
 *   units and cents all convert exactly, never through a float);
 * - quantities are whole units (Square's "2" string, Clover's thousandths become 2);
 * - `updatedAt` / `version` are the platform's own revision of the object: an older revision arriving
 *   after a newer one never overwrites it. Where both sides carry `version` it decides; else `updatedAt`.
 * - `locationId` is the platform's location / outlet / shop / merchant id, mapped to a Vitrine store by the
 *   connection's `storeMapping`.
 */

export type Revision = {
  /** the platform's updated-at of this state of the object */
  updatedAt: Date | null;
  /** the platform's version counter as digits (X-Series global version, Square object version) */
  version: string | null;
};

export type CanonicalCustomer = Revision & {
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  addressLine: string | null;
  city: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2 */
  country: string | null;
  /** undefined = the platform did not say (keep what Vitrine has) */
  consentEmail?: boolean;
  consentSms?: boolean;
  loyaltyId?: string | null;
  /** a free-text note the POS keeps on the client (untrusted text) */
  note?: string | null;
  /** the platform deleted (or archived) the client */
  deleted?: boolean;
};

export type CanonicalSaleLine = {
  /** the platform's line id (Shopify line item id, Square uid, X-Series line id, R-Series saleLineID) */
  externalId: string | null;
  sku: string;
  productExternalId: string | null;
  name: string | null;
  brand: string | null;
  /** positive for a sale line; a line with a negative quantity inside a sale is a return (see CanonicalReturn) */
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  totalMinor: number;
  serialNumbers: string[];
};

export type CanonicalSale = Revision & {
  externalId: string;
  locationId: string | null;
  /** completed = paid and closed; open = parked / layby / draft; voided = cancelled */
  status: "completed" | "open" | "voided";
  completedAt: Date | null;
  currency: string;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  /** the client as the sale carries it (Shopify embeds it), or only an id to link to */
  customer: CanonicalCustomer | null;
  customerExternalId: string | null;
  /** the staff member's POS id (Shopify user_id, X-Series user_id, R-Series employeeID…) */
  associateExternalId: string | null;
  lines: CanonicalSaleLine[];
};

export type CanonicalReturnLine = {
  /** the original sale line, when the platform links it */
  saleLineExternalId: string | null;
  sku: string;
  /** positive: units coming back */
  quantity: number;
  /** positive: money going back */
  refundMinor: number;
  serialNumber: string | null;
};

export type CanonicalReturn = {
  /** the refund / return sale / refund object id */
  externalId: string;
  /** the original sale (X-Series `return_for`, Shopify refund's order, Square `source_order_id`) */
  saleExternalId: string | null;
  locationId: string | null;
  returnedAt: Date;
  currency: string;
  reason: string | null;
  customerExternalId: string | null;
  lines: CanonicalReturnLine[];
};

export type CanonicalInventory = {
  locationId: string | null;
  sku: string | null;
  productExternalId: string | null;
  onHand: number;
  updatedAt: Date | null;
};

export type CanonicalProduct = Revision & {
  externalId: string;
  sku: string;
  name: string;
  brand: string | null;
  priceMinor: number | null;
  currency: string | null;
  isSerialized: boolean | null;
};

export type CanonicalChange =
  | { kind: "customer"; customer: CanonicalCustomer }
  | { kind: "sale"; sale: CanonicalSale }
  | { kind: "return"; return: CanonicalReturn }
  | { kind: "inventory"; inventory: CanonicalInventory }
  | { kind: "product"; product: CanonicalProduct }
  /** understood and deliberately not applied (a topic Vitrine does not use, an app uninstall…) */
  | { kind: "ignored"; reason: string };

/** A client the platform deleted: only the id is known; Vitrine keeps what it has and records the deletion. */
export function deletedCustomer(externalId: string, updatedAt: Date | null = null): CanonicalCustomer {
  return {
    externalId,
    updatedAt,
    version: null,
    firstName: null,
    lastName: null,
    email: null,
    phone: null,
    addressLine: null,
    city: null,
    postalCode: null,
    country: null,
    deleted: true,
  };
}
