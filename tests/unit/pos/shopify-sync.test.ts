import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakePosData } from "@/lib/pos/fake/data";
import { startFakePos, type FakePosServer } from "@/lib/pos/fake/server";
import { PosHttp, RateLimited } from "@/lib/pos/http";
import { fake, throttleNextGraphql } from "@/lib/pos/shopify/fake";
import { parseShopifyJson } from "@/lib/pos/shopify/json";
import { shopifyId, simulator } from "@/lib/pos/shopify/simulate";
import { createShopifySync, sync, throttleWaitMs } from "@/lib/pos/shopify/sync";
import { webhook } from "@/lib/pos/shopify/webhook";
import { Scenario } from "@/lib/pos/simulate/generate";
import type { SimConnection, SimCustomer, SimEvent, SimReturn, SimSale } from "@/lib/pos/simulate/scenario";
import { MalformedDelivery, type ApiConnection, type BackfillCursor, type StoredEvent } from "@/lib/pos/types";
import type { CanonicalChange, CanonicalCustomer, CanonicalReturn, CanonicalSale } from "@/lib/sync/canonical";
import { connectionFor, deliveryOf, fixtureBytes } from "@/tests/fixtures/pos/deliveries";

const token = "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";
const secret = "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";
const TWO_POW_53 = BigInt(2) ** BigInt(53);

let server: FakePosServer;

beforeAll(async () => {
  server = await startFakePos({ platforms: [fake], token });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.setFail429Every(0);
});

function apiConnection(config: Record<string, unknown> = {}): ApiConnection {
  return { id: "4f0c2a8e-7d3b-4c1a-9e55-0b6d2f1a8c70", provider: "shopify", baseUrl: `${server.url}/shopify`, credentials: { accessToken: token }, config, storeMapping: {} };
}

function httpFor(connection: ApiConnection, waits: number[] = []): PosHttp {
  return new PosHttp({
    baseUrl: connection.baseUrl ?? "",
    headers: sync.authHeaders(connection),
    parseJson: sync.parseJson,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
}

/** For mappings that must not call the API: any request fails the test. */
const offline = new PosHttp({
  baseUrl: "http://offline.invalid",
  maxAttempts: 1,
  fetch: () => Promise.reject(new Error("this mapping must not call the API")),
});

/** A delivery's body as the receiver stores it: parsed by webhook.ts (lossless), with its topic. */
function storedEvent(body: Buffer | string, topic: string): StoredEvent {
  const [event] = webhook.events(deliveryOf(body, { "x-shopify-topic": topic, "x-shopify-event-id": "e-1" }), connectionFor("shopify", secret));
  return { ...event, receivedAt: new Date("2025-03-21T10:05:43Z") };
}

const serialNumberProperty = { serialSource: { kind: "line_item_property", name: "serial NUMBER" } };

const helene: CanonicalCustomer = {
  externalId: "9007199254740993",
  updatedAt: null,
  version: null,
  firstName: "Hélène",
  lastName: "de Castellane",
  email: "h.castellane@example.com",
  phone: "+33142650011",
  addressLine: "12 rue du Faubourg Saint-Honoré",
  city: "Paris",
  postalCode: "75008",
  country: "FR",
};

const fixtureSale: CanonicalSale = {
  externalId: "7301952611298455553",
  updatedAt: new Date("2025-03-14T14:42:11Z"),
  version: null,
  locationId: "655441491",
  status: "completed",
  completedAt: new Date("2025-03-14T14:42:08Z"),
  currency: "EUR",
  subtotalMinor: 1_850_000,
  discountMinor: 0,
  taxMinor: 308_333,
  totalMinor: 1_850_000,
  customer: helene,
  customerExternalId: "9007199254740993",
  associateExternalId: "548380009",
  lines: [
    {
      externalId: "18014398509481985",
      sku: "VM-CHR-4110-OR",
      productExternalId: "8812903456789012345",
      name: "Chronographe Rive Gauche 41 mm",
      brand: "Maison Verlaine",
      quantity: 1,
      unitPriceMinor: 1_850_000,
      discountMinor: 0,
      totalMinor: 1_850_000,
      serialNumbers: ["RG41-0087-2025"],
    },
  ],
};

const fixtureReturn: CanonicalReturn = {
  externalId: "929361465446311937",
  saleExternalId: "7301952611298455553",
  locationId: "655441491",
  returnedAt: new Date("2025-03-21T10:05:42Z"),
  currency: "EUR",
  reason: "Bracelet trop court",
  customerExternalId: null,
  lines: [{ saleLineExternalId: "18014398509481985", sku: "VM-CHR-4110-OR", quantity: 1, refundMinor: 1_850_000, serialNumber: "RG41-0087-2025" }],
};

describe("Shopify webhook events → canonical changes", () => {
  it("maps the POS order fixture exactly: money in minor units, ids past 2^53, the serial from a property", async () => {
    const changes = await sync.changes(storedEvent(fixtureBytes("shopify/orders-create-pos.json"), "orders/create"), apiConnection(serialNumberProperty), offline);
    expect(changes).toStrictEqual([{ kind: "sale", sale: { ...fixtureSale, customer: { ...helene, consentEmail: undefined, consentSms: undefined, note: undefined } } }]);
    expect(BigInt((changes[0] as { sale: CanonicalSale }).sale.lines[0].productExternalId ?? 0) > TWO_POW_53).toBe(true);
  });

  it("reads the property name case-insensitively, splits comma-separated serials, and finds none under another name", async () => {
    const order = parseShopifyJson(fixtureBytes("shopify/orders-create-pos.json").toString("utf8")) as { line_items: { properties: unknown[] }[] };
    order.line_items[0].properties = [{ name: " SERIAL ", value: "A-1, A-2,, " }];
    const event = { ...storedEvent(fixtureBytes("shopify/orders-create-pos.json"), "orders/paid"), payload: order };
    const [withDefault] = await sync.changes(event, apiConnection(), offline);
    expect((withDefault as { sale: CanonicalSale }).sale.lines[0].serialNumbers).toEqual(["A-1", "A-2"]);
    const [withOther] = await sync.changes(event, apiConnection(serialNumberProperty), offline);
    expect((withOther as { sale: CanonicalSale }).sale.lines[0].serialNumbers).toEqual([]);
  });

  it("maps status: cancelled → voided, pending and partially paid → open, embedded refunds → returns", async () => {
    const base = parseShopifyJson(fixtureBytes("shopify/orders-create-pos.json").toString("utf8")) as Record<string, unknown>;
    const refund = parseShopifyJson(fixtureBytes("shopify/refunds-create.json").toString("utf8"));
    const event = (payload: Record<string, unknown>) => ({ ...storedEvent("{}", "orders/updated"), payload: { ...base, ...payload } });
    const statusOf = async (payload: Record<string, unknown>) => ((await sync.changes(event(payload), apiConnection(), offline))[0] as { sale: CanonicalSale }).sale.status;

    expect(await statusOf({ cancelled_at: "2025-03-15T10:00:00+01:00" })).toBe("voided");
    expect(await statusOf({ financial_status: "pending" })).toBe("open");
    expect(await statusOf({ financial_status: "partially_paid" })).toBe("open");
    expect(await statusOf({ financial_status: "authorized" })).toBe("completed");

    const changes = await sync.changes(event({ financial_status: "refunded", refunds: [refund] }), apiConnection(serialNumberProperty), offline);
    expect(changes.map((change) => change.kind)).toEqual(["sale", "return"]);
    expect(changes[1]).toEqual({ kind: "return", return: { ...fixtureReturn, customerExternalId: "9007199254740993" } });
  });

  it("re-reads the order for orders/edited, whose body is only the edit", async () => {
    const order = parseShopifyJson(fixtureBytes("shopify/orders-create-pos.json").toString("utf8")) as Record<string, unknown>;
    server.data.put("shopify", "orders", "7301952611298455553", order);
    const edit = '{"order_edit":{"id":78912328,"app_id":null,"created_at":"2025-03-14T16:00:00+01:00","notify_customer":false,"order_id":7301952611298455553,"staff_note":"","user_id":548380009,"line_items":{"additions":[],"removals":[{"id":18014398509481985,"delta":0}]}}}';
    const connection = apiConnection(serialNumberProperty);
    const changes = await sync.changes(storedEvent(edit, "orders/edited"), connection, httpFor(connection));
    expect(changes).toEqual([{ kind: "sale", sale: fixtureSale }]);
  });

  it("maps refunds/create, the serial from the refunded line item", async () => {
    const changes = await sync.changes(storedEvent(fixtureBytes("shopify/refunds-create.json"), "refunds/create"), apiConnection(serialNumberProperty), offline);
    expect(changes).toEqual([{ kind: "return", return: fixtureReturn }]);
  });

  it("reads a refund line's numeric subtotal exactly when the money bag is missing", async () => {
    const event = storedEvent(
      '{"id":1,"order_id":2,"created_at":"2025-03-21T11:05:42+01:00","note":null,"refund_line_items":[{"line_item_id":3,"quantity":1,"subtotal":195.66}],"transactions":[{"currency":"USD"}]}',
      "refunds/create",
    );
    const [change] = await sync.changes(event, apiConnection(), offline);
    expect((change as { return: CanonicalReturn }).return).toMatchObject({ currency: "USD", lines: [{ refundMinor: 19_566, sku: "", serialNumber: null }] });
  });

  it("maps customers/update with consent, address and note", async () => {
    const changes = await sync.changes(storedEvent(fixtureBytes("shopify/customers-update.json"), "customers/update"), apiConnection(), offline);
    expect(changes).toStrictEqual([
      {
        kind: "customer",
        customer: {
          ...helene,
          updatedAt: new Date("2025-03-15T08:30:00Z"),
          addressLine: "12 rue du Faubourg Saint-Honoré, 3e étage",
          consentEmail: true,
          consentSms: false,
          note: "Préfère être appelée le matin.",
        },
      },
    ]);
  });

  it("maps customers/delete to a deleted client", async () => {
    const changes = await sync.changes(storedEvent(fixtureBytes("shopify/customers-delete.json"), "customers/delete"), apiConnection(), offline);
    expect(changes).toEqual([{ kind: "customer", customer: expect.objectContaining({ externalId: "9007199254740993", deleted: true, email: null }) }]);
  });

  it("maps inventory_levels/update, fetching the item's SKU", async () => {
    server.data.put("shopify", "inventory_items", "49148385771531857", { id: "49148385771531857", sku: "VM-CHR-4110-OR", tracked: true, updated_at: "2025-03-10T17:20:00+01:00" });
    const connection = apiConnection();
    const changes = await sync.changes(storedEvent(fixtureBytes("shopify/inventory-levels-update.json"), "inventory_levels/update"), connection, httpFor(connection));
    expect(changes).toEqual([
      { kind: "inventory", inventory: { locationId: "655441491", sku: "VM-CHR-4110-OR", productExternalId: null, onHand: 3, updatedAt: new Date("2025-03-14T14:42:10Z") } },
    ]);
  });

  it("maps products/update to one product per variant, priced in the shop's currency", async () => {
    const changes = await sync.changes(storedEvent(fixtureBytes("shopify/products-update.json"), "products/update"), apiConnection({ currency: "EUR" }), offline);
    expect(changes).toEqual([
      {
        kind: "product",
        product: {
          externalId: "45120987654321098",
          updatedAt: new Date("2025-03-10T16:20:00Z"),
          version: null,
          sku: "VM-CHR-4110-OR",
          name: "Chronographe Rive Gauche 41 mm - Or rose / Alligator brun",
          brand: "Maison Verlaine",
          priceMinor: 1_850_000,
          currency: "EUR",
          isSerialized: null,
        },
      },
      { kind: "product", product: expect.objectContaining({ externalId: "45120987654321099", sku: "VM-CHR-4110-AC", priceMinor: 980_000 }) },
    ]);
    const [withoutCurrency] = await sync.changes(storedEvent(fixtureBytes("shopify/products-update.json"), "products/update"), apiConnection(), offline);
    expect((withoutCurrency as { product: { priceMinor: number | null } }).product.priceMinor).toBeNull();
  });

  it.each(["app/uninstalled", "customers/redact", "orders/delete", "collections/update"])("ignores %s", async (topic) => {
    const [change, ...rest] = await sync.changes(storedEvent('{"id":1}', topic), apiConnection(), offline);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ kind: "ignored", reason: expect.stringContaining(topic) });
  });

  it.each([
    ["orders/create", '{"id":1,"currency":"EUR","created_at":"2025-03-14T15:42:08+01:00","subtotal_price":"1.00","total_price":"1.00"}'],
    ["refunds/create", '{"id":1,"created_at":"2025-03-14T15:42:08+01:00"}'],
    ["customers/update", '{"email":"a@example.com"}'],
    ["customers/delete", '{"phone":null}'],
    ["inventory_levels/update", '{"location_id":1,"available":2}'],
    ["products/update", '{"id":1,"title":"Ring"}'],
  ])("throws MalformedDelivery for a %s payload missing what it needs", async (topic, body) => {
    await expect(sync.changes(storedEvent(body, topic), apiConnection(), offline)).rejects.toThrow(MalformedDelivery);
  });

  it("throws MalformedDelivery for an amount with more decimals than the currency has", async () => {
    const body = fixtureBytes("shopify/orders-create-pos.json").toString("utf8").replace('"total_tax": "3083.33"', '"total_tax": "3083.333"');
    await expect(sync.changes(storedEvent(body, "orders/create"), apiConnection(), offline)).rejects.toThrow(MalformedDelivery);
  });

  it("reads serials from the Serializer app's order metafield (fetched: webhooks do not carry it)", async () => {
    const order = parseShopifyJson(fixtureBytes("shopify/orders-create-pos.json").toString("utf8")) as Record<string, unknown>;
    server.data.put("shopify", "orders", "7301952611298455553", order);
    // Written as text: the numeric lineItemId is past 2^53 and must be read without rounding.
    const value =
      '{"currentTotalTrackable":2,"items":[{"lineItemId":"gid://shopify/LineItem/18014398509481985","serialNumber":"RG41-0087-2025"},{"lineItemId":18014398509481985,"serialNumber":"RG41-0088-2025"}]}';
    server.data.put("shopify", "metafields", "1", { id: "1", namespace: "serializer", key: "properties", value, type: "json", owner_id: "7301952611298455553", owner_resource: "order" });
    const connection = apiConnection({ serialSource: { kind: "metafield" } });

    const [sale] = await sync.changes(storedEvent(fixtureBytes("shopify/orders-create-pos.json"), "orders/create"), connection, httpFor(connection));
    expect((sale as { sale: CanonicalSale }).sale.lines[0].serialNumbers).toEqual(["RG41-0087-2025", "RG41-0088-2025"]);
    const [ret] = await sync.changes(storedEvent(fixtureBytes("shopify/refunds-create.json"), "refunds/create"), connection, httpFor(connection));
    // two serials on the line and one unit back: which one is not said
    expect((ret as { return: CanonicalReturn }).return.lines[0].serialNumber).toBeNull();
  });

  it("refuses a connection whose serial source is not understood", async () => {
    const connection = apiConnection({ serialSource: { kind: "note" } });
    await expect(sync.changes(storedEvent(fixtureBytes("shopify/orders-create-pos.json"), "orders/create"), connection, offline)).rejects.toThrow(/settings are invalid/);
  });
});

/* ------------------------------------------------------------------------------------------------ */

const shop = "maison-verlaine.myshopify.com";
const simConnection: SimConnection = { id: "4f0c2a8e-7d3b-4c1a-9e55-0b6d2f1a8c70", secret, config: { shopDomain: shop, currency: "CHF" }, webhookUrl: "https://vitrine.example/api/webhooks/shopify" };

function simCustomer(revision = 1): SimCustomer {
  return {
    id: "rt-customer-1",
    firstName: "Amélie",
    lastName: "Lindqvist",
    email: "amelie.lindqvist@example.com",
    phone: "+41791234567",
    city: "Geneva",
    country: "CH",
    consentEmail: revision === 1,
    consentSms: false,
    note: null,
    revision,
    updatedAt: new Date(Date.UTC(2025, 2, 14, 9, revision)),
  };
}

function simSale(lineCount = 2, id = "rt-sale-1"): SimSale {
  const lines = Array.from({ length: lineCount }, (_, index) => ({
    id: `${id}-line-${index + 1}`,
    sku: index === 0 ? "PAT-5711-1A" : `BR-${index}`,
    productId: index === 0 ? "prod-nautilus" : `prod-bracelet-${index}`,
    name: index === 0 ? "Nautilus 5711/1A" : `Bracelet ${index}`,
    brand: index === 0 ? "Patek Philippe" : "Vitrine Atelier",
    quantity: index === 0 ? 1 : 2,
    unitPriceMinor: index === 0 ? 12_500_000 : 45_050,
    discountMinor: index === 0 ? 0 : 4_505,
    serialNumbers: index === 0 ? ["PP-5711-889123"] : [],
  }));
  return {
    id,
    locationId: "655441491",
    currency: "CHF",
    customer: simCustomer(),
    associateId: "staff-3",
    lines,
    taxMinor: 969_196,
    completedAt: new Date("2025-03-14T10:00:00Z"),
    revision: 1,
    updatedAt: new Date("2025-03-14T10:00:05Z"),
    status: "completed",
  };
}

async function deliveredChanges(event: SimEvent, connection: ApiConnection): Promise<{ topic: string; eventId: string; changes: CanonicalChange[] }[]> {
  const results = [];
  for (const delivery of simulator.deliveries(event, simConnection, server.data)) {
    // Headers arrive lower-cased at the receiver.
    const headers = Object.fromEntries(Object.entries(delivery.headers).map(([name, value]) => [name.toLowerCase(), value]));
    const received = deliveryOf(delivery.body, headers);
    const webhookConnection = connectionFor("shopify", secret, simConnection.config);
    expect(webhook.verify(received, webhookConnection)).toEqual({ ok: true });
    expect(headers).toMatchObject({ "x-shopify-shop-domain": shop, "x-shopify-api-version": "2025-01", "x-shopify-webhook-id": expect.any(String), "x-shopify-triggered-at": expect.any(String) });
    for (const inbox of webhook.events(received, webhookConnection)) {
      results.push({ topic: inbox.topic, eventId: inbox.eventId, changes: await sync.changes({ ...inbox, receivedAt: new Date() }, connection, httpFor(connection)) });
    }
  }
  return results;
}

describe("Shopify simulator → webhooks → canonical changes (round trip)", () => {
  it("gives back the sale, the return and the client the simulator made", async () => {
    const sale = simSale();
    const orderId = shopifyId("order", sale.id);
    const customerId = shopifyId("customer", "rt-customer-1");
    const connection = apiConnection();

    simulator.record(server.data, { kind: "sale", sale }, simConnection);
    const saleDeliveries = await deliveredChanges({ kind: "sale", sale }, connection);
    expect(saleDeliveries.map((delivery) => delivery.topic)).toEqual(["orders/create", "orders/paid"]);
    expect(new Set(saleDeliveries.map((delivery) => delivery.eventId)).size).toBe(2);

    const expectedSale: CanonicalSale = {
      externalId: orderId,
      updatedAt: sale.updatedAt,
      version: null,
      locationId: "655441491",
      status: "completed",
      completedAt: sale.completedAt,
      currency: "CHF",
      subtotalMinor: 12_500_000 + 2 * 45_050 - 4_505,
      discountMinor: 4_505,
      taxMinor: 969_196,
      totalMinor: 12_500_000 + 2 * 45_050 - 4_505 + 969_196,
      customer: {
        externalId: customerId,
        updatedAt: simCustomer().updatedAt,
        version: null,
        firstName: "Amélie",
        lastName: "Lindqvist",
        email: "amelie.lindqvist@example.com",
        phone: "+41791234567",
        addressLine: null,
        city: "Geneva",
        postalCode: null,
        country: "CH",
        consentEmail: true,
        consentSms: false,
        note: null,
      },
      customerExternalId: customerId,
      associateExternalId: shopifyId("staff", "staff-3"),
      lines: [
        {
          externalId: shopifyId("line_item", "rt-sale-1-line-1"),
          sku: "PAT-5711-1A",
          productExternalId: shopifyId("product", "prod-nautilus"),
          name: "Nautilus 5711/1A",
          brand: "Patek Philippe",
          quantity: 1,
          unitPriceMinor: 12_500_000,
          discountMinor: 0,
          totalMinor: 12_500_000,
          serialNumbers: ["PP-5711-889123"],
        },
        {
          externalId: shopifyId("line_item", "rt-sale-1-line-2"),
          sku: "BR-1",
          productExternalId: shopifyId("product", "prod-bracelet-1"),
          name: "Bracelet 1",
          brand: "Vitrine Atelier",
          quantity: 2,
          unitPriceMinor: 45_050,
          discountMinor: 4_505,
          totalMinor: 85_595,
          serialNumbers: [],
        },
      ],
    };
    for (const delivery of saleDeliveries) expect(delivery.changes).toEqual([{ kind: "sale", sale: expectedSale }]);
    // The same sim event gives the same event ids (a repeat is recognised), and every id stays exact.
    expect((await deliveredChanges({ kind: "sale", sale }, connection)).map((delivery) => delivery.eventId)).toEqual(saleDeliveries.map((delivery) => delivery.eventId));
    expect(BigInt(orderId) > BigInt(10) ** BigInt(15)).toBe(true);

    const ret: SimReturn = {
      id: "rt-return-1",
      sale,
      locationId: "655441491",
      currency: "CHF",
      lines: [{ lineId: "rt-sale-1-line-1", sku: "PAT-5711-1A", quantity: 1, refundMinor: 12_500_000, serialNumber: "PP-5711-889123" }],
      reason: "Changed mind",
      returnedAt: new Date("2025-03-20T15:30:00Z"),
    };
    simulator.record(server.data, { kind: "return", return: ret }, simConnection);
    const expectedReturn: CanonicalReturn = {
      externalId: shopifyId("refund", "rt-return-1"),
      saleExternalId: orderId,
      locationId: "655441491",
      returnedAt: ret.returnedAt,
      currency: "CHF",
      reason: "Changed mind",
      customerExternalId: null,
      lines: [{ saleLineExternalId: shopifyId("line_item", "rt-sale-1-line-1"), sku: "PAT-5711-1A", quantity: 1, refundMinor: 12_500_000, serialNumber: "PP-5711-889123" }],
    };
    const [refundCreate, orderUpdated] = await deliveredChanges({ kind: "return", return: ret }, connection);
    expect(refundCreate).toMatchObject({ topic: "refunds/create", changes: [{ kind: "return", return: expectedReturn }] });
    expect(orderUpdated.topic).toBe("orders/updated");
    expect(orderUpdated.changes).toEqual([
      { kind: "sale", sale: { ...expectedSale, updatedAt: ret.returnedAt } },
      { kind: "return", return: { ...expectedReturn, customerExternalId: customerId } },
    ]);
    expect(server.data.get("shopify", "refunds", expectedReturn.externalId)).not.toBeNull();
    expect(server.data.get<{ financial_status: string }>("shopify", "orders", orderId)?.object.financial_status).toBe("partially_refunded");

    const customer = simCustomer(2);
    simulator.record(server.data, { kind: "customer", customer }, simConnection);
    const [customerUpdate] = await deliveredChanges({ kind: "customer", customer }, connection);
    expect(customerUpdate).toMatchObject({ topic: "customers/update", changes: [{ kind: "customer", customer: { ...expectedSale.customer, updatedAt: customer.updatedAt, consentEmail: false } }] });

    // A backfill reads the same order through GraphQL and must agree with the webhook path.
    const page = await sync.backfillPage({ resource: "orders", cursor: null, since: new Date("2025-03-20T00:00:00Z"), connection, http: httpFor(connection) });
    expect(page.changes).toEqual(orderUpdated.changes);
  });

  it("keeps a location id that is not numeric, as storeMapping names it", async () => {
    const sale = { ...simSale(1, "rt-sale-location"), locationId: "loc-geneva" };
    const [delivery] = await deliveredChanges({ kind: "sale", sale }, apiConnection());
    expect((delivery.changes[0] as { sale: CanonicalSale }).sale.locationId).toBe("loc-geneva");
  });

  it("writes serials to the Serializer metafield when the connection says so", async () => {
    const config = { shopDomain: shop, serialSource: { kind: "metafield", namespace: "serializer", key: "properties" } };
    const sale = simSale(1, "rt-sale-metafield");
    simulator.record(server.data, { kind: "sale", sale }, { ...simConnection, config });
    const connection = apiConnection(config);
    const [delivery] = simulator.deliveries({ kind: "sale", sale }, { ...simConnection, config }, server.data);
    expect(delivery.body.toString("utf8")).not.toContain("PP-5711-889123");
    const [change] = await sync.changes(storedEvent(delivery.body, "orders/create"), connection, httpFor(connection));
    expect((change as { sale: CanonicalSale }).sale.lines[0].serialNumbers).toEqual(["PP-5711-889123"]);
  });
});

/* ------------------------------------------------------------------------------------------------ */

describe("Shopify backfill (GraphQL)", () => {
  const products = [
    { sku: "PAT-5711-1A", productId: "p-1", name: "Nautilus", brand: "Patek Philippe", priceMinor: 12_500_000, serialized: true },
    { sku: "CAR-LOVE-B6067", productId: "p-2", name: "Love bracelet", brand: "Cartier", priceMinor: 745_000, serialized: true },
    { sku: "POL-CLOTH", productId: "p-3", name: "Polishing cloth", brand: "Vitrine", priceMinor: 2_500, serialized: false },
  ];

  async function runAll(resource: string, connection: ApiConnection, cursor: BackfillCursor | null, waits: number[], throttleWaits: number[]) {
    const connector = createShopifySync({
      sleep: async (ms) => {
        throttleWaits.push(ms);
      },
    });
    const changes: CanonicalChange[] = [];
    let pages = 0;
    do {
      // a new client per page, as a restarted worker would have
      const page = await connector.backfillPage({ resource, cursor, since: null, connection, http: httpFor(connection, waits) });
      changes.push(...page.changes);
      cursor = page.next ? (JSON.parse(JSON.stringify(page.next)) as BackfillCursor) : null;
      pages += 1;
    } while (cursor);
    return { changes, pages };
  }

  it("walks every page of both resources through 429s and a THROTTLED answer, each record once, resuming from a saved cursor", async () => {
    const data = new FakePosData();
    const local = await startFakePos({ platforms: [fake], token, data, fail429Every: 3 });
    try {
      const scenario = new Scenario({ seed: 7, products, locations: ["655441491", "655441492"], currency: "CHF", start: new Date("2025-03-01T09:00:00Z"), namespace: "bf" });
      for (let step = 0; step < 40; step++) simulator.record(data, scenario.next(), simConnection);
      const customerIds = data.list("shopify", "customers").map((record) => record.id);
      const orderIds = data.list("shopify", "orders").map((record) => record.id);
      expect(customerIds.length).toBeGreaterThan(8);
      expect(orderIds.length).toBeGreaterThan(8);

      const connection = { ...apiConnection({ pageSize: 4, orderPageSize: 3 }), baseUrl: `${local.url}/shopify` };
      const waits: number[] = [];
      const throttleWaits: number[] = [];
      throttleNextGraphql(data, 1);

      // Customers: stop after the first page, save the cursor, resume with a new client.
      const connector = createShopifySync({ sleep: async (ms) => void throttleWaits.push(ms) });
      const first = await connector.backfillPage({ resource: "customers", cursor: null, since: null, connection, http: httpFor(connection, waits) });
      expect(first.next).toEqual({ after: expect.any(String), since: null });
      const rest = await runAll("customers", connection, JSON.parse(JSON.stringify(first.next)) as BackfillCursor, waits, throttleWaits);
      const customers = [...first.changes, ...rest.changes].map((change) => (change as { customer: CanonicalCustomer }).customer.externalId);
      expect(customers.toSorted()).toEqual(customerIds.toSorted());

      const orders = await runAll("orders", connection, null, waits, throttleWaits);
      expect(orders.pages).toBe(Math.ceil(orderIds.length / 3));
      const sales = orders.changes.filter((change) => change.kind === "sale").map((change) => change.sale.externalId);
      expect(sales.toSorted()).toEqual(orderIds.toSorted());
      const refundIds = data.list("shopify", "refunds").map((record) => record.id);
      const returns = orders.changes.filter((change) => change.kind === "return").map((change) => change.return.externalId);
      expect(returns.toSorted()).toEqual(refundIds.toSorted());

      expect(local.rateLimited.shopify).toBeGreaterThan(0);
      expect(waits.some((ms) => ms > 0)).toBe(true);
      // THROTTLED on the first customers page: 4 customers × 4 + 2 points at 100/s, plus the margin
      expect(throttleWaits).toEqual([180 + 100]);
    } finally {
      await local.close();
    }
  });

  it("asks only for what changed since the reconciliation watermark", async () => {
    const data = new FakePosData();
    const local = await startFakePos({ platforms: [fake], token, data });
    try {
      simulator.record(data, { kind: "customer", customer: { ...simCustomer(), id: "old", updatedAt: new Date("2025-01-01T00:00:00Z") } }, simConnection);
      simulator.record(data, { kind: "customer", customer: { ...simCustomer(), id: "new", updatedAt: new Date("2025-03-01T00:00:00Z") } }, simConnection);
      const connection = { ...apiConnection(), baseUrl: `${local.url}/shopify` };
      const page = await sync.backfillPage({ resource: "customers", cursor: null, since: new Date("2025-02-01T00:00:00.123Z"), connection, http: httpFor(connection) });
      expect(page.changes.map((change) => (change as { customer: CanonicalCustomer }).customer.externalId)).toEqual([shopifyId("customer", "new")]);
      expect(page.next).toBeNull();
    } finally {
      await local.close();
    }
  });

  it("re-reads through REST an order with more line items than one page asks for", async () => {
    const data = new FakePosData();
    const local = await startFakePos({ platforms: [fake], token, data });
    try {
      const sale = simSale(12, "big-order");
      simulator.record(data, { kind: "sale", sale }, simConnection);
      const connection = { ...apiConnection(), baseUrl: `${local.url}/shopify` };
      const page = await sync.backfillPage({ resource: "orders", cursor: null, since: null, connection, http: httpFor(connection) });
      expect((page.changes[0] as { sale: CanonicalSale }).sale.lines).toHaveLength(12);
      expect(local.requests.shopify).toBe(2);
    } finally {
      await local.close();
    }
  });

  it("gives up with RateLimited when the query stays throttled", async () => {
    const data = new FakePosData();
    const local = await startFakePos({ platforms: [fake], token, data });
    try {
      throttleNextGraphql(data, 10);
      const connection = { ...apiConnection(), baseUrl: `${local.url}/shopify` };
      const connector = createShopifySync({ sleep: async () => {} });
      await expect(connector.backfillPage({ resource: "customers", cursor: null, since: null, connection, http: httpFor(connection) })).rejects.toThrow(RateLimited);
    } finally {
      await local.close();
    }
  });

  it("refuses a GraphQL answer with errors other than THROTTLED, even with partial data", async () => {
    const answer = { data: { customers: null }, errors: [{ message: "Access denied for customers field.", extensions: { code: "ACCESS_DENIED" } }] };
    const http = new PosHttp({ baseUrl: "http://stub.invalid", fetch: async () => new Response(JSON.stringify(answer), { status: 200 }) });
    const page = sync.backfillPage({ resource: "customers", cursor: null, since: null, connection: apiConnection(), http });
    await expect(page).rejects.toThrow(/ACCESS_DENIED: Access denied/);
    await expect(page).rejects.toMatchObject({ retryable: false });
  });

  it("computes the throttle wait from throttleStatus", () => {
    expect(throttleWaitMs({ requestedQueryCost: 502, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2, restoreRate: 100 } })).toBe(5_000 + 100);
    expect(throttleWaitMs({ requestedQueryCost: 10, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 50, restoreRate: 100 } })).toBe(100);
    expect(throttleWaitMs(null)).toBe(1_000);
  });
});

describe("Shopify write-back", () => {
  it("puts the note on the customer and lands in the fake's writes", async () => {
    const customer = { ...simCustomer(), id: "note-customer" };
    simulator.record(server.data, { kind: "customer", customer }, simConnection);
    const customerExternalId = shopifyId("customer", "note-customer");
    const connection = apiConnection();
    const note = "2025-03-21 — Prefers rose gold; sized 52.";

    const result = await sync.writeCustomerNote?.({ connection, http: httpFor(connection), customerExternalId, note });
    expect(result).toEqual({ externalId: customerExternalId });
    expect(server.data.writes.at(-1)).toMatchObject({ provider: "shopify", kind: "customer_note", id: customerExternalId, body: { customer: { id: customerExternalId, note } } });
    expect(server.data.get<{ note: string }>("shopify", "customers", customerExternalId)?.object.note).toBe(note);
    expect(sync.writeServiceOrder).toBeUndefined();
  });

  it("sends the access token header", () => {
    expect(sync.authHeaders(apiConnection())).toEqual({ "X-Shopify-Access-Token": token });
  });
});
