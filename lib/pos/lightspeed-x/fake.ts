import type { FakeRecord } from "@/lib/pos/fake/data";
import type { FakeContext, FakePlatform, FakeRequest, FakeResponse } from "@/lib/pos/fake/types";

/**
 * A fake X-Series API 2.0: the endpoints the sync connector calls, with the version cursor
 * (`after` / `page_size`, `{data, version:{min,max}}`), `X-RateLimit-*` headers and 429s whose
 * `Retry-After` is an RFC 1123 date (shared/pos README §3.4).
 *
 * The platform owns `version`: the fake stamps every object with one derived from the store's `seq`,
 * offset past 2^53 so every test meets versions a double cannot hold.
 */

export const PROVIDER = "lightspeed_x";

/** X-Series resources kept in FakePosData. */
export const X_RESOURCES = { sales: "sales", customers: "customers", products: "products", serialnumbers: "serialnumbers", inventory: "inventory", consignments: "consignments" } as const;

const VERSION_BASE = BigInt(Number.MAX_SAFE_INTEGER) + BigInt(1);

/** The `version` the fake reports for a record with this seq. */
export function xSeriesVersion(seq: number): string {
  return String(VERSION_BASE + BigInt(seq));
}

const BIG = "@@bigint@@";

/** JSON with bigints written as bare digits (JSON.stringify cannot write a number past 2^53). */
export function renderXSeriesJson(body: unknown): string {
  return JSON.stringify(body, (_key, value: unknown) => (typeof value === "bigint" ? `${BIG}${value}` : value)).replace(new RegExp(`"${BIG}(\\d+)"`, "g"), "$1");
}

function render(record: FakeRecord): Record<string, unknown> {
  return { ...record.object, version: VERSION_BASE + BigInt(record.seq) };
}

const json = (status: number, body: unknown): FakeResponse => ({ status, body: renderXSeriesJson(body) });
const notFound = (what: string): FakeResponse => json(404, { error: "Not Found", message: `${what} not found` });

function list(request: FakeRequest, context: FakeContext, resource: string): FakeResponse {
  const after = BigInt(request.query.get("after") ?? "0");
  const pageSize = Math.min(Number(request.query.get("page_size") ?? "100") || 100, 200);
  // `after=0` starts from the beginning; otherwise it is a version the fake handed out earlier.
  const afterSeq = after === BigInt(0) ? 0 : Number(after - VERSION_BASE);
  const page = context.data.list(PROVIDER, resource).filter((record) => record.seq > afterSeq).slice(0, pageSize);
  if (page.length === 0) return json(200, { data: [], version: { min: null, max: null } });
  return json(200, {
    data: page.map(render),
    version: { min: VERSION_BASE + BigInt(page[0].seq), max: VERSION_BASE + BigInt(page[page.length - 1].seq) },
  });
}

function one(context: FakeContext, resource: string, id: string): FakeResponse {
  const record = context.data.get(PROVIDER, resource, id);
  return record ? json(200, { data: render(record) }) : notFound(`${resource} ${id}`);
}

/* ----------------------------------------------------------------------------------------------- */
/* Consignments of type OUTLET (stock transfers): OPEN → SENT → RECEIVED                               */

type ConsignmentProduct = { product_id: string; count: string; received: string | null; status: string };
type Consignment = { id: string; name: string; type: string; status: string; outlet_id: string; source_outlet_id: string; products: ConsignmentProduct[]; consignment_date: string };

const badRequest = (message: string): FakeResponse => json(400, { error: "Bad Request", message });
const present = ({ products: _products, ...consignment }: Consignment, seq: number) => ({ ...consignment, version: VERSION_BASE + BigInt(seq) });

function createConsignment(request: FakeRequest, context: FakeContext): FakeResponse {
  const body = (request.body ?? {}) as Partial<Consignment>;
  if (body.type !== "OUTLET") return badRequest("This fake creates OUTLET consignments (stock transfers) only");
  if (typeof body.name !== "string" || !body.name) return badRequest("name is required");
  if (body.status !== "OPEN") return badRequest("a consignment is created OPEN");
  if (typeof body.outlet_id !== "string" || typeof body.source_outlet_id !== "string" || body.outlet_id === body.source_outlet_id) return badRequest("outlet_id and source_outlet_id must be two different outlets");
  const id = `0242ac12-0002-11e9-e8c4-${String(context.data.count(PROVIDER, X_RESOURCES.consignments) + 1).padStart(12, "0")}`;
  const consignment: Consignment = { id, name: body.name, type: "OUTLET", status: "OPEN", outlet_id: body.outlet_id, source_outlet_id: body.source_outlet_id, products: [], consignment_date: new Date().toISOString() };
  const record = context.data.put(PROVIDER, X_RESOURCES.consignments, id, consignment);
  return json(201, { data: present(consignment, record.seq) });
}

function addConsignmentProduct(request: FakeRequest, context: FakeContext, record: FakeRecord): FakeResponse {
  const consignment = record.object as Consignment;
  const body = (request.body ?? {}) as { product_id?: unknown; count?: unknown };
  if (consignment.status !== "OPEN") return badRequest(`cannot add products to a ${consignment.status} consignment`);
  if (typeof body.product_id !== "string" || !context.data.get(PROVIDER, X_RESOURCES.products, body.product_id)) return notFound(`product ${String(body.product_id)}`);
  if (typeof body.count !== "number" || !Number.isInteger(body.count) || body.count <= 0) return badRequest("count must be a positive whole number");
  const product: ConsignmentProduct = { product_id: body.product_id, count: `${body.count}.00000`, received: null, status: "PENDING" };
  context.data.put(PROVIDER, X_RESOURCES.consignments, consignment.id, { ...consignment, products: [...consignment.products, product] });
  return json(200, { data: product });
}

function updateConsignment(request: FakeRequest, context: FakeContext, record: FakeRecord): FakeResponse {
  const consignment = record.object as Consignment;
  const status = (request.body as { status?: unknown } | null)?.status;
  const allowed: Record<string, string[]> = { OPEN: ["SENT", "CANCELLED"], SENT: ["RECEIVED", "CANCELLED"] };
  if (typeof status !== "string" || !(allowed[consignment.status] ?? []).includes(status)) return badRequest(`cannot move a ${consignment.status} consignment to ${String(status)}`);
  if (status === "SENT" && consignment.products.length === 0) return badRequest("cannot send a consignment without products");
  const updated = context.data.put(PROVIDER, X_RESOURCES.consignments, consignment.id, { ...consignment, status });
  if (status === "SENT") context.data.recordWrite({ provider: PROVIDER, account: "", kind: "inventory_transfer", id: consignment.id, body: updated.object });
  return json(200, { data: present(updated.object as Consignment, updated.seq) });
}

function consignments(request: FakeRequest, context: FakeContext, id: string | undefined, sub: string | undefined): FakeResponse {
  if (!id) return request.method === "POST" ? createConsignment(request, context) : notFound(`${request.method} ${request.path}`);
  const record = context.data.get(PROVIDER, X_RESOURCES.consignments, id);
  if (!record) return notFound(`consignment ${id}`);
  if (sub === "products" && request.method === "GET") return json(200, { data: (record.object as Consignment).products });
  if (sub === "products" && request.method === "POST") return addConsignmentProduct(request, context, record);
  if (!sub && request.method === "GET") return json(200, { data: present(record.object as Consignment, record.seq) });
  if (!sub && request.method === "PUT") return updateConsignment(request, context, record);
  return notFound(`${request.method} ${request.path}`);
}

function handle(request: FakeRequest, context: FakeContext): FakeResponse {
  const segments = request.path.split("/").filter(Boolean).map(decodeURIComponent);
  if (segments[0] !== "api" || segments[1] !== "2.0") return notFound(request.path);
  const [, , resource, id, sub] = segments;
  if (resource === "consignments") return consignments(request, context, id, sub);

  if (request.method === "GET") {
    if (resource === "serialnumbers" && !id) {
      const saleId = request.query.get("sale_id");
      const serials = context.data.list(PROVIDER, X_RESOURCES.serialnumbers).filter((record) => !saleId || record.object.sale_id === saleId);
      return json(200, { data: serials.map(render) });
    }
    if ((resource === "sales" || resource === "customers" || resource === "products") && id) return one(context, resource, id);
    if ((resource === "sales" || resource === "customers" || resource === "products") && !id) return list(request, context, resource);
  }
  if (request.method === "PUT" && resource === "customers" && id) {
    const record = context.data.get(PROVIDER, X_RESOURCES.customers, id);
    if (!record) return notFound(`customer ${id}`);
    context.data.recordWrite({ provider: PROVIDER, account: record.account, kind: "customer_note", id, body: request.body });
    const updated = context.data.put(PROVIDER, X_RESOURCES.customers, id, { ...record.object, ...(request.body as Record<string, unknown>) }, { account: record.account });
    return json(200, { data: render(updated) });
  }
  if (request.method === "POST" && resource === "services" && !id) {
    const serviceId = `svc-${context.data.writes.length + 1}`;
    context.data.recordWrite({ provider: PROVIDER, account: "", kind: "service_order", id: serviceId, body: request.body });
    return json(200, { data: { id: serviceId } });
  }
  return notFound(`${request.method} ${request.path}`);
}

export const fake: FakePlatform = {
  provider: PROVIDER,
  authorized: (request, context) => request.headers.authorization === `Bearer ${context.expectedToken}`,
  handle,
  rateLimitHeaders: ({ used, size, retryAfterSeconds, limited }) => {
    const reset = new Date(Date.now() + Math.max(retryAfterSeconds, 1) * 1000).toUTCString();
    return {
      "X-RateLimit-Limit": String(size),
      "X-RateLimit-Remaining": String(Math.max(0, size - used)),
      "X-RateLimit-Reset": reset,
      // X-Series sends Retry-After as an RFC 1123 date, not seconds (README §3.4).
      ...(limited ? { "Retry-After": new Date(Date.now() + retryAfterSeconds * 1000).toUTCString() } : {}),
    };
  },
  rateLimitedBody: { error: "Too Many Requests" },
};
