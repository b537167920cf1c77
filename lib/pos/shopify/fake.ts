import type { FakePosData, FakeRecord } from "@/lib/pos/fake/data";
import type { FakeContext, FakePlatform, FakeRequest, FakeResponse } from "@/lib/pos/fake/types";

/**
 * A fake Shopify Admin API: the calls lib/pos/shopify/sync.ts makes. Objects are kept in the REST shape
 * the webhooks carry (shared/pos README §1.2) and turned into GraphQL nodes only when a GraphQL query
 * asks, so there is one source of truth. GraphQL pages with opaque cursors and reports
 * `extensions.cost.throttleStatus`; REST answers carry `X-Shopify-Shop-Api-Call-Limit` and a 429 carries
 * `Retry-After` (§1.4).
 */

export const PROVIDER = "shopify";

export const SHOPIFY_RESOURCES = {
  orders: "orders",
  customers: "customers",
  refunds: "refunds",
  metafields: "metafields",
  inventoryItems: "inventory_items",
  inventoryLevels: "inventory_levels",
  variants: "variants",
} as const;

/* ----------------------------------------------------------------------------------------------- */
/* REST shapes the fake keeps (ids as digit strings, as parseShopifyJson reads them)                */

export type ShopifyMoney = { amount: string; currency_code: string };
export type ShopifyMoneySet = { shop_money: ShopifyMoney; presentment_money: ShopifyMoney };

export type ShopifyLineItem = {
  id: string;
  admin_graphql_api_id: string;
  product_id: string | null;
  variant_id: string | null;
  sku: string | null;
  title: string;
  name: string;
  vendor: string | null;
  quantity: number;
  price: string;
  price_set: ShopifyMoneySet;
  total_discount: string;
  total_discount_set: ShopifyMoneySet;
  discount_allocations: { amount: string; amount_set: ShopifyMoneySet; discount_application_index: number }[];
  properties: { name: string; value: string }[];
  taxable: boolean;
  requires_shipping: boolean;
  gift_card: boolean;
};

export type ShopifyAddress = { id: string; customer_id: string; address1: string | null; address2: string | null; city: string | null; zip: string | null; country_code: string | null; default: boolean };

export type ShopifyConsent = { state: string; opt_in_level: string | null; consent_updated_at: string | null };

export type ShopifyCustomer = {
  id: string;
  admin_graphql_api_id: string;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  note: string | null;
  state: string;
  verified_email: boolean;
  tags: string;
  currency: string;
  tax_exempt: boolean;
  created_at: string;
  updated_at: string;
  email_marketing_consent: ShopifyConsent | null;
  sms_marketing_consent: ShopifyConsent | null;
  addresses: ShopifyAddress[];
  default_address: ShopifyAddress | null;
};

export type ShopifyRefundLineItem = {
  id: string;
  line_item_id: string;
  quantity: number;
  location_id: string | null;
  restock_type: string;
  /** a JSON number in Shopify's REST refunds, unlike every other amount */
  subtotal: number;
  subtotal_set: ShopifyMoneySet;
  total_tax: number;
  total_tax_set: ShopifyMoneySet;
  line_item: ShopifyLineItem;
};

export type ShopifyRefund = {
  id: string;
  admin_graphql_api_id: string;
  order_id: string;
  created_at: string;
  processed_at: string;
  note: string | null;
  user_id: string | null;
  restock: boolean;
  refund_line_items: ShopifyRefundLineItem[];
  transactions: { id: string; order_id: string; kind: string; gateway: string; status: string; amount: string; currency: string }[];
  order_adjustments: unknown[];
};

export type ShopifyOrder = {
  id: string;
  admin_graphql_api_id: string;
  name: string;
  order_number: number;
  email: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
  processed_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
  closed_at: string | null;
  currency: string;
  presentment_currency: string;
  financial_status: string;
  fulfillment_status: string | null;
  source_name: string;
  location_id: string | null;
  user_id: string | null;
  device_id: string | null;
  subtotal_price: string;
  total_line_items_price: string;
  total_discounts: string;
  total_tax: string;
  total_price: string;
  current_total_price: string;
  taxes_included: boolean;
  line_items: ShopifyLineItem[];
  refunds: ShopifyRefund[];
  customer: ShopifyCustomer | null;
};

export type ShopifyMetafield = { id: string; namespace: string; key: string; value: string; type: string; owner_id: string; owner_resource: string; updated_at: string };
export type ShopifyInventoryItem = { id: string; admin_graphql_api_id: string; sku: string | null; tracked: boolean; requires_shipping: boolean; created_at: string; updated_at: string };
export type ShopifyVariant = { id: string; product_id: string; sku: string | null; inventory_item_id: string };
export type ShopifyInventoryLevel = { inventory_item_id: string; location_id: string; available: number; updated_at: string; admin_graphql_api_id: string };

/* ----------------------------------------------------------------------------------------------- */
/* JSON as Shopify writes it                                                                        */

const ID_KEY = /(?:^|_)id$/;
const ID_MARK = "@@shopify-id@@";

/**
 * REST JSON with ids as bare integers, however large (Shopify's are past 2^53, §1.2): the mirror of
 * parseShopifyJson, which reads `id` / `*_id` back as digit strings.
 */
export function renderShopifyJson(body: unknown): string {
  return JSON.stringify(body, (key, value: unknown) => (ID_KEY.test(key) && typeof value === "string" && /^\d+$/.test(value) ? `${ID_MARK}${value}` : value)).replace(
    new RegExp(`"${ID_MARK}(\\d+)"`, "g"),
    "$1",
  );
}

const rest = (status: number, body: unknown): FakeResponse => ({ status, body: renderShopifyJson(body) });
const notFound = (): FakeResponse => rest(404, { errors: "Not Found" });

/* ----------------------------------------------------------------------------------------------- */
/* GraphQL: REST objects → nodes                                                                    */

const gid = (type: string, id: string) => `gid://shopify/${type}/${id}`;
const bag = (money: ShopifyMoney) => ({ shopMoney: { amount: money.amount, currencyCode: money.currency_code } });
const money = (amount: string, currency: string) => ({ shopMoney: { amount, currencyCode: currency } });
const attributes = (properties: { name: string; value: string }[]) => properties.map((property) => ({ key: property.name, value: property.value }));
const marketing = (consent: ShopifyConsent | null) => (consent ? { marketingState: consent.state.toUpperCase() } : null);

function customerNode(customer: ShopifyCustomer) {
  const address = customer.default_address;
  return {
    id: customer.admin_graphql_api_id,
    firstName: customer.first_name,
    lastName: customer.last_name,
    email: customer.email,
    phone: customer.phone,
    note: customer.note,
    updatedAt: customer.updated_at,
    defaultAddress: address ? { address1: address.address1, address2: address.address2, city: address.city, zip: address.zip, countryCodeV2: address.country_code } : null,
    emailMarketingConsent: marketing(customer.email_marketing_consent),
    smsMarketingConsent: marketing(customer.sms_marketing_consent),
  };
}

/** What the orders query asked for that shapes the answer: nested page sizes and the metafield. */
type OrderSelection = { lineItems: number; refunds: number; refundLines: number; metafield: { namespace: string; key: string } | null };

function orderSelection(query: string): OrderSelection {
  const first = (field: string) => Number(new RegExp(`${field}\\(first:\\s*(\\d+)`).exec(query)?.[1] ?? 250);
  const metafield = /metafield\(namespace:\s*"([^"]+)",\s*key:\s*"([^"]+)"\)/.exec(query);
  return { lineItems: first("lineItems"), refunds: first("refunds"), refundLines: first("refundLineItems"), metafield: metafield ? { namespace: metafield[1], key: metafield[2] } : null };
}

function orderNode(order: ShopifyOrder, selection: OrderSelection, data: FakePosData) {
  const metafield = selection.metafield ? findMetafields(data, order.id, selection.metafield.namespace, selection.metafield.key)[0] : undefined;
  const lineNode = (line: ShopifyLineItem) => ({
    id: line.admin_graphql_api_id,
    sku: line.sku,
    title: line.title,
    vendor: line.vendor,
    quantity: line.quantity,
    product: line.product_id ? { id: gid("Product", line.product_id) } : null,
    customAttributes: attributes(line.properties),
    originalUnitPriceSet: bag(line.price_set.shop_money),
    discountAllocations: line.discount_allocations.map((allocation) => ({ allocatedAmountSet: bag(allocation.amount_set.shop_money) })),
  });
  return {
    id: order.admin_graphql_api_id,
    createdAt: order.created_at,
    updatedAt: order.updated_at,
    processedAt: order.processed_at,
    cancelledAt: order.cancelled_at,
    currencyCode: order.currency,
    displayFinancialStatus: order.financial_status.toUpperCase(),
    retailLocation: order.location_id ? { id: gid("Location", order.location_id) } : null,
    staffMember: order.user_id ? { id: gid("StaffMember", order.user_id) } : null,
    subtotalPriceSet: money(order.subtotal_price, order.currency),
    totalDiscountsSet: money(order.total_discounts, order.currency),
    totalTaxSet: money(order.total_tax, order.currency),
    totalPriceSet: money(order.total_price, order.currency),
    customer: order.customer ? customerNode(order.customer) : null,
    lineItems: { pageInfo: { hasNextPage: order.line_items.length > selection.lineItems }, nodes: order.line_items.slice(0, selection.lineItems).map(lineNode) },
    refunds: order.refunds.slice(0, selection.refunds).map((refund) => ({
      id: refund.admin_graphql_api_id,
      createdAt: refund.created_at,
      note: refund.note,
      refundLineItems: {
        pageInfo: { hasNextPage: refund.refund_line_items.length > selection.refundLines },
        nodes: refund.refund_line_items.slice(0, selection.refundLines).map((line) => ({
          quantity: line.quantity,
          location: line.location_id ? { id: gid("Location", line.location_id) } : null,
          subtotalSet: bag(line.subtotal_set.shop_money),
          lineItem: { id: line.line_item.admin_graphql_api_id, sku: line.line_item.sku, customAttributes: attributes(line.line_item.properties) },
        })),
      },
    })),
    ...(selection.metafield ? { metafield: metafield ? { value: metafield.value } : null } : {}),
  };
}

/* ----------------------------------------------------------------------------------------------- */
/* GraphQL endpoint                                                                                 */

const THROTTLE = { maximumAvailable: 2000, restoreRate: 100 };
const throttledNext = new WeakMap<FakePosData, number>();

/** The next `times` GraphQL calls on this data answer THROTTLED (HTTP 200), as Shopify does (§1.4). */
export function throttleNextGraphql(data: FakePosData, times = 1): void {
  throttledNext.set(data, (throttledNext.get(data) ?? 0) + times);
}

const encodeCursor = (seq: number) => Buffer.from(JSON.stringify({ last_seq: seq })).toString("base64");

function decodeCursor(cursor: unknown): number | null {
  if (typeof cursor !== "string") return 0;
  try {
    const seq = (JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_seq?: unknown }).last_seq;
    return typeof seq === "number" ? seq : null;
  } catch {
    return null;
  }
}

/** `updated_at:>='2025-03-01T00:00:00Z'` from the search query (variables first, then inline). */
function updatedSince(queryText: string, variables: Record<string, unknown>): Date | null {
  const search = typeof variables.query === "string" ? variables.query : queryText;
  const match = /updated_at:>=?'?([^'\s)"]+)'?/.exec(search);
  return match ? new Date(match[1]) : null;
}

/** `nodes(ids:)` for product variants: each with its inventory item; an unknown id is null, as Shopify answers. */
function variantNodes(variables: Record<string, unknown>, context: FakeContext): FakeResponse {
  const ids = Array.isArray(variables.ids) ? variables.ids.map(String) : [];
  const nodes = ids.map((id) => {
    const record = context.data.get<ShopifyVariant>(PROVIDER, SHOPIFY_RESOURCES.variants, id.replace("gid://shopify/ProductVariant/", ""));
    return record ? { id, inventoryItem: { id: gid("InventoryItem", record.object.inventory_item_id) } } : null;
  });
  return rest(200, { data: { nodes } });
}

/** Transfers already created per `@idempotent` key (per fake store): a repeat returns the same transfer. */
const transfersByKey = new WeakMap<FakePosData, Map<string, unknown>>();

/**
 * `inventoryTransferCreateAsReadyToShip`: two different Location gids and line items naming inventory
 * items the shop has (else userErrors, as Shopify answers with HTTP 200). The `@idempotent(key:)`
 * directive makes a repeat return the first transfer.
 */
function createTransfer(query: string, variables: Record<string, unknown>, context: FakeContext): FakeResponse {
  const input = (variables.input ?? {}) as { originLocationId?: unknown; destinationLocationId?: unknown; lineItems?: unknown; referenceName?: unknown };
  const key = query.includes("@idempotent(key: $key)") && typeof variables.key === "string" ? variables.key : null;
  const known = transfersByKey.get(context.data) ?? new Map<string, unknown>();
  transfersByKey.set(context.data, known);
  if (key && known.has(key)) return rest(200, { data: { inventoryTransferCreateAsReadyToShip: known.get(key) } });

  const userError = (code: string, field: string[], message: string) => rest(200, { data: { inventoryTransferCreateAsReadyToShip: { inventoryTransfer: null, userErrors: [{ code, field, message }] } } });
  const isLocation = (value: unknown) => typeof value === "string" && /^gid:\/\/shopify\/Location\/\d+$/.test(value);
  if (!isLocation(input.originLocationId) || !isLocation(input.destinationLocationId) || input.originLocationId === input.destinationLocationId) {
    return userError("INVALID_LOCATION", ["input", "originLocationId"], "Origin and destination must be two different locations.");
  }
  const items = new Set(context.data.list<ShopifyVariant>(PROVIDER, SHOPIFY_RESOURCES.variants).map((record) => gid("InventoryItem", record.object.inventory_item_id)));
  const lines = Array.isArray(input.lineItems) ? (input.lineItems as { inventoryItemId?: unknown; quantity?: unknown }[]) : [];
  if (lines.length === 0) return userError("INVALID_LINE_ITEMS", ["input", "lineItems"], "A transfer needs at least one line item.");
  for (const line of lines) {
    if (typeof line.inventoryItemId !== "string" || !items.has(line.inventoryItemId)) return userError("ITEM_NOT_FOUND", ["input", "lineItems"], `Inventory item ${String(line.inventoryItemId)} not found.`);
    if (typeof line.quantity !== "number" || !Number.isInteger(line.quantity) || line.quantity <= 0) return userError("INVALID_QUANTITY", ["input", "lineItems"], "Quantity must be a positive integer.");
  }
  const transferId = gid("InventoryTransfer", String(900_000 + context.data.writes.length + 1));
  context.data.recordWrite({ provider: PROVIDER, account: "", kind: "inventory_transfer", id: transferId, body: { key, input } });
  const payload = { inventoryTransfer: { id: transferId, name: `#T${context.data.writes.length}`, status: "READY_TO_SHIP" }, userErrors: [] };
  if (key) known.set(key, payload);
  return rest(200, { data: { inventoryTransferCreateAsReadyToShip: payload } });
}

function graphql(request: FakeRequest, context: FakeContext): FakeResponse {
  const body = (request.body ?? {}) as { query?: unknown; variables?: unknown };
  const query = typeof body.query === "string" ? body.query : "";
  const variables = (body.variables ?? {}) as Record<string, unknown>;
  const first = Math.min(typeof variables.first === "number" ? variables.first : 50, 250);
  // A rough stand-in for Shopify's calculated cost: objects cost 1 each, per requested node.
  const requestedQueryCost = 2 + first * (query.includes("orders(") ? 20 : 4);

  const pending = throttledNext.get(context.data) ?? 0;
  if (pending > 0) {
    throttledNext.set(context.data, pending - 1);
    return rest(200, {
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
      extensions: { cost: { requestedQueryCost, actualQueryCost: null, throttleStatus: { ...THROTTLE, currentlyAvailable: 0 } } },
    });
  }

  if (query.includes("inventoryTransferCreateAsReadyToShip(")) return createTransfer(query, variables, context);
  if (query.includes("nodes(ids:")) return variantNodes(variables, context);
  const resource = query.includes("customers(") ? SHOPIFY_RESOURCES.customers : query.includes("orders(") ? SHOPIFY_RESOURCES.orders : null;
  if (!resource) return rest(200, { errors: [{ message: "This fake answers only the customers and orders queries", extensions: { code: "BAD_REQUEST" } }] });
  const afterSeq = decodeCursor(variables.after);
  if (afterSeq === null) return rest(200, { errors: [{ message: "Invalid cursor", extensions: { code: "BAD_REQUEST" } }] });
  const since = updatedSince(query, variables);

  const matching = context.data
    .list<{ updated_at: string }>(PROVIDER, resource)
    .filter((record) => record.seq > afterSeq && (!since || new Date(record.object.updated_at).getTime() >= since.getTime()));
  const page = matching.slice(0, first);
  const last = page.at(-1);
  const selection = orderSelection(query);
  const nodes = page.map((record) =>
    resource === SHOPIFY_RESOURCES.customers ? customerNode(record.object as unknown as ShopifyCustomer) : orderNode(record.object as unknown as ShopifyOrder, selection, context.data),
  );
  const actualQueryCost = 2 + nodes.length * (resource === SHOPIFY_RESOURCES.orders ? 20 : 4);
  return rest(200, {
    data: { [resource]: { pageInfo: { hasNextPage: matching.length > page.length, endCursor: last ? encodeCursor(last.seq) : null }, nodes } },
    extensions: { cost: { requestedQueryCost, actualQueryCost, throttleStatus: { ...THROTTLE, currentlyAvailable: THROTTLE.maximumAvailable - actualQueryCost } } },
  });
}

/* ----------------------------------------------------------------------------------------------- */
/* REST endpoints                                                                                   */

export function findMetafields(data: FakePosData, ownerId: string, namespace: string | null, key: string | null): ShopifyMetafield[] {
  return data
    .list<ShopifyMetafield>(PROVIDER, SHOPIFY_RESOURCES.metafields)
    .map((record) => record.object)
    .filter((field) => field.owner_id === ownerId && (!namespace || field.namespace === namespace) && (!key || field.key === key));
}

function putCustomerNote(request: FakeRequest, context: FakeContext, record: FakeRecord<ShopifyCustomer>): FakeResponse {
  const note = (request.body as { customer?: { note?: unknown } } | null)?.customer?.note;
  if (typeof note !== "string") return rest(422, { errors: { customer: ["Required parameter missing or invalid"] } });
  context.data.recordWrite({ provider: PROVIDER, account: record.account, kind: "customer_note", id: record.id, body: request.body });
  const updated = { ...record.object, note, updated_at: new Date().toISOString() };
  context.data.put(PROVIDER, SHOPIFY_RESOURCES.customers, record.id, updated, { account: record.account });
  return rest(200, { customer: updated });
}

function handle(request: FakeRequest, context: FakeContext): FakeResponse {
  // The real base URL ends in /admin/api/<version>; a connection may point at the fake either way.
  const path = request.path.replace(/^\/admin\/api\/[^/]+/, "");
  if (request.method === "POST" && path === "/graphql.json") return graphql(request, context);

  const match = /^\/(orders|customers|inventory_items)\/(\d+)(\/metafields)?\.json$/.exec(path);
  if (!match) return notFound();
  const [, resource, id, metafields] = match;
  const record = context.data.get(PROVIDER, resource, id);
  if (!record) return notFound();

  if (request.method === "GET" && metafields && resource === "orders") {
    return rest(200, { metafields: findMetafields(context.data, id, request.query.get("namespace"), request.query.get("key")) });
  }
  if (metafields) return notFound();
  if (request.method === "GET") {
    const singular = { orders: "order", customers: "customer", inventory_items: "inventory_item" }[resource as "orders" | "customers" | "inventory_items"];
    return rest(200, { [singular]: record.object });
  }
  if (request.method === "PUT" && resource === "customers") return putCustomerNote(request, context, record as FakeRecord<ShopifyCustomer>);
  return notFound();
}

export const fake: FakePlatform = {
  provider: PROVIDER,
  authorized: (request, context) => request.headers["x-shopify-access-token"] === context.expectedToken,
  handle,
  rateLimitHeaders: ({ used, size, retryAfterSeconds, limited }) => ({
    "X-Shopify-Shop-Api-Call-Limit": `${Math.min(used, size)}/${size}`,
    // Shopify writes Retry-After as seconds with a decimal ("2.0"), §1.4.
    ...(limited ? { "Retry-After": retryAfterSeconds.toFixed(1) } : {}),
  }),
  rateLimitedBody: { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." },
};
