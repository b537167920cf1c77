import crypto from "node:crypto";

/**
 * Encrypts POS credentials and webhook secrets at rest: AES-256-GCM under the instance key
 * (VITRINE_CREDENTIALS_KEY, 32 bytes base64; generated on first start). Stored as
 * `v1.<iv>.<tag>.<ciphertext>` in base64url, so a key rotation can add a `v2`.
 */
const VERSION = "v1";

function key(): Buffer {
  const encoded = process.env.VITRINE_CREDENTIALS_KEY;
  if (!encoded) throw new Error("VITRINE_CREDENTIALS_KEY is not set: run Vitrine with `npm start`, or set it to 32 random bytes in base64.");
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length !== 32) throw new Error("VITRINE_CREDENTIALS_KEY must be 32 bytes, base64-encoded.");
  return bytes;
}

export function seal(plaintext: string, associatedData = ""): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** `associatedData` binds a secret to its row (e.g. the connection id), so it cannot be moved to another. */
export function open(sealed: string, associatedData = ""): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("Unrecognised sealed secret.");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
