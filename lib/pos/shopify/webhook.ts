import { z } from "zod";
import { sha256Hex, signShopify, timingSafeEqualBase64 } from "@/lib/pos/signing";
import { MalformedDelivery, type Delivery, type InboxEvent, type WebhookConnector } from "@/lib/pos/types";
import { parseShopifyJson } from "./json";

/**
 * The classic delivery sends `X-Shopify-*`; the newer Events delivery also sends bare `shopify-*` names
 * (Shopify/shopify-app-js `lib/webhooks/header-names.ts`). Headers arrive lower-cased.
 */
function header(delivery: Delivery, name: string): string | null {
  const value = (delivery.headers[`x-shopify-${name}`] ?? delivery.headers[`shopify-${name}`])?.trim();
  return value ? value : null;
}

// Every webhook body is one REST resource (or a privacy request), always a JSON object.
const resourceSchema = z.record(z.string(), z.unknown());

export const webhook: WebhookConnector = {
  provider: "shopify",

  verify(delivery, connection) {
    if (!connection.secret) return { ok: false, reason: "missing_secret" };
    const signature = header(delivery, "hmac-sha256");
    if (!signature) return { ok: false, reason: "missing_signature" };
    const expected = signShopify(delivery.rawBody, connection.secret);
    return timingSafeEqualBase64(signature, expected) ? { ok: true } : { ok: false, reason: "bad_signature" };
  },

  events(delivery): InboxEvent[] {
    const topic = header(delivery, "topic");
    if (!topic) throw new MalformedDelivery("no X-Shopify-Topic header");
    if (delivery.rawBody.length === 0) throw new MalformedDelivery("empty body");

    let payload: unknown;
    try {
      payload = parseShopifyJson(delivery.rawBody.toString("utf8"));
    } catch (error) {
      throw new MalformedDelivery(`invalid JSON: ${(error as Error).message}`);
    }
    if (!resourceSchema.safeParse(payload).success) throw new MalformedDelivery("the body is not a JSON object");

    // Without the event id header a repeat can only be recognised by its identical bytes; the prefix says so.
    const eventId = header(delivery, "event-id") ?? `body:${sha256Hex(delivery.rawBody)}`;
    return [{ eventId, topic, account: header(delivery, "shop-domain"), payload }];
  },
};
