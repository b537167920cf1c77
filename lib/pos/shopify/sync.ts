import { z } from "zod";
import { PosApiError, RateLimited, type PosHttp, type PosRequest } from "@/lib/pos/http";
import { decimalToMinor } from "@/lib/pos/money";
import { MalformedDelivery, type ApiConnection, type BackfillPage, type StockTransferArgs, type StoredEvent, type SyncConnector } from "@/lib/pos/types";
import { deletedCustomer, type CanonicalChange, type CanonicalCustomer, type CanonicalReturn, type CanonicalReturnLine, type CanonicalSale, type CanonicalSaleLine } from "@/lib/sync/canonical";
import { parseShopifyJson } from "./json";

/**
 * Shopify Admin API (shared/pos README §1).
 *
 * Webhooks carry the full REST resource (§1.2), so `changes` maps the payload itself and only calls the
 * API for what a payload lacks (an inventory item's SKU, a serial-number metafield). Backfill uses the
 * GraphQL Admin API (§1.4; REST is legacy). There is one mapper: GraphQL nodes are first rewritten into
 * the REST shape the webhooks carry, so a webhook and a backfill of the same order give the same change.
 *
 * Shopify has no work / repair orders (§1.3, unconfirmed that no official API exists), so this connector
 * has no `writeServiceOrder`.
 */

/* ----------------------------------------------------------------------------------------------- */
/* Connection settings                                                                              */

/**
 * Where a shop keeps serial numbers. Shopify has none natively (§1.3, unconfirmed by a Shopify
 * statement): some merchants type them into a line-item property, others use the Serializer app, which
 * writes `{ items: [{ lineItemId, serialNumber }] }` into the order metafield `serializer.properties`
 * (the app's docs; the `lineItemId` format, numeric or gid, is unconfirmed, so both are read).
 */
const serialSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("line_item_property"), name: z.string().trim().min(1).default("Serial") }),
  z.object({ kind: z.literal("metafield"), namespace: z.string().min(1).default("serializer"), key: z.string().min(1).default("properties") }),
]);
type SerialSource = z.infer<typeof serialSourceSchema>;

const configSchema = z.object({
  serialSource: serialSourceSchema.default({ kind: "line_item_property", name: "Serial" }),
  /** customers per backfill page (Shopify's connection maximum is 250, §1.4) */
  pageSize: z.number().int().min(1).max(250).default(100),
  /**
   * orders per backfill page. Much smaller than `pageSize`: an order node with its line items and refunds
   * costs far more query points, and Shopify refuses a query whose requested cost exceeds 1,000
   * (https://shopify.dev/docs/api/usage/limits).
   */
  orderPageSize: z.number().int().min(1).max(50).default(5),
  /** the shop's currency; product webhooks carry prices without one */
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
});
type ShopifyConfig = z.infer<typeof configSchema>;

function readConfig(connection: ApiConnection): ShopifyConfig {
  const parsed = configSchema.safeParse(connection.config);
  if (!parsed.success) throw new PosApiError(`Shopify connection settings are invalid: ${z.prettifyError(parsed.error)}`, null, false);
  return parsed.data;
}

/* ----------------------------------------------------------------------------------------------- */
/* REST shapes (webhook payloads and REST answers). Tolerant: only what Vitrine reads; unknown keys    */
/* are dropped, and what a shop or an API version may omit is optional.                              */

/** parseShopifyJson yields ids as strings; a number here means someone used JSON.parse upstream. */
const id = z
  .union([z.string().regex(/^\d+$/), z.number().int().refine(Number.isSafeInteger, "an id past 2^53 arrived as a number (parse with parseShopifyJson)")])
  .transform(String);
const optionalId = id.nullish().transform((value) => value ?? null);
/**
 * Location ids are numeric on Shopify too, but they are only matched against the connection's
 * storeMapping keys, so any spelling an admin (or the simulator) used is accepted.
 */
const locationId = z
  .union([z.string().min(1), z.number().int().refine(Number.isSafeInteger)])
  .nullish()
  .transform((value) => (value == null ? null : String(value)));
const text = z.string().nullish().transform((value) => (value ? value : null));
/** Money is a decimal string; refund line `subtotal` is a JSON number in the REST fixtures (§1.6). */
const amount = z.union([z.string(), z.number()]);
const moneySet = z.object({ shop_money: z.object({ amount, currency_code: z.string() }) }).nullish();
const properties = z.array(z.object({ name: z.string(), value: z.union([z.string(), z.number()]).nullish() })).nullish();

const lineItemSchema = z.object({
  id,
  product_id: optionalId,
  sku: text,
  title: text,
  vendor: text,
  quantity: z.number().int(),
  price: amount,
  price_set: moneySet,
  total_discount: amount.nullish(),
  discount_allocations: z.array(z.object({ amount, amount_set: moneySet })).nullish(),
  properties,
});
type RestLineItem = z.infer<typeof lineItemSchema>;

const consentSchema = z.object({ state: z.string().nullish() }).nullish();
const customerSchema = z.object({
  id,
  first_name: text,
  last_name: text,
  email: text,
  phone: text,
  note: z.string().nullish(),
  updated_at: text,
  email_marketing_consent: consentSchema,
  sms_marketing_consent: consentSchema,
  default_address: z.object({ address1: text, address2: text, city: text, zip: text, country_code: text }).nullish(),
});
type RestCustomer = z.infer<typeof customerSchema>;

const refundSchema = z.object({
  id,
  order_id: id,
  created_at: z.string(),
  processed_at: text,
  note: text,
  refund_line_items: z
    .array(
      z.object({
        line_item_id: optionalId,
        quantity: z.number().int(),
        location_id: locationId,
        subtotal: amount.nullish(),
        subtotal_set: moneySet,
        line_item: z.object({ id: optionalId, sku: text, properties }).nullish(),
      }),
    )
    .nullish()
    .transform((lines) => lines ?? []),
  transactions: z.array(z.object({ currency: text })).nullish(),
});
type RestRefund = z.infer<typeof refundSchema>;

const orderSchema = z.object({
  id,
  created_at: z.string(),
  updated_at: text,
  processed_at: text,
  cancelled_at: text,
  currency: z.string(),
  financial_status: text,
  location_id: locationId,
  user_id: optionalId,
  subtotal_price: amount,
  total_discounts: amount.nullish(),
  total_tax: amount.nullish(),
  total_price: amount,
  customer: customerSchema.nullish(),
  line_items: z.array(lineItemSchema),
  refunds: z.array(refundSchema).nullish(),
});
type RestOrder = z.infer<typeof orderSchema>;

const productSchema = z.object({
  id,
  title: z.string(),
  vendor: text,
  updated_at: text,
  variants: z.array(z.object({ id, title: text, sku: text, price: amount.nullish(), updated_at: text })),
});

const inventoryLevelSchema = z.object({ inventory_item_id: id, location_id: locationId, available: z.number().int().nullish(), updated_at: text });
const inventoryItemSchema = z.object({ inventory_item: z.object({ id, sku: text, updated_at: text }) });
const metafieldsSchema = z.object({ metafields: z.array(z.object({ namespace: z.string(), key: z.string(), value: z.string() })) });
const serializerSchema = z.object({
  items: z.array(z.object({ lineItemId: z.union([z.string(), z.number()]).transform(String), serialNumber: z.string() })).default([]),
});

/* ----------------------------------------------------------------------------------------------- */
/* Scalars                                                                                          */

/**
 * Exact minor units. parseShopifyJson keeps a number only when its shortest decimal text reads back
 * exactly (lossless-json `isSafeNumber`), so `String(number)` is the digits Shopify sent.
 */
function minor(value: string | number, currency: string): number {
  return decimalToMinor(typeof value === "number" ? String(value) : value, currency);
}

function shopMoney(set: z.infer<typeof moneySet>, fallback: string | number | null | undefined, currency: string): number {
  const value = set?.shop_money.amount ?? fallback;
  return value === null || value === undefined ? 0 : minor(value, currency);
}

function date(value: string | null | undefined): Date | null {
  if (!value) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** `gid://shopify/Order/7301952611298455553` → `7301952611298455553`, the id webhooks carry. */
export function gidTail(gid: string): string {
  const match = /^gid:\/\/shopify\/\w+\/([^/?]+)/.exec(gid);
  return match ? match[1] : gid;
}

/* ----------------------------------------------------------------------------------------------- */
/* Serial numbers                                                                                   */

type SerialsOf = (line: { id: string | null; properties?: RestLineItem["properties"] }) => string[];

function splitSerials(value: string): string[] {
  return value.split(",").map((serial) => serial.trim()).filter(Boolean);
}

/** `metafieldValue` is the order's Serializer metafield (only read for the metafield source). */
function serialsFor(source: SerialSource, metafieldValue: string | null): SerialsOf {
  if (source.kind === "line_item_property") {
    const name = source.name.toLowerCase();
    return (line) => (line.properties ?? []).filter((property) => property.name.trim().toLowerCase() === name && property.value != null).flatMap((property) => splitSerials(String(property.value)));
  }
  const byLine = new Map<string, string[]>();
  if (metafieldValue) {
    let parsed: unknown;
    try {
      parsed = parseShopifyJson(metafieldValue);
    } catch (error) {
      throw new PosApiError(`the ${source.namespace}.${source.key} metafield is not JSON: ${(error as Error).message}`, null, false);
    }
    const items = serializerSchema.safeParse(parsed);
    if (!items.success) throw new PosApiError(`unexpected ${source.namespace}.${source.key} metafield: ${z.prettifyError(items.error)}`, null, false);
    for (const item of items.data.items) {
      const lineId = gidTail(item.lineItemId);
      byLine.set(lineId, [...(byLine.get(lineId) ?? []), ...splitSerials(item.serialNumber)]);
    }
  }
  return (line) => (line.id ? (byLine.get(line.id) ?? []) : []);
}

/** Webhook payloads do not include metafields: fetch the order's one (REST, §1.3). */
async function fetchSerials(source: SerialSource, orderId: string, http: PosHttp): Promise<SerialsOf> {
  if (source.kind !== "metafield") return serialsFor(source, null);
  const body = await getJson(http, { path: `/orders/${orderId}/metafields.json`, query: { namespace: source.namespace, key: source.key } });
  const parsed = metafieldsSchema.safeParse(body);
  if (!parsed.success) throw new PosApiError(`unexpected Shopify metafields body: ${z.prettifyError(parsed.error)}`, null, false);
  const metafield = parsed.data.metafields.find((field) => field.namespace === source.namespace && field.key === source.key);
  return serialsFor(source, metafield?.value ?? null);
}

/* ----------------------------------------------------------------------------------------------- */
/* The one mapper: REST-shaped objects → canonical changes                                          */

function toCustomer(customer: RestCustomer): CanonicalCustomer {
  const address = customer.default_address;
  const addressLine = [address?.address1, address?.address2].filter(Boolean).join(", ");
  const subscribed = (consent: z.infer<typeof consentSchema>) => (consent?.state ? consent.state === "subscribed" : undefined);
  return {
    externalId: customer.id,
    updatedAt: date(customer.updated_at),
    version: null,
    firstName: customer.first_name,
    lastName: customer.last_name,
    email: customer.email,
    phone: customer.phone,
    addressLine: addressLine || null,
    city: address?.city ?? null,
    postalCode: address?.zip ?? null,
    country: address?.country_code ?? null,
    consentEmail: subscribed(customer.email_marketing_consent),
    consentSms: subscribed(customer.sms_marketing_consent),
    // absent (an order's trimmed customer) means "not said"; null means Shopify has no note
    note: customer.note,
  };
}

/**
 * `cancelled_at` wins; then the financial status. A partially paid order is a deposit on a piece (a
 * layby), which the canonical model calls "open". POS orders are paid at the counter, so "authorized"
 * (a card authorised, not yet captured) counts as completed.
 */
function saleStatus(order: RestOrder): CanonicalSale["status"] {
  if (order.cancelled_at) return "voided";
  switch (order.financial_status) {
    case "paid":
    case "partially_refunded":
    case "refunded":
    case "authorized":
      return "completed";
    case "voided":
    case "expired":
      return "voided";
    default:
      // "pending", "partially_paid", and anything a newer API version adds
      return "open";
  }
}

function toSaleLine(line: RestLineItem, currency: string, serialsOf: SerialsOf): CanonicalSaleLine {
  const unitPriceMinor = shopMoney(line.price_set, line.price, currency);
  // Shopify recommends discount_allocations over the older per-line total_discount.
  const discountMinor = line.discount_allocations
    ? line.discount_allocations.reduce((sum, allocation) => sum + shopMoney(allocation.amount_set, allocation.amount, currency), 0)
    : line.total_discount != null
      ? minor(line.total_discount, currency)
      : 0;
  return {
    externalId: line.id,
    // A custom sale or a variant without a SKU has none; the processor then matches by product id.
    sku: line.sku ?? "",
    productExternalId: line.product_id,
    name: line.title,
    brand: line.vendor,
    quantity: line.quantity,
    unitPriceMinor,
    discountMinor,
    totalMinor: unitPriceMinor * line.quantity - discountMinor,
    serialNumbers: serialsOf(line),
  };
}

function toSale(order: RestOrder, serialsOf: SerialsOf): CanonicalSale {
  const currency = order.currency;
  const customer = order.customer ? toCustomer(order.customer) : null;
  return {
    externalId: order.id,
    updatedAt: date(order.updated_at),
    version: null,
    locationId: order.location_id,
    status: saleStatus(order),
    completedAt: date(order.processed_at ?? order.created_at),
    currency,
    subtotalMinor: minor(order.subtotal_price, currency),
    discountMinor: order.total_discounts != null ? minor(order.total_discounts, currency) : 0,
    taxMinor: order.total_tax != null ? minor(order.total_tax, currency) : 0,
    totalMinor: minor(order.total_price, currency),
    customer,
    customerExternalId: customer?.externalId ?? null,
    associateExternalId: order.user_id,
    lines: order.line_items.map((line) => toSaleLine(line, currency, serialsOf)),
  };
}

type ReturnContext = { currency: string | null; locationId: string | null; customerExternalId: string | null; serialsOf: SerialsOf };

function toReturn(refund: RestRefund, context: ReturnContext): CanonicalReturn {
  const firstLine = refund.refund_line_items[0];
  // The order's (shop) currency first: a transaction's currency may be the buyer's presentment currency.
  const currency = context.currency ?? firstLine?.subtotal_set?.shop_money.currency_code ?? refund.transactions?.find((transaction) => transaction.currency)?.currency;
  if (!currency) throw new MalformedDelivery(`refund ${refund.id} says nothing of its currency`);
  const returnedAt = date(refund.processed_at ?? refund.created_at);
  if (!returnedAt) throw new MalformedDelivery(`refund ${refund.id} has no readable date`);
  const lines = refund.refund_line_items.map((line): CanonicalReturnLine => {
    const serials = context.serialsOf({ id: line.line_item?.id ?? line.line_item_id, properties: line.line_item?.properties });
    return {
      saleLineExternalId: line.line_item_id,
      sku: line.line_item?.sku ?? "",
      quantity: line.quantity,
      refundMinor: shopMoney(line.subtotal_set, line.subtotal, currency),
      // With several serials on the line, which unit came back is not said: leave it to a person.
      serialNumber: serials.length === 1 ? serials[0] : null,
    };
  });
  return {
    externalId: refund.id,
    saleExternalId: refund.order_id,
    locationId: firstLine?.location_id ?? context.locationId,
    returnedAt,
    currency,
    reason: refund.note,
    customerExternalId: context.customerExternalId,
    lines,
  };
}

/** An order and every refund it embeds (webhook `orders/*` and backfill alike). */
function orderChanges(order: RestOrder, serialsOf: SerialsOf): CanonicalChange[] {
  const sale = toSale(order, serialsOf);
  const context: ReturnContext = { currency: order.currency, locationId: order.location_id, customerExternalId: sale.customerExternalId, serialsOf };
  const returns = (order.refunds ?? []).map((refund): CanonicalChange => ({ kind: "return", return: toReturn({ ...refund, order_id: order.id }, context) }));
  return [{ kind: "sale", sale }, ...returns];
}

/* ----------------------------------------------------------------------------------------------- */
/* HTTP                                                                                             */

/** Parses with parseShopifyJson whatever parser the caller gave PosHttp: ids must never be rounded. */
async function getJson(http: PosHttp, request: PosRequest): Promise<unknown> {
  const response = await http.request(request);
  try {
    return parseShopifyJson(response.text);
  } catch (error) {
    throw new PosApiError(`Shopify answered ${request.path} with invalid JSON: ${(error as Error).message}`, response.status, false);
  }
}

function parseApi<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new PosApiError(`unexpected Shopify ${what}: ${z.prettifyError(parsed.error)}`, null, false);
  return parsed.data;
}

function parsePayload<T extends z.ZodType>(schema: T, event: StoredEvent): z.infer<T> {
  const parsed = schema.safeParse(event.payload);
  if (!parsed.success) throw new MalformedDelivery(`${event.topic} payload: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/* ----------------------------------------------------------------------------------------------- */
/* GraphQL backfill (§1.4)                                                                          */

const MONEY = "shopMoney { amount currencyCode }";
/*
 * `email`, `phone` and `*MarketingConsent` are deprecated on Customer in recent API versions in favour of
 * `defaultEmailAddress` / `defaultPhoneNumber` (the version that removes them is unconfirmed); pin the
 * API version in the connection's base URL and revisit on upgrade.
 */
const CUSTOMER_FIELDS = `id firstName lastName email phone note updatedAt
      defaultAddress { address1 address2 city zip countryCodeV2 }
      emailMarketingConsent { marketingState }
      smsMarketingConsent { marketingState }`;

/*
 * Nested connections multiply the requested cost (first × node cost), so an order page asks for a few
 * line items and refunds per order; an order with more is re-read whole through REST (see `fullOrder`).
 */
const LINE_ITEMS_PER_ORDER = 10;
const REFUNDS_PER_ORDER = 5;
const LINES_PER_REFUND = 10;

const CUSTOMERS_QUERY = `query VitrineCustomers($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
    pageInfo { hasNextPage endCursor }
    nodes { ${CUSTOMER_FIELDS} }
  }
}`;

/**
 * Without the `read_all_orders` scope Shopify returns only the last 60 days of orders (§1.4); older
 * history needs that scope approved (or a bulk operation).
 * `staffMember` may need an access scope of its own (unconfirmed); without it the query fails loudly
 * rather than returning orders without their associate.
 * `retailLocation` is the current name of the POS location (it replaced the deprecated
 * `physicalLocation`; the API version that introduced it is unconfirmed, so both are read).
 */
function ordersQuery(source: SerialSource): string {
  const metafield = source.kind === "metafield" ? `metafield(namespace: ${JSON.stringify(source.namespace)}, key: ${JSON.stringify(source.key)}) { value }` : "";
  return `query VitrineOrders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id createdAt updatedAt processedAt cancelledAt currencyCode displayFinancialStatus
      retailLocation { id }
      staffMember { id }
      subtotalPriceSet { ${MONEY} }
      totalDiscountsSet { ${MONEY} }
      totalTaxSet { ${MONEY} }
      totalPriceSet { ${MONEY} }
      customer { ${CUSTOMER_FIELDS} }
      lineItems(first: ${LINE_ITEMS_PER_ORDER}) {
        pageInfo { hasNextPage }
        nodes {
          id sku title vendor quantity
          product { id }
          customAttributes { key value }
          originalUnitPriceSet { ${MONEY} }
          discountAllocations { allocatedAmountSet { ${MONEY} } }
        }
      }
      refunds(first: ${REFUNDS_PER_ORDER}) {
        id createdAt note
        refundLineItems(first: ${LINES_PER_REFUND}) {
          pageInfo { hasNextPage }
          nodes { quantity location { id } subtotalSet { ${MONEY} } lineItem { id sku customAttributes { key value } } }
        }
      }
      ${metafield}
    }
  }
}`;
}

const gid = z.string().transform(gidTail);
const optionalGidRef = z.object({ id: gid }).nullish().transform((ref) => ref?.id ?? null);
const moneyBag = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) });
const attributes = z.array(z.object({ key: z.string(), value: z.string().nullish() })).nullish();
const marketing = z.object({ marketingState: z.string() }).nullish();
const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() });

const customerNode = z.object({
  id: gid,
  firstName: text,
  lastName: text,
  email: text,
  phone: text,
  note: z.string().nullish(),
  updatedAt: text,
  defaultAddress: z.object({ address1: text, address2: text, city: text, zip: text, countryCodeV2: text }).nullish(),
  emailMarketingConsent: marketing,
  smsMarketingConsent: marketing,
});

const orderNode = z.object({
  id: gid,
  createdAt: z.string(),
  updatedAt: text,
  processedAt: text,
  cancelledAt: text,
  currencyCode: z.string(),
  displayFinancialStatus: text,
  retailLocation: optionalGidRef.optional(),
  physicalLocation: optionalGidRef.optional(),
  staffMember: optionalGidRef.optional(),
  subtotalPriceSet: moneyBag,
  totalDiscountsSet: moneyBag.nullish(),
  totalTaxSet: moneyBag.nullish(),
  totalPriceSet: moneyBag,
  customer: customerNode.nullish(),
  lineItems: z.object({
    pageInfo: pageInfo.partial().optional(),
    nodes: z.array(
      z.object({
        id: gid,
        sku: text,
        title: text,
        vendor: text,
        quantity: z.number().int(),
        product: optionalGidRef,
        customAttributes: attributes,
        originalUnitPriceSet: moneyBag,
        discountAllocations: z.array(z.object({ allocatedAmountSet: moneyBag })).nullish(),
      }),
    ),
  }),
  refunds: z
    .array(
      z.object({
        id: gid,
        createdAt: z.string(),
        note: text,
        refundLineItems: z.object({
          pageInfo: pageInfo.partial().optional(),
          nodes: z.array(
            z.object({
              quantity: z.number().int(),
              location: optionalGidRef,
              subtotalSet: moneyBag.nullish(),
              lineItem: z.object({ id: gid, sku: text, customAttributes: attributes }),
            }),
          ),
        }),
      }),
    )
    .nullish()
    .transform((refunds) => refunds ?? []),
  metafield: z.object({ value: z.string() }).nullish(),
});
type OrderNode = z.infer<typeof orderNode>;

const connectionOf = <T extends z.ZodType>(node: T) => z.object({ pageInfo, nodes: z.array(node) });

const restMoney = (bag: z.infer<typeof moneyBag>) => ({ shop_money: { amount: bag.shopMoney.amount, currency_code: bag.shopMoney.currencyCode } });
const restProperties = (list: z.infer<typeof attributes>) => (list ?? []).map((attribute) => ({ name: attribute.key, value: attribute.value }));
/** GraphQL's MarketingState enum (SUBSCRIBED…) is REST's `state` in upper case. */
const restConsent = (consent: z.infer<typeof marketing>) => (consent ? { state: consent.marketingState.toLowerCase() } : null);

function restCustomer(node: z.infer<typeof customerNode>): RestCustomer {
  const address = node.defaultAddress;
  return {
    id: node.id,
    first_name: node.firstName,
    last_name: node.lastName,
    email: node.email,
    phone: node.phone,
    note: node.note,
    updated_at: node.updatedAt,
    email_marketing_consent: restConsent(node.emailMarketingConsent),
    sms_marketing_consent: restConsent(node.smsMarketingConsent),
    default_address: address ? { address1: address.address1, address2: address.address2, city: address.city, zip: address.zip, country_code: address.countryCodeV2 } : null,
  };
}

function restOrder(node: OrderNode): RestOrder {
  return {
    id: node.id,
    created_at: node.createdAt,
    updated_at: node.updatedAt,
    processed_at: node.processedAt,
    cancelled_at: node.cancelledAt,
    currency: node.currencyCode,
    // OrderDisplayFinancialStatus (PAID, PARTIALLY_REFUNDED…) is REST's financial_status in upper case.
    financial_status: node.displayFinancialStatus?.toLowerCase() ?? null,
    location_id: node.retailLocation ?? node.physicalLocation ?? null,
    user_id: node.staffMember ?? null,
    subtotal_price: node.subtotalPriceSet.shopMoney.amount,
    total_discounts: node.totalDiscountsSet?.shopMoney.amount,
    total_tax: node.totalTaxSet?.shopMoney.amount,
    total_price: node.totalPriceSet.shopMoney.amount,
    customer: node.customer ? restCustomer(node.customer) : null,
    line_items: node.lineItems.nodes.map((line) => ({
      id: line.id,
      product_id: line.product,
      sku: line.sku,
      title: line.title,
      vendor: line.vendor,
      quantity: line.quantity,
      price: line.originalUnitPriceSet.shopMoney.amount,
      price_set: restMoney(line.originalUnitPriceSet),
      discount_allocations: (line.discountAllocations ?? []).map((allocation) => ({ amount: allocation.allocatedAmountSet.shopMoney.amount, amount_set: restMoney(allocation.allocatedAmountSet) })),
      properties: restProperties(line.customAttributes),
    })),
    refunds: node.refunds.map((refund) => ({
      id: refund.id,
      order_id: node.id,
      created_at: refund.createdAt,
      processed_at: null,
      note: refund.note,
      transactions: null,
      refund_line_items: refund.refundLineItems.nodes.map((line) => ({
        line_item_id: line.lineItem.id,
        quantity: line.quantity,
        location_id: line.location,
        subtotal: null,
        subtotal_set: line.subtotalSet ? restMoney(line.subtotalSet) : null,
        line_item: { id: line.lineItem.id, sku: line.lineItem.sku, properties: restProperties(line.lineItem.customAttributes) },
      })),
    })),
  };
}

function isTruncated(node: OrderNode): boolean {
  return (
    node.lineItems.pageInfo?.hasNextPage === true ||
    node.refunds.length >= REFUNDS_PER_ORDER ||
    node.refunds.some((refund) => refund.refundLineItems.pageInfo?.hasNextPage === true)
  );
}

/** The rare order too big for one page's cost budget, whole, in the webhook shape (REST, §1.4). */
async function fullOrder(http: PosHttp, orderId: string): Promise<RestOrder> {
  return parseApi(z.object({ order: orderSchema }), await getJson(http, { path: `/orders/${orderId}.json` }), `order ${orderId}`).order;
}

const graphqlResponseSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().nullish() }).nullish() })).nullish(),
  extensions: z
    .object({
      cost: z
        .object({
          requestedQueryCost: z.number().nullish(),
          throttleStatus: z.object({ maximumAvailable: z.number(), currentlyAvailable: z.number(), restoreRate: z.number() }),
        })
        .nullish(),
    })
    .nullish(),
});
type GraphqlCost = NonNullable<NonNullable<z.infer<typeof graphqlResponseSchema>["extensions"]>["cost"]>;

/** Throttled requests are retried in place this many times before giving up with RateLimited. */
const THROTTLE_ATTEMPTS = 5;
const MAX_THROTTLE_WAIT_MS = 60_000;

/**
 * The time for the bucket to refill to the query's requested cost, from `throttleStatus`
 * (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits), plus a small margin.
 */
export function throttleWaitMs(cost: GraphqlCost | null | undefined): number {
  const status = cost?.throttleStatus;
  if (!status || status.restoreRate <= 0) return 1_000;
  const needed = Math.min(cost.requestedQueryCost ?? status.maximumAvailable, status.maximumAvailable) - status.currentlyAvailable;
  return Math.max(0, Math.ceil((needed / status.restoreRate) * 1000)) + 100;
}

type Sleep = (ms: number) => Promise<void>;

/**
 * A throttled query comes back as HTTP 200 with `errors[].extensions.code = "THROTTLED"` (§1.4), which
 * PosHttp cannot see, so it is waited out here.
 */
async function graphql<T extends z.ZodType>(http: PosHttp, sleep: Sleep, query: string, variables: Record<string, unknown>, schema: T): Promise<z.infer<T>> {
  for (let attempt = 1; ; attempt++) {
    const body = parseApi(graphqlResponseSchema, await getJson(http, { method: "POST", path: "/graphql.json", body: { query, variables } }), "GraphQL response");
    const errors = body.errors ?? [];
    if (errors.some((error) => error.extensions?.code === "THROTTLED")) {
      const waitMs = throttleWaitMs(body.extensions?.cost);
      if (attempt >= THROTTLE_ATTEMPTS || waitMs > MAX_THROTTLE_WAIT_MS) throw new RateLimited(waitMs, `GraphQL THROTTLED ${attempt} times`);
      await sleep(waitMs);
      continue;
    }
    // Partial data with errors (a field the token may not read) is refused whole: a silently missing
    // staff member or customer would look like a real absence.
    if (errors.length > 0) {
      const codes = errors.map((error) => `${error.extensions?.code ?? "ERROR"}: ${error.message}`).join("; ");
      throw new PosApiError(`Shopify GraphQL refused the query (${codes})`, 200, false, JSON.stringify(errors).slice(0, 1_000));
    }
    return parseApi(schema, body.data, "GraphQL data");
  }
}

const cursorSchema = z.object({ after: z.string().nullable(), since: z.string().nullable() });
type ShopifyCursor = z.infer<typeof cursorSchema>;

/** Shopify's search syntax; whole seconds, rounded down, so `>=` never skips the boundary. */
function updatedSince(since: string | null): string | null {
  return since ? `updated_at:>='${since.replace(/\.\d+Z$/, "Z")}'` : null;
}

async function backfillPage(
  args: { resource: string; cursor: Record<string, unknown> | null; since: Date | null; connection: ApiConnection; http: PosHttp },
  sleep: Sleep,
): Promise<BackfillPage> {
  const config = readConfig(args.connection);
  const cursor: ShopifyCursor = args.cursor ? parseApi(cursorSchema, args.cursor, "backfill cursor") : { after: null, since: args.since?.toISOString() ?? null };
  const variables = { after: cursor.after, query: updatedSince(cursor.since) };
  const nextOf = (info: z.infer<typeof pageInfo>) => (info.hasNextPage && info.endCursor ? { after: info.endCursor, since: cursor.since } : null);

  if (args.resource === "customers") {
    const data = await graphql(args.http, sleep, CUSTOMERS_QUERY, { ...variables, first: config.pageSize }, z.object({ customers: connectionOf(customerNode) }));
    const changes = data.customers.nodes.map((node): CanonicalChange => ({ kind: "customer", customer: toCustomer(restCustomer(node)) }));
    return { changes, next: nextOf(data.customers.pageInfo) };
  }
  if (args.resource === "orders") {
    const data = await graphql(args.http, sleep, ordersQuery(config.serialSource), { ...variables, first: config.orderPageSize }, z.object({ orders: connectionOf(orderNode) }));
    const changes: CanonicalChange[] = [];
    for (const node of data.orders.nodes) {
      const serialsOf = serialsFor(config.serialSource, node.metafield?.value ?? null);
      const order = isTruncated(node) ? await fullOrder(args.http, node.id) : restOrder(node);
      changes.push(...orderChanges(order, serialsOf));
    }
    return { changes, next: nextOf(data.orders.pageInfo) };
  }
  throw new PosApiError(`Shopify has no backfill resource "${args.resource}"`, null, false);
}

/* ----------------------------------------------------------------------------------------------- */
/* Webhook events                                                                                  */

/** Topics whose body is the whole order (§1.2). */
const SALE_TOPICS = new Set(["orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/fulfilled", "orders/partially_fulfilled"]);
const PRIVACY_TOPICS = new Set(["customers/data_request", "customers/redact", "shop/redact"]);

/** An amount a currency cannot hold ("12.345" USD) is a RangeError from money.ts: the payload is bad. */
async function changes(event: StoredEvent, connection: ApiConnection, http: PosHttp): Promise<CanonicalChange[]> {
  try {
    return await eventChanges(event, connection, http);
  } catch (error) {
    if (error instanceof RangeError) throw new MalformedDelivery(`${event.topic}: ${error.message}`);
    throw error;
  }
}

async function eventChanges(event: StoredEvent, connection: ApiConnection, http: PosHttp): Promise<CanonicalChange[]> {
  const { topic } = event;
  if (SALE_TOPICS.has(topic)) {
    const order = parsePayload(orderSchema, event);
    return orderChanges(order, await fetchSerials(readConfig(connection).serialSource, order.id, http));
  }
  switch (topic) {
    case "orders/edited": {
      // The body is the edit (`{ order_edit: { order_id, line_items: { additions, removals } } }`), not
      // the order (https://shopify.dev/docs/api/admin-rest/2023-04/resources/webhook#event-topics-orders-edited):
      // read the order as it now stands.
      const orderId = parsePayload(z.object({ order_edit: z.object({ order_id: id }) }), event).order_edit.order_id;
      const order = await fullOrder(http, orderId);
      return orderChanges(order, await fetchSerials(readConfig(connection).serialSource, order.id, http));
    }
    case "refunds/create": {
      const refund = parsePayload(refundSchema, event);
      const serialsOf = await fetchSerials(readConfig(connection).serialSource, refund.order_id, http);
      // The refund payload names neither the order's currency nor its customer: the line sets and
      // transactions carry the first, the sale (linked by saleExternalId) the second.
      return [{ kind: "return", return: toReturn(refund, { currency: null, locationId: null, customerExternalId: null, serialsOf }) }];
    }
    case "customers/create":
    case "customers/update":
      return [{ kind: "customer", customer: toCustomer(parsePayload(customerSchema, event)) }];
    case "customers/delete":
      return [{ kind: "customer", customer: deletedCustomer(parsePayload(z.object({ id }), event).id) }];
    case "inventory_levels/update":
      return [await inventoryChange(parsePayload(inventoryLevelSchema, event), http)];
    case "products/create":
    case "products/update":
      return productChanges(parsePayload(productSchema, event), readConfig(connection).currency ?? null);
    default:
      return [{ kind: "ignored", reason: PRIVACY_TOPICS.has(topic) ? `${topic}: a privacy request, handled outside the sync` : `Shopify topic ${topic} is not synced` }];
  }
}

/** The level names only the inventory item; its SKU is on the item (REST `inventory_items/{id}`). */
async function inventoryChange(level: z.infer<typeof inventoryLevelSchema>, http: PosHttp): Promise<CanonicalChange> {
  if (level.available == null) return { kind: "ignored", reason: `inventory item ${level.inventory_item_id} is not tracked at location ${level.location_id ?? "?"}` };
  const body = await getJson(http, { path: `/inventory_items/${level.inventory_item_id}.json` });
  const item = parseApi(inventoryItemSchema, body, `inventory item ${level.inventory_item_id}`).inventory_item;
  return {
    kind: "inventory",
    inventory: { locationId: level.location_id, sku: item.sku, productExternalId: null, onHand: level.available, updatedAt: date(level.updated_at) },
  };
}

/** One product per variant: the variant is what carries a SKU and a price. */
function productChanges(product: z.infer<typeof productSchema>, currency: string | null): CanonicalChange[] {
  return product.variants.map((variant) => ({
    kind: "product",
    product: {
      externalId: variant.id,
      updatedAt: date(variant.updated_at ?? product.updated_at),
      version: null,
      sku: variant.sku ?? "",
      // "Default Title" is Shopify's name for the only variant of a product without options.
      name: variant.title && variant.title !== "Default Title" ? `${product.title} - ${variant.title}` : product.title,
      brand: product.vendor,
      // Product payloads carry no currency: without the shop's (config.currency) a price cannot be read.
      priceMinor: currency && variant.price != null ? minor(variant.price, currency) : null,
      currency,
      isSerialized: null,
    },
  }));
}

/* ----------------------------------------------------------------------------------------------- */
/* Stock transfers                                                                                  */

/** A numeric REST id (product_refs and store mappings hold these) as the GraphQL global id. */
const toGid = (type: string, value: string) => (value.startsWith("gid://") ? value : `gid://shopify/${type}/${value}`);

const VARIANT_ITEMS_QUERY = `query VariantInventoryItems($ids: [ID!]!) {
  nodes(ids: $ids) { ... on ProductVariant { id inventoryItem { id } } }
}`;

const TRANSFER_MUTATION = `mutation VitrineTransfer($input: InventoryTransferCreateAsReadyToShipInput!, $key: String!) {
  inventoryTransferCreateAsReadyToShip(input: $input) @idempotent(key: $key) {
    inventoryTransfer { id name status }
    userErrors { field message code }
  }
}`;

const variantItemsSchema = z.object({ nodes: z.array(z.object({ id: z.string().optional(), inventoryItem: z.object({ id: z.string() }).nullish() }).nullable()) });
const transferCreatedSchema = z.object({
  inventoryTransferCreateAsReadyToShip: z.object({
    inventoryTransfer: z.object({ id: z.string(), name: z.string().nullish() }).nullish(),
    userErrors: z.array(z.object({ field: z.array(z.string()).nullish(), message: z.string(), code: z.string().nullish() })),
  }),
});

/**
 * A Shopify inventory transfer, created ready to ship (`inventoryTransferCreateAsReadyToShip`,
 * https://shopify.dev/docs/api/admin-graphql/latest/mutations/inventoryTransferCreateAsReadyToShip):
 * what a retailer sees under Products → Transfers, which the sending store ships and the receiving
 * store receives, so stock shows as incoming until it arrives. `inventoryAdjustQuantities` at both
 * locations would instead make the pieces appear at once where they are not yet.
 *
 * Lines name inventory items, Vitrine knows variants (product_refs), so the variants are read first.
 * Keyed with the `@idempotent` directive (optional from API 2026-01, required from 2026-04): the
 * connection's `apiBaseUrl` must be on 2026-01 or later, else Shopify refuses the directive and the
 * transfer request shows the refusal.
 */
async function writeStockTransfer({ http, transfer }: StockTransferArgs, sleep: Sleep): Promise<{ externalId: string }> {
  const variantIds = transfer.lines.map((line) => toGid("ProductVariant", line.externalId));
  const { nodes } = await graphql(http, sleep, VARIANT_ITEMS_QUERY, { ids: variantIds }, variantItemsSchema);
  const lineItems = transfer.lines.map((line, index) => {
    const item = nodes[index]?.inventoryItem;
    if (!item) throw new PosApiError(`Shopify has no variant ${line.externalId} (or it tracks no inventory)`, 404, false);
    return { inventoryItemId: item.id, quantity: line.quantity };
  });
  const input = {
    originLocationId: toGid("Location", transfer.fromLocationId),
    destinationLocationId: toGid("Location", transfer.toLocationId),
    lineItems,
    referenceName: transfer.reference,
    dateCreated: transfer.occurredAt.toISOString(),
  };
  const created = (await graphql(http, sleep, TRANSFER_MUTATION, { input, key: transfer.idempotencyKey }, transferCreatedSchema)).inventoryTransferCreateAsReadyToShip;
  if (created.userErrors.length > 0 || !created.inventoryTransfer) {
    const reasons = created.userErrors.map((error) => `${error.code ?? "ERROR"}: ${error.message}`).join("; ");
    throw new PosApiError(`Shopify refused the transfer (${reasons || "no transfer returned"})`, 422, false);
  }
  return { externalId: created.inventoryTransfer.id };
}

/* ----------------------------------------------------------------------------------------------- */
/* The connector                                                                                    */

const defaultSleep: Sleep = (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `sleep` waits out GraphQL throttling; tests pass their own so that nothing really waits. */
export function createShopifySync(options: { sleep?: Sleep } = {}): SyncConnector {
  const sleep = options.sleep ?? defaultSleep;
  return {
    provider: "shopify",
    authHeaders: (connection) => {
      const token = connection.credentials.accessToken;
      if (!token) throw new PosApiError("the Shopify connection has no access token", null, false);
      return { "X-Shopify-Access-Token": token };
    },
    parseJson: parseShopifyJson,
    changes,
    backfillResources: ["customers", "orders"],
    async backfillPage(args) {
      try {
        return await backfillPage(args, sleep);
      } catch (error) {
        if (error instanceof RangeError) throw new PosApiError(`Shopify ${args.resource}: ${error.message}`, null, false);
        throw error;
      }
    },
    writeStockTransfer: (args) => writeStockTransfer(args, sleep),
    async writeCustomerNote({ http, customerExternalId, note }) {
      if (!/^\d+$/.test(customerExternalId)) throw new PosApiError(`"${customerExternalId}" is not a Shopify customer id`, null, false);
      // The URL names the customer; the body's id is sent as digits in a string, since a number past
      // 2^53 cannot be written exactly (that Shopify accepts a string id here is unconfirmed).
      const body = await getJson(http, { method: "PUT", path: `/customers/${customerExternalId}.json`, body: { customer: { id: customerExternalId, note } } });
      return { externalId: parseApi(z.object({ customer: z.object({ id }) }), body, "customer").customer.id };
    },
  };
}

export const sync: SyncConnector = createShopifySync();
