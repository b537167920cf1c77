import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { storageStateFor } from "../fixtures/e2e";
import { queryE2e } from "../fixtures/e2e-db";
import { TEST_ENV } from "../setup/test-env";

/** The demo's Shopify connection and its webhook secret, unsealed with the e2e instance's key. */
async function shopifyConnection() {
  process.env.VITRINE_CREDENTIALS_KEY = TEST_ENV.VITRINE_CREDENTIALS_KEY;
  const { open } = await import("../../lib/crypto/secret-box");
  const { webhookSecretAad } = await import("../../lib/sync/receive");
  const [row] = await queryE2e<{ id: string; sealed: string }>(
    (sql) => sql`select id::text, webhook_secret_encrypted as sealed from pos_connections where provider = 'shopify' and webhook_secret_encrypted is not null order by created_at limit 1`,
  );
  return { id: row.id, secret: open(row.sealed, webhookSecretAad(row.id)) };
}

test.describe("the webhook endpoint of a running Vitrine", () => {
  test("accepts a signed delivery once, without a session, and refuses a forged one", async ({ request }) => {
    const { id, secret } = await shopifyConnection();
    const body = JSON.stringify({ id: 820982911946154508n.toString(), source_name: "pos", line_items: [] }).replace(/"(\d{16,})"/, "$1");
    const eventId = `e2e-${Date.now()}`;
    const headers = {
      "content-type": "application/json",
      "x-shopify-topic": "orders/create",
      "x-shopify-shop-domain": "vitrine-london.myshopify.com",
      "x-shopify-event-id": eventId,
      "x-shopify-webhook-id": crypto.randomUUID(),
      "x-shopify-api-version": "2025-01",
      "x-shopify-hmac-sha256": crypto.createHmac("sha256", secret).update(body).digest("base64"),
    };
    const url = `/api/webhooks/shopify/${id}`;
    const first = await request.post(url, { headers, data: body });
    expect(first.status()).toBe(200);
    expect(await first.json()).toEqual({ received: 1, duplicates: 0 });
    expect(await (await request.post(url, { headers, data: body })).json()).toEqual({ received: 0, duplicates: 1 });

    const forged = await request.post(url, { headers: { ...headers, "x-shopify-event-id": `${eventId}-forged` }, data: body.replace("pos", "web") });
    expect(forged.status()).toBe(401);
    const rows = await queryE2e((sql) => sql`select event_id from pos_events where event_id like ${`${eventId}%`}`);
    expect(rows).toEqual([{ event_id: eventId }]);
  });

  test("refuses a body past the size limit with 413 and an unknown connection with 404", async ({ request }) => {
    const { id } = await shopifyConnection();
    const huge = "x".repeat(2 * 1024 * 1024);
    expect((await request.post(`/api/webhooks/shopify/${id}`, { data: huge, headers: { "content-type": "application/json" } })).status()).toBe(413);
    expect((await request.post(`/api/webhooks/shopify/${crypto.randomUUID()}`, { data: "{}" })).status()).toBe(404);
    expect((await request.get(`/api/webhooks/shopify/${id}`)).status()).toBe(405);
  });
});

test.describe("the Sync page", () => {
  test.use({ storageState: storageStateFor("manager") });

  test("shows a manager the connections of their stores with what arrived and what was refused", async ({ page }) => {
    await page.goto("/sync");
    const connections = page.getByRole("region", { name: "POS connections" });
    await expect(connections.getByRole("row")).toHaveCount(3); // header + Shopify (LDN) + Lightspeed X-Series (GVA)
    await expect(connections).toContainText("Shopify POS — London");
    await expect(connections).toContainText("Lightspeed X-Series — Geneva");
    await expect(connections).not.toContainText("R-Series");
    await expect(connections).not.toContainText("Square");
    await expect(connections).not.toContainText("Clover");
  });
});
