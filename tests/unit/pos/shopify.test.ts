import { describe, expect, it } from "vitest";
import { signShopify } from "@/lib/pos/signing";
import { webhook } from "@/lib/pos/shopify/webhook";
import { MalformedDelivery } from "@/lib/pos/types";
import { connectionFor, deliveryOf, fixtureBytes, withOneByteChanged } from "@/tests/fixtures/pos/deliveries";

const secret = "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";
const connection = connectionFor("shopify", secret);
const order = fixtureBytes("shopify/orders-create-pos.json");

function headersFor(rawBody: Buffer, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    "x-shopify-hmac-sha256": signShopify(rawBody, secret),
    "x-shopify-topic": "orders/create",
    "x-shopify-shop-domain": "maison-verlaine.myshopify.com",
    "x-shopify-api-version": "2025-01",
    "x-shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
    "x-shopify-event-id": "98880550-7158-44d4-b7cd-2c97c8a091b5",
    "x-shopify-triggered-at": "2025-03-14T14:42:10.000Z",
    ...overrides,
  };
}

describe("Shopify webhook verification", () => {
  it("accepts a delivery signed with the client secret", () => {
    expect(webhook.verify(deliveryOf(order, headersFor(order)), connection)).toEqual({ ok: true });
  });

  it("accepts the lower-case header of the Events delivery", () => {
    const headers = { "shopify-hmac-sha256": signShopify(order, secret), "shopify-topic": "orders/create" };
    expect(webhook.verify(deliveryOf(order, headers), connection)).toEqual({ ok: true });
  });

  it("rejects a body changed by one byte", () => {
    const delivery = deliveryOf(withOneByteChanged(order), headersFor(order));
    expect(webhook.verify(delivery, connection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a signature made with another secret", () => {
    const headers = headersFor(order, { "x-shopify-hmac-sha256": signShopify(order, "shpss_someone_else") });
    expect(webhook.verify(deliveryOf(order, headers), connection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a delivery without a signature header", () => {
    const { "x-shopify-hmac-sha256": _omitted, ...headers } = headersFor(order);
    expect(webhook.verify(deliveryOf(order, headers), connection)).toEqual({ ok: false, reason: "missing_signature" });
    expect(webhook.verify(deliveryOf(order, { ...headers, "x-shopify-hmac-sha256": "  " }), connection)).toEqual({
      ok: false,
      reason: "missing_signature",
    });
  });

  it("refuses to verify without a secret", () => {
    expect(webhook.verify(deliveryOf(order, headersFor(order)), connectionFor("shopify", ""))).toEqual({
      ok: false,
      reason: "missing_secret",
    });
  });

  it("rejects, without throwing, signatures of another length or outside base64", () => {
    const valid = signShopify(order, secret);
    for (const signature of [valid.slice(0, -4), `${valid}AAAA`, valid.replace(/=$/, ""), "not base64!", `${valid.slice(0, -2)}é=`]) {
      const delivery = deliveryOf(order, headersFor(order, { "x-shopify-hmac-sha256": signature }));
      expect(webhook.verify(delivery, connection)).toEqual({ ok: false, reason: "bad_signature" });
    }
  });

  it("rejects a hex digest of the right HMAC (Shopify sends base64)", () => {
    const hex = Buffer.from(signShopify(order, secret), "base64").toString("hex");
    const delivery = deliveryOf(order, headersFor(order, { "x-shopify-hmac-sha256": hex }));
    expect(webhook.verify(delivery, connection)).toEqual({ ok: false, reason: "bad_signature" });
  });
});

describe("Shopify webhook events", () => {
  it("reads a POS order: identity from the headers, the serial number in the line-item properties", () => {
    const [event, ...others] = webhook.events(deliveryOf(order, headersFor(order)), connection);
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      eventId: "98880550-7158-44d4-b7cd-2c97c8a091b5",
      topic: "orders/create",
      account: "maison-verlaine.myshopify.com",
    });
    expect(event.payload).toMatchObject({
      source_name: "pos",
      total_price: "18500.00",
      line_items: [{ sku: "VM-CHR-4110-OR", quantity: 1, properties: [{ name: "Serial number", value: "RG41-0087-2025" }, expect.anything()] }],
    });
  });

  it("keeps ids above 2^53 exactly, as strings", () => {
    const [{ payload }] = webhook.events(deliveryOf(order, headersFor(order)), connection);
    const parsed = payload as {
      id: unknown;
      line_items: { id: unknown; product_id: unknown; variant_id: unknown }[];
      customer: { id: unknown };
    };
    expect(parsed.id).toBe("7301952611298455553");
    expect(parsed.line_items[0]).toMatchObject({ id: "18014398509481985", product_id: "8812903456789012345", variant_id: "45120987654321098" });
    // 2^53 + 1: the first integer a double cannot hold (JSON.parse reads it as ...992).
    expect(parsed.customer.id).toBe("9007199254740993");
    expect(String(JSON.parse(order.toString("utf8")).customer.id)).toBe("9007199254740992");
  });

  it("gives every id the same type, whatever its size, and leaves other numbers alone", () => {
    const body = Buffer.from('{"id":450789469,"location_id":655441491,"variant_ids":[39072856,18014398509481985],"paid":1,"rate":0.06,"order_number":1001,"price":"199.00"}');
    const [{ payload }] = webhook.events(deliveryOf(body, headersFor(body)), connection);
    expect(payload).toEqual({
      id: "450789469",
      location_id: "655441491",
      variant_ids: ["39072856", "18014398509481985"],
      paid: 1,
      rate: 0.06,
      order_number: 1001,
      price: "199.00",
    });
  });

  it("yields the same event id for a repeat delivery of the same event", () => {
    const first = webhook.events(deliveryOf(order, headersFor(order)), connection);
    const retry = webhook.events(
      deliveryOf(order, headersFor(order, { "x-shopify-webhook-id": "0d4c3b52-7d0c-4d8e-a5f1-2b5e0c9e4f11" })),
      connection,
    );
    expect(retry[0].eventId).toBe(first[0].eventId);
  });

  it("falls back to a marked hash of the body when the event id header is missing", () => {
    const { "x-shopify-event-id": _omitted, ...headers } = headersFor(order);
    const [event] = webhook.events(deliveryOf(order, headers), connection);
    expect(event.eventId).toMatch(/^body:[0-9a-f]{64}$/);
    expect(webhook.events(deliveryOf(Buffer.from(order), headers), connection)[0].eventId).toBe(event.eventId);
  });

  it("reads the Events delivery's lower-case headers", () => {
    const headers = {
      "shopify-hmac-sha256": signShopify(order, secret),
      "shopify-topic": "orders/updated",
      "shopify-shop-domain": "maison-verlaine.myshopify.com",
      "shopify-event-id": "e-1",
    };
    expect(webhook.events(deliveryOf(order, headers), connection)[0]).toMatchObject({
      eventId: "e-1",
      topic: "orders/updated",
      account: "maison-verlaine.myshopify.com",
    });
  });

  it("has no account when the shop domain header is missing", () => {
    const { "x-shopify-shop-domain": _omitted, ...headers } = headersFor(order);
    expect(webhook.events(deliveryOf(order, headers), connection)[0].account).toBeNull();
  });

  it.each([
    ["an empty body", Buffer.alloc(0), {}],
    ["invalid JSON", Buffer.from('{"id": 1,'), {}],
    ["a JSON array", Buffer.from("[1,2]"), {}],
    ["JSON null", Buffer.from("null"), {}],
    ["a key repeated with different values", Buffer.from('{"id":1,"id":2}'), {}],
    ["a body without a topic header", order, { "x-shopify-topic": "" }],
  ])("throws MalformedDelivery for %s", (_name, body, overrides) => {
    const delivery = deliveryOf(body, headersFor(body, overrides));
    expect(() => webhook.events(delivery, connection)).toThrow(MalformedDelivery);
  });
});
