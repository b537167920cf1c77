/**
 * What happens in a shop, said once for every platform. The simulator makes these (lib/pos/simulate/
 * generate.ts); each platform turns them into its own API objects (kept by the fake POS) and into the
 * webhook deliveries it would send (lib/pos/<p>/simulate.ts).
 *
 * Amounts are integer minor units; ids are the platform-neutral ids the platform module maps to its own
 * id style (Shopify numeric strings, Square/Clover base32-ish, X-Series uuids, R-Series integers) — a
 * platform module must map the same neutral id to the same platform id every time (deterministically).
 */

export type SimCustomer = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  city: string | null;
  country: string | null;
  consentEmail: boolean;
  consentSms: boolean;
  note: string | null;
  /** bumps on every change */
  revision: number;
  updatedAt: Date;
};

export type SimLine = {
  id: string;
  sku: string;
  productId: string;
  name: string;
  brand: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  serialNumbers: string[];
};

export type SimSale = {
  id: string;
  /** the platform location / outlet / merchant id, as in the connection's storeMapping */
  locationId: string;
  currency: string;
  customer: SimCustomer | null;
  associateId: string | null;
  lines: SimLine[];
  taxMinor: number;
  completedAt: Date;
  /** bumps on every change (a note edited, a fulfilment) */
  revision: number;
  updatedAt: Date;
  status: "completed" | "open" | "voided";
};

export type SimReturn = {
  id: string;
  sale: SimSale;
  locationId: string;
  currency: string;
  lines: { lineId: string; sku: string; quantity: number; refundMinor: number; serialNumber: string | null }[];
  reason: string;
  returnedAt: Date;
};

export type SimInventory = { locationId: string; sku: string; productId: string; onHand: number; updatedAt: Date };

export type SimEvent =
  | { kind: "sale"; sale: SimSale }
  | { kind: "return"; return: SimReturn }
  | { kind: "customer"; customer: SimCustomer }
  | { kind: "inventory"; inventory: SimInventory };

/** One webhook delivery exactly as it would go on the wire. */
export type SimDelivery = { headers: Record<string, string>; body: Buffer };

/** The connection a platform simulator signs for and addresses. */
export type SimConnection = {
  id: string;
  /** webhook secret (Shopify/X-Series client secret, Square signature key, Clover auth code) */
  secret: string;
  config: Record<string, unknown>;
  /** Vitrine's URL for this connection's webhooks (Square signs it) */
  webhookUrl: string;
};

export type PlatformSimulator = {
  provider: string;
  /** Puts the platform's API objects for this event into the fake POS (what a re-fetch will find). */
  record(data: import("@/lib/pos/fake/data").FakePosData, event: SimEvent, connection: SimConnection): void;
  /** The signed deliveries the platform sends for this event ([] for R-Series, which has no webhooks). */
  deliveries(event: SimEvent, connection: SimConnection, data: import("@/lib/pos/fake/data").FakePosData): SimDelivery[];
};
