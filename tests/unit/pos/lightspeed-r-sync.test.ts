import { afterEach, describe, expect, it } from "vitest";
import { startFakePos, type FakePosServer } from "@/lib/pos/fake/server";
import { PosHttp, type PosHttpEvent } from "@/lib/pos/http";
import { fake } from "@/lib/pos/lightspeed-r/fake";
import { rSeriesId, simulator } from "@/lib/pos/lightspeed-r/simulate";
import { many, sync } from "@/lib/pos/lightspeed-r/sync";
import { Scenario } from "@/lib/pos/simulate/generate";
import type { SimConnection, SimEvent } from "@/lib/pos/simulate/scenario";
import type { ApiConnection, BackfillCursor } from "@/lib/pos/types";
import type { CanonicalChange, CanonicalCustomer } from "@/lib/sync/canonical";
import { fixtureBytes } from "@/tests/fixtures/pos/deliveries";
import { walkBackfill } from "../../fixtures/pos/backfill";

/*
 * Fixtures are hand-written in the V3 shapes of marketplacer/lightspeed_pos:lib/lightspeed/{sale,sale_line,
 * customer}.rb (shared/pos README §4.2–4.3); the Serialized fields are unconfirmed.
 */

const BASE = "https://api.lightspeedapp.com/API/V3/Account/271828";
const fixture = (name: string) => fixtureBytes(`lightspeed-r/${name}`).toString("utf8");

/** A PosHttp answering R-Series fixture pages by resource; records every URL asked for. */
function fixtureHttp(pages: Record<string, string>) {
  const requested: URL[] = [];
  const http = new PosHttp({
    baseUrl: BASE,
    sleep: async () => {},
    fetch: async (input) => {
      const url = new URL(String(input));
      requested.push(url);
      const body = pages[url.pathname.slice(url.pathname.lastIndexOf("/") + 1)];
      return body === undefined ? new Response('{"httpCode":"404"}', { status: 404 }) : new Response(body, { status: 200 });
    },
  });
  return { http, requested };
}

const fixtureConnection: ApiConnection = {
  id: "5b2e7c1a-0d4f-4a8b-9e3c-6f1a2b7d8e90",
  provider: "lightspeed_r",
  baseUrl: BASE,
  credentials: { accessToken: "lsr_at_fixture" },
  config: { currency: "CHF" },
  storeMapping: { "2": "store-geneva" },
};

const lars = (overrides: Partial<CanonicalCustomer>): CanonicalCustomer => ({
  externalId: "88",
  firstName: "Lars",
  lastName: "Lindqvist",
  email: "lars@example.com",
  phone: "+41 79 555 01 02",
  addressLine: "Quai du Mont-Blanc 19",
  city: "Genève",
  postalCode: "1201",
  country: "CH",
  consentEmail: true,
  note: null,
  deleted: false,
  updatedAt: new Date("2025-04-01T08:00:00Z"),
  version: null,
  ...overrides,
});

describe("R-Series sync: fixture pages → canonical changes", () => {
  it("normalises one-object-or-array and empty relations", () => {
    expect(many({ a: 1 })).toEqual([{ a: 1 }]);
    expect(many([{ a: 1 }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
    expect(many("")).toEqual([]);
    expect(many(undefined)).toEqual([]);
  });

  it("maps a Sale page: string money exact, single-object SaleLine, serials attached, a negative line becomes a return of the linked sale", async () => {
    const { http, requested } = fixtureHttp({
      "Sale.json": fixture("sale-page.json"),
      "Serialized.json": fixture("serialized-page.json"),
      "SaleLine.json": fixture("sale-line-page.json"),
    });
    const page = await sync.backfillPage({ resource: "Sale", cursor: null, since: new Date("2025-05-01T00:00:00Z"), connection: fixtureConnection, http });

    expect(page).toEqual({
      next: null,
      changes: [
        {
          kind: "sale",
          sale: {
            externalId: "1207",
            locationId: "2",
            status: "completed",
            completedAt: new Date("2025-05-10T14:22:31Z"),
            currency: "CHF",
            subtotalMinor: 1_245_000,
            discountMinor: 0,
            taxMinor: 95_865,
            totalMinor: 1_340_865,
            customer: lars({}),
            customerExternalId: "88",
            associateExternalId: "4",
            lines: [
              {
                externalId: "3301",
                sku: "326.30.40.50.02.001",
                productExternalId: "610",
                name: "Seamaster Aqua Terra 150M 41 mm",
                brand: null,
                quantity: 1,
                unitPriceMinor: 1_245_000,
                discountMinor: 0,
                totalMinor: 1_245_000,
                serialNumbers: ["OM-87654321"],
              },
            ],
            updatedAt: new Date("2025-05-10T14:23:02Z"),
            version: null,
          },
        },
        {
          kind: "return",
          return: {
            externalId: "1215",
            saleExternalId: "1180",
            locationId: "2",
            returnedAt: new Date("2025-05-20T10:00:00Z"),
            currency: "CHF",
            reason: null,
            customerExternalId: null,
            lines: [{ saleLineExternalId: "3190", sku: "ST-ALG-20", quantity: 1, refundMinor: 12_550, serialNumber: null }],
          },
        },
      ] satisfies CanonicalChange[],
    });

    const [salesCall, serialCall, parentCall] = requested;
    expect(salesCall.pathname).toBe("/API/V3/Account/271828/Sale.json");
    expect(Object.fromEntries(salesCall.searchParams)).toEqual({
      timeStamp: ">,2025-05-01T00:00:00-00:00",
      sort: "timeStamp",
      load_relations: '["SaleLines","SaleLines.Item","Customer","Customer.Contact"]',
      limit: "100",
    });
    expect(serialCall.searchParams.get("saleLineID")).toBe("IN,[3301,3320,3190]");
    expect(parentCall.searchParams.get("saleLineID")).toBe("IN,[3190]");
  });

  it("maps a Customer page holding one record as an object, with empty relations and the email opt-out", async () => {
    const { http, requested } = fixtureHttp({ "Customer.json": fixture("customer-page.json") });
    const page = await sync.backfillPage({ resource: "Customer", cursor: null, since: null, connection: fixtureConnection, http });
    expect(page).toEqual({
      next: null,
      changes: [
        {
          kind: "customer",
          customer: lars({ email: null, phone: "+41 22 555 01 01", addressLine: null, city: null, postalCode: null, country: null, consentEmail: false, note: "Collector; prefers Friday appointments" }),
        },
      ],
    });
    expect(requested[0].searchParams.get("timeStamp")).toBe(">,1970-01-01T00:00:00-00:00");
    expect(requested[0].searchParams.get("load_relations")).toBe('["Contact"]');
  });

  it("ignores webhook events: R-Series is polled", async () => {
    const { http } = fixtureHttp({});
    const changes = await sync.changes({ eventId: "x", topic: "Sale", account: null, payload: {}, receivedAt: new Date() }, fixtureConnection, http);
    expect(changes).toEqual([{ kind: "ignored", reason: "R-Series has no webhooks; polled by reconciliation" }]);
  });
});

/* ----------------------------------------------------------------------------------------------- */
/* Against the fake POS                                                                             */

const TOKEN = "lsr_at_31f0c9a2";
const ACCOUNT = "271828";
let server: FakePosServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

const simConnection: SimConnection = { id: "c", secret: "", config: { accountId: ACCOUNT }, webhookUrl: "" };

function apiConnection(url: string, pageSize?: number): ApiConnection {
  return {
    id: "5b2e7c1a-0d4f-4a8b-9e3c-6f1a2b7d8e90",
    provider: "lightspeed_r",
    baseUrl: `${url}/lightspeed_r/API/V3/Account/${ACCOUNT}`,
    credentials: { accessToken: TOKEN },
    config: { currency: "CHF", ...(pageSize ? { pageSize } : {}) },
    storeMapping: { "1": "store-geneva", "2": "store-zurich" },
  };
}

const newRecord = () => ({ sleeps: [] as number[], events: [] as PosHttpEvent[] });

function httpFor(connection: ApiConnection, record: ReturnType<typeof newRecord>) {
  return new PosHttp({
    baseUrl: connection.baseUrl!,
    headers: sync.authHeaders(connection),
    sleep: async (ms) => {
      record.sleeps.push(ms);
    },
    onEvent: (e) => record.events.push(e),
  });
}

function scenarioEvents(count: number): SimEvent[] {
  const scenario = new Scenario({
    seed: 11,
    currency: "CHF",
    locations: ["1", "2"],
    start: new Date("2026-02-01T09:00:00Z"),
    products: [
      { sku: "RLX-126610LN", productId: "p-sub", name: "Submariner Date", brand: "Rolex", priceMinor: 1_045_000, serialized: true },
      { sku: "CF-STRAP-20", productId: "p-strap", name: "Strap 20 mm", brand: "Camille Fournet", priceMinor: 45_050, serialized: false },
    ],
  });
  return Array.from({ length: count }, () => scenario.next());
}

const walk = (resource: string, connection: ApiConnection, http: PosHttp, from: BackfillCursor | null, maxPages = Number.POSITIVE_INFINITY) =>
  walkBackfill(sync, resource, connection, http, from, maxPages);

const idOf = (change: CanonicalChange) =>
  change.kind === "customer" ? change.customer.externalId : change.kind === "sale" ? change.sale.externalId : change.kind === "return" ? change.return.externalId : change.kind;

describe("R-Series backfill on the fake POS", () => {
  it("walks Customer then Sale through 429s, paced by the bucket headers: every record exactly once, returns linked", async () => {
    // A two-unit bucket draining fast: never actually full, but always near full, so every answer's
    // `X-LS-API-Bucket-Level` asks the client to wait.
    server = await startFakePos({ platforms: [fake], token: TOKEN, fail429Every: 3, rateLimits: { lightspeed_r: { size: 2, perSecond: 1_000, retryAfterSeconds: 1 } } });
    const events = scenarioEvents(40);
    for (const simEvent of events) simulator.record(server.data, simEvent, simConnection);
    expect(events.flatMap((simEvent) => simulator.deliveries(simEvent, simConnection, server!.data))).toEqual([]);
    const connection = apiConnection(server.url, 3);
    const record = newRecord();
    const http = httpFor(connection, record);

    const customers = await walk("Customer", connection, http, null);
    expect(customers.changes.map(idOf).sort()).toEqual(server.data.list("lightspeed_r", "Customer").map((stored) => stored.id).sort());
    const sales = await walk("Sale", connection, http, null);
    expect(sales.changes.map(idOf).sort()).toEqual(server.data.list("lightspeed_r", "Sale").map((stored) => stored.id).sort());

    const simReturns = events.flatMap((simEvent) => (simEvent.kind === "return" ? [simEvent.return] : []));
    expect(simReturns.length).toBeGreaterThan(0);
    for (const simReturn of simReturns) {
      const change = sales.changes.find((candidate) => candidate.kind === "return" && candidate.return.externalId === rSeriesId(simReturn.id));
      expect(change).toMatchObject({
        kind: "return",
        return: {
          saleExternalId: rSeriesId(simReturn.sale.id),
          lines: simReturn.lines.map((line) => ({ saleLineExternalId: rSeriesId(line.lineId), sku: line.sku, quantity: line.quantity, refundMinor: line.refundMinor, serialNumber: line.serialNumber })),
        },
      });
    }
    const soldSerials = sales.changes.flatMap((change) => (change.kind === "sale" ? change.sale.lines.flatMap((line) => line.serialNumbers) : []));
    expect(soldSerials.length).toBeGreaterThan(0);

    expect(server.rateLimited.lightspeed_r).toBeGreaterThan(0);
    expect(record.events.some((e) => e.type === "rate_limited" && e.waitMs === 1_000)).toBe(true);
    const paced = record.events.filter((e) => e.type === "paced");
    expect(paced.length).toBeGreaterThan(0);
    expect(paced.every((e) => e.type === "paced" && e.reason.startsWith("R-Series bucket") && e.waitMs >= 1_000)).toBe(true);
    expect(record.sleeps.length).toBeGreaterThan(0);
  });

  it("resumes from the saved cursor (an absolute next URL) with a new client: nothing twice, nothing missing", async () => {
    server = await startFakePos({ platforms: [fake], token: TOKEN, fail429Every: 3 });
    for (const simEvent of scenarioEvents(40)) simulator.record(server.data, simEvent, simConnection);
    const connection = apiConnection(server.url, 4);

    const first = await walk("Sale", connection, httpFor(connection, newRecord()), null, 1);
    expect(first.cursor).toEqual({ next: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/lightspeed_r\/API\/V3\/Account\/271828\/Sale\.json\?/), since: "1970-01-01T00:00:00-00:00" });
    const saved = JSON.parse(JSON.stringify(first.cursor)) as BackfillCursor;
    const rest = await walk("Sale", connection, httpFor(connection, newRecord()), saved);

    const ids = [...first.changes, ...rest.changes].map(idOf);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(server.data.list("lightspeed_r", "Sale").map((stored) => stored.id).sort());
  });

  it("serves a page of exactly one record as an object, and the connector reads it", async () => {
    server = await startFakePos({ platforms: [fake], token: TOKEN });
    simulator.record(server.data, { kind: "customer", customer: { id: "solo", firstName: "Ingrid", lastName: "Novak", email: "ingrid@example.com", phone: null, city: "Zurich", country: "CH", consentEmail: true, consentSms: false, note: null, revision: 1, updatedAt: new Date("2026-02-02T10:00:00Z") } }, simConnection);
    const connection = apiConnection(server.url);
    const raw = (await httpFor(connection, newRecord()).json({ path: "/Customer.json", query: { load_relations: '["Contact"]' } })) as Record<string, unknown>;
    expect(Array.isArray(raw.Customer)).toBe(false);
    expect(raw.Customer).toMatchObject({ customerID: rSeriesId("solo"), Contact: { Emails: { ContactEmail: { address: "ingrid@example.com" } } } });

    const page = await sync.backfillPage({ resource: "Customer", cursor: null, since: null, connection, http: httpFor(connection, newRecord()) });
    expect(page.changes).toEqual([
      {
        kind: "customer",
        customer: {
          externalId: rSeriesId("solo"),
          firstName: "Ingrid",
          lastName: "Novak",
          email: "ingrid@example.com",
          phone: null,
          addressLine: null,
          city: "Zurich",
          postalCode: null,
          country: "CH",
          consentEmail: true,
          note: null,
          deleted: false,
          updatedAt: new Date("2026-02-02T10:00:00Z"),
          version: null,
        },
      },
    ]);
  });
});

/* ----------------------------------------------------------------------------------------------- */
/* (d) write-backs                                                                                  */

describe("R-Series write-backs", () => {
  it("opens a work order linked to the serial and writes a customer note on the fake POS", async () => {
    server = await startFakePos({ platforms: [fake], token: TOKEN });
    const [saleEvent] = scenarioEvents(1);
    if (saleEvent.kind !== "sale" || !saleEvent.sale.customer) throw new Error("the scenario's first event is a sale with a customer");
    simulator.record(server.data, saleEvent, simConnection);
    const serial = saleEvent.sale.lines.flatMap((line) => line.serialNumbers)[0] ?? null;
    const customerId = rSeriesId(saleEvent.sale.customer.id);
    const connection = apiConnection(server.url);
    const http = httpFor(connection, newRecord());

    const order = await sync.writeServiceOrder!({
      connection,
      http,
      order: { locationId: "1", customerExternalId: customerId, serialNumber: serial, itemName: "Submariner Date", description: "Bezel loose", dueOn: "2026-04-15" },
    });
    const note = await sync.writeCustomerNote!({ connection, http, customerExternalId: customerId, note: "Prefers calls after 17:00" });

    expect(server.data.writes).toEqual([
      {
        provider: "lightspeed_r",
        account: ACCOUNT,
        kind: "work_order",
        id: order.externalId,
        at: expect.any(Date),
        body: {
          customerID: customerId,
          shopID: "1",
          note: "Submariner Date: Bezel loose",
          ...(serial ? { serializedID: rSeriesId(`serial:${serial}`) } : {}),
          etaOut: "2026-04-15T00:00:00-00:00",
        },
      },
      { provider: "lightspeed_r", account: ACCOUNT, kind: "customer_note", id: customerId, at: expect.any(Date), body: { Note: { note: "Prefers calls after 17:00" } } },
    ]);
    expect(serial).not.toBeNull();
    expect(note).toEqual({ externalId: customerId });
  });
});
