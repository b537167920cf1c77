import { afterEach, describe, expect, it } from "vitest";
import { FakePosData } from "@/lib/pos/fake/data";
import { startFakePos, type FakePosServer } from "@/lib/pos/fake/server";
import { PosApiError, PosHttp } from "@/lib/pos/http";
import type { SimConnection, SimCustomer, SimEvent, SimSale } from "@/lib/pos/simulate/scenario";
import { fake } from "@/lib/pos/square/fake";
import { simulator, squareIds } from "@/lib/pos/square/simulate";
import { sync } from "@/lib/pos/square/sync";
import { webhook } from "@/lib/pos/square/webhook";
import type { ApiConnection, BackfillCursor, StoredEvent } from "@/lib/pos/types";
import type { CanonicalChange } from "@/lib/sync/canonical";
import { fixtureBytes } from "@/tests/fixtures/pos/deliveries";
import { customerAndSaleIds, walkBackfill } from "../../fixtures/pos/backfill";

const fixture = (name: string): unknown => JSON.parse(fixtureBytes(`square/${name}`).toString("utf8"));
const token = "sq0atp-test-token";
const noWait = async () => {};

function apiConnection(overrides: Partial<ApiConnection> = {}): ApiConnection {
  return { id: "conn-square", provider: "square", baseUrl: null, credentials: { accessToken: token }, config: {}, storeMapping: { L5XR3W9MDK2PQ: "store-5th-ave" }, ...overrides };
}

/** A PosHttp answering from fixture bodies by `METHOD /path` (404 otherwise), recording what was asked. */
function fixtureHttp(routes: Record<string, unknown>): { http: PosHttp; calls: string[] } {
  const calls: string[] = [];
  const fetchStub: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const key = `${init?.method ?? "GET"} ${url.pathname}`;
    calls.push(key);
    const body = routes[key];
    return body === undefined
      ? new Response(JSON.stringify({ errors: [{ category: "INVALID_REQUEST_ERROR", code: "NOT_FOUND", detail: "not found" }] }), { status: 404 })
      : new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { http: new PosHttp({ baseUrl: "https://connect.squareup.com", fetch: fetchStub, sleep: noWait }), calls };
}

const storedEvent = (payload: unknown): StoredEvent => {
  const envelope = payload as { event_id: string; type: string; merchant_id: string };
  return { eventId: envelope.event_id, topic: envelope.type, account: envelope.merchant_id, payload, receivedAt: new Date("2025-05-14T08:00:05Z") };
};

const apiRoutes = {
  "GET /v2/orders/pV7kLq2mN8sXcR4tY6wZ0aBdEfGhJ": fixture("order-completed.json"),
  "GET /v2/orders/wZ5yT1kR8mQ3nV6cX0bL2pJ4dHfGs": fixture("order-return.json"),
  "GET /v2/customers/JDKYHBWT1D4F8MFH63DBMEN8Y4": fixture("customer.json"),
  "GET /v2/catalog/object/BEMYCSMIJL46OCDV4KYIKXIB": fixture("catalog-necklace.json"),
  "GET /v2/catalog/object/K3QZ7WTNE5YHX2MDRB6VJ4PA": fixture("catalog-earrings.json"),
};

const amelie: CanonicalChange = {
  kind: "customer",
  customer: {
    externalId: "JDKYHBWT1D4F8MFH63DBMEN8Y4",
    firstName: "Amélie",
    lastName: "Moreau",
    email: "amelie.moreau@example.com",
    phone: "+41791234567",
    addressLine: "Rue du Rhône 48, 4e étage",
    city: "Genève",
    postalCode: "1204",
    country: "CH",
    consentEmail: true,
    note: "Prefers rose gold",
    updatedAt: new Date("2025-04-02T16:04:01.000Z"),
    version: "7",
  },
};

describe("Square sync: fixture payloads", () => {
  it("maps payment.updated to the client, then the re-fetched order with SKUs from the catalog and serials from notes", async () => {
    const { http, calls } = fixtureHttp(apiRoutes);
    const changes = await sync.changes(storedEvent(fixture("payment-updated.json")), apiConnection(), http);
    expect(changes).toEqual([
      amelie,
      {
        kind: "sale",
        sale: {
          externalId: "pV7kLq2mN8sXcR4tY6wZ0aBdEfGhJ",
          locationId: "L5XR3W9MDK2PQ",
          status: "completed",
          completedAt: new Date("2025-04-02T16:05:12.390Z"),
          currency: "USD",
          subtotalMinor: 1_140_000,
          discountMinor: 50_000,
          taxMinor: 105_000,
          totalMinor: 1_245_000,
          customer: null,
          customerExternalId: "JDKYHBWT1D4F8MFH63DBMEN8Y4",
          associateExternalId: "TMa9b3xR2Lk7QpVn",
          lines: [
            {
              externalId: "8uSwfzvUImn3IRrvciqlXC",
              sku: "RVN-18WG-72",
              productExternalId: "BEMYCSMIJL46OCDV4KYIKXIB",
              name: "Rivière necklace",
              brand: null,
              quantity: 1,
              unitPriceMinor: 1_100_000,
              discountMinor: 50_000,
              totalMinor: 1_134_000,
              serialNumbers: ["RVN-7731-A"],
            },
            {
              externalId: "Qm4tB2xLp9RzVw7kYc3nHd",
              sku: "PRL-AKY-07",
              productExternalId: "K3QZ7WTNE5YHX2MDRB6VJ4PA",
              name: "Pearl stud earrings",
              brand: null,
              quantity: 2,
              unitPriceMinor: 45_000,
              discountMinor: 0,
              totalMinor: 111_000,
              serialNumbers: ["EAR-0001", "EAR-0002"],
            },
          ],
          updatedAt: new Date("2025-04-02T16:05:12.402Z"),
          version: "4",
        },
      },
    ]);
    expect(calls.filter((call) => call.includes("/catalog/"))).toHaveLength(2);
  });

  it("maps refund.created to the return order's itemised return", async () => {
    const { http } = fixtureHttp(apiRoutes);
    const changes = await sync.changes(storedEvent(fixture("refund-created.json")), apiConnection(), http);
    expect(changes).toEqual([
      amelie,
      {
        kind: "return",
        return: {
          externalId: "wZ5yT1kR8mQ3nV6cX0bL2pJ4dHfGs:nB7cV2xZ9lK4jH1gF6dS3a",
          saleExternalId: "pV7kLq2mN8sXcR4tY6wZ0aBdEfGhJ",
          locationId: "L5XR3W9MDK2PQ",
          returnedAt: new Date("2025-04-09T11:20:07.000Z"),
          currency: "USD",
          reason: "Gift exchange",
          customerExternalId: "JDKYHBWT1D4F8MFH63DBMEN8Y4",
          lines: [{ saleLineExternalId: "Qm4tB2xLp9RzVw7kYc3nHd", sku: "PRL-AKY-07", quantity: 1, refundMinor: 55_500, serialNumber: "EAR-0002" }],
        },
      },
    ]);
  });

  it("maps customer.deleted from the envelope, without a fetch", async () => {
    const { http, calls } = fixtureHttp({});
    const changes = await sync.changes(storedEvent(fixture("customer-deleted.json")), apiConnection(), http);
    expect(calls).toEqual([]);
    expect(changes).toEqual([
      {
        kind: "customer",
        customer: {
          externalId: "JDKYHBWT1D4F8MFH63DBMEN8Y4",
          firstName: "Amélie",
          lastName: "Moreau",
          email: "amelie.moreau@example.com",
          phone: null,
          addressLine: null,
          city: null,
          postalCode: null,
          country: null,
          consentEmail: false,
          note: null,
          deleted: true,
          updatedAt: new Date("2025-05-14T08:00:00.000Z"),
          version: "9",
        },
      },
    ]);
  });

  it("maps inventory.count.updated's IN_STOCK counts with the variation's SKU", async () => {
    const { http } = fixtureHttp(apiRoutes);
    expect(await sync.changes(storedEvent(fixture("inventory-count-updated.json")), apiConnection(), http)).toEqual([
      {
        kind: "inventory",
        inventory: { locationId: "L5XR3W9MDK2PQ", sku: "PRL-AKY-07", productExternalId: "K3QZ7WTNE5YHX2MDRB6VJ4PA", onHand: 4, updatedAt: new Date("2025-04-02T16:05:12.950Z") },
      },
    ]);
  });

  it("reads no serials with serialSource none, and another pattern when configured", async () => {
    const none = await sync.changes(storedEvent(fixture("payment-updated.json")), apiConnection({ config: { serialSource: { kind: "none" } } }), fixtureHttp(apiRoutes).http);
    expect(none.flatMap((change) => (change.kind === "sale" ? change.sale.lines.map((line) => line.serialNumbers) : []))).toEqual([[], []]);
    const gia = await sync.changes(
      storedEvent(fixture("payment-updated.json")),
      apiConnection({ config: { serialSource: { kind: "line_item_note", pattern: "GIA (\\d+)" } } }),
      fixtureHttp(apiRoutes).http,
    );
    expect(gia.flatMap((change) => (change.kind === "sale" ? change.sale.lines.map((line) => line.serialNumbers) : []))).toEqual([["2141438167"], []]);
  });

  it("refuses a serial pattern without a capture group, and ignores topics Vitrine does not use", async () => {
    const bad = apiConnection({ config: { serialSource: { kind: "line_item_note", pattern: "S/N: \\S+" } } });
    await expect(sync.changes(storedEvent(fixture("payment-updated.json")), bad, fixtureHttp(apiRoutes).http)).rejects.toMatchObject({ retryable: false });
    const test = { merchant_id: "M", type: "webhooks.test_notification", event_id: "e1", data: {} };
    expect(await sync.changes(storedEvent(test), apiConnection(), fixtureHttp({}).http)).toEqual([{ kind: "ignored", reason: "Square webhooks.test_notification is not used by Vitrine" }]);
  });

  it("sends the bearer token and the pinned Square-Version", () => {
    expect(sync.authHeaders(apiConnection())).toEqual({ authorization: `Bearer ${token}`, "square-version": "2025-01-23" });
  });
});

/* ------------------------------------------------------------------------------------------------ */

const LOCATION = "L5XR3W9MDK2PQ";
const notificationUrl = "https://vitrine.example.com/api/webhooks/square/conn-square";
const simConnection: SimConnection = { id: "conn-square", secret: "sig-key-123", config: { notificationUrl, merchantId: "ML8M1AQ1GQG2K" }, webhookUrl: notificationUrl };
const webhookConnection = { id: "conn-square", provider: "square" as const, secret: simConnection.secret, config: simConnection.config };

function simCustomer(id: string, revision: number, at: Date, overrides: Partial<SimCustomer> = {}): SimCustomer {
  return { id, firstName: "Lars", lastName: "Lindqvist", email: `${id}@example.com`, phone: "+41790000001", city: "Zurich", country: "CH", consentEmail: true, consentSms: false, note: null, revision, updatedAt: at, ...overrides };
}

function simSale(id: string, locationId: string, at: Date, customer: SimCustomer | null): SimSale {
  return {
    id,
    locationId,
    currency: "CHF",
    customer,
    associateId: "staff-2",
    lines: [
      { id: `${id}-l1`, sku: "OMG-SPM-300", productId: "p-seamaster", name: "Seamaster 300M", brand: "Omega", quantity: 1, unitPriceMinor: 620_000, discountMinor: 31_000, serialNumbers: ["OM-88412035"] },
      { id: `${id}-l2`, sku: "CLN-KIT", productId: "p-cleaning", name: "Cleaning kit", brand: "Vitrine", quantity: 2, unitPriceMinor: 2_500, discountMinor: 0, serialNumbers: [] },
    ],
    taxMinor: 45_738,
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

async function deliver(event: SimEvent, data: FakePosData, http: PosHttp, connection: ApiConnection): Promise<CanonicalChange[]> {
  simulator.record(data, event, simConnection);
  const changes: CanonicalChange[] = [];
  for (const delivery of simulator.deliveries(event, simConnection, data)) {
    const received = { rawBody: delivery.body, headers: delivery.headers };
    expect(webhook.verify(received, webhookConnection)).toEqual({ ok: true });
    for (const inbox of webhook.events(received, webhookConnection)) {
      changes.push(...(await sync.changes({ ...inbox, receivedAt: new Date() }, connection, http)));
    }
  }
  return changes;
}

describe("Square sync: simulator → webhook → fake API round trip", () => {
  it("turns a sale, its return, a client update and a stock change into the expected canonical changes", async () => {
    server = await startFakePos({ platforms: [fake], token });
    const connection = apiConnection({ baseUrl: `${server.url}/square` });
    const http = new PosHttp({ baseUrl: connection.baseUrl!, headers: sync.authHeaders(connection), sleep: noWait });
    const t0 = new Date("2026-03-02T10:00:00.000Z");
    const lars = simCustomer("c-lars", 1, t0);
    const sale = simSale("s-1", LOCATION, new Date("2026-03-02T10:05:00.000Z"), lars);
    const orderId = squareIds.order(sale.id);
    const larsId = squareIds.customer(lars.id);

    const saleChanges = await deliver({ kind: "sale", sale }, server.data, http, connection);
    expect(saleChanges.map((change) => change.kind)).toEqual(["customer", "sale"]);
    expect(saleChanges[1]).toEqual({
      kind: "sale",
      sale: {
        externalId: orderId,
        locationId: LOCATION,
        status: "completed",
        completedAt: sale.completedAt,
        currency: "CHF",
        subtotalMinor: 594_000,
        discountMinor: 31_000,
        taxMinor: 45_738,
        totalMinor: 639_738,
        customer: null,
        customerExternalId: larsId,
        associateExternalId: squareIds.teamMember("staff-2"),
        lines: [
          expect.objectContaining({ externalId: squareIds.uid("s-1-l1"), sku: "OMG-SPM-300", quantity: 1, unitPriceMinor: 620_000, discountMinor: 31_000, serialNumbers: ["OM-88412035"] }),
          expect.objectContaining({ externalId: squareIds.uid("s-1-l2"), sku: "CLN-KIT", quantity: 2, unitPriceMinor: 2_500, discountMinor: 0, serialNumbers: [] }),
        ],
        updatedAt: sale.updatedAt,
        version: "1",
      },
    });
    const lineTotals = saleChanges[1].kind === "sale" ? saleChanges[1].sale.lines.reduce((sum, line) => sum + line.totalMinor, 0) : 0;
    expect(lineTotals).toBe(639_738);

    // A later edit arrives as order.updated (no payment in it): same associate, newer version.
    const editedAt = new Date("2026-03-02T12:00:00.000Z");
    const editChanges = await deliver({ kind: "sale", sale: { ...sale, revision: 2, updatedAt: editedAt } }, server.data, http, connection);
    expect(editChanges.at(-1)).toMatchObject({ kind: "sale", sale: { externalId: orderId, associateExternalId: squareIds.teamMember("staff-2"), version: "2", updatedAt: editedAt } });

    const returnedAt = new Date("2026-03-05T15:00:00.000Z");
    const returnChanges = await deliver(
      {
        kind: "return",
        return: { id: "r-1", sale, locationId: LOCATION, currency: "CHF", lines: [{ lineId: "s-1-l1", sku: "OMG-SPM-300", quantity: 1, refundMinor: 589_000, serialNumber: "OM-88412035" }], reason: "Changed mind", returnedAt },
      },
      server.data,
      http,
      connection,
    );
    expect(returnChanges.at(-1)).toEqual({
      kind: "return",
      return: {
        externalId: `${squareIds.order("r-1")}:${squareIds.uid("return:r-1")}`,
        saleExternalId: orderId,
        locationId: LOCATION,
        returnedAt,
        currency: "CHF",
        reason: "Changed mind",
        customerExternalId: larsId,
        lines: [{ saleLineExternalId: squareIds.uid("s-1-l1"), sku: "OMG-SPM-300", quantity: 1, refundMinor: 589_000, serialNumber: "OM-88412035" }],
      },
    });

    const updatedAt = new Date("2026-03-06T09:00:00.000Z");
    const customerChanges = await deliver({ kind: "customer", customer: { ...lars, city: "Geneva", consentEmail: false, revision: 2, updatedAt } }, server.data, http, connection);
    expect(customerChanges).toEqual([
      {
        kind: "customer",
        customer: {
          externalId: larsId,
          firstName: "Lars",
          lastName: "Lindqvist",
          email: "c-lars@example.com",
          phone: "+41790000001",
          addressLine: null,
          city: "Geneva",
          postalCode: null,
          country: "CH",
          consentEmail: false,
          note: null,
          updatedAt,
          version: "2",
        },
      },
    ]);

    const countedAt = new Date("2026-03-06T18:00:00.000Z");
    const inventoryChanges = await deliver({ kind: "inventory", inventory: { locationId: LOCATION, sku: "OMG-SPM-300", productId: "p-seamaster", onHand: 3, updatedAt: countedAt } }, server.data, http, connection);
    expect(inventoryChanges).toEqual([
      { kind: "inventory", inventory: { locationId: LOCATION, sku: "OMG-SPM-300", productExternalId: squareIds.variation("p-seamaster"), onHand: 3, updatedAt: countedAt } },
    ]);
  });

  it("gives each simulated event a stable event id", () => {
    const data = new FakePosData();
    const sale = simSale("s-9", LOCATION, new Date("2026-03-02T10:05:00.000Z"), null);
    simulator.record(data, { kind: "sale", sale }, simConnection);
    const first = simulator.deliveries({ kind: "sale", sale }, simConnection, data);
    const again = simulator.deliveries({ kind: "sale", sale }, simConnection, data);
    expect(JSON.parse(again[0].body.toString()).event_id).toBe(JSON.parse(first[0].body.toString()).event_id);
    expect(first[0].headers["square-initial-delivery-timestamp"]).toBe("2026-03-02T10:05:00.000Z");
  });
});

/* ------------------------------------------------------------------------------------------------ */

type Runner = { http: PosHttp; waits: number[] };

function runner(connection: ApiConnection): Runner {
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

describe("Square sync: backfill", () => {
  // 12 locations: SearchOrders takes at most 10, so the walk needs two query chunks.
  const locations = Array.from({ length: 12 }, (_, index) => `LOC${String(index).padStart(10, "0")}`);

  async function seed(): Promise<{ connection: ApiConnection; saleIds: string[]; customerIds: string[] }> {
    server = await startFakePos({ platforms: [fake], token, fail429Every: 3 });
    const connection = apiConnection({
      baseUrl: `${server.url}/square`,
      storeMapping: Object.fromEntries(locations.map((location, index) => [location, `store-${index}`])),
      config: { ordersPageSize: 4, customersPageSize: 5 },
    });
    const start = Date.now() - 5 * 24 * 3600 * 1000;
    const saleIds: string[] = [];
    const customerIds: string[] = [];
    for (let index = 0; index < 23; index++) {
      const at = new Date(start + index * 600_000);
      const customer = simCustomer(`c-${index}`, 1, at);
      const sale = simSale(`s-${index}`, locations[index % locations.length], at, customer);
      simulator.record(server.data, { kind: "sale", sale }, simConnection);
      saleIds.push(squareIds.order(sale.id));
      customerIds.push(squareIds.customer(customer.id));
    }
    // An order outside every mapped location must not come back.
    simulator.record(server.data, { kind: "sale", sale: simSale("s-elsewhere", "LOCUNMAPPED01", new Date(start), null) }, simConnection);
    return { connection, saleIds, customerIds };
  }

  it("walks every customer and order exactly once through injected 429s, waiting as asked", async () => {
    const { connection, saleIds, customerIds } = await seed();
    const { http, waits } = runner(connection);
    const customers = await walk("customers", connection, http);
    const orders = await walk("orders", connection, http);
    expect(customers.ids.sort()).toEqual([...customerIds].sort());
    expect(orders.ids.sort()).toEqual([...saleIds].sort());
    expect(server!.rateLimited.square).toBeGreaterThan(0);
    expect(waits.length).toBeGreaterThanOrEqual(server!.rateLimited.square);
    expect(sync.backfillResources).toEqual(["customers", "orders"]);
  });

  it("resumes from a saved cursor with a new client: no duplicates, nothing missing", async () => {
    const { connection, saleIds } = await seed();
    const first = await walk("orders", connection, runner(connection).http, null, 1);
    expect(first.cursor).not.toBeNull();
    expect(first.ids).toHaveLength(4);
    const rest = await walk("orders", connection, runner(connection).http, first.cursor);
    const all = [...first.ids, ...rest.ids];
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual([...saleIds].sort());
  });

  it("refuses a cursor replayed with another query, as Square does", async () => {
    const { connection } = await seed();
    const first = await walk("orders", connection, runner(connection).http, null, 1);
    const tampered = { ...first.cursor, startAt: "2020-01-01T00:00:00.000Z" };
    await expect(sync.backfillPage({ resource: "orders", cursor: tampered, since: null, connection, http: runner(connection).http })).rejects.toMatchObject({ status: 400, retryable: false });
  });

  it("has the fake refuse more than 10 location ids", async () => {
    server = await startFakePos({ platforms: [fake], token });
    const http = new PosHttp({ baseUrl: `${server.url}/square`, headers: { authorization: `Bearer ${token}` }, sleep: noWait });
    await expect(http.json({ method: "POST", path: "/v2/orders/search", body: { location_ids: locations } })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("Cannot provide more than 10 location_ids."),
    });
  });
});

describe("Square sync: write-back and errors", () => {
  it("writes a client note with the version just read", async () => {
    server = await startFakePos({ platforms: [fake], token });
    const connection = apiConnection({ baseUrl: `${server.url}/square` });
    const lars = simCustomer("c-lars", 3, new Date("2026-03-02T10:00:00.000Z"));
    simulator.record(server.data, { kind: "customer", customer: lars }, simConnection);
    const id = squareIds.customer(lars.id);
    const result = await sync.writeCustomerNote!({ connection, http: runner(connection).http, customerExternalId: id, note: "Bracelet resized to 17 cm" });
    expect(result).toEqual({ externalId: id });
    expect(server.data.writes).toEqual([expect.objectContaining({ provider: "square", kind: "customer_note", id, body: { note: "Bracelet resized to 17 cm", version: 3 } })]);
    expect(server.data.get("square", "customers", id)?.object).toMatchObject({ note: "Bracelet resized to 17 cm", version: 4 });
  });

  it("fails a re-fetch that 404s with a clear, non-retryable error", async () => {
    server = await startFakePos({ platforms: [fake], token });
    const connection = apiConnection({ baseUrl: `${server.url}/square` });
    const event = storedEvent({ merchant_id: "M", type: "order.updated", event_id: "e-404", data: { type: "order_updated", id: "NOPE", object: { order_updated: { order_id: "NOPE" } } } });
    const error = await sync.changes(event, connection, runner(connection).http).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PosApiError);
    expect(error).toMatchObject({ status: 404, retryable: false, message: expect.stringContaining("Square order NOPE not found") });
  });
});
