import { afterEach, describe, expect, it } from "vitest";
import { fake } from "@/lib/pos/clover/fake";
import { cloverIds, simulator } from "@/lib/pos/clover/simulate";
import { ORDERS_WINDOW_MS, sync } from "@/lib/pos/clover/sync";
import { webhook } from "@/lib/pos/clover/webhook";
import { startFakePos, type FakePosServer } from "@/lib/pos/fake/server";
import { PosApiError, PosHttp } from "@/lib/pos/http";
import type { SimConnection, SimCustomer, SimEvent, SimSale } from "@/lib/pos/simulate/scenario";
import type { ApiConnection, BackfillCursor, StoredEvent } from "@/lib/pos/types";
import type { CanonicalChange } from "@/lib/sync/canonical";
import { connectionFor, deliveryOf, fixtureBytes } from "@/tests/fixtures/pos/deliveries";
import { customerAndSaleIds, walkBackfill } from "../../fixtures/pos/backfill";

const fixture = (name: string): unknown => JSON.parse(fixtureBytes(`clover/${name}`).toString("utf8"));
const token = "clover-oauth-token";
const noWait = async () => {};
const MERCHANT = "SJ925KT2ZRR3C";
const OTHER_MERCHANT = "K0PXW4D6R8BNE";

function apiConnection(overrides: Partial<ApiConnection> = {}): ApiConnection {
  return { id: "conn-clover", provider: "clover", baseUrl: null, credentials: { accessToken: token }, config: {}, storeMapping: { [MERCHANT]: "store-5th-ave" }, ...overrides };
}

/** A PosHttp answering from fixture bodies by `METHOD /path` (404 otherwise), recording path and query. */
function fixtureHttp(routes: Record<string, unknown>): { http: PosHttp; calls: string[] } {
  const calls: string[] = [];
  const fetchStub: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const key = `${init?.method ?? "GET"} ${url.pathname}`;
    calls.push(`${key}${url.search}`);
    const body = routes[key];
    return body === undefined ? new Response(JSON.stringify({ message: "Not Found" }), { status: 404 }) : new Response(JSON.stringify(body), { status: 200 });
  };
  return { http: new PosHttp({ baseUrl: "https://api.clover.com", fetch: fetchStub, sleep: noWait }), calls };
}

const apiRoutes = {
  [`GET /v3/merchants/${MERCHANT}/orders/GHIVJT2ABCRSC`]: fixture("order.json"),
  [`GET /v3/merchants/${MERCHANT}/payments/3V1T7QX8N9K2M`]: fixture("payment.json"),
  [`GET /v3/merchants/${MERCHANT}/customers/7YH2QF5M0TZ1A`]: fixture("customer.json"),
  [`GET /v3/merchants/${OTHER_MERCHANT}/customers/7YH2QF5M0TZ1A`]: fixture("customer.json"),
  [`GET /v3/merchants/${MERCHANT}/items/H4J6K8L0M2N4P`]: fixture("item-strap.json"),
  [`GET /v3/merchants/${MERCHANT}/items/ZX81QW3E5R7TY`]: fixture("item-with-stock.json"),
};

/** The existing webhook fixture, through the existing receiver, as the processor sees it. */
function batchEvents(): StoredEvent[] {
  return webhook.events(deliveryOf(fixtureBytes("clover/batch.json")), connectionFor("clover", "code")).map((event) => ({ ...event, receivedAt: new Date() }));
}

const notification = (objectId: string, type: "CREATE" | "UPDATE" | "DELETE", ts: number, merchantId = MERCHANT): StoredEvent => ({
  eventId: `${merchantId}:${objectId}:${type}:${ts}`,
  topic: `${objectId.split(":")[0]}:${type}`,
  account: merchantId,
  payload: { appId: "DRKVJT2ZRRRSC", merchantId, objectId, type, ts },
  receivedAt: new Date(ts + 500),
});

const tanaka = (updatedAt: Date): CanonicalChange => ({
  kind: "customer",
  customer: {
    externalId: "7YH2QF5M0TZ1A",
    firstName: "Hiroshi",
    lastName: "Tanaka",
    email: "h.tanaka@example.com",
    phone: "+12125550147",
    addressLine: "725 Fifth Avenue, Suite 12",
    city: "New York",
    postalCode: "10022",
    country: "US",
    consentEmail: true,
    note: "Collects vintage Submariners",
    updatedAt,
    version: null,
  },
});

const expectedOrder: CanonicalChange[] = [
  {
    kind: "sale",
    sale: {
      externalId: "GHIVJT2ABCRSC",
      locationId: MERCHANT,
      status: "completed",
      completedAt: new Date(1746891751000),
      currency: "USD",
      subtotalMinor: 1_095_000,
      discountMinor: 5_000,
      taxMinor: 87_600,
      totalMinor: 1_182_600,
      customer: null,
      customerExternalId: "7YH2QF5M0TZ1A",
      associateExternalId: "0KFCCZY3NJAFY",
      lines: [
        {
          externalId: "Y1M9QW2E4R6TA",
          sku: "RLX-126610LN",
          productExternalId: "W7Q2KX9M3T5NB",
          name: "Submariner Date 126610LN",
          brand: null,
          quantity: 1,
          unitPriceMinor: 1_050_000,
          discountMinor: 0,
          totalMinor: 1_050_000,
          serialNumbers: ["7Z4Q9K21"],
        },
        {
          externalId: "P3N8BV5C7X1ZD",
          sku: "STRAP-OYS-20",
          productExternalId: "H4J6K8L0M2N4P",
          name: "Oyster strap 20 mm",
          brand: null,
          quantity: 2,
          unitPriceMinor: 25_000,
          discountMinor: 5_000,
          totalMinor: 45_000,
          serialNumbers: [],
        },
      ],
      updatedAt: new Date(1747063200000),
      version: null,
    },
  },
  {
    kind: "return",
    return: {
      externalId: "R5T7Y9U1I3O5P",
      saleExternalId: "GHIVJT2ABCRSC",
      locationId: MERCHANT,
      returnedAt: new Date(1747063200000),
      currency: "USD",
      reason: null,
      customerExternalId: "7YH2QF5M0TZ1A",
      // the line's 45 000 plus the refund's 3 600 of tax
      lines: [{ saleLineExternalId: "P3N8BV5C7X1ZD", sku: "STRAP-OYS-20", quantity: 2, refundMinor: 48_600, serialNumber: null }],
    },
  },
];

describe("Clover sync: fixture payloads", () => {
  it("maps O:CREATE to the client, the sale (SKU from itemCode or the item) and its refund", async () => {
    const { http, calls } = fixtureHttp(apiRoutes);
    const [orderEvent] = batchEvents();
    expect(await sync.changes(orderEvent, apiConnection(), http)).toEqual([tanaka(new Date(1746891751000)), ...expectedOrder]);
    expect(calls[0]).toBe(`GET /v3/merchants/${MERCHANT}/orders/GHIVJT2ABCRSC?expand=lineItems%2Ccustomers%2Cpayments%2Crefunds%2Cemployee`);
    // The watch line has an itemCode: only the strap's item is fetched.
    expect(calls.filter((call) => call.includes("/items/"))).toEqual([`GET /v3/merchants/${MERCHANT}/items/H4J6K8L0M2N4P`]);
  });

  it("maps P:UPDATE through the payment's order", async () => {
    const [, paymentEvent] = batchEvents();
    expect(await sync.changes(paymentEvent, apiConnection(), fixtureHttp(apiRoutes).http)).toEqual([tanaka(new Date(1746891752350)), ...expectedOrder]);
  });

  it("maps C:UPDATE under its own merchant", async () => {
    const [, , customerEvent] = batchEvents();
    const { http, calls } = fixtureHttp(apiRoutes);
    expect(await sync.changes(customerEvent, apiConnection(), http)).toEqual([tanaka(new Date(1746891760120))]);
    expect(calls).toEqual([`GET /v3/merchants/${OTHER_MERCHANT}/customers/7YH2QF5M0TZ1A?expand=emailAddresses%2CphoneNumbers%2Caddresses%2Cmetadata`]);
  });

  it("maps I:UPDATE to the product and its stock", async () => {
    const changes = await sync.changes(notification("I:ZX81QW3E5R7TY", "UPDATE", 1746891799000), apiConnection({ config: { currency: "USD" } }), fixtureHttp(apiRoutes).http);
    expect(changes).toEqual([
      {
        kind: "product",
        product: { externalId: "ZX81QW3E5R7TY", sku: "RLX-126234", name: "Datejust 36 126234", brand: null, priceMinor: 895_000, currency: "USD", isSerialized: null, updatedAt: new Date(1746891790000), version: null },
      },
      { kind: "inventory", inventory: { locationId: MERCHANT, sku: "RLX-126234", productExternalId: "ZX81QW3E5R7TY", onHand: 3, updatedAt: new Date(1746891795000) } },
    ]);
  });

  it("maps deletions from the notification alone, and ignores employees, apps and the handshake", async () => {
    const { http, calls } = fixtureHttp({});
    expect(await sync.changes(notification("C:7YH2QF5M0TZ1A", "DELETE", 1747000000000), apiConnection(), http)).toEqual([
      {
        kind: "customer",
        customer: { externalId: "7YH2QF5M0TZ1A", firstName: null, lastName: null, email: null, phone: null, addressLine: null, city: null, postalCode: null, country: null, deleted: true, updatedAt: new Date(1747000000000), version: null },
      },
    ]);
    const [voided] = await sync.changes(notification("O:GHIVJT2ABCRSC", "DELETE", 1747000000000), apiConnection({ config: { currency: "USD" } }), http);
    expect(voided).toMatchObject({ kind: "sale", sale: { externalId: "GHIVJT2ABCRSC", status: "voided", locationId: MERCHANT, updatedAt: new Date(1747000000000) } });
    for (const objectId of ["E:0KFCCZY3NJAFY", "A:DRKVJT2ZRRRSC"]) {
      expect(await sync.changes(notification(objectId, "UPDATE", 1), apiConnection(), http)).toEqual([{ kind: "ignored", reason: expect.stringContaining("not used by Vitrine") }]);
    }
    const handshake = { eventId: "verification:x", topic: "verification", account: null, payload: { verificationCode: "x" }, receivedAt: new Date() };
    expect(await sync.changes(handshake, apiConnection(), http)).toEqual([{ kind: "ignored", reason: "Clover verification handshake" }]);
    expect(calls).toEqual([]);
  });

  it("reads unitQty with a configured scale and refuses a fractional quantity", async () => {
    const order = fixture("order.json") as { lineItems: { elements: Record<string, unknown>[] } };
    order.lineItems.elements[1].unitQty = 2;
    const routes = { ...apiRoutes, [`GET /v3/merchants/${MERCHANT}/orders/GHIVJT2ABCRSC`]: order };
    const scaled = await sync.changes(notification("O:GHIVJT2ABCRSC", "UPDATE", 1), apiConnection({ config: { unitQtyScale: 1 } }), fixtureHttp(routes).http);
    expect(scaled.flatMap((change) => (change.kind === "sale" ? change.sale.lines.map((line) => line.quantity) : []))).toEqual([1, 2]);
    order.lineItems.elements[1].unitQty = 1500;
    await expect(sync.changes(notification("O:GHIVJT2ABCRSC", "UPDATE", 1), apiConnection(), fixtureHttp(routes).http)).rejects.toThrow(/not a whole number of units/);
  });
});

/* ------------------------------------------------------------------------------------------------ */

const authCode = "8c1f2e4d-6a7b-4c3d-9e0f-1a2b3c4d5e6f";
const simConnection: SimConnection = { id: "conn-clover", secret: authCode, config: { appId: "DRKVJT2ZRRRSC", defaultMerchantId: MERCHANT }, webhookUrl: "https://vitrine.example.com/api/webhooks/clover" };
const webhookConnection = connectionFor("clover", authCode, simConnection.config);

function simCustomer(id: string, revision: number, at: Date, overrides: Partial<SimCustomer> = {}): SimCustomer {
  return { id, firstName: "Chiara", lastName: "Rossi", email: `${id}@example.com`, phone: "+12125550100", city: "New York", country: "US", consentEmail: true, consentSms: false, note: null, revision, updatedAt: at, ...overrides };
}

function simSale(id: string, merchantId: string, at: Date, customer: SimCustomer | null): SimSale {
  return {
    id,
    locationId: merchantId,
    currency: "USD",
    customer,
    associateId: "staff-4",
    lines: [
      { id: `${id}-l1`, sku: "CRT-TANK-MC", productId: "p-tank", name: "Tank Must", brand: "Cartier", quantity: 1, unitPriceMinor: 345_000, discountMinor: 0, serialNumbers: ["CRT-2024-77105"] },
      { id: `${id}-l2`, sku: "POL-CLOTH", productId: "p-cloth", name: "Polishing cloth", brand: "Vitrine", quantity: 3, unitPriceMinor: 1_200, discountMinor: 600, serialNumbers: [] },
    ],
    taxMinor: 30_900,
    completedAt: at,
    revision: 1,
    updatedAt: at,
    status: "completed",
  };
}

let server: FakePosServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function deliver(event: SimEvent, server: FakePosServer, http: PosHttp, connection: ApiConnection): Promise<CanonicalChange[]> {
  simulator.record(server.data, event, simConnection);
  const changes: CanonicalChange[] = [];
  for (const delivery of simulator.deliveries(event, simConnection, server.data)) {
    const received = { rawBody: delivery.body, headers: delivery.headers };
    expect(webhook.verify(received, webhookConnection)).toEqual({ ok: true });
    for (const inbox of webhook.events(received, webhookConnection)) changes.push(...(await sync.changes({ ...inbox, receivedAt: new Date() }, connection, http)));
  }
  return changes;
}

describe("Clover sync: simulator → webhook → fake API round trip", () => {
  it("turns a sale, its refund, a client update and a stock change into the expected canonical changes", async () => {
    server = await startFakePos({ platforms: [fake], token });
    const connection = apiConnection({ baseUrl: `${server.url}/clover`, config: { currency: "USD" } });
    const http = new PosHttp({ baseUrl: connection.baseUrl!, headers: sync.authHeaders(connection), sleep: noWait });
    const chiara = simCustomer("c-chiara", 1, new Date("2026-03-02T10:00:00.000Z"));
    const sale = simSale("s-1", MERCHANT, new Date("2026-03-02T10:05:00.000Z"), chiara);
    const orderId = cloverIds.order(sale.id);
    const chiaraId = cloverIds.customer(chiara.id);

    // One POST carries the client and the order; each yields its own changes.
    const deliveries = (simulator.record(server.data, { kind: "sale", sale }, simConnection), simulator.deliveries({ kind: "sale", sale }, simConnection, server.data));
    expect(deliveries).toHaveLength(1);
    expect(webhook.events({ rawBody: deliveries[0].body, headers: deliveries[0].headers }, webhookConnection).map((event) => event.topic)).toEqual(["C:CREATE", "O:CREATE"]);

    const saleChanges = await deliver({ kind: "sale", sale }, server, http, connection);
    expect(saleChanges.map((change) => change.kind)).toEqual(["customer", "customer", "sale"]);
    const expectedSale = {
      externalId: orderId,
      locationId: MERCHANT,
      status: "completed",
      completedAt: sale.completedAt,
      currency: "USD",
      subtotalMinor: 348_000,
      discountMinor: 600,
      taxMinor: 30_900,
      totalMinor: 378_900,
      customer: null,
      customerExternalId: chiaraId,
      associateExternalId: cloverIds.employee("staff-4"),
      lines: [
        { externalId: cloverIds.lineItem("s-1-l1"), sku: "CRT-TANK-MC", productExternalId: cloverIds.item(MERCHANT, "p-tank"), name: "Tank Must", brand: null, quantity: 1, unitPriceMinor: 345_000, discountMinor: 0, totalMinor: 345_000, serialNumbers: ["CRT-2024-77105"] },
        { externalId: cloverIds.lineItem("s-1-l2"), sku: "POL-CLOTH", productExternalId: cloverIds.item(MERCHANT, "p-cloth"), name: "Polishing cloth", brand: null, quantity: 3, unitPriceMinor: 1_200, discountMinor: 600, totalMinor: 3_000, serialNumbers: [] },
      ],
      updatedAt: sale.updatedAt,
      version: null,
    };
    expect(saleChanges[2]).toEqual({ kind: "sale", sale: expectedSale });

    const returnedAt = new Date("2026-03-05T15:00:00.000Z");
    const returnChanges = await deliver(
      {
        kind: "return",
        return: { id: "r-1", sale, locationId: MERCHANT, currency: "USD", lines: [{ lineId: "s-1-l1", sku: "CRT-TANK-MC", quantity: 1, refundMinor: 345_000, serialNumber: "CRT-2024-77105" }], reason: "Changed mind", returnedAt },
      },
      server,
      http,
      connection,
    );
    expect(returnChanges.map((change) => change.kind)).toEqual(["customer", "sale", "return"]);
    expect(returnChanges[1]).toEqual({ kind: "sale", sale: { ...expectedSale, updatedAt: returnedAt } });
    expect(returnChanges[2]).toEqual({
      kind: "return",
      return: {
        externalId: cloverIds.refund("r-1"),
        saleExternalId: orderId,
        locationId: MERCHANT,
        returnedAt,
        currency: "USD",
        reason: null,
        customerExternalId: chiaraId,
        lines: [{ saleLineExternalId: cloverIds.lineItem("s-1-l1"), sku: "CRT-TANK-MC", quantity: 1, refundMinor: 345_000, serialNumber: "CRT-2024-77105" }],
      },
    });

    const updatedAt = new Date("2026-03-06T09:00:00.000Z");
    expect(await deliver({ kind: "customer", customer: { ...chiara, city: "Paris", country: "FR", consentEmail: false, revision: 2, updatedAt } }, server, http, connection)).toEqual([
      {
        kind: "customer",
        customer: {
          externalId: chiaraId,
          firstName: "Chiara",
          lastName: "Rossi",
          email: "c-chiara@example.com",
          phone: "+12125550100",
          addressLine: null,
          city: "Paris",
          postalCode: null,
          country: "FR",
          consentEmail: false,
          note: null,
          updatedAt,
          version: null,
        },
      },
    ]);

    const countedAt = new Date("2026-03-06T18:00:00.000Z");
    const stock = await deliver({ kind: "inventory", inventory: { locationId: MERCHANT, sku: "CRT-TANK-MC", productId: "p-tank", onHand: 2, updatedAt: countedAt } }, server, http, connection);
    expect(stock).toEqual([
      expect.objectContaining({ kind: "product", product: expect.objectContaining({ externalId: cloverIds.item(MERCHANT, "p-tank"), sku: "CRT-TANK-MC", priceMinor: 345_000, currency: "USD" }) }),
      { kind: "inventory", inventory: { locationId: MERCHANT, sku: "CRT-TANK-MC", productExternalId: cloverIds.item(MERCHANT, "p-tank"), onHand: 2, updatedAt: countedAt } },
    ]);
  });

  it("makes 13-character upper-case base32 ids, the same every time", () => {
    expect(cloverIds.order("s-1")).toMatch(/^[0-9A-HJKMNP-TV-Z]{13}$/);
    expect(cloverIds.order("s-1")).toBe(cloverIds.order("s-1"));
    expect(cloverIds.order("s-1")).not.toBe(cloverIds.order("s-2"));
  });
});

/* ------------------------------------------------------------------------------------------------ */

function runner(connection: ApiConnection): { http: PosHttp; waits: number[] } {
  const waits: number[] = [];
  const http = new PosHttp({
    baseUrl: connection.baseUrl!,
    headers: sync.authHeaders(connection),
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { http, waits };
}

async function walk(resource: string, connection: ApiConnection, http: PosHttp, cursor: BackfillCursor | null = null, maxPages = Infinity): Promise<{ ids: string[]; cursor: BackfillCursor | null }> {
  const walked = await walkBackfill(sync, resource, connection, http, cursor, maxPages);
  return { ids: customerAndSaleIds(walked.changes), cursor: walked.cursor };
}

describe("Clover sync: backfill", () => {
  const DAY = 24 * 3600 * 1000;

  /** Two merchants, sales spread over 200 days (three 90-day windows), pairs sharing a modifiedTime. */
  async function seed(): Promise<{ connection: ApiConnection; saleIds: string[]; customerIds: string[] }> {
    server = await startFakePos({ platforms: [fake], token, fail429Every: 3 });
    const now = Date.now();
    const connection = apiConnection({
      baseUrl: `${server.url}/clover`,
      storeMapping: { [MERCHANT]: "store-5th-ave", [OTHER_MERCHANT]: "store-madison" },
      config: { backfillFrom: new Date(now - 200 * DAY).toISOString(), pageSize: 3 },
    });
    const saleIds: string[] = [];
    const customerIds: string[] = [];
    for (let index = 0; index < 22; index++) {
      const at = new Date(now - 199 * DAY + Math.floor(index / 2) * 18 * DAY);
      const customer = simCustomer(`c-${index}`, 1, at);
      const sale = simSale(`s-${index}`, index % 3 === 0 ? OTHER_MERCHANT : MERCHANT, at, customer);
      simulator.record(server.data, { kind: "sale", sale }, simConnection);
      saleIds.push(cloverIds.order(sale.id));
      customerIds.push(cloverIds.customer(customer.id));
    }
    // Outside the backfill period: never asked for.
    simulator.record(server.data, { kind: "sale", sale: simSale("s-ancient", MERCHANT, new Date(now - 400 * DAY), null) }, simConnection);
    return { connection, saleIds, customerIds };
  }

  it("walks every customer and order exactly once in ≤90-day windows through injected 429s", async () => {
    const { connection, saleIds, customerIds } = await seed();
    const { http, waits } = runner(connection);
    const customers = await walk("customers", connection, http);
    const orders = await walk("orders", connection, http);
    expect(customers.ids.sort()).toEqual([...customerIds].sort());
    expect(orders.ids.sort()).toEqual([...saleIds].sort());
    expect(server!.rateLimited.clover).toBeGreaterThan(0);
    // Retry-After: 1 on every 429
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1_000);
  });

  it("resumes from a saved cursor with a new client: no duplicates, nothing missing", async () => {
    const { connection, saleIds } = await seed();
    const first = await walk("orders", connection, runner(connection).http, null, 2);
    expect(first.cursor).not.toBeNull();
    const rest = await walk("orders", connection, runner(connection).http, first.cursor);
    const all = [...first.ids, ...rest.ids];
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual([...saleIds].sort());
  });

  it("has the fake refuse an order listing without a window, or wider than 90 days", async () => {
    server = await startFakePos({ platforms: [fake], token });
    const http = new PosHttp({ baseUrl: `${server.url}/clover`, headers: { authorization: `Bearer ${token}` }, sleep: noWait });
    const path = `/v3/merchants/${MERCHANT}/orders`;
    await expect(http.json({ path })).rejects.toMatchObject({ status: 400 });
    await expect(http.json({ path, query: { filter: ["modifiedTime>=0", `modifiedTime<=${ORDERS_WINDOW_MS + 1}`] } })).rejects.toMatchObject({ status: 400 });
    await expect(http.json({ path, query: { filter: ["modifiedTime>=0", `modifiedTime<=${ORDERS_WINDOW_MS}`], limit: 1001 } })).rejects.toMatchObject({ status: 400 });
    expect(await http.json({ path, query: { filter: ["modifiedTime>=0", `modifiedTime<=${ORDERS_WINDOW_MS}`] } })).toEqual({ elements: [], href: expect.any(String) });
  });
});

describe("Clover sync: write-back and errors", () => {
  it("posts the note to the connection's only merchant", async () => {
    server = await startFakePos({ platforms: [fake], token });
    const connection = apiConnection({ baseUrl: `${server.url}/clover` });
    const chiara = simCustomer("c-chiara", 1, new Date("2026-03-02T10:00:00.000Z"));
    simulator.record(server.data, { kind: "customer", customer: chiara }, simConnection);
    const id = cloverIds.customer(chiara.id);
    expect(await sync.writeCustomerNote!({ connection, http: runner(connection).http, customerExternalId: id, note: "Ring size 52" })).toEqual({ externalId: id });
    expect(server.data.writes).toEqual([expect.objectContaining({ provider: "clover", account: MERCHANT, kind: "customer_note", id, body: { metadata: { note: "Ring size 52" } } })]);
    expect(server.data.get("clover", "customers", id)?.object).toMatchObject({ metadata: { note: "Ring size 52" }, firstName: "Chiara" });
  });

  it("asks for config.defaultMerchantId when the connection covers several merchants", async () => {
    const connection = apiConnection({ storeMapping: { [MERCHANT]: "a", [OTHER_MERCHANT]: "b" } });
    const { http, calls } = fixtureHttp({});
    await expect(sync.writeCustomerNote!({ connection, http, customerExternalId: "7YH2QF5M0TZ1A", note: "x" })).rejects.toThrow(/defaultMerchantId/);
    expect(calls).toEqual([]);
    await expect(sync.writeCustomerNote!({ connection: { ...connection, config: { defaultMerchantId: OTHER_MERCHANT } }, http, customerExternalId: "7YH2QF5M0TZ1A", note: "x" })).rejects.toMatchObject({ status: 404 });
    expect(calls).toEqual([`POST /v3/merchants/${OTHER_MERCHANT}/customers/7YH2QF5M0TZ1A`]);
  });

  it("fails a re-fetch that 404s with a clear, non-retryable error", async () => {
    server = await startFakePos({ platforms: [fake], token });
    const connection = apiConnection({ baseUrl: `${server.url}/clover` });
    const error = await sync.changes(notification("O:NOSUCHORDER01", "UPDATE", 1), connection, runner(connection).http).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PosApiError);
    expect(error).toMatchObject({ status: 404, retryable: false, message: expect.stringContaining("Clover order NOSUCHORDER01 not found") });
  });
});
