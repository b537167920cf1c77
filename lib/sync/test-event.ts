import "server-only";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { posConnections, type PosConnection, type PosProvider } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { GuardContext } from "@/lib/auth/guard";
import { open } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { webhookConnectors } from "@/lib/pos/connectors";
import { lightspeedXSignatureHeader, signShopify, signSquare } from "@/lib/pos/signing";
import type { Delivery } from "@/lib/pos/types";
import { forgetWebhookConnections, receiveWebhook, webhookSecretAad } from "./receive";

/**
 * "Send a test event": a harmless delivery, signed exactly as the connection's platform would sign it
 * with the stored secret, passed through the real receiver in-process. It proves the secret and the
 * settings verify; the topic is one no processor uses, so the event is marked ignored.
 */

export const sendTestEventSchema = z.object({ connectionId: z.string().uuid() });

export type TestEventOutcome = {
  status: 200 | 401 | 404;
  /** a sentence for the admin */
  message: string;
  stored: boolean;
};

/** R-Series has no webhooks: it is polled, so there is nothing to test. */
export function canReceiveTestEvent(provider: PosProvider): boolean {
  return provider !== "lightspeed_r";
}

export const TEST_TOPIC = { shopify: "vitrine/test", square: "vitrine.test", lightspeed_x: "vitrine.test", clover: "T:UPDATE" } as const;

function signedDelivery(connection: PosConnection, secret: string, nonce: string): Delivery | null {
  const config = connection.config;
  switch (connection.provider) {
    case "shopify": {
      const rawBody = Buffer.from(JSON.stringify({ test: true, source: "vitrine", sent_at: new Date().toISOString() }));
      return {
        rawBody,
        headers: {
          "content-type": "application/json",
          "x-shopify-topic": TEST_TOPIC.shopify,
          "x-shopify-event-id": `vitrine-test-${nonce}`,
          "x-shopify-hmac-sha256": signShopify(rawBody, secret),
        },
      };
    }
    case "square": {
      const rawBody = Buffer.from(JSON.stringify({ event_id: `vitrine-test-${nonce}`, type: TEST_TOPIC.square, created_at: new Date().toISOString(), data: {} }));
      const url = typeof config.notificationUrl === "string" ? config.notificationUrl : "";
      return { rawBody, headers: { "content-type": "application/json", "x-square-hmacsha256-signature": signSquare(url, rawBody, secret) } };
    }
    case "lightspeed_x": {
      const payload = JSON.stringify({ id: `vitrine-test-${nonce}`, version: 1 });
      const rawBody = Buffer.from(new URLSearchParams({ payload, type: TEST_TOPIC.lightspeed_x }).toString());
      const signed = config.signedBytes === "payload" ? payload : rawBody;
      return { rawBody, headers: { "content-type": "application/x-www-form-urlencoded", "x-signature": lightspeedXSignatureHeader(signed, secret) } };
    }
    case "clover": {
      const merchantId = Object.keys(connection.storeMapping)[0] ?? "VITRINETEST";
      const rawBody = Buffer.from(JSON.stringify({ appId: "vitrine-test", merchants: { [merchantId]: [{ objectId: `T:${nonce.toUpperCase()}`, type: "UPDATE", ts: Date.now() }] } }));
      return { rawBody, headers: { "content-type": "application/json", "x-clover-auth": secret } };
    }
    case "lightspeed_r":
      return null;
  }
}

function openSecret(connection: PosConnection): string {
  if (!connection.webhookSecretEncrypted) return "";
  try {
    return open(connection.webhookSecretEncrypted, webhookSecretAad(connection.id));
  } catch {
    return ""; // sealed under another key: the receiver cannot read it either
  }
}

function describeOutcome(status: 200 | 401 | 404, body: { received?: number; duplicates?: number; kept?: string }, connection: PosConnection): TestEventOutcome {
  if (status === 404) return { status, stored: false, message: "Not delivered: the connection is inactive, so it refuses deliveries. Activate it, then try again." };
  if (status === 401) {
    const needs = connection.provider === "square" ? "the signature key and notification URL" : "the webhook secret";
    return {
      status,
      stored: false,
      message: connection.webhookSecretEncrypted
        ? `Signature rejected (401): ${needs} stored here could not verify the delivery. Enter it again exactly as the platform shows it.`
        : `Signature rejected (401): this connection has no webhook secret. Enter ${needs}, then try again.`,
    };
  }
  if (body.kept === "malformed") return { status, stored: true, message: "Verified (200), but the receiver could not read the test body: it is kept as a dead letter on the Sync page." };
  return { status, stored: true, message: "Verified and stored (200): the test event is in the inbox and will be marked ignored." };
}

export async function sendTestEvent(ctx: GuardContext, input: z.output<typeof sendTestEventSchema>): Promise<TestEventOutcome> {
  const [connection] = await ctx.db.select().from(posConnections).where(eq(posConnections.id, input.connectionId));
  if (!connection) throw new AppError("not_found", "That connection no longer exists.");
  const delivery = signedDelivery(connection, openSecret(connection), crypto.randomBytes(6).toString("hex"));
  if (!delivery) throw new AppError("invalid_input", "Lightspeed R-Series has no webhooks: it is polled, so there is nothing to test.");

  forgetWebhookConnections(); // the receiver must see the settings as saved now, not as cached a moment ago
  const { status, body } = await receiveWebhook(ctx.db, webhookConnectors, { provider: connection.provider, connectionId: connection.id, ...delivery }, () => undefined);
  const outcome = describeOutcome(status, body, connection);
  await appendAudit(ctx.db, {
    actorType: "user",
    actorId: ctx.viewer.id,
    actorRole: ctx.viewer.role,
    ip: ctx.request.ip,
    requestId: ctx.request.requestId,
    action: "connection.test_event_sent",
    outcome: outcome.stored ? "success" : "failure",
    targetType: "pos_connection",
    targetId: connection.id,
    details: { provider: connection.provider, status },
  });
  return outcome;
}
