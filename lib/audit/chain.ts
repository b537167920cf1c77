import crypto from "node:crypto";

/** prev_hash of the first entry */
export const GENESIS_HASH = "0".repeat(64);

/** The fields a hash covers, in a fixed order. */
export type ChainedFields = {
  id: number;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  storeId: string | null;
  sourceTransactionId: string | null;
  modelId: string | null;
  promptVersion: string | null;
  ip: string | null;
  requestId: string | null;
  details: unknown;
  schemaVersion: number;
};

const FIELD_ORDER: (keyof ChainedFields)[] = [
  "id",
  "occurredAt",
  "actorType",
  "actorId",
  "actorRole",
  "action",
  "outcome",
  "targetType",
  "targetId",
  "storeId",
  "sourceTransactionId",
  "modelId",
  "promptVersion",
  "ip",
  "requestId",
  "details",
  "schemaVersion",
];

/** Escapes the delimiters so that no two different entries share a canonical string (as Retraced does). */
function escapeField(value: string): string {
  return value.replaceAll("%", "%25").replaceAll(":", "%3A").replaceAll("=", "%3D").replaceAll(";", "%3B");
}

/** JSON with object keys sorted at every depth: jsonb does not keep key order, so the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function canonicalEntry(fields: ChainedFields): string {
  return FIELD_ORDER.map((key) => {
    const raw = fields[key];
    const text =
      raw === null || raw === undefined
        ? "\u2205"
        : raw instanceof Date
          ? raw.toISOString()
          : key === "details"
            ? canonicalJson(raw)
            : String(raw);
    return `${key}=${escapeField(text)}`;
  }).join(";");
}

export function entryHash(prevHash: string, fields: ChainedFields): string {
  return crypto.createHash("sha256").update(prevHash).update("\n").update(canonicalEntry(fields)).digest("hex");
}
