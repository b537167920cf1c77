import crypto from "node:crypto";

/**
 * The demo's POS: the fake POS API that `npm start` runs beside Vitrine (and `npm run pos:simulate`
 * feeds), on loopback. The demo connections point their API base URLs at it and carry its token, so
 * Square, Clover and X-Series notifications can be re-fetched and backfills run, out of the box.
 */
export const DEMO_FAKE_POS_PORT = Number(process.env.VITRINE_FAKE_POS_PORT ?? 54455);

export function demoFakePosUrl(): string {
  return (process.env.VITRINE_FAKE_POS_URL ?? `http://127.0.0.1:${DEMO_FAKE_POS_PORT}`).replace(/\/+$/, "");
}

/** Derived from the instance's credentials key: stable for the instance, unguessable without it. */
export function demoApiToken(credentialsKey: string): string {
  return crypto.createHmac("sha256", Buffer.from(credentialsKey, "base64")).update("demo-pos-api-token").digest("base64url");
}

/** A demo webhook secret per connection, from the same key. */
export function demoWebhookSecret(credentialsKey: string, connectionId: string): string {
  return crypto.createHmac("sha256", Buffer.from(credentialsKey, "base64")).update(`demo-webhook-secret:${connectionId}`).digest("base64url");
}
