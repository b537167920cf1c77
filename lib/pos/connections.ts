import "server-only";
import crypto from "node:crypto";
import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Executor, Transaction } from "@/db/client";
import { posConnections, posProviderEnum, stores, type PosConnection, type PosProvider } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { GuardContext } from "@/lib/auth/guard";
import { open, seal } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { forgetWebhookConnections, webhookSecretAad } from "@/lib/sync/receive";

import { credentialsAad } from "./secrets";

export { credentialsAad };

export function appUrl(): string {
  return (process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

export function webhookUrlOf(provider: PosProvider, connectionId: string): string {
  return `${appUrl()}/api/webhooks/${provider}/${connectionId}`;
}

/* ---------------------------------------------------------------- input */

/** Form fields arrive as strings; an empty one means "not given" (for secrets: keep the stored one). */
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const secretField = z.preprocess(blankToUndefined, z.string().trim().max(4096, "At most 4096 characters.").optional());
const booleanField = z.union([z.boolean(), z.enum(["true", "false", "on"]).transform((v) => v !== "false")]);

const storeMappingSchema = z
  .array(
    z.object({
      locationRef: z.string().trim().min(1, "Enter the platform's location id for every chosen store.").max(200),
      storeId: z.string().uuid(),
    }),
  )
  .max(200)
  .default([])
  .superRefine((entries, issue) => {
    const refs = entries.map((e) => e.locationRef);
    if (new Set(refs).size !== refs.length) issue.addIssue({ code: "custom", message: "Each location id can point to one store only." });
  });

const connectionFields = {
  name: z.string().trim().min(1, "Enter a name.").max(120),
  storeMapping: storeMappingSchema,
  webhookSecret: secretField,
  credentials: secretField,
  /** Square signs the URL it delivers to; defaults to this connection's webhook URL. */
  notificationUrl: z.preprocess(blankToUndefined, z.url("Enter a full https:// URL.").max(2048).optional()),
  /** `config.apiBaseUrl`, the platform's API root for backfills and re-fetches; empty clears it, absent keeps it */
  apiBaseUrl: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    z.url({ protocol: /^https?$/, error: "Enter a full http:// or https:// URL." }).max(2048).nullable().optional(),
  ),
  isActive: booleanField.default(true),
};

export const createConnectionSchema = z.object({ provider: z.enum(posProviderEnum.enumValues), ...connectionFields });
export type CreateConnectionInput = z.output<typeof createConnectionSchema>;

export const updateConnectionSchema = z.object({ connectionId: z.string().uuid(), ...connectionFields });
export type UpdateConnectionInput = z.output<typeof updateConnectionSchema>;

/* ---------------------------------------------------------------- reads */

export type ConnectionRow = {
  id: string;
  provider: PosProvider;
  name: string;
  isActive: boolean;
  /** the mapped stores, with the platform's location id for each */
  stores: { id: string; code: string; name: string; locationRef: string }[];
  hasWebhookSecret: boolean;
  /** "••••a1b2"; null when no secret is set or it cannot be read with the current key */
  webhookSecretHint: string | null;
  hasCredentials: boolean;
  /** "••••a1b2" for stored API credentials; null when none are set or they cannot be read */
  credentialsHint: string | null;
  webhookUrl: string;
  config: Record<string, unknown>;
  lastSyncAt: Date | null;
};

/** Shows the last 4 characters only of a secret long enough that they give nothing useful away. */
function secretHint(sealed: string | null, aad: string): string | null {
  if (!sealed) return null;
  try {
    const secret = open(sealed, aad);
    return secret.length >= 12 ? `••••${secret.slice(-4)}` : "••••";
  } catch {
    return null;
  }
}

/** Credentials may be a JSON object: the hint is then of its token, not of the JSON's closing characters. */
function credentialsHint(sealed: string | null, connectionId: string): string | null {
  if (!sealed) return null;
  try {
    const text = open(sealed, credentialsAad(connectionId)).trim();
    if (!text.startsWith("{")) return secretHint(sealed, credentialsAad(connectionId));
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const token = [parsed.accessToken, parsed.access_token, parsed.token, parsed.apiKey].find((value): value is string => typeof value === "string");
    return token && token.length >= 12 ? `••••${token.slice(-4)}` : "••••";
  } catch {
    return null;
  }
}

export async function listConnections(db: Executor): Promise<ConnectionRow[]> {
  const [rows, storeRows] = await Promise.all([
    db.select().from(posConnections).orderBy(asc(posConnections.name)),
    db.select({ id: stores.id, code: stores.code, name: stores.name }).from(stores).orderBy(asc(stores.code)),
  ]);
  return rows.map((row) => ({
    id: row.id,
    provider: row.provider,
    name: row.name,
    isActive: row.isActive,
    stores: Object.entries(row.storeMapping).flatMap(([locationRef, storeId]) => {
      const store = storeRows.find((s) => s.id === storeId);
      return store ? [{ ...store, locationRef }] : [];
    }),
    hasWebhookSecret: row.webhookSecretEncrypted !== null,
    webhookSecretHint: secretHint(row.webhookSecretEncrypted, webhookSecretAad(row.id)),
    hasCredentials: row.credentialsEncrypted !== null,
    credentialsHint: credentialsHint(row.credentialsEncrypted, row.id),
    webhookUrl: webhookUrlOf(row.provider, row.id),
    config: row.config,
    lastSyncAt: row.lastSyncAt,
  }));
}

/* ---------------------------------------------------------------- writes */

function auditBase(ctx: GuardContext) {
  return {
    actorType: "user" as const,
    actorId: ctx.viewer.id,
    actorRole: ctx.viewer.role,
    ip: ctx.request.ip,
    requestId: ctx.request.requestId,
  };
}

async function validMapping(tx: Executor, entries: CreateConnectionInput["storeMapping"]): Promise<Record<string, string>> {
  const storeIds = [...new Set(entries.map((e) => e.storeId))];
  if (storeIds.length > 0) {
    const found = await tx.select({ id: stores.id }).from(stores).where(inArray(stores.id, storeIds));
    if (found.length !== storeIds.length) throw new AppError("invalid_input", "One of the stores no longer exists.");
  }
  const sorted = [...entries].sort((a, b) => a.locationRef.localeCompare(b.locationRef));
  return Object.fromEntries(sorted.map((e) => [e.locationRef, e.storeId]));
}

/**
 * Square verifies signatures against the URL it delivers to, so a Square connection always has one.
 * The API base URL: a new value replaces it, null removes it, undefined keeps it.
 */
function configFor(
  provider: PosProvider,
  id: string,
  current: Record<string, unknown>,
  input: { notificationUrl?: string; apiBaseUrl?: string | null },
): Record<string, unknown> {
  const { apiBaseUrl: currentApiBaseUrl, ...rest } = current;
  const config: Record<string, unknown> = { ...rest };
  const apiBaseUrl = input.apiBaseUrl === undefined ? currentApiBaseUrl : input.apiBaseUrl;
  if (typeof apiBaseUrl === "string" && apiBaseUrl) config.apiBaseUrl = apiBaseUrl;
  if (provider === "square") config.notificationUrl = input.notificationUrl ?? current.notificationUrl ?? webhookUrlOf(provider, id);
  return config;
}

export async function createConnection(ctx: GuardContext, input: CreateConnectionInput): Promise<{ id: string }> {
  const id = crypto.randomUUID(); // chosen here: the sealed secrets are bound to it
  const created = await ctx.db.transaction(async (tx) => {
    const storeMapping = await validMapping(tx, input.storeMapping);
    await tx.insert(posConnections).values({
      id,
      provider: input.provider,
      name: input.name,
      storeMapping,
      webhookSecretEncrypted: input.webhookSecret ? seal(input.webhookSecret, webhookSecretAad(id)) : null,
      credentialsEncrypted: input.credentials ? seal(input.credentials, credentialsAad(id)) : null,
      config: configFor(input.provider, id, {}, input),
      isActive: input.isActive,
    });
    const fields = ["name", "storeMapping", "isActive"];
    if (input.provider === "square") fields.push("notificationUrl");
    if (input.apiBaseUrl) fields.push("apiBaseUrl");
    if (input.webhookSecret) fields.push("webhookSecret");
    if (input.credentials) fields.push("credentials");
    await appendAudit(tx, {
      ...auditBase(ctx),
      action: "connection.created",
      targetType: "pos_connection",
      targetId: id,
      details: { provider: input.provider, storeIds: [...new Set(Object.values(storeMapping))].sort(), fields },
    });
    return { id };
  });
  forgetWebhookConnections();
  return created;
}

async function lockConnection(tx: Transaction, id: string): Promise<PosConnection> {
  const [row] = await tx.select().from(posConnections).where(eq(posConnections.id, id)).for("update");
  if (!row) throw new AppError("not_found", "That connection no longer exists.");
  return row;
}

/** Whether `plaintext` differs from what is sealed; an unreadable stored value counts as different. */
function isNewSecret(sealed: string | null, plaintext: string, aad: string): boolean {
  if (!sealed) return true;
  try {
    return open(sealed, aad) !== plaintext;
  } catch {
    return true;
  }
}

export async function updateConnection(ctx: GuardContext, input: UpdateConnectionInput): Promise<{ fields: string[] }> {
  const result = await ctx.db.transaction(async (tx) => {
    const row = await lockConnection(tx, input.connectionId);
    const storeMapping = await validMapping(tx, input.storeMapping);
    const config = configFor(row.provider, row.id, row.config, input);
    const changes: Partial<typeof posConnections.$inferInsert> = {};
    const fields: string[] = [];

    if (input.name !== row.name) {
      changes.name = input.name;
      fields.push("name");
    }
    if (JSON.stringify(storeMapping) !== JSON.stringify(sortedMapping(row.storeMapping))) {
      changes.storeMapping = storeMapping;
      fields.push("storeMapping");
    }
    if (config.notificationUrl !== row.config.notificationUrl) {
      changes.config = config;
      fields.push("notificationUrl");
    }
    if (config.apiBaseUrl !== row.config.apiBaseUrl) {
      changes.config = config;
      fields.push("apiBaseUrl");
    }
    if (input.isActive !== row.isActive) {
      changes.isActive = input.isActive;
      fields.push("isActive");
    }
    const secretRotated = input.webhookSecret !== undefined && isNewSecret(row.webhookSecretEncrypted, input.webhookSecret, webhookSecretAad(row.id));
    if (secretRotated) {
      changes.webhookSecretEncrypted = seal(input.webhookSecret!, webhookSecretAad(row.id));
      fields.push("webhookSecret");
    }
    if (input.credentials !== undefined && isNewSecret(row.credentialsEncrypted, input.credentials, credentialsAad(row.id))) {
      changes.credentialsEncrypted = seal(input.credentials, credentialsAad(row.id));
      fields.push("credentials");
    }
    if (fields.length === 0) return { fields };

    await tx
      .update(posConnections)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(posConnections.id, row.id));
    await appendAudit(tx, {
      ...auditBase(ctx),
      action: "connection.updated",
      targetType: "pos_connection",
      targetId: row.id,
      details: { fields, secretRotated },
    });
    return { fields };
  });
  forgetWebhookConnections();
  return result;
}

function sortedMapping(mapping: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).sort(([a], [b]) => a.localeCompare(b)));
}
