import type { FakeRecord } from "@/lib/pos/fake/data";
import type { FakeContext, FakePlatform, FakeRequest, FakeResponse } from "@/lib/pos/fake/types";

/**
 * A fake Square API: the calls lib/pos/square/sync.ts makes, in Square's snake_case shapes, with its
 * cursor paging (a cursor only replays with the identical query), the 10-location rule of SearchOrders,
 * version checks on UpdateCustomer and Square's 429 body — with no Retry-After, since Square documents
 * none (shared/pos README §2.4).
 */

export const PROVIDER = "square";
export const SQUARE_RESOURCES = {
  orders: "orders",
  customers: "customers",
  catalog: "catalog",
  payments: "payments",
  refunds: "refunds",
  inventoryCounts: "inventory_counts",
} as const;

type SquareError = { category: string; code: string; detail: string };
const errors = (status: number, ...list: SquareError[]): FakeResponse => ({ status, body: { errors: list } });
const notFound = (detail: string) => errors(404, { category: "INVALID_REQUEST_ERROR", code: "NOT_FOUND", detail });
const badRequest = (detail: string, code = "BAD_REQUEST") => errors(400, { category: "INVALID_REQUEST_ERROR", code, detail });

/** Opaque to clients, like Square's: the query it belongs to and the last seq handed out. */
type Cursor = { query: string; afterSeq: number };
const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");
function decodeCursor(value: unknown): Cursor | null {
  if (typeof value !== "string") return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Cursor;
    return typeof parsed.query === "string" && typeof parsed.afterSeq === "number" ? parsed : null;
  } catch {
    return null;
  }
}

type Body = Record<string, unknown>;
const asBody = (value: unknown): Body => (value && typeof value === "object" && !Array.isArray(value) ? (value as Body) : {});
const dig = (value: unknown, ...path: string[]): unknown => path.reduce<unknown>((node, key) => asBody(node)[key], value);

/**
 * One page in seq order (the fake's seq is "last updated", so this is UPDATED_AT ASC), after the
 * cursor's seq. The cursor is tied to everything but itself, so a changed query is refused as Square does.
 */
function page(records: FakeRecord[], body: Body, limit: number): { items: FakeRecord[]; cursor?: string } | FakeResponse {
  const { cursor: raw, ...rest } = body;
  const query = JSON.stringify(rest);
  let afterSeq = 0;
  if (raw !== undefined) {
    const cursor = decodeCursor(raw);
    if (!cursor || cursor.query !== query) return badRequest("The cursor is invalid or was used with a different query.", "INVALID_CURSOR");
    afterSeq = cursor.afterSeq;
  }
  const remaining = records.filter((record) => record.seq > afterSeq);
  const items = remaining.slice(0, limit);
  return remaining.length > limit ? { items, cursor: encodeCursor({ query, afterSeq: items[items.length - 1].seq }) } : { items };
}

function sinceFilter(start: unknown): (record: FakeRecord) => boolean {
  if (typeof start !== "string") return () => true;
  const at = Date.parse(start);
  return (record) => record.updatedAt.getTime() >= at;
}

function searchOrders(request: FakeRequest, context: FakeContext): FakeResponse {
  const body = asBody(request.body);
  const locationIds = body.location_ids;
  if (!Array.isArray(locationIds) || locationIds.length === 0) return badRequest("location_ids is required.", "MISSING_REQUIRED_PARAMETER");
  if (locationIds.length > 10) return badRequest("Cannot provide more than 10 location_ids.");
  const limit = typeof body.limit === "number" ? body.limit : 500;
  if (limit < 1 || limit > 1000) return badRequest("limit must be between 1 and 1000.", "INVALID_VALUE");
  const inWindow = sinceFilter(dig(body, "query", "filter", "date_time_filter", "updated_at", "start_at"));
  const records = context.data.list(PROVIDER, SQUARE_RESOURCES.orders).filter((record) => locationIds.includes(record.object.location_id) && inWindow(record));
  const result = page(records, body, limit);
  if ("status" in result) return result;
  return { status: 200, body: { orders: result.items.map((record) => record.object), ...(result.cursor ? { cursor: result.cursor } : {}) } };
}

function searchCustomers(request: FakeRequest, context: FakeContext): FakeResponse {
  const body = asBody(request.body);
  const limit = typeof body.limit === "number" ? body.limit : 100;
  if (limit < 1 || limit > 100) return badRequest("limit must be between 1 and 100.", "INVALID_VALUE");
  const inWindow = sinceFilter(dig(body, "query", "filter", "updated_at", "start_at"));
  const result = page(context.data.list(PROVIDER, SQUARE_RESOURCES.customers).filter(inWindow), body, limit);
  if ("status" in result) return result;
  return { status: 200, body: { customers: result.items.map((record) => record.object), ...(result.cursor ? { cursor: result.cursor } : {}) } };
}

function updateCustomer(request: FakeRequest, context: FakeContext, id: string): FakeResponse {
  const record = context.data.get(PROVIDER, SQUARE_RESOURCES.customers, id);
  if (!record) return notFound(`Customer with ID \`${id}\` not found.`);
  const body = asBody(request.body);
  const current = typeof record.object.version === "number" ? record.object.version : 0;
  // Square refuses a stale `version` (the exact status and code are UNCONFIRMED; 400 CONFLICT here).
  if (body.version !== undefined && body.version !== current) return badRequest(`Customer version ${String(body.version)} is stale (current ${current}).`, "CONFLICT");
  context.data.recordWrite({ provider: PROVIDER, account: record.account, kind: "customer_note", id, body: request.body });
  const { version: _version, ...changes } = body;
  const object = { ...record.object, ...changes, version: current + 1, updated_at: new Date().toISOString() };
  context.data.put(PROVIDER, SQUARE_RESOURCES.customers, id, object, { account: record.account });
  return { status: 200, body: { customer: object } };
}

/** Answers already given per idempotency key (per fake store), as Square replays them. */
const idempotent = new WeakMap<FakeContext["data"], Map<string, { body: string; response: FakeResponse }>>();

/**
 * BatchChangeInventory, TRANSFER changes only (what Vitrine writes): every change must name a known
 * catalog variation, two different locations and a positive decimal quantity; a repeated
 * idempotency_key replays the first answer, and the same key with another body is refused.
 */
function batchChangeInventory(request: FakeRequest, context: FakeContext): FakeResponse {
  const body = asBody(request.body);
  const key = body.idempotency_key;
  if (typeof key !== "string" || key.length === 0 || key.length > 128) return badRequest("idempotency_key must be 1 to 128 characters.", "INVALID_VALUE");
  const seen = idempotent.get(context.data) ?? new Map<string, { body: string; response: FakeResponse }>();
  idempotent.set(context.data, seen);
  const previous = seen.get(key);
  if (previous) return previous.body === request.rawBody ? previous.response : badRequest("The idempotency key was used with a different request.", "IDEMPOTENCY_KEY_REUSED");

  const changes = Array.isArray(body.changes) ? body.changes.map(asBody) : [];
  if (changes.length === 0 || changes.length > 100) return badRequest("changes must hold 1 to 100 changes.", "INVALID_ARRAY_LENGTH");
  const transfers: Body[] = [];
  for (const change of changes) {
    const transfer = asBody(change.transfer);
    if (change.type !== "TRANSFER") return badRequest(`This fake accepts TRANSFER changes only, not ${String(change.type)}.`, "INVALID_ENUM_VALUE");
    if (transfer.state !== "IN_STOCK") return badRequest("transfer.state must be IN_STOCK.", "INVALID_ENUM_VALUE");
    if (typeof transfer.from_location_id !== "string" || typeof transfer.to_location_id !== "string" || transfer.from_location_id === transfer.to_location_id) {
      return badRequest("from_location_id and to_location_id must name two different locations.", "INVALID_VALUE");
    }
    if (typeof transfer.quantity !== "string" || !/^\d+(\.\d{1,5})?$/.test(transfer.quantity) || Number(transfer.quantity) <= 0) return badRequest("quantity must be a positive decimal string.", "INVALID_VALUE");
    if (typeof transfer.occurred_at !== "string" || Number.isNaN(Date.parse(transfer.occurred_at))) return badRequest("occurred_at must be an RFC 3339 timestamp.", "INVALID_TIME");
    if (typeof transfer.catalog_object_id !== "string" || !context.data.get(PROVIDER, SQUARE_RESOURCES.catalog, transfer.catalog_object_id)) {
      return badRequest(`Catalog object with ID \`${String(transfer.catalog_object_id)}\` not found.`, "INVALID_VALUE");
    }
    transfers.push({ ...transfer, id: `TRANSFER-${context.data.writes.length + transfers.length + 1}`, catalog_object_type: "ITEM_VARIATION" });
  }
  for (const transfer of transfers) context.data.recordWrite({ provider: PROVIDER, account: "", kind: "inventory_transfer", id: String(transfer.id), body: { idempotency_key: key, transfer } });
  const response: FakeResponse = { status: 200, body: { changes: transfers.map((transfer) => ({ type: "TRANSFER", transfer })), counts: [] } };
  seen.set(key, { body: request.rawBody, response });
  return response;
}

function handle(request: FakeRequest, context: FakeContext): FakeResponse {
  const [version, resource, ...rest] = request.path.split("/").filter(Boolean).map(decodeURIComponent);
  if (version !== "v2") return notFound(`${request.method} ${request.path}`);
  const get = (collection: string, id: string, key: string, label: string): FakeResponse => {
    const record = context.data.get(PROVIDER, collection, id);
    return record ? { status: 200, body: { [key]: record.object } } : notFound(`${label} with ID \`${id}\` not found.`);
  };

  if (resource === "orders" && rest[0] === "search" && request.method === "POST") return searchOrders(request, context);
  if (resource === "orders" && rest.length === 1 && request.method === "GET") return get(SQUARE_RESOURCES.orders, rest[0], "order", "Order");
  if (resource === "customers" && rest[0] === "search" && request.method === "POST") return searchCustomers(request, context);
  if (resource === "customers" && rest.length === 1 && request.method === "GET") return get(SQUARE_RESOURCES.customers, rest[0], "customer", "Customer");
  if (resource === "customers" && rest.length === 1 && request.method === "PUT") return updateCustomer(request, context, rest[0]);
  if (resource === "catalog" && rest[0] === "object" && rest.length === 2 && request.method === "GET") return get(SQUARE_RESOURCES.catalog, rest[1], "object", "Catalog object");
  if (resource === "inventory" && rest.join("/") === "changes/batch-create" && request.method === "POST") return batchChangeInventory(request, context);
  if (resource === "payments" && rest.length === 1 && request.method === "GET") return get(SQUARE_RESOURCES.payments, rest[0], "payment", "Payment");
  if (resource === "refunds" && rest.length === 1 && request.method === "GET") return get(SQUARE_RESOURCES.refunds, rest[0], "refund", "Refund");
  return notFound(`${request.method} ${request.path}`);
}

export const fake: FakePlatform = {
  provider: PROVIDER,
  authorized: (request, context) => request.headers.authorization === `Bearer ${context.expectedToken}`,
  handle,
  // Square publishes no rate-limit headers, not even Retry-After on a 429 (§2.4).
  rateLimitHeaders: () => ({}),
  rateLimitedBody: { errors: [{ category: "RATE_LIMIT_ERROR", code: "RATE_LIMITED", detail: "Too many requests." }] },
};
