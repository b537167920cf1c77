import type { FakeRecord } from "@/lib/pos/fake/data";
import type { FakeContext, FakePlatform, FakeRequest, FakeResponse } from "@/lib/pos/fake/types";

/**
 * A fake Clover REST v3: per-merchant orders, customers, items and payments in Clover's shapes
 * (nested `{elements: [...]}`, cents, epoch ms), `expand` honoured, offset/limit paging (limit ≤ 1000),
 * the 90-day date-filter rule on orders, and 429s with `X-RateLimit-tokenLimit` and `Retry-After: 1`
 * (shared/pos README §5.2, §5.4).
 */

export const PROVIDER = "clover";
export const CLOVER_RESOURCES = { orders: "orders", customers: "customers", items: "items", payments: "payments" } as const;

const DAY_MS = 24 * 3600 * 1000;
const MAX_LIMIT = 1000;

const message = (status: number, text: string): FakeResponse => ({ status, body: { message: text } });
const notFound = (what: string) => message(404, `${what} not found`);

/** Nested fields a GET leaves out unless `expand` names them (Clover returns only `{href}` otherwise). */
const EXPANDABLE: Record<string, string[]> = {
  orders: ["lineItems", "customers", "payments", "refunds", "discounts"],
  customers: ["emailAddresses", "phoneNumbers", "addresses", "metadata"],
  items: ["itemStock", "categories", "tags"],
  payments: [],
};

function render(resource: string, object: Record<string, unknown>, expand: string | null): Record<string, unknown> {
  const wanted = new Set((expand ?? "").split(",").map((name) => name.trim()).filter(Boolean));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (EXPANDABLE[resource]?.includes(key) && !wanted.has(key)) continue;
    out[key] = value;
  }
  return out;
}

type Bound = { field: string; op: ">=" | "<=" | ">" | "<" | "="; value: number };

function parseFilters(query: URLSearchParams): Bound[] | string {
  const bounds: Bound[] = [];
  for (const raw of query.getAll("filter")) {
    const match = /^(\w+)(>=|<=|>|<|=)(-?\d+)$/.exec(raw.trim());
    if (!match) return `Unsupported filter: ${raw}`;
    bounds.push({ field: match[1], op: match[2] as Bound["op"], value: Number(match[3]) });
  }
  return bounds;
}

function matches(object: Record<string, unknown>, bounds: Bound[]): boolean {
  return bounds.every(({ field, op, value }) => {
    const actual = object[field];
    if (typeof actual !== "number") return false;
    return op === ">=" ? actual >= value : op === "<=" ? actual <= value : op === ">" ? actual > value : op === "<" ? actual < value : actual === value;
  });
}

/** The 90-day rule (§5.4): orders need both ends of a date filter, at most 90 days apart. */
function windowError(bounds: Bound[]): string | null {
  const dated = bounds.filter((bound) => bound.field === "modifiedTime" || bound.field === "createdTime");
  const low = dated.find((bound) => bound.op === ">=" || bound.op === ">");
  const high = dated.find((bound) => bound.op === "<=" || bound.op === "<");
  if (!low || !high) return "A date filter (createdTime or modifiedTime, both bounds) is required for orders.";
  if (high.value - low.value > 90 * DAY_MS) return "The date filter range cannot exceed 90 days.";
  return null;
}

function listResource(request: FakeRequest, context: FakeContext, merchantId: string, resource: string): FakeResponse {
  const limit = Number(request.query.get("limit") ?? "100");
  const offset = Number(request.query.get("offset") ?? "0");
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return message(400, `limit must be between 1 and ${MAX_LIMIT}`);
  if (!Number.isInteger(offset) || offset < 0) return message(400, "offset must be a non-negative integer");
  const bounds = parseFilters(request.query);
  if (typeof bounds === "string") return message(400, bounds);
  if (resource === CLOVER_RESOURCES.orders) {
    const error = windowError(bounds);
    if (error) return message(400, error);
  }
  const byTime = (a: FakeRecord, b: FakeRecord) => Number(a.object.modifiedTime ?? 0) - Number(b.object.modifiedTime ?? 0) || a.id.localeCompare(b.id);
  const records = context.data
    .list(PROVIDER, resource, merchantId)
    .filter((record) => matches(record.object, bounds))
    .sort(request.query.get("orderBy")?.startsWith("modifiedTime") ? byTime : (a, b) => a.seq - b.seq);
  const elements = records.slice(offset, offset + limit).map((record) => render(resource, record.object, request.query.get("expand")));
  return { status: 200, body: { elements, href: `${context.baseUrl}/v3/merchants/${merchantId}/${resource}` } };
}

function updateCustomer(request: FakeRequest, context: FakeContext, merchantId: string, id: string): FakeResponse {
  const record = context.data.get(PROVIDER, CLOVER_RESOURCES.customers, id);
  if (!record || record.account !== merchantId) return notFound(`Customer ${id}`);
  context.data.recordWrite({ provider: PROVIDER, account: merchantId, kind: "customer_note", id, body: request.body });
  const body = (request.body ?? {}) as Record<string, unknown>;
  const metadata = { ...(record.object.metadata as Record<string, unknown> | undefined), ...(body.metadata as Record<string, unknown> | undefined) };
  const object = { ...record.object, ...body, metadata, modifiedTime: Date.now() };
  context.data.put(PROVIDER, CLOVER_RESOURCES.customers, id, object, { account: merchantId });
  return { status: 200, body: render(CLOVER_RESOURCES.customers, object, null) };
}

function handle(request: FakeRequest, context: FakeContext): FakeResponse {
  const [version, merchants, merchantId, resource, id, ...rest] = request.path.split("/").filter(Boolean).map(decodeURIComponent);
  if (version !== "v3" || merchants !== "merchants" || !merchantId || !resource || rest.length > 0) return notFound(request.path);
  if (!Object.values(CLOVER_RESOURCES).includes(resource as never)) return notFound(request.path);

  if (request.method === "GET" && !id) return listResource(request, context, merchantId, resource);
  if (request.method === "GET" && id) {
    const record = context.data.get(PROVIDER, resource, id);
    // Objects belong to one merchant: asking under another is a 404, as with a wrong token.
    if (!record || record.account !== merchantId) return notFound(`${resource} ${id}`);
    return { status: 200, body: render(resource, record.object, request.query.get("expand")) };
  }
  if (request.method === "POST" && resource === CLOVER_RESOURCES.customers && id) return updateCustomer(request, context, merchantId, id);
  return notFound(`${request.method} ${request.path}`);
}

export const fake: FakePlatform = {
  provider: PROVIDER,
  authorized: (request, context) => request.headers.authorization === `Bearer ${context.expectedToken}`,
  handle,
  // A 429 says which limit was hit (§5.4): this fake is always the per-token one.
  rateLimitHeaders: ({ size, retryAfterSeconds, limited }): Record<string, string> =>
    limited ? { "X-RateLimit-tokenLimit": String(size), "Retry-After": String(Math.max(1, retryAfterSeconds)) } : {},
  rateLimitedBody: { message: "Too Many Requests" },
};
