import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posConnections, posEvents, posWebhookRejections, type PosProvider } from "@/db/schema";
import { seal } from "@/lib/crypto/secret-box";
import { webhookConnectors } from "@/lib/pos/connectors";
import { signLightspeedX, signShopify, signSquare } from "@/lib/pos/signing";
import { receiveWebhook, webhookSecretAad } from "@/lib/sync/receive";
import { createTestDb, type TestDb } from "../fixtures/db";

let t: TestDb;
const ids: Record<string, string> = {};
const SECRET = "whsec-test-0123456789";
const SQUARE_URL = "https://vitrine.example/api/webhooks/square/";
const logged: Record<string, unknown>[] = [];

async function connection(provider: PosProvider, config: Record<string, unknown> = {}) {
  const [row] = await t.db.insert(posConnections).values({ provider, name: provider, config }).returning({ id: posConnections.id });
  await t.db
    .update(posConnections)
    .set({ webhookSecretEncrypted: seal(SECRET, webhookSecretAad(row.id)) })
    .where(eq(posConnections.id, row.id));
  return row.id;
}

function receive(provider: string, connectionId: string, body: string | Buffer, headers: Record<string, string>) {
  return receiveWebhook(t.db, webhookConnectors, { provider, connectionId, rawBody: Buffer.from(body), headers }, (entry) => logged.push(entry));
}

const shopifyOrder = `{"id":9007199254740993123,"name":"#1042","source_name":"pos","line_items":[]}`;
const shopifyHeaders = (body: string, eventId = "evt-1") => ({
  "x-shopify-hmac-sha256": signShopify(Buffer.from(body), SECRET),
  "x-shopify-topic": "orders/create",
  "x-shopify-shop-domain": "vitrine-london.myshopify.com",
  "x-shopify-event-id": eventId,
  "x-shopify-webhook-id": `delivery-${Math.random()}`,
  "x-shopify-api-version": "2025-01",
  "content-type": "application/json",
});

const inbox = (connectionId: string) => t.db.select().from(posEvents).where(eq(posEvents.connectionId, connectionId)).orderBy(posEvents.id);

beforeAll(async () => {
  t = await createTestDb();
  ids.shopify = await connection("shopify");
  ids.square = await connection("square", { notificationUrl: `${SQUARE_URL}x` });
  ids.lightspeed = await connection("lightspeed_x", { signedBytes: "raw_body" });
  ids.clover = await connection("clover");
  ids.cloverNew = (await t.db.insert(posConnections).values({ provider: "clover", name: "new" }).returning())[0].id;
});
afterAll(() => t.close());

describe("receiving a POS delivery", () => {
  it("answers 404 to an unknown connection, a provider that doesn't match it, or a malformed id", async () => {
    const body = shopifyOrder;
    expect((await receive("shopify", "6f1c2a53-9d8e-4b1a-8c3f-2a1d0e9b7c64", body, shopifyHeaders(body))).status).toBe(404);
    expect((await receive("square", ids.shopify, body, shopifyHeaders(body))).status).toBe(404);
    expect((await receive("shopify", "../../etc", body, shopifyHeaders(body))).status).toBe(404);
    expect((await receive("paypal", ids.shopify, body, shopifyHeaders(body))).status).toBe(404);
  });

  it("refuses a bad signature with 401, stores nothing of it, and counts and logs the rejection without the payload", async () => {
    const body = shopifyOrder.replace("#1042", "#1043");
    const outcome = await receive("shopify", ids.shopify, body, shopifyHeaders(shopifyOrder));
    expect(outcome.status).toBe(401);
    const missing = await receive("shopify", ids.shopify, body, { "x-shopify-topic": "orders/create" });
    expect(missing.status).toBe(401);
    expect(await inbox(ids.shopify)).toHaveLength(0);
    const counts = await t.db.select().from(posWebhookRejections).where(eq(posWebhookRejections.connectionId, ids.shopify));
    expect(counts.map((c) => [c.reason, c.count]).sort()).toEqual([
      ["bad_signature", 1],
      ["missing_signature", 1],
    ]);
    expect(JSON.stringify(logged)).not.toContain("#1043");
    expect(logged.filter((l) => l.msg === "webhook rejected")).toHaveLength(2);
  });

  it("stores a verified delivery once, however often it is delivered, keeping the raw body and big ids exact", async () => {
    const first = await receive("shopify", ids.shopify, shopifyOrder, shopifyHeaders(shopifyOrder));
    const repeat = await receive("shopify", ids.shopify, shopifyOrder, shopifyHeaders(shopifyOrder));
    expect(first).toEqual({ status: 200, body: { received: 1, duplicates: 0 } });
    expect(repeat).toEqual({ status: 200, body: { received: 0, duplicates: 1 } });
    const rows = await inbox(ids.shopify);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ eventId: "evt-1", topic: "orders/create", account: "vitrine-london.myshopify.com", status: "received", rawBody: shopifyOrder });
    expect(JSON.stringify(rows[0].payload)).toContain("9007199254740993123");
    expect(rows[0].headers).not.toHaveProperty("x-shopify-hmac-sha256");
  });

  it("keeps a signed but malformed delivery with its error, and the deliveries behind it still arrive", async () => {
    const broken = '{"id": 1, "line_items": [';
    const outcome = await receive("shopify", ids.shopify, broken, shopifyHeaders(broken, "evt-broken"));
    expect(outcome).toEqual({ status: 200, body: { kept: "malformed" } });
    const next = JSON.stringify({ id: 2002, line_items: [] });
    expect((await receive("shopify", ids.shopify, next, shopifyHeaders(next, "evt-2"))).body).toMatchObject({ received: 1 });
    const rows = await inbox(ids.shopify);
    const dead = rows.find((r) => r.status === "dead")!;
    expect(dead.rawBody).toBe(broken);
    expect(dead.lastError).toMatch(/^malformed: /);
    expect(rows.filter((r) => r.status === "received").map((r) => r.eventId)).toEqual(["evt-1", "evt-2"]);
  });

  it("verifies Square against the configured notification URL, never the request's", async () => {
    const body = JSON.stringify({ merchant_id: "ML1", type: "payment.updated", event_id: "sq-evt-1", data: { id: "pay-1", object: { payment: { id: "pay-1", order_id: "ord-1" } } } });
    const good = { "x-square-hmacsha256-signature": signSquare(`${SQUARE_URL}x`, Buffer.from(body), SECRET) };
    const otherUrl = { "x-square-hmacsha256-signature": signSquare(`${SQUARE_URL}y`, Buffer.from(body), SECRET) };
    expect((await receive("square", ids.square, body, otherUrl)).status).toBe(401);
    expect(await receive("square", ids.square, body, good)).toEqual({ status: 200, body: { received: 1, duplicates: 0 } });
    const [row] = await inbox(ids.square);
    expect(row).toMatchObject({ eventId: "sq-evt-1", topic: "payment.updated", account: "ML1" });
  });

  it("takes Lightspeed X-Series' form-encoded payload", async () => {
    const payload = JSON.stringify({ id: "0adfd74a-153e-11ee-e0cf-12ab34cd56ef", version: 42, register_sale_products: [], status: "CLOSED" });
    const body = new URLSearchParams({ payload, domain_prefix: "vitrine-geneva", type: "sale.update" }).toString();
    const headers = { "x-signature": `signature=${signLightspeedX(Buffer.from(body), SECRET)}, algorithm=HMAC-SHA256`, "content-type": "application/x-www-form-urlencoded" };
    expect((await receive("lightspeed_x", ids.lightspeed, body, headers)).body).toMatchObject({ received: 1 });
    const [row] = await inbox(ids.lightspeed);
    expect(row).toMatchObject({ eventId: "0adfd74a-153e-11ee-e0cf-12ab34cd56ef:42", topic: "sale.update", account: "vitrine-geneva" });
  });

  it("splits a Clover delivery into one event per merchant notification, each stored once", async () => {
    const body = JSON.stringify({
      appId: "VITRINEDEMOAPP",
      merchants: {
        MDXB0001VITRINE: [
          { objectId: "O:GHIVJT2ABCRSC", type: "UPDATE", ts: 1764150000000 },
          { objectId: "C:K3B2X9M1PQ7ZA", type: "CREATE", ts: 1764150000500 },
        ],
        MDXB0002VITRINE: [{ objectId: "O:ZZ11YY22XX33W", type: "CREATE", ts: 1764150001000 }],
      },
    });
    expect((await receive("clover", ids.clover, body, { "x-clover-auth": "wrong-code" })).status).toBe(401);
    expect(await receive("clover", ids.clover, body, { "x-clover-auth": SECRET })).toEqual({ status: 200, body: { received: 3, duplicates: 0 } });
    expect(await receive("clover", ids.clover, body, { "x-clover-auth": SECRET })).toEqual({ status: 200, body: { received: 0, duplicates: 3 } });
    const rows = await inbox(ids.clover);
    expect(rows.map((r) => [r.account, r.topic, r.eventId])).toEqual([
      ["MDXB0001VITRINE", "O:UPDATE", "MDXB0001VITRINE:O:GHIVJT2ABCRSC:UPDATE:1764150000000"],
      ["MDXB0001VITRINE", "C:CREATE", "MDXB0001VITRINE:C:K3B2X9M1PQ7ZA:CREATE:1764150000500"],
      ["MDXB0002VITRINE", "O:CREATE", "MDXB0002VITRINE:O:ZZ11YY22XX33W:CREATE:1764150001000"],
    ]);
  });

  it("records Clover's set-up handshake, which comes before any auth code, and processes nothing", async () => {
    const outcome = await receive("clover", ids.cloverNew, JSON.stringify({ verificationCode: "ce7643c1-4d2b-4f55-9e3d-2d9f0c1b7a10" }), {});
    expect(outcome.status).toBe(200);
    const rows = await t.db.select().from(posEvents).where(and(eq(posEvents.connectionId, ids.cloverNew)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ topic: "verification", status: "processed" });
  });
});
