import type { PosProvider } from "@/db/schema/enums";

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
