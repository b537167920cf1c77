import { isSafeNumber, parse } from "lossless-json";
import { z } from "zod";
import { LIGHTSPEED_X_ALGORITHM, sha256Hex, signLightspeedX, timingSafeEqualHex } from "@/lib/pos/signing";
import {
  MalformedDelivery,
  type Delivery,
  type InboxEvent,
  type VerifyOutcome,
  type WebhookConnection,
  type WebhookConnector,
} from "@/lib/pos/types";

const TOPIC = /^[a-z_]+\.[a-z_]+$/;

/**
 * Lightspeed Retail X-Series (Vend). The delivery is a form post: `payload` (a JSON string),
 * and maybe `environment` and `domain_prefix` (x-series-api.lightspeedhq.com/docs/webhooks).
 *
 * UNCONFIRMED: the `X-Signature` header (`signature=<hex>, algorithm=HMAC-SHA256`, keyed with the app's
 * client secret) is widely reported but not documented, and nobody says which bytes are signed: the raw
 * form body or the decoded `payload` value. `config.signedBytes` picks one ("raw_body" by default) until
 * a real sandbox capture settles it.
 *
 * UNCONFIRMED: the body does not say which webhook type it is (a subscription is one URL per type). The
 * topic is, in order: a `type` form field if one is sent; `config.defaultTopic` when the connection's
 * URL is subscribed to one type only; else guessed from the payload's shape (see `topicFromShape`).
 * A delivery none of these place is kept as malformed rather than filed under a guessed type.
 *
 * `domain_prefix` "may be present but [is] not guaranteed": the account falls back to
 * `config.domainPrefix`.
 */
const configSchema = z.object({
  signedBytes: z.enum(["raw_body", "payload"]).default("raw_body"),
  defaultTopic: z.string().regex(TOPIC).optional().catch(undefined),
  /** the account when a delivery leaves out its (optional) `domain_prefix` field */
  domainPrefix: z.string().min(1).optional().catch(undefined),
});
type XSeriesConfig = z.infer<typeof configSchema>;

function readConfig(connection: WebhookConnection): XSeriesConfig | null {
  const parsed = configSchema.safeParse(connection.config);
  return parsed.success ? parsed.data : null;
}

function form(delivery: Delivery): URLSearchParams {
  return new URLSearchParams(delivery.rawBody.toString("utf8"));
}

/** `signature=<hex>, algorithm=HMAC-SHA256` → the hex, or null when the header says something else. */
function signatureHex(headerValue: string): string | null {
  const fields = new Map<string, string>();
  for (const part of headerValue.split(",")) {
    const separator = part.indexOf("=");
    if (separator > 0) fields.set(part.slice(0, separator).trim().toLowerCase(), part.slice(separator + 1).trim());
  }
  const algorithm = fields.get("algorithm");
  if (algorithm !== undefined && algorithm.toUpperCase() !== LIGHTSPEED_X_ALGORITHM) return null;
  return fields.get("signature") ?? null;
}

function verify(delivery: Delivery, connection: WebhookConnection): VerifyOutcome {
  const config = readConfig(connection);
  // A connection whose settings cannot say what to verify is not set up: refuse rather than guess.
  if (!connection.secret || !config) return { ok: false, reason: "missing_secret" };
  const headerValue = delivery.headers["x-signature"]?.trim();
  if (!headerValue) return { ok: false, reason: "missing_signature" };
  const received = signatureHex(headerValue);
  if (!received) return { ok: false, reason: "bad_signature" };

  const signed = config.signedBytes === "raw_body" ? delivery.rawBody : form(delivery).get("payload");
  if (signed === null) return { ok: false, reason: "bad_signature" };
  const expected = signLightspeedX(signed, connection.secret);
  return timingSafeEqualHex(received, expected) ? { ok: true } : { ok: false, reason: "bad_signature" };
}

const payloadSchema = z.object({
  id: z.string().min(1),
  version: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).optional(),
});

type Payload = Record<string, unknown>;

const has = (payload: Payload, ...keys: string[]) => keys.every((key) => payload[key] !== undefined);

/**
 * The webhook payload is the API 0.9/1.0 object (register_sale for sales), so the shapes are told apart
 * by fields only that object has. Checked in this order because a sale also carries `outlet_id` and a
 * customer reference, and an inventory record also carries `product_id`.
 */
function topicFromShape(payload: Payload): string | null {
  if (has(payload, "register_sale_products") || has(payload, "line_items") || has(payload, "register_sale_payments")) {
    return "sale.update";
  }
  if (has(payload, "product_id", "outlet_id") && (has(payload, "count") || has(payload, "inventory_level"))) {
    return "inventory.update";
  }
  if (has(payload, "sku") || has(payload, "handle")) return "product.update";
  if (has(payload, "customer_code") || has(payload, "first_name")) return "customer.update";
  return null;
}

// Versions are 64-bit counters: one that a double cannot hold exactly is kept as its digits.
function parsePayload(text: string): unknown {
  return parse(text, null, (digits) => (isSafeNumber(digits) ? Number(digits) : digits));
}

function events(delivery: Delivery, connection: WebhookConnection): InboxEvent[] {
  const fields = form(delivery);
  const text = fields.get("payload");
  if (!text) throw new MalformedDelivery("no `payload` form field");
  let payload: unknown;
  try {
    payload = parsePayload(text);
  } catch (error) {
    throw new MalformedDelivery(`invalid JSON in payload: ${(error as Error).message}`);
  }
  const identity = payloadSchema.safeParse(payload);
  if (!identity.success) throw new MalformedDelivery(`not an X-Series object: ${z.prettifyError(identity.error)}`);
  const object = payload as Payload;

  const typeField = fields.get("type")?.trim();
  const topic = (typeField && TOPIC.test(typeField) ? typeField : null) ?? readConfig(connection)?.defaultTopic ?? topicFromShape(object);
  if (!topic) throw new MalformedDelivery("cannot tell the webhook type: no `type` field, no config.defaultTopic, unknown shape");

  // No event id is documented; id + version names one state of one object. Without a version only
  // the identical bytes of a repeat can be recognised.
  const { id, version } = identity.data;
  const eventId = version === undefined ? `body:${sha256Hex(delivery.rawBody)}` : `${id}:${version}`;
  const account = fields.get("domain_prefix")?.trim() || readConfig(connection)?.domainPrefix || null;
  return [{ eventId, topic, account, payload }];
}

export const webhook: WebhookConnector = { provider: "lightspeed_x", verify, events };
