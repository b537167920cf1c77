import { z } from "zod";
import { signSquare, timingSafeEqualBase64 } from "@/lib/pos/signing";
import { MalformedDelivery, type InboxEvent, type WebhookConnection, type WebhookConnector } from "@/lib/pos/types";

const SIGNATURE_HEADER = "x-square-hmacsha256-signature";

/**
 * The URL exactly as configured on the Square subscription (scheme, host, path, trailing slash, query).
 * It is part of the signed bytes, so it comes from the connection, never from the request: behind a
 * proxy the request's own URL differs, and trusting it would let a sender choose what we verify.
 */
function notificationUrl(connection: WebhookConnection): string | null {
  const url = connection.config.notificationUrl;
  return typeof url === "string" && url.length > 0 ? url : null;
}

// Envelope of every event (developer.squareup.com/reference/square/webhooks); `data` varies by type.
const envelopeSchema = z.object({
  event_id: z.string().min(1),
  type: z.string().min(1),
  merchant_id: z.string().min(1).optional(),
});

export const webhook: WebhookConnector = {
  provider: "square",

  verify(delivery, connection) {
    const url = notificationUrl(connection);
    if (!connection.secret || !url) return { ok: false, reason: "missing_secret" };
    const signature = delivery.headers[SIGNATURE_HEADER]?.trim();
    if (!signature) return { ok: false, reason: "missing_signature" };
    const expected = signSquare(url, delivery.rawBody, connection.secret);
    return timingSafeEqualBase64(signature, expected) ? { ok: true } : { ok: false, reason: "bad_signature" };
  },

  events(delivery): InboxEvent[] {
    let payload: unknown;
    try {
      payload = JSON.parse(delivery.rawBody.toString("utf8"));
    } catch (error) {
      throw new MalformedDelivery(`invalid JSON: ${(error as Error).message}`);
    }
    const envelope = envelopeSchema.safeParse(payload);
    if (!envelope.success) throw new MalformedDelivery(`not a Square event: ${z.prettifyError(envelope.error)}`);
    const { event_id: eventId, type: topic, merchant_id: merchantId } = envelope.data;
    return [{ eventId, topic, account: merchantId ?? null, payload }];
  },
};
