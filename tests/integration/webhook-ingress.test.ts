import type { AddressInfo } from "node:net";
import type http from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posConnections, posEvents } from "@/db/schema";
import { seal } from "@/lib/crypto/secret-box";
import { signShopify } from "@/lib/pos/signing";
import { createIngressServer } from "@/lib/sync/ingress";
import { webhookSecretAad } from "@/lib/sync/receive";
import { createTestDb, type TestDb } from "../fixtures/db";

const SECRET = "ingress-secret-0123456789";
let t: TestDb;
let server: http.Server;
let base: string;
let connectionId: string;

beforeAll(async () => {
  t = await createTestDb();
  const [row] = await t.db.insert(posConnections).values({ provider: "shopify", name: "ingress" }).returning();
  connectionId = row.id;
  await t.db.update(posConnections).set({ webhookSecretEncrypted: seal(SECRET, webhookSecretAad(row.id)) }).where(eq(posConnections.id, row.id));
  server = createIngressServer(t.db, () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

function post(body: string, headers: Record<string, string>, path = `/api/webhooks/shopify/${connectionId}`) {
  return fetch(`${base}${path}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
}
const signed = (body: string, eventId: string) => ({ "x-shopify-hmac-sha256": signShopify(body, SECRET), "x-shopify-topic": "orders/create", "x-shopify-event-id": eventId, "x-shopify-shop-domain": "s.myshopify.com" });

describe("the webhook ingress process", () => {
  it("stores a signed delivery once and answers 200 to its repeat", async () => {
    const body = `{"id":9007199254740993123,"line_items":[]}`;
    const first = await post(body, signed(body, "ing-1"));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 1, duplicates: 0 });
    const repeat = await post(body, signed(body, "ing-1"));
    expect(await repeat.json()).toEqual({ received: 0, duplicates: 1 });
    const rows = await t.db.select().from(posEvents).where(eq(posEvents.eventId, "ing-1"));
    expect(rows).toHaveLength(1);
    expect(rows[0].rawBody).toBe(body);
    // the payload is stored as a JSON object with the 64-bit id kept exactly, not as a JSON string
    expect(rows[0].payload).toEqual({ id: "9007199254740993123", line_items: [] });
  });

  it("refuses a forged delivery with 401, an oversized one with 413, other methods and paths", async () => {
    const body = `{"id":1}`;
    expect((await post(body, { ...signed(body, "ing-2"), "x-shopify-hmac-sha256": signShopify(body, "wrong") })).status).toBe(401);
    expect((await post("x".repeat(1024 * 1024 + 1), signed("x", "ing-3"))).status).toBe(413);
    expect((await fetch(`${base}/api/webhooks/shopify/${connectionId}`)).status).toBe(405);
    expect((await post(body, signed(body, "ing-4"), "/elsewhere")).status).toBe(404);
    expect((await post(body, signed(body, "ing-5"), "/api/webhooks/shopify/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect(await t.db.select().from(posEvents).where(eq(posEvents.eventId, "ing-2"))).toHaveLength(0);
  });
});
