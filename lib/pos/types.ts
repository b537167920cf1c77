import type { PosProvider } from "@/db/schema/enums";
import type { CanonicalChange } from "@/lib/sync/canonical";
import type { PosHttp } from "@/lib/pos/http";

/** What a webhook receiver knows about the connection a delivery was addressed to. */
export type WebhookConnection = {
  id: string;
  provider: PosProvider;
  /** decrypted webhook secret: Shopify/X-Series client secret, Square signature key, Clover auth code */
  secret: string;
  /** connection settings, e.g. Square's `notificationUrl`, Shopify's `serialSource`, Clover merchant map */
  config: Record<string, unknown>;
};

/** A delivery exactly as received: the raw bytes are what the platforms sign. */
export type Delivery = {
  rawBody: Buffer;
  /** lower-case header names */
  headers: Record<string, string>;
};

/** One event inside a delivery (Clover batches several merchants and objects in one POST). */
export type InboxEvent = {
  /** the platform's event identity; a repeat delivery of the same event yields the same id */
  eventId: string;
  /** e.g. `orders/create`, `payment.updated`, `sale.update`, `O:UPDATE` */
  topic: string;
  /** the merchant / shop / domain the event belongs to, when the platform says */
  account: string | null;
  /** this event's part of the body, parsed */
  payload: unknown;
};

export type VerifyOutcome = { ok: true } | { ok: false; reason: "missing_signature" | "bad_signature" | "missing_secret" };

/** A signed delivery whose body cannot be understood: kept in the inbox with this error, never retried blindly. */
export class MalformedDelivery extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedDelivery";
  }
}

export type WebhookConnector = {
  provider: PosProvider;
  /** Checks the delivery's authenticity on the raw bytes, in constant time, before anything is parsed. */
  verify(delivery: Delivery, connection: WebhookConnection): VerifyOutcome;
  /** Splits a verified delivery into events with their identities; throws MalformedDelivery. */
  events(delivery: Delivery, connection: WebhookConnection): InboxEvent[];
  /**
   * An unsigned set-up handshake the platform sends before any secret exists (Clover's
   * `{"verificationCode": …}`): recorded for an admin to read, never processed.
   */
  handshake?(delivery: Delivery): InboxEvent | null;
};

/* ------------------------------------------------------------------------------------------------ */
/* Processing, backfill and write-back: what a connector does after the receiver has inboxed an event. */

/** A connection as the processor and the backfill runner see it, with its secrets opened. */
export type ApiConnection = {
  id: string;
  provider: PosProvider;
  /** `config.apiBaseUrl`: the platform's API root, e.g. `https://shop.myshopify.com/admin/api/2025-01` or a fake POS */
  baseUrl: string | null;
  /**
   * The opened API credentials. Admins paste either a bare access token (→ `{ accessToken }`) or a JSON
   * object (e.g. `{ "accessToken": "…", "refreshToken": "…" }`).
   */
  credentials: Record<string, string>;
  config: Record<string, unknown>;
  /** POS location / outlet / merchant id → Vitrine store id */
  storeMapping: Record<string, string>;
};

/** An inbox row as a connector needs it. */
export type StoredEvent = {
  eventId: string;
  topic: string;
  account: string | null;
  payload: unknown;
  receivedAt: Date;
};

/** A connector's own resumable position in a backfill (JSON; saved after every page). */
export type BackfillCursor = Record<string, unknown>;

export type BackfillPage = {
  changes: CanonicalChange[];
  /** null when this resource is done */
  next: BackfillCursor | null;
  /** the platform's own count of what remains, where it says (for the progress bar) */
  total?: number | null;
};

export type ServiceOrderInput = {
  locationId: string;
  customerExternalId: string | null;
  serialNumber: string | null;
  itemName: string;
  description: string;
  dueOn: string | null;
};

/** Stock moved from one location of a POS to another, as one transfer document there. */
export type StockTransferInput = {
  /** Vitrine's number for the transfer request (PO-2026-000123): written on the POS document, so staff can match the two */
  reference: string;
  /** the same for every attempt at one transfer request, so a platform with idempotency keys creates it once */
  idempotencyKey: string;
  fromLocationId: string;
  toLocationId: string;
  /** the platform's id of what is counted (Square variation, Shopify variant, X-Series product, R-Series item) */
  lines: { externalId: string; quantity: number }[];
  /** when the request was raised (stable across retries: Square refuses an idempotent retry whose body changed) */
  occurredAt: Date;
};

export type StockTransferArgs = {
  connection: ApiConnection;
  http: PosHttp;
  transfer: StockTransferInput;
  /**
   * Platforms without idempotency keys take several calls (create, add lines, send). `started` is the
   * POS id of the document an earlier attempt created, so a retry resumes it instead of creating a
   * second one; `onStarted` records that id as soon as the platform returns it.
   */
  started: string | null;
  onStarted(externalId: string): Promise<void>;
};

export type SyncConnector = {
  provider: PosProvider;
  /** Auth headers for every API call, from the opened credentials. */
  authHeaders(connection: ApiConnection): Record<string, string>;
  /** Optional JSON parser for API bodies (Shopify: lossless, 64-bit ids kept as strings). */
  parseJson?: (text: string) => unknown;
  /**
   * One inbox event → canonical changes. Shopify sends the full resource; Square, Clover and X-Series
   * only notify, so their connectors re-fetch the object through `http` and map what the API returns.
   * Throws PosApiError (retryable or not) or MalformedDelivery (never retried).
   */
  changes(event: StoredEvent, connection: ApiConnection, http: PosHttp): Promise<CanonicalChange[]>;
  /** The resources a backfill walks, in order (customers before the sales that name them). */
  backfillResources: readonly string[];
  /**
   * One page of `resource`, from `cursor` (null: from the start, or from `since` when reconciling).
   * The connector owns the cursor's shape; the runner saves it after every page, so a restart resumes.
   */
  backfillPage(args: { resource: string; cursor: BackfillCursor | null; since: Date | null; connection: ApiConnection; http: PosHttp }): Promise<BackfillPage>;
  /** Where the platform allows it: a note on the client's POS record. Returns the platform's id for it. */
  writeCustomerNote?(args: { connection: ApiConnection; http: PosHttp; customerExternalId: string; note: string }): Promise<{ externalId: string }>;
  /** Where the platform has work / service orders (X-Series services, R-Series Workorder). */
  writeServiceOrder?(args: { connection: ApiConnection; http: PosHttp; order: ServiceOrderInput }): Promise<{ externalId: string }>;
  /**
   * Where the platform moves stock between two of its locations (Square TRANSFER changes, Shopify
   * inventory transfers, X-Series outlet consignments, R-Series inventory transfers). Clover has one
   * merchant per location and no transfer, so it has none. Returns the platform's id for the transfer.
   */
  writeStockTransfer?(args: StockTransferArgs): Promise<{ externalId: string }>;
};
