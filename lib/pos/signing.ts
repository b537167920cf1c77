import crypto from "node:crypto";

/**
 * Signature primitives shared by the webhook connectors, and the `sign…` functions that tests and the
 * delivery simulator use to produce exactly what each platform sends.
 */

type Bytes = Buffer | string;

export function hmacSha256(key: Bytes, ...parts: Bytes[]): Buffer {
  const mac = crypto.createHmac("sha256", key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

export function sha256Hex(data: Bytes): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

/** Constant-time once the lengths match; a length mismatch only says what is public anyway (digest sizes). */
export function timingSafeEqualBytes(received: Buffer, expected: Buffer): boolean {
  return received.length === expected.length && crypto.timingSafeEqual(received, expected);
}

export function timingSafeEqualStrings(received: string, expected: string): boolean {
  return timingSafeEqualBytes(Buffer.from(received, "utf8"), Buffer.from(expected, "utf8"));
}

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/**
 * Compares the decoded bytes of two canonical base64 strings. Node's decoder skips characters it does
 * not know and tolerates missing padding, so a received value is first required to be exactly what
 * encoding its own bytes gives back (a check on public input only).
 */
export function timingSafeEqualBase64(received: string, expected: string): boolean {
  const receivedBytes = Buffer.from(received, "base64");
  if (receivedBytes.toString("base64") !== received) return false;
  return timingSafeEqualBytes(receivedBytes, Buffer.from(expected, "base64"));
}

/** Hex is compared as bytes, so upper- and lower-case digests are equal. */
export function timingSafeEqualHex(received: string, expected: string): boolean {
  if (!HEX.test(received) || !HEX.test(expected)) return false;
  return timingSafeEqualBytes(Buffer.from(received, "hex"), Buffer.from(expected, "hex"));
}

/** `X-Shopify-Hmac-Sha256`: base64 HMAC-SHA256 of the raw body, keyed with the app's client secret. */
export function signShopify(rawBody: Bytes, secret: string): string {
  return hmacSha256(secret, rawBody).toString("base64");
}

/**
 * `x-square-hmacsha256-signature`: base64 HMAC-SHA256 of the subscription's notification URL followed by
 * the raw body, keyed with the subscription's signature key.
 */
export function signSquare(notificationUrl: string, rawBody: Bytes, signatureKey: string): string {
  return hmacSha256(signatureKey, notificationUrl, rawBody).toString("base64");
}

export const LIGHTSPEED_X_ALGORITHM = "HMAC-SHA256";

/**
 * The hex digest of X-Series' `X-Signature` (format unconfirmed, see lib/pos/lightspeed-x/webhook.ts).
 * `signedBytes` is the raw form body or the decoded `payload` field, per the connection's
 * `config.signedBytes`.
 */
export function signLightspeedX(signedBytes: Bytes, clientSecret: string): string {
  return hmacSha256(clientSecret, signedBytes).toString("hex");
}

/** The whole `X-Signature` value as reported: `signature=<hex>, algorithm=HMAC-SHA256`. */
export function lightspeedXSignatureHeader(signedBytes: Bytes, clientSecret: string): string {
  return `signature=${signLightspeedX(signedBytes, clientSecret)}, algorithm=${LIGHTSPEED_X_ALGORITHM}`;
}
