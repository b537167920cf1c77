import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, posConnections } from "@/db/schema";
import { runGuarded, type GuardContext } from "@/lib/auth/guard";
import { loadViewer } from "@/lib/auth/viewer";
import { open } from "@/lib/crypto/secret-box";
import {
  createConnection,
  createConnectionSchema,
  listConnections,
  updateConnection,
  updateConnectionSchema,
  webhookUrlOf,
} from "@/lib/pos/connections";
import { credentialsAad } from "@/lib/pos/secrets";
import { webhookSecretAad } from "@/lib/sync/receive";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast, type Cast } from "../fixtures/people";

const FIRST_SECRET = "whsec_first-plaintext-secret-a1b2";
const SECOND_SECRET = "whsec_second-plaintext-secret-c3d4";

let t: TestDb;
let cast: Cast;
let ctx: GuardContext;

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  ctx = { db: t.db, viewer: (await loadViewer(t.db, cast.admin))!, request: { ip: "127.0.0.1", requestId: null } };
});
afterAll(() => t.close());

async function storedRow(id: string) {
  const [row] = await t.db.select().from(posConnections).where(eq(posConnections.id, id));
  return row;
}

async function auditEntries(id: string, action: string) {
  return t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, id), eq(auditLog.action, action)))
    .orderBy(auditLog.id);
}

function updateInput(id: string, overrides: Record<string, unknown> = {}) {
  return updateConnectionSchema.parse({
    connectionId: id,
    name: "Geneva boutique",
    storeMapping: [{ locationRef: "LOC-A", storeId: cast.storeA }],
    webhookSecret: "",
    isActive: true,
    ...overrides,
  });
}

describe("POS connection administration", () => {
  let id: string;

  it("creates a connection with its webhook secret sealed, audited without the secret", async () => {
    const input = createConnectionSchema.parse({
      provider: "square",
      name: "Geneva boutique",
      storeMapping: [{ locationRef: "LOC-A", storeId: cast.storeA }],
      webhookSecret: FIRST_SECRET,
      notificationUrl: "",
      isActive: true,
    });
    ({ id } = await createConnection(ctx, input));

    const row = await storedRow(id);
    expect(row.storeMapping).toEqual({ "LOC-A": cast.storeA });
    expect(row.webhookSecretEncrypted).not.toBeNull();
    expect(row.webhookSecretEncrypted).not.toContain(FIRST_SECRET);
    expect(open(row.webhookSecretEncrypted!, webhookSecretAad(id))).toBe(FIRST_SECRET);
    expect(row.credentialsEncrypted).toBeNull();
    expect(row.config).toEqual({ notificationUrl: webhookUrlOf("square", id) });

    const [entry] = await auditEntries(id, "connection.created");
    expect(entry).toMatchObject({ actorId: cast.admin, details: { provider: "square", storeIds: [cast.storeA] } });
    expect((entry.details as { fields: string[] }).fields).toContain("webhookSecret");
    expect(JSON.stringify(entry)).not.toContain(FIRST_SECRET);
  });

  it("keeps the stored secret when the update leaves the field empty", async () => {
    const sealedBefore = (await storedRow(id)).webhookSecretEncrypted;
    const { fields } = await updateConnection(ctx, updateInput(id, { name: "Geneva flagship" }));
    expect(fields).toEqual(["name"]);

    const row = await storedRow(id);
    expect(row.name).toBe("Geneva flagship");
    expect(row.webhookSecretEncrypted).toBe(sealedBefore);
    expect(open(row.webhookSecretEncrypted!, webhookSecretAad(id))).toBe(FIRST_SECRET);
    const [entry] = await auditEntries(id, "connection.updated");
    expect(entry.details).toEqual({ fields: ["name"], secretRotated: false });
  });

  it("rotates the secret when a new one is given, and says so in the audit without the secret", async () => {
    await updateConnection(ctx, updateInput(id, { name: "Geneva flagship", webhookSecret: SECOND_SECRET }));

    const row = await storedRow(id);
    expect(open(row.webhookSecretEncrypted!, webhookSecretAad(id))).toBe(SECOND_SECRET);
    const entries = await auditEntries(id, "connection.updated");
    expect(entries).toHaveLength(2);
    expect(entries[1].details).toEqual({ fields: ["webhookSecret"], secretRotated: true });
    const audit = JSON.stringify(await t.db.select().from(auditLog));
    expect(audit).not.toContain(FIRST_SECRET);
    expect(audit).not.toContain(SECOND_SECRET);
  });

  it("lists connections with a masked hint and never the secret", async () => {
    const connections = await listConnections(t.db);
    const listed = connections.find((c) => c.id === id);
    expect(listed).toMatchObject({
      provider: "square",
      name: "Geneva flagship",
      isActive: true,
      hasWebhookSecret: true,
      webhookSecretHint: "••••c3d4",
      webhookUrl: webhookUrlOf("square", id),
      stores: [{ id: cast.storeA, code: "AAA", locationRef: "LOC-A" }],
    });
    const json = JSON.stringify(connections);
    expect(json).not.toContain(SECOND_SECRET);
    expect(json).not.toContain(FIRST_SECRET);
  });

  it("refuses a store that does not exist and a location id used twice", async () => {
    const missingStore = updateInput(id, { storeMapping: [{ locationRef: "LOC-Z", storeId: crypto.randomUUID() }] });
    await expect(updateConnection(ctx, missingStore)).rejects.toMatchObject({ code: "invalid_input" });
    const twice = updateConnectionSchema.safeParse({
      connectionId: id,
      name: "x",
      storeMapping: [
        { locationRef: "LOC-A", storeId: cast.storeA },
        { locationRef: "LOC-A", storeId: cast.storeB },
      ],
    });
    expect(twice.success).toBe(false);
  });

  it("stores the API base URL in config and the API credentials sealed, shown only masked", async () => {
    const token = "shpat_api-token-0123456789-e5f6";
    const { fields } = await updateConnection(
      ctx,
      updateInput(id, { name: "Geneva flagship", apiBaseUrl: "https://geneva.example/v2", credentials: token }),
    );
    expect(fields).toEqual(["apiBaseUrl", "credentials"]);
    const row = await storedRow(id);
    expect(row.config).toEqual({ notificationUrl: webhookUrlOf("square", id), apiBaseUrl: "https://geneva.example/v2" });
    expect(row.credentialsEncrypted).not.toContain(token);
    expect(open(row.credentialsEncrypted!, credentialsAad(id))).toBe(token);

    const listed = (await listConnections(t.db)).find((c) => c.id === id)!;
    expect(listed).toMatchObject({ hasCredentials: true, credentialsHint: "••••e5f6" });
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(JSON.stringify(await t.db.select().from(auditLog))).not.toContain(token);

    // a JSON credential is hinted by its token, not by its closing characters
    await updateConnection(ctx, updateInput(id, { name: "Geneva flagship", credentials: JSON.stringify({ accessToken: "tok_0123456789abcdef-g7h8", refreshToken: "r" }) }));
    expect((await listConnections(t.db)).find((c) => c.id === id)).toMatchObject({ credentialsHint: "••••g7h8" });

    // absent keeps it, empty clears it
    expect((await updateConnection(ctx, updateInput(id, { name: "Geneva flagship" }))).fields).toEqual([]);
    expect((await updateConnection(ctx, updateInput(id, { name: "Geneva flagship", apiBaseUrl: "" }))).fields).toEqual(["apiBaseUrl"]);
    expect((await storedRow(id)).config).toEqual({ notificationUrl: webhookUrlOf("square", id) });
  });

  it("refuses an API base URL that is not http(s)", async () => {
    for (const apiBaseUrl of ["ftp://geneva.example", "javascript:alert(1)", "not a url"]) {
      const parsed = updateConnectionSchema.safeParse({ connectionId: id, name: "x", apiBaseUrl });
      expect(parsed.success, apiBaseUrl).toBe(false);
    }
    expect(updateConnectionSchema.safeParse({ connectionId: id, name: "x", apiBaseUrl: "http://127.0.0.1:4010/api" }).success).toBe(true);
  });

  it("forbids a manager, and audits the refusal", async () => {
    const result = await runGuarded(
      {
        db: t.db,
        session: { userId: cast.managerA },
        permission: "connections.manage",
        schema: createConnectionSchema,
        request: { ip: "127.0.0.1", requestId: null },
      },
      { provider: "shopify", name: "Sneaky", webhookSecret: "manager-secret-value" },
      (input, guardCtx) => createConnection(guardCtx, input),
    );
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await t.db.$count(posConnections, eq(posConnections.name, "Sneaky"))).toBe(0);
    const denials = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "authz.denied"), eq(auditLog.actorId, cast.managerA)));
    expect(denials.map((d) => d.details)).toContainEqual({ permission: "connections.manage" });
  });
});
