import { parse as losslessParse, stringify as losslessStringify } from "lossless-json";
import { afterEach, describe, expect, it } from "vitest";
import { startFakePos, type FakePosServer } from "@/lib/pos/fake/server";
import { PosApiError, PosHttp, type PosHttpEvent } from "@/lib/pos/http";
import { fake, xSeriesVersion } from "@/lib/pos/lightspeed-x/fake";
import { simulator, xSeriesId } from "@/lib/pos/lightspeed-x/simulate";
import { sync } from "@/lib/pos/lightspeed-x/sync";
import { webhook } from "@/lib/pos/lightspeed-x/webhook";
import { Scenario } from "@/lib/pos/simulate/generate";
import type { SimConnection, SimCustomer, SimEvent, SimSale } from "@/lib/pos/simulate/scenario";
import type { ApiConnection, BackfillCursor, StoredEvent, WebhookConnection } from "@/lib/pos/types";
import type { CanonicalChange } from "@/lib/sync/canonical";
import { fixtureBytes } from "@/tests/fixtures/pos/deliveries";
import { walkBackfill } from "../../fixtures/pos/backfill";

/* ----------------------------------------------------------------------------------------------- */
/* (a) hand-written 2.0 bodies → canonical changes                                                  */

const SALE_ID = "0a6f4a9c-2d1b-11ef-b3e4-06b1c3f0a7d2";
const RETURN_ID = "0b7e5d10-3512-11ef-b3e4-06b1c3f0c4e8";
const CUSTOMER_ID = "0adfd74a-153e-11e9-fa42-1f2ce9e8d5b4";
const OUTLET_ID = "0adaafb3-6583-11e5-fb60-d84f3c1e9a01";
const RING = "0adfd74a-153e-11e9-fa42-2a5f8e6c9d01";
const STRAP = "0adfd74a-153e-11e9-fa42-2a5f8e6c9d02";

/** The fixture's bodies, numbers kept as written (versions pass 2^53). */
function fixtureBodies(): Map<string, string> {
  const all = losslessParse(fixtureBytes("lightspeed-x/api-responses.json").toString("utf8")) as Record<string, unknown>;
  return new Map(Object.entries(all).filter(([key]) => key.startsWith("/")).map(([key, body]) => [key, losslessStringify(body)!]));
}

/** A PosHttp answering from fixture bodies, keyed by path + query; records what was asked. */
function fixtureHttp(bodies: Map<string, string>) {
  const requested: string[] = [];
  const http = new PosHttp({
    baseUrl: "https://maisonlumiere.retail.lightspeed.app",
    parseJson: sync.parseJson,
    sleep: async () => {},
    fetch: async (input) => {
      const url = new URL(String(input));
      const key = `${url.pathname}${url.search}`;
      requested.push(key);
      const body = bodies.get(key);
      return body === undefined ? new Response('{"error":"Not Found"}', { status: 404 }) : new Response(body, { status: 200 });
    },
  });
  return { http, requested };
}

const fixtureConnection: ApiConnection = {
  id: "c0a8e7d2-5b1f-4e3a-9c6d-8f2e1a0b7c54",
  provider: "lightspeed_x",
  baseUrl: "https://maisonlumiere.retail.lightspeed.app",
  credentials: { accessToken: "lsx_at_fixture" },
  config: { currency: "CHF", domainPrefix: "maisonlumiere" },
  storeMapping: { [OUTLET_ID]: "store-geneva" },
};

const event = (topic: string, payload: unknown): StoredEvent => ({ eventId: "e", topic, account: "maisonlumiere", payload, receivedAt: new Date("2025-05-20T10:00:05Z") });

const isabella: CanonicalChange = {
  kind: "customer",
  customer: {
    externalId: CUSTOMER_ID,
    firstName: "Isabella",
    lastName: "Marchetti",
    email: "isabella.marchetti@example.com",
    phone: "+41791234567",
    addressLine: "Rue du Rhône 48",
    city: "Genève",
    postalCode: "1204",
    country: "CH",
    loyaltyId: "ML-C-00412",
    note: "Prefers yellow gold",
    deleted: false,
    updatedAt: new Date("2025-03-02T09:15:00Z"),
    version: "18446744073709551000",
  },
};

describe("X-Series sync: changes from fixture API bodies", () => {
  it("re-fetches a sale.update: the client first, then the sale with exact money, serials, SKUs and its 64-bit version", async () => {
    const { http, requested } = fixtureHttp(fixtureBodies());
    const changes = await sync.changes(event("sale.update", { id: SALE_ID, version: "8126455021" }), fixtureConnection, http);
    expect(changes).toEqual<CanonicalChange[]>([
      isabella,
      {
        kind: "sale",
        sale: {
          externalId: SALE_ID,
          locationId: OUTLET_ID,
          status: "completed",
          completedAt: new Date("2025-05-10T14:22:31Z"),
          currency: "CHF",
          subtotalMinor: 1_258_333,
          discountMinor: 50_000,
          taxMinor: 251_667,
          totalMinor: 1_510_000,
          customer: null,
          customerExternalId: CUSTOMER_ID,
          associateExternalId: "0adaafb3-6583-11e5-fb60-d84f3c1e2b07",
          lines: [
            {
              externalId: "0a6f4a9c-2d1b-11ef-b3e4-06b1c47d19aa",
              sku: "ML-SOL-PT-150",
              productExternalId: RING,
              name: "Solitaire Ring Platinum 1.5 ct",
              brand: "Maison Lumière",
              quantity: 1,
              unitPriceMinor: 708_333,
              discountMinor: 0,
              totalMinor: 708_333,
              serialNumbers: ["GIA-2231456789"],
            },
            {
              externalId: "0a6f4a9c-2d1b-11ef-b3e4-06b1c47d19ab",
              sku: "ML-STR-ALG-20",
              productExternalId: STRAP,
              name: "Alligator strap 20 mm",
              brand: "Camille Fournet",
              quantity: 2,
              unitPriceMinor: 300_000,
              discountMinor: 50_000,
              totalMinor: 550_000,
              serialNumbers: [],
            },
          ],
          updatedAt: new Date("2025-05-10T14:23:02Z"),
          version: "18446744073709551557",
        },
      },
    ]);
    expect(requested).toContain(`/api/2.0/serialnumbers?sale_id=${SALE_ID}`);
  });

  it("turns a sale with return_for into a return: positive units and refund (tax included), reason from the note", async () => {
    const { http } = fixtureHttp(fixtureBodies());
    const changes = await sync.changes(event("sale.update", { id: RETURN_ID }), fixtureConnection, http);
    expect(changes).toEqual<CanonicalChange[]>([
      isabella,
      {
        kind: "return",
        return: {
          externalId: RETURN_ID,
          saleExternalId: SALE_ID,
          locationId: OUTLET_ID,
          returnedAt: new Date("2025-05-20T10:00:00Z"),
          currency: "CHF",
          reason: "Strap too short",
          customerExternalId: CUSTOMER_ID,
          lines: [{ saleLineExternalId: null, sku: "ML-STR-ALG-20", quantity: 1, refundMinor: 330_000, serialNumber: null }],
        },
      },
    ]);
  });

  it.each([
    ["ONACCOUNT", "completed"],
    ["LAYBY", "open"],
    ["SAVED", "open"],
    ["VOIDED", "voided"],
  ] as const)("maps status %s to %s", async (status, expected) => {
    const bodies = fixtureBodies();
    const key = `/api/2.0/sales/${SALE_ID}`;
    bodies.set(key, bodies.get(key)!.replace('"status":"CLOSED"', `"status":"${status}"`));
    const changes = await sync.changes(event("sale.update", { id: SALE_ID }), fixtureConnection, fixtureHttp(bodies).http);
    const sale = changes.find((change) => change.kind === "sale");
    expect(sale?.kind === "sale" && [sale.sale.status, sale.sale.completedAt]).toEqual([expected, expected === "completed" ? new Date("2025-05-10T14:22:31Z") : null]);
  });

  it("fetches each product once per call (cache)", async () => {
    const bodies = fixtureBodies();
    const key = `/api/2.0/sales/${SALE_ID}`;
    // the second line sells the ring again
    bodies.set(key, bodies.get(key)!.replace(`"product_id":"${STRAP}"`, `"product_id":"${RING}"`));
    const { http, requested } = fixtureHttp(bodies);
    await sync.changes(event("sale.update", { id: SALE_ID }), fixtureConnection, http);
    expect(requested.filter((path) => path === `/api/2.0/products/${RING}`)).toHaveLength(1);
  });

  it("answers a sale that no longer exists with a non-retryable error that says so", async () => {
    const { http } = fixtureHttp(fixtureBodies());
    const failure = sync.changes(event("sale.update", { id: "0f000000-0000-0000-0000-000000000000" }), fixtureConnection, http);
    await expect(failure).rejects.toThrow(PosApiError);
    await expect(failure).rejects.toMatchObject({ status: 404, retryable: false, message: expect.stringContaining("sale 0f000000-0000-0000-0000-000000000000 not found") });
  });

  it("maps customer.update, product.update and inventory.update from re-fetched objects, and ignores other topics", async () => {
    const { http } = fixtureHttp(fixtureBodies());
    expect(await sync.changes(event("customer.update", { id: CUSTOMER_ID }), fixtureConnection, http)).toEqual([isabella]);
    expect(await sync.changes(event("product.update", { id: RING, sku: "ML-SOL-PT-150" }), fixtureConnection, http)).toEqual<CanonicalChange[]>([
      {
        kind: "product",
        product: {
          externalId: RING,
          sku: "ML-SOL-PT-150",
          name: "Solitaire Ring Platinum 1.5 ct",
          brand: "Maison Lumière",
          priceMinor: 708_333,
          currency: "CHF",
          isSerialized: null,
          updatedAt: new Date("2025-01-15T08:00:00Z"),
          version: "18446744073709550001",
        },
      },
    ]);
    const inventory = await sync.changes(event("inventory.update", { id: "inv-1", product_id: STRAP, outlet_id: OUTLET_ID, count: "3.00000", version: 42 }), fixtureConnection, http);
    expect(inventory).toEqual<CanonicalChange[]>([
      { kind: "inventory", inventory: { locationId: OUTLET_ID, sku: "ML-STR-ALG-20", productExternalId: STRAP, onHand: 3, updatedAt: new Date("2025-05-20T10:00:05Z") } },
    ]);
    expect(await sync.changes(event("register_closure.create", { id: "r-1" }), fixtureConnection, http)).toEqual([
      { kind: "ignored", reason: "X-Series register_closure.create is not used by Vitrine" },
    ]);
  });
});

/* ----------------------------------------------------------------------------------------------- */
/* Against the fake POS                                                                             */

const TOKEN = "lsx_at_8d2f6a1b9c0e";
const SECRET = "lsx_cs_4f1e9b7a2c";
let server: FakePosServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

function apiConnection(url: string, config: Record<string, unknown> = {}): ApiConnection {
  return {
    id: "c0a8e7d2-5b1f-4e3a-9c6d-8f2e1a0b7c54",
    provider: "lightspeed_x",
    baseUrl: `${url}/lightspeed_x`,
    credentials: { accessToken: TOKEN },
    config: { currency: "CHF", domainPrefix: "maisonlumiere", registerId: "06e35f89-3d1c-11e8-ed64-8b6f6a1c2e3f", ...config },
    storeMapping: { "outlet-geneva": "store-geneva" },
  };
}

function httpFor(connection: ApiConnection, record: { sleeps: number[]; events: PosHttpEvent[]; retryAfter: string[] }) {
  return new PosHttp({
    baseUrl: connection.baseUrl!,
    headers: sync.authHeaders(connection),
    parseJson: sync.parseJson,
    sleep: async (ms) => {
      record.sleeps.push(ms);
    },
    onEvent: (e) => record.events.push(e),
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 429) record.retryAfter.push(response.headers.get("retry-after") ?? "");
      return response;
    },
  });
}

const newRecord = () => ({ sleeps: [] as number[], events: [] as PosHttpEvent[], retryAfter: [] as string[] });

describe("X-Series round trip: simulator → signed deliveries → webhook → sync.changes", () => {
  const customer: SimCustomer = {
    id: "rt-customer-1",
    firstName: "Amélie",
    lastName: "Moreau",
    email: "amelie.moreau@example.com",
    phone: "+41791110000",
    city: "Geneva",
    country: "CH",
    consentEmail: true,
    consentSms: false,
    note: null,
    revision: 1,
    updatedAt: new Date("2026-03-01T09:00:00Z"),
  };
  const sale: SimSale = {
    id: "rt-sale-1",
    locationId: "outlet-geneva",
    currency: "CHF",
    customer,
    associateId: "staff-2",
    lines: [
      { id: "rt-line-1", sku: "PP-5711-1A", productId: "p-nautilus", name: "Nautilus 5711/1A", brand: "Patek Philippe", quantity: 1, unitPriceMinor: 12_500_000, discountMinor: 0, serialNumbers: ["PP-7711234"] },
      { id: "rt-line-2", sku: "CF-STRAP-20", productId: "p-strap", name: "Strap 20 mm", brand: "Camille Fournet", quantity: 2, unitPriceMinor: 45_050, discountMinor: 4_505, serialNumbers: [] },
    ],
    taxMinor: 969_591,
    completedAt: new Date("2026-03-01T10:00:00Z"),
    revision: 1,
    updatedAt: new Date("2026-03-01T10:00:05Z"),
    status: "completed",
  };
  const events: SimEvent[] = [
    { kind: "sale", sale },
    {
      kind: "return",
      return: {
        id: "rt-return-1",
        sale,
        locationId: "outlet-geneva",
        currency: "CHF",
        lines: [{ lineId: "rt-line-1", sku: "PP-5711-1A", quantity: 1, refundMinor: 12_500_000, serialNumber: "PP-7711234" }],
        reason: "Changed mind",
        returnedAt: new Date("2026-03-04T15:00:00Z"),
      },
    },
    { kind: "customer", customer: { ...customer, city: "Zurich", consentEmail: false, revision: 2, updatedAt: new Date("2026-03-05T08:00:00Z") } },
    { kind: "inventory", inventory: { locationId: "outlet-geneva", sku: "CF-STRAP-20", productId: "p-strap", onHand: 4, updatedAt: new Date("2026-03-06T08:00:00Z") } },
  ];

  it.each(["raw_body", "payload"] as const)("delivers every event verifiably and normalises it through the API (signed bytes: %s)", async (signedBytes) => {
    server = await startFakePos({ platforms: [fake], token: TOKEN });
    const connection = apiConnection(server.url);
    const simConnection: SimConnection = { id: connection.id, secret: SECRET, config: { domainPrefix: "maisonlumiere", signedBytes }, webhookUrl: "https://vitrine.test/api/webhooks/lightspeed_x" };
    const receiver: WebhookConnection = { id: connection.id, provider: "lightspeed_x", secret: SECRET, config: { signedBytes } };
    const http = httpFor(connection, newRecord());

    const results: { topic: string; eventId: string; hadType: boolean; changes: CanonicalChange[] }[] = [];
    for (const simEvent of events) {
      simulator.record(server.data, simEvent, simConnection);
      for (const delivery of simulator.deliveries(simEvent, simConnection, server.data)) {
        const wire = { rawBody: delivery.body, headers: delivery.headers };
        expect(webhook.verify(wire, receiver)).toEqual({ ok: true });
        for (const inbox of webhook.events(wire, receiver)) {
          expect(inbox.account).toBe("maisonlumiere");
          const changes = await sync.changes({ ...inbox, receivedAt: new Date("2026-03-06T08:00:01Z") }, connection, http);
          results.push({ topic: inbox.topic, eventId: inbox.eventId, hadType: new URLSearchParams(delivery.body.toString()).has("type"), changes });
        }
      }
    }

    expect(results.map((result) => [result.topic, result.hadType])).toEqual([
      ["sale.update", true],
      ["sale.update", false],
      ["customer.update", true],
      ["inventory.update", false],
    ]);
    // versions past 2^53 survive the webhook's id and the API's body alike
    const saleVersion = xSeriesVersion(server.data.get("lightspeed_x", "sales", xSeriesId("rt-sale-1"))!.seq);
    expect(BigInt(saleVersion) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(results[0].eventId).toBe(`${xSeriesId("rt-sale-1")}:${saleVersion}`);

    const amelie = (city: string, consentEmail: boolean, updatedAt: string) => ({
      externalId: xSeriesId("rt-customer-1"),
      firstName: "Amélie",
      lastName: "Moreau",
      email: "amelie.moreau@example.com",
      phone: "+41791110000",
      addressLine: null,
      city,
      postalCode: null,
      country: "CH",
      consentEmail,
      loyaltyId: "rt-customer-1",
      note: null,
      deleted: false,
      updatedAt: new Date(updatedAt),
    });
    expect(results[0].changes).toMatchObject([
      { kind: "customer", customer: amelie("Geneva", true, "2026-03-01T09:00:00Z") },
      {
        kind: "sale",
        sale: {
          externalId: xSeriesId("rt-sale-1"),
          locationId: "outlet-geneva",
          status: "completed",
          completedAt: new Date("2026-03-01T10:00:00Z"),
          currency: "CHF",
          subtotalMinor: 12_500_000 + 90_100 - 4_505,
          discountMinor: 4_505,
          taxMinor: 969_591,
          totalMinor: 12_500_000 + 90_100 - 4_505 + 969_591,
          customerExternalId: xSeriesId("rt-customer-1"),
          associateExternalId: xSeriesId("staff-2"),
          version: saleVersion,
          lines: [
            { externalId: xSeriesId("rt-line-1"), sku: "PP-5711-1A", brand: "Patek Philippe", quantity: 1, unitPriceMinor: 12_500_000, discountMinor: 0, totalMinor: 12_500_000, serialNumbers: ["PP-7711234"] },
            { externalId: xSeriesId("rt-line-2"), sku: "CF-STRAP-20", quantity: 2, unitPriceMinor: 45_050, discountMinor: 4_505, totalMinor: 85_595, serialNumbers: [] },
          ],
        },
      },
    ]);
    expect(results[1].changes).toEqual([
      { kind: "customer", customer: expect.objectContaining({ externalId: xSeriesId("rt-customer-1") }) },
      {
        kind: "return",
        return: {
          externalId: xSeriesId("rt-return-1"),
          saleExternalId: xSeriesId("rt-sale-1"),
          locationId: "outlet-geneva",
          returnedAt: new Date("2026-03-04T15:00:00Z"),
          currency: "CHF",
          reason: "Changed mind",
          customerExternalId: xSeriesId("rt-customer-1"),
          lines: [{ saleLineExternalId: null, sku: "PP-5711-1A", quantity: 1, refundMinor: 12_500_000, serialNumber: "PP-7711234" }],
        },
      },
    ]);
    expect(results[2].changes).toMatchObject([{ kind: "customer", customer: amelie("Zurich", false, "2026-03-05T08:00:00Z") }]);
    expect(results[3].changes).toEqual([
      { kind: "inventory", inventory: { locationId: "outlet-geneva", sku: "CF-STRAP-20", productExternalId: xSeriesId("p-strap"), onHand: 4, updatedAt: new Date("2026-03-06T08:00:01Z") } },
    ]);
  });
});

/* ----------------------------------------------------------------------------------------------- */
/* (c) backfill through 429s, and resuming from a saved cursor                                      */

function scenarioEvents(count: number): SimEvent[] {
  const scenario = new Scenario({
    seed: 7,
    currency: "CHF",
    locations: ["outlet-geneva", "outlet-zurich"],
    start: new Date("2026-02-01T09:00:00Z"),
    products: [
      { sku: "RLX-126610LN", productId: "p-sub", name: "Submariner Date", brand: "Rolex", priceMinor: 1_045_000, serialized: true },
      { sku: "CAR-B4084600", productId: "p-love", name: "Love bracelet", brand: "Cartier", priceMinor: 745_000, serialized: true },
      { sku: "CF-STRAP-20", productId: "p-strap", name: "Strap 20 mm", brand: "Camille Fournet", priceMinor: 45_050, serialized: false },
    ],
  });
  return Array.from({ length: count }, () => scenario.next());
}

const walk = (resource: string, connection: ApiConnection, http: PosHttp, from: BackfillCursor | null, maxPages = Number.POSITIVE_INFINITY) =>
  walkBackfill(sync, resource, connection, http, from, maxPages);

const idOf = (change: CanonicalChange) =>
  change.kind === "customer" ? change.customer.externalId : change.kind === "sale" ? change.sale.externalId : change.kind === "return" ? change.return.externalId : change.kind;

describe("X-Series backfill on the fake POS", () => {
  it("walks customers then sales through forced 429s (RFC 1123 Retry-After honoured): every record exactly once", async () => {
    server = await startFakePos({ platforms: [fake], token: TOKEN, fail429Every: 3, rateLimits: { lightspeed_x: { size: 10_000, perSecond: 10_000, retryAfterSeconds: 5 } } });
    const simConnection: SimConnection = { id: "c", secret: SECRET, config: { domainPrefix: "maisonlumiere" }, webhookUrl: "https://vitrine.test/x" };
    for (const simEvent of scenarioEvents(30)) simulator.record(server.data, simEvent, simConnection);
    const connection = apiConnection(server.url, { pageSize: 4 });
    const record = newRecord();
    const http = httpFor(connection, record);

    for (const resource of sync.backfillResources) {
      const { changes } = await walk(resource, connection, http, null);
      const expected = server.data.list("lightspeed_x", resource).map((stored) => stored.id);
      expect(changes.map(idOf).sort()).toEqual([...expected].sort());
    }
    const walked = await walk("sales", connection, http, null);
    expect(walked.changes.some((change) => change.kind === "return")).toBe(true);
    expect(walked.changes.flatMap((change) => (change.kind === "sale" ? change.sale.lines.flatMap((line) => line.serialNumbers) : [])).length).toBeGreaterThan(0);

    expect(server.rateLimited.lightspeed_x).toBeGreaterThan(0);
    expect(record.retryAfter.length).toBeGreaterThan(0);
    for (const value of record.retryAfter) expect(value).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    // The date, five seconds ahead at whole-second precision, becomes a wait of over three seconds: more
    // than the client's own first backoffs (≤ 2 s), so the wait came from the header.
    const waits = record.events.filter((e) => e.type === "rate_limited").map((e) => e.waitMs);
    expect(waits.length).toBe(record.retryAfter.length);
    for (const wait of waits) expect(wait).toBeGreaterThan(3_000);
    expect(Math.max(...record.sleeps)).toBeGreaterThan(3_000);
  });

  it("resumes from the saved cursor with a new client: nothing twice, nothing missing", async () => {
    server = await startFakePos({ platforms: [fake], token: TOKEN, fail429Every: 3 });
    const simConnection: SimConnection = { id: "c", secret: SECRET, config: { domainPrefix: "maisonlumiere" }, webhookUrl: "https://vitrine.test/x" };
    for (const simEvent of scenarioEvents(30)) simulator.record(server.data, simEvent, simConnection);
    const connection = apiConnection(server.url, { pageSize: 3 });

    const first = await walk("sales", connection, httpFor(connection, newRecord()), null, 1);
    expect(first.cursor).toEqual({ after: expect.stringMatching(/^\d+$/) });
    // the runner saves the cursor as JSON
    const saved = JSON.parse(JSON.stringify(first.cursor)) as BackfillCursor;
    const rest = await walk("sales", connection, httpFor(connection, newRecord()), saved);

    const ids = [...first.changes, ...rest.changes].map(idOf);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(server.data.list("lightspeed_x", "sales").map((stored) => stored.id).sort());
  });
});

/* ----------------------------------------------------------------------------------------------- */
/* (d) write-backs                                                                                  */

describe("X-Series write-backs", () => {
  it("opens a service order and writes a customer note on the fake POS", async () => {
    server = await startFakePos({ platforms: [fake], token: TOKEN });
    simulator.record(server.data, { kind: "customer", customer: { id: "wb-1", firstName: "Lars", lastName: "Keller", email: null, phone: null, city: null, country: null, consentEmail: false, consentSms: false, note: null, revision: 1, updatedAt: new Date() } }, { id: "c", secret: SECRET, config: {}, webhookUrl: "" });
    const connection = apiConnection(server.url);
    const http = httpFor(connection, newRecord());
    const customerId = xSeriesId("wb-1");

    const order = await sync.writeServiceOrder!({
      connection,
      http,
      order: { locationId: "outlet-geneva", customerExternalId: customerId, serialNumber: "PP-7711234", itemName: "Nautilus 5711/1A", description: "Full service; crown sticks", dueOn: "2026-04-15" },
    });
    const note = await sync.writeCustomerNote!({ connection, http, customerExternalId: customerId, note: "Called about the service estimate" });

    expect(server.data.writes).toEqual([
      {
        provider: "lightspeed_x",
        account: "",
        kind: "service_order",
        id: order.externalId,
        at: expect.any(Date),
        body: {
          outlet_id: "outlet-geneva",
          register_id: "06e35f89-3d1c-11e8-ed64-8b6f6a1c2e3f",
          customer_id: customerId,
          status: "NEW",
          item: { item_name: "Nautilus 5711/1A", serial_number: "PP-7711234", description: "Full service; crown sticks" },
          extra_fields: { note: "Due on 2026-04-15" },
        },
      },
      { provider: "lightspeed_x", account: "", kind: "customer_note", id: customerId, at: expect.any(Date), body: { note: "Called about the service estimate" } },
    ]);
    expect(note).toEqual({ externalId: customerId });
  });
});
