import { z } from "zod";
import { timingSafeEqualStrings } from "@/lib/pos/signing";
import { MalformedDelivery, type Delivery, type InboxEvent, type WebhookConnector } from "@/lib/pos/types";

/**
 * Clover signs nothing: every message carries the app's static "Clover Auth Code" in `X-Clover-Auth`
 * (docs.clover.com/docs/webhooks). The body is a notification of ids only; processors re-fetch the
 * objects over the authenticated REST API.
 */
const AUTH_HEADER = "x-clover-auth";

// `O:GHIVJT2ABCRSC`: the prefix names the kind of object (O orders, P payments, C customers, I items…).
const OBJECT_ID = /^([A-Z]+):(\S+)$/;

const notificationSchema = z.object({
  objectId: z.string().regex(OBJECT_ID, "objectId must look like `O:GHIVJT2ABCRSC`"),
  type: z.enum(["CREATE", "UPDATE", "DELETE"]),
  ts: z.number().int().nonnegative(),
});

const messageSchema = z.object({
  appId: z.string().min(1).optional(),
  merchants: z.record(z.string().min(1), z.array(notificationSchema)),
});

// Sent once, before the auth code exists, for a developer to paste into the dashboard.
const verificationSchema = z.strictObject({ verificationCode: z.string().regex(/^[A-Za-z0-9-]{1,128}$/) });

function parseJson(delivery: Delivery): unknown {
  try {
    return JSON.parse(delivery.rawBody.toString("utf8"));
  } catch (error) {
    throw new MalformedDelivery(`invalid JSON: ${(error as Error).message}`);
  }
}

function verificationEvent(verificationCode: string): InboxEvent {
  return { eventId: `verification:${verificationCode}`, topic: "verification", account: null, payload: { verificationCode } };
}

export const webhook: WebhookConnector = {
  provider: "clover",

  verify(delivery, connection) {
    if (!connection.secret) return { ok: false, reason: "missing_secret" };
    const authCode = delivery.headers[AUTH_HEADER]?.trim();
    if (!authCode) return { ok: false, reason: "missing_signature" };
    return timingSafeEqualStrings(authCode, connection.secret) ? { ok: true } : { ok: false, reason: "bad_signature" };
  },

  events(delivery): InboxEvent[] {
    const body = parseJson(delivery);
    const verification = verificationSchema.safeParse(body);
    if (verification.success) return [verificationEvent(verification.data.verificationCode)];

    const message = messageSchema.safeParse(body);
    if (!message.success) throw new MalformedDelivery(`not a Clover notification: ${z.prettifyError(message.error)}`);
    const appId = message.data.appId ?? null;
    return Object.entries(message.data.merchants).flatMap(([merchantId, notifications]) =>
      notifications.map(({ objectId, type, ts }) => {
        const prefix = objectId.slice(0, objectId.indexOf(":"));
        return {
          // No event id exists; this tuple names one change of one object.
          eventId: `${merchantId}:${objectId}:${type}:${ts}`,
          topic: `${prefix}:${type}`,
          account: merchantId,
          payload: { appId, merchantId, objectId, type, ts },
        };
      }),
    );
  },

  /** Unsigned by nature: only a body that is exactly `{"verificationCode": "<code>"}` qualifies. */
  handshake(delivery) {
    let body: unknown;
    try {
      body = JSON.parse(delivery.rawBody.toString("utf8"));
    } catch {
      return null;
    }
    const verification = verificationSchema.safeParse(body);
    return verification.success ? verificationEvent(verification.data.verificationCode) : null;
  },
};
