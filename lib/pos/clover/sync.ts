import { z } from "zod";
import { PosApiError, type PosHttp } from "@/lib/pos/http";
import { integerMinor } from "@/lib/pos/money";
import { serialSourceSchema, serialsFromNote, wholeQuantity } from "@/lib/pos/square/serials";
import { MalformedDelivery, type ApiConnection, type BackfillPage, type StoredEvent, type SyncConnector } from "@/lib/pos/types";
import { deletedCustomer, type CanonicalChange, type CanonicalCustomer, type CanonicalReturn, type CanonicalSale, type CanonicalSaleLine } from "@/lib/sync/canonical";

/**
 * Clover REST v3 (shared/pos README §5). Webhooks carry ids only, `{merchantId, objectId, type, ts}`
 * (see ./webhook.ts), so every event is re-fetched. A Clover merchant is one store: sales are located
 * at their merchant id, and the connection's storeMapping is keyed by merchant id. Money is cents,
 * times epoch milliseconds, nested lists `{elements: [...]}` (§5.2).
 */

const DAY_MS = 24 * 3600 * 1000;
/** Orders and Payments refuse a date filter wider than 90 days (§5.4). */
export const ORDERS_WINDOW_MS = 90 * DAY_MS;
const TWO_YEARS_MS = 2 * 365 * DAY_MS;

/* ----------------------------------------------------------------------------------------------- */
/* Settings                                                                                         */

const configSchema = z.object({
  // UNCONFIRMED that Clover has no serial field (§5.3): serials are read from line-item notes.
  serialSource: serialSourceSchema,
  /** `unitQty` is in thousandths per §5.2 (UNCONFIRMED): 1000 means one unit. */
  unitQtyScale: z.number().int().positive().default(1000),
  /** start of a backfill with no `since` (ISO 8601); default two years back */
  backfillFrom: z.iso.datetime({ offset: true }).optional(),
  /** merchant ids to backfill when the storeMapping is empty (merchant id → label) */
  merchants: z.record(z.string(), z.unknown()).optional(),
  /** the merchant write-backs go to when the connection has several */
  defaultMerchantId: z.string().min(1).optional(),
  /** Clover items carry no currency; the merchant's, for products */
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  /** offset paging: default 100, hard limit 1000 (§5.4) */
  pageSize: z.number().int().min(1).max(1000).default(1000),
});
type CloverConfig = z.infer<typeof configSchema>;

function readConfig(connection: ApiConnection): CloverConfig {
  const parsed = configSchema.safeParse(connection.config);
  if (!parsed.success) throw new PosApiError(`Clover connection settings are invalid: ${z.prettifyError(parsed.error)}`, null, false);
  return parsed.data;
}

/** The merchants this connection covers, in a fixed order (backfill cursors index into it). */
function merchantsOf(connection: ApiConnection, config: CloverConfig): string[] {
  const mapped = Object.keys(connection.storeMapping);
  return (mapped.length > 0 ? mapped : Object.keys(config.merchants ?? {})).sort();
}

/* ----------------------------------------------------------------------------------------------- */
/* API shapes (field lists partly UNCONFIRMED, §5.2: tolerant, only what Vitrine reads)              */

const cents = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).transform((value) => integerMinor(value));
const text = z.string().nullish().transform((value) => value || null);
const elements = <T extends z.ZodType>(schema: T) =>
  z
    .object({ elements: z.array(schema).nullish() })
    .nullish()
    .transform((list) => list?.elements ?? []);
const ref = z.object({ id: z.string() });

const discountSchema = z.object({ amount: cents.nullish(), percentage: z.number().nullish() });

const lineItemSchema = z.object({
  id: z.string(),
  item: ref.nullish(),
  name: text,
  price: cents.nullish(),
  unitQty: z.number().int().nullish(),
  itemCode: text,
  note: text,
  refunded: z.boolean().nullish(),
  discounts: elements(discountSchema),
});
type LineItem = z.infer<typeof lineItemSchema>;

const refundSchema = z.object({
  id: z.string(),
  amount: cents,
  createdTime: z.number().int().nullish(),
  reason: text,
  lineItems: elements(ref),
});

const paymentSchema = z.object({
  id: z.string(),
  amount: cents.nullish(),
  taxAmount: cents.nullish(),
  result: text,
  createdTime: z.number().int().nullish(),
  order: ref.nullish(),
});

const orderSchema = z.object({
  id: z.string(),
  // Present in every sample (§5.2); config.currency covers an order without it.
  currency: z.string().regex(/^[A-Z]{3}$/).nullish(),
  state: text,
  paymentState: text,
  total: cents.nullish(),
  createdTime: z.number().int().nullish(),
  modifiedTime: z.number().int().nullish(),
  employee: ref.nullish(),
  customers: elements(ref),
  lineItems: elements(lineItemSchema),
  discounts: elements(discountSchema),
  payments: elements(paymentSchema),
  refunds: elements(refundSchema),
});
type Order = z.infer<typeof orderSchema>;

const customerSchema = z.object({
  id: z.string(),
  firstName: text,
  lastName: text,
  marketingAllowed: z.boolean().nullish(),
  modifiedTime: z.number().int().nullish(),
  emailAddresses: elements(z.object({ emailAddress: text })),
  phoneNumbers: elements(z.object({ phoneNumber: text })),
  addresses: elements(z.object({ address1: text, address2: text, city: text, zip: text, country: text })),
  metadata: z.object({ note: text }).nullish(),
});
type Customer = z.infer<typeof customerSchema>;

const itemSchema = z.object({
  id: z.string(),
  name: text,
  sku: text,
  code: text,
  price: cents.nullish(),
  modifiedTime: z.number().int().nullish(),
  itemStock: z.object({ quantity: z.number().nullish(), stockCount: z.number().nullish(), modifiedTime: z.number().int().nullish() }).nullish(),
});
type Item = z.infer<typeof itemSchema>;

const payloadSchema = z.object({
  merchantId: z.string().min(1),
  objectId: z.string().regex(/^[A-Z]+:\S+$/),
  type: z.enum(["CREATE", "UPDATE", "DELETE"]),
  ts: z.number().int().nonnegative(),
});
type Payload = z.infer<typeof payloadSchema>;

function parse<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new PosApiError(`unexpected Clover ${what}: ${z.prettifyError(parsed.error)}`, null, false);
  return parsed.data;
}

/* ----------------------------------------------------------------------------------------------- */
/* Fetching                                                                                         */

const ORDER_EXPAND = "lineItems,customers,payments,refunds,employee";
const CUSTOMER_EXPAND = "emailAddresses,phoneNumbers,addresses,metadata";

type Context = { http: PosHttp; config: CloverConfig; items: Map<string, Promise<Item | null>> };

const contextFor = (connection: ApiConnection, http: PosHttp): Context => ({ http, config: readConfig(connection), items: new Map() });
const merchantPath = (merchantId: string, ...segments: string[]) => `/v3/merchants/${[merchantId, ...segments].map(encodeURIComponent).join("/")}`;

async function getOne<T extends z.ZodType>(http: PosHttp, path: string, query: Record<string, string>, schema: T, what: string): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await http.json({ path, query });
  } catch (error) {
    // A 404 does not heal with retries: the object is gone, or the token is for another merchant.
    if (error instanceof PosApiError && error.status === 404) {
      throw new PosApiError(`Clover ${what} not found (404 on GET ${path}): deleted, or the token belongs to another merchant`, 404, false, error.body);
    }
    throw error;
  }
  return parse(schema, body, what);
}

const fetchOrder = (http: PosHttp, merchantId: string, id: string) => getOne(http, merchantPath(merchantId, "orders", id), { expand: ORDER_EXPAND }, orderSchema, `order ${id}`);
const fetchCustomer = (http: PosHttp, merchantId: string, id: string) =>
  getOne(http, merchantPath(merchantId, "customers", id), { expand: CUSTOMER_EXPAND }, customerSchema, `customer ${id}`);

/** The item behind a line, for its SKU, once per call; a deleted item (a sold one-off piece) is null. */
function itemOf(context: Context, merchantId: string, itemId: string): Promise<Item | null> {
  const key = `${merchantId}/${itemId}`;
  let cached = context.items.get(key);
  if (!cached) {
    cached = getOne(context.http, merchantPath(merchantId, "items", itemId), {}, itemSchema, `item ${itemId}`).catch((error: unknown) => {
      if (error instanceof PosApiError && error.status === 404) return null;
      throw error;
    });
    context.items.set(key, cached);
  }
  return cached;
}

/* ----------------------------------------------------------------------------------------------- */
/* Mapping                                                                                          */

const at = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));

export function mapCustomer(customer: Customer, fallbackUpdatedAt: Date | null): CanonicalCustomer {
  const address = customer.addresses[0];
  const addressLine = [address?.address1, address?.address2].filter(Boolean).join(", ");
  return {
    externalId: customer.id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.emailAddresses.find((entry) => entry.emailAddress)?.emailAddress ?? null,
    phone: customer.phoneNumbers.find((entry) => entry.phoneNumber)?.phoneNumber ?? null,
    addressLine: addressLine || null,
    city: address?.city ?? null,
    postalCode: address?.zip ?? null,
    country: address?.country && /^[A-Z]{2}$/.test(address.country) ? address.country : null,
    // `marketingAllowed` is Clover's one marketing flag; which channels it covers is UNCONFIRMED, so only email.
    ...(typeof customer.marketingAllowed === "boolean" ? { consentEmail: customer.marketingAllowed } : {}),
    note: customer.metadata?.note ?? null,
    // `modifiedTime` on customers is UNCONFIRMED; the notification's `ts` stands in for it.
    updatedAt: at(customer.modifiedTime) ?? fallbackUpdatedAt,
    version: null,
  };
}

function mapProduct(item: Item, currency: string | null): CanonicalChange {
  return {
    kind: "product",
    product: {
      externalId: item.id,
      sku: item.sku ?? item.code ?? "",
      name: item.name ?? item.sku ?? item.id,
      brand: null,
      priceMinor: item.price ?? null,
      currency,
      isSerialized: null,
      updatedAt: at(item.modifiedTime),
      version: null,
    },
  };
}

function lineQuantity(line: LineItem, scale: number): number {
  // Clover usually rings one line per unit and omits unitQty (§5.2).
  if (line.unitQty === null || line.unitQty === undefined) return 1;
  if (line.unitQty % scale !== 0) {
    throw new PosApiError(`Clover line ${line.id}: unitQty ${line.unitQty} is not a whole number of units (scale ${scale})`, null, false);
  }
  return line.unitQty / scale;
}

/** Clover discounts are negative cents, or a percentage (integer-rounded, never through a stored float). */
function discountOf(discounts: z.infer<typeof discountSchema>[], gross: number): number {
  return discounts.reduce((sum, discount) => {
    if (discount.amount !== null && discount.amount !== undefined) return sum + Math.abs(discount.amount);
    if (discount.percentage) return sum + Math.round((gross * discount.percentage) / 100);
    return sum;
  }, 0);
}

async function mapLine(context: Context, merchantId: string, line: LineItem): Promise<CanonicalSaleLine> {
  const quantity = lineQuantity(line, context.config.unitQtyScale);
  const unitPriceMinor = line.price ?? 0;
  const gross = unitPriceMinor * quantity;
  const discountMinor = discountOf(line.discounts, gross);
  const item = line.itemCode || !line.item ? null : await itemOf(context, merchantId, line.item.id);
  return {
    externalId: line.id,
    sku: line.itemCode ?? item?.sku ?? item?.code ?? "",
    productExternalId: line.item?.id ?? null,
    name: line.name,
    brand: null,
    quantity,
    unitPriceMinor,
    discountMinor,
    totalMinor: gross - discountMinor,
    serialNumbers: serialsFromNote(line.note, context.config.serialSource),
  };
}

const COMPLETED_PAYMENT_STATES = new Set(["PAID", "REFUNDED", "PARTIALLY_REFUNDED", "CREDITED"]);

function saleStatus(order: Order): CanonicalSale["status"] {
  // `locked` / a settled paymentState both mean the goods left; the value sets are partly UNCONFIRMED (§5.2).
  if (order.state === "locked" || COMPLETED_PAYMENT_STATES.has(order.paymentState ?? "")) return "completed";
  return "open";
}

function successful(order: Order) {
  return order.payments.filter((payment) => !payment.result || payment.result === "SUCCESS");
}

function currencyOf(context: Context, order: Order): string {
  const currency = order.currency ?? context.config.currency;
  if (!currency) throw new PosApiError(`Clover order ${order.id} has no currency and config.currency is unset`, null, false);
  return currency;
}

async function mapSale(context: Context, merchantId: string, order: Order): Promise<CanonicalSale> {
  const lines = await Promise.all(order.lineItems.map((line) => mapLine(context, merchantId, line)));
  const payments = successful(order);
  const status = saleStatus(order);
  // Orders carry no tax total; the payments' taxAmount is what was charged.
  const taxMinor = payments.reduce((sum, payment) => sum + (payment.taxAmount ?? 0), 0);
  const totalMinor = order.total ?? lines.reduce((sum, line) => sum + line.totalMinor, 0) + taxMinor;
  const lineDiscounts = lines.reduce((sum, line) => sum + line.discountMinor, 0);
  const paidAt = payments.map((payment) => payment.createdTime ?? 0).reduce((latest, time) => Math.max(latest, time), 0);
  return {
    externalId: order.id,
    locationId: merchantId,
    status,
    completedAt: status === "completed" ? (at(paidAt || null) ?? at(order.modifiedTime)) : null,
    currency: currencyOf(context, order),
    subtotalMinor: totalMinor - taxMinor,
    discountMinor: lineDiscounts + discountOf(order.discounts, lines.reduce((sum, line) => sum + line.totalMinor, 0)),
    taxMinor,
    totalMinor,
    customer: null,
    customerExternalId: order.customers[0]?.id ?? null,
    associateExternalId: order.employee?.id ?? null,
    lines,
    updatedAt: at(order.modifiedTime),
    version: null,
  };
}

/**
 * Refunds live on the order (`refunds.elements`). A refund that names line items returns those lines;
 * their refund is the line total, any difference to the refund's amount (its tax) going on the last.
 * A refund that names none gave money back without goods: a return with no lines.
 */
function mapReturns(order: Order, sale: CanonicalSale): CanonicalReturn[] {
  const linesById = new Map(sale.lines.map((line) => [line.externalId, line]));
  return order.refunds.map((refund) => {
    const returned = refund.lineItems.map((ref) => linesById.get(ref.id)).filter((line): line is CanonicalSaleLine => line !== undefined);
    const lines = returned.map((line) => ({
      saleLineExternalId: line.externalId,
      sku: line.sku,
      quantity: line.quantity,
      refundMinor: line.totalMinor,
      serialNumber: line.serialNumbers[0] ?? null,
    }));
    if (lines.length > 0) lines[lines.length - 1].refundMinor += Math.abs(refund.amount) - lines.reduce((sum, line) => sum + line.refundMinor, 0);
    const returnedAt = at(refund.createdTime) ?? at(order.modifiedTime);
    if (!returnedAt) throw new PosApiError(`Clover refund ${refund.id} has no date`, null, false);
    return {
      externalId: refund.id,
      saleExternalId: order.id,
      locationId: sale.locationId,
      returnedAt,
      currency: sale.currency,
      reason: refund.reason,
      customerExternalId: sale.customerExternalId,
      lines,
    };
  });
}

async function mapOrder(context: Context, merchantId: string, order: Order): Promise<CanonicalChange[]> {
  const sale = await mapSale(context, merchantId, order);
  return [{ kind: "sale", sale }, ...mapReturns(order, sale).map((ret): CanonicalChange => ({ kind: "return", return: ret }))];
}

/* ----------------------------------------------------------------------------------------------- */
/* Events                                                                                           */

async function orderChanges(context: Context, merchantId: string, orderId: string, ts: number): Promise<CanonicalChange[]> {
  const order = await fetchOrder(context.http, merchantId, orderId);
  const changes: CanonicalChange[] = [];
  // Clients first: the sale names them.
  for (const ref of order.customers) changes.push({ kind: "customer", customer: mapCustomer(await fetchCustomer(context.http, merchantId, ref.id), new Date(ts)) });
  changes.push(...(await mapOrder(context, merchantId, order)));
  return changes;
}

/**
 * A deleted order cannot be fetched: the notification is all there is. The sale says only "voided";
 * amounts are zero and lines empty, so the processor must take its status and keep the rest (the
 * currency is the connection's, USD when unset).
 */
function deletedOrder(payload: Payload, objectId: string, currency: string | undefined): CanonicalChange {
  return {
    kind: "sale",
    sale: {
      externalId: objectId,
      locationId: payload.merchantId,
      status: "voided",
      completedAt: null,
      currency: currency ?? "USD",
      subtotalMinor: 0,
      discountMinor: 0,
      taxMinor: 0,
      totalMinor: 0,
      customer: null,
      customerExternalId: null,
      associateExternalId: null,
      lines: [],
      updatedAt: new Date(payload.ts),
      version: null,
    },
  };
}

async function changes(event: StoredEvent, connection: ApiConnection, http: PosHttp): Promise<CanonicalChange[]> {
  if (event.topic === "verification") return [{ kind: "ignored", reason: "Clover verification handshake" }];
  const parsed = payloadSchema.safeParse(event.payload);
  if (!parsed.success) throw new MalformedDelivery(`Clover ${event.topic} notification: ${z.prettifyError(parsed.error)}`);
  const payload = parsed.data;
  const separator = payload.objectId.indexOf(":");
  const prefix = payload.objectId.slice(0, separator);
  const objectId = payload.objectId.slice(separator + 1);
  const context = contextFor(connection, http);
  const { merchantId, type, ts } = payload;

  switch (prefix) {
    case "O":
      return type === "DELETE" ? [deletedOrder(payload, objectId, context.config.currency)] : orderChanges(context, merchantId, objectId, ts);
    case "P": {
      if (type === "DELETE") return [{ kind: "ignored", reason: "Clover payment deleted (its order event carries the sale)" }];
      const payment = await getOne(http, merchantPath(merchantId, "payments", objectId), {}, paymentSchema, `payment ${objectId}`);
      if (!payment.order) return [{ kind: "ignored", reason: `Clover payment ${objectId} has no order` }];
      return orderChanges(context, merchantId, payment.order.id, ts);
    }
    case "C": {
      if (type === "DELETE") {
        return [{ kind: "customer", customer: deletedCustomer(objectId, new Date(ts)) }];
      }
      return [{ kind: "customer", customer: mapCustomer(await fetchCustomer(http, merchantId, objectId), new Date(ts)) }];
    }
    case "I": {
      if (type === "DELETE") return [{ kind: "ignored", reason: `Clover item ${objectId} deleted (Vitrine keeps the product)` }];
      const item = await getOne(http, merchantPath(merchantId, "items", objectId), { expand: "itemStock" }, itemSchema, `item ${objectId}`);
      const result: CanonicalChange[] = [mapProduct(item, context.config.currency ?? null)];
      const quantity = item.itemStock?.quantity ?? item.itemStock?.stockCount;
      if (quantity !== null && quantity !== undefined) {
        result.push({
          kind: "inventory",
          inventory: {
            locationId: merchantId,
            sku: item.sku ?? item.code ?? null,
            productExternalId: item.id,
            onHand: wholeQuantity(quantity, `Clover stock of item ${item.id}`),
            updatedAt: at(item.itemStock?.modifiedTime) ?? at(item.modifiedTime) ?? new Date(ts),
          },
        });
      }
      return result;
    }
    default:
      return [{ kind: "ignored", reason: `Clover ${event.topic} is not used by Vitrine` }];
  }
}

/* ----------------------------------------------------------------------------------------------- */
/* Backfill (§5.4)                                                                                  */

const RESOURCES = ["customers", "orders"] as const;

/**
 * Customers: plain offset paging per merchant. Orders: per merchant, ≤90-day windows from `from` to
 * `until` (fixed when the walk began, so a resumed walk asks the same windows), paged by keyset inside
 * a window — `windowStart` moves to the last `modifiedTime` seen and `offset` counts the orders at
 * exactly that time already returned — so an order modified mid-walk (it leaves its place and moves
 * to the end) cannot shift the offsets of the ones not yet read.
 */
const customersCursorSchema = z.object({ merchantIndex: z.number().int().nonnegative(), offset: z.number().int().nonnegative(), since: z.number().int().nullable() });
const ordersCursorSchema = z.object({
  merchantIndex: z.number().int().nonnegative(),
  from: z.number().int(),
  until: z.number().int(),
  windowStart: z.number().int(),
  offset: z.number().int().nonnegative(),
});
type OrdersCursor = z.infer<typeof ordersCursorSchema>;

const list = <T extends z.ZodType>(schema: T) => z.object({ elements: z.array(schema) });

async function customersPage(context: Context, merchants: string[], cursor: z.infer<typeof customersCursorSchema>): Promise<BackfillPage> {
  const merchantId = merchants[cursor.merchantIndex];
  if (!merchantId) return { changes: [], next: null };
  const limit = context.config.pageSize;
  const body = await context.http.json({
    path: merchantPath(merchantId, "customers"),
    query: {
      expand: CUSTOMER_EXPAND,
      // Filtering customers by modifiedTime is UNCONFIRMED; sent only when reconciling.
      filter: cursor.since === null ? undefined : `modifiedTime>=${cursor.since}`,
      limit,
      offset: cursor.offset,
    },
  });
  const page = parse(list(customerSchema), body, "customers page").elements;
  const next =
    page.length === limit
      ? { ...cursor, offset: cursor.offset + limit }
      : cursor.merchantIndex + 1 < merchants.length
        ? { ...cursor, merchantIndex: cursor.merchantIndex + 1, offset: 0 }
        : null;
  return { changes: page.map((customer) => ({ kind: "customer", customer: mapCustomer(customer, null) })), next };
}

async function ordersPage(context: Context, merchants: string[], cursor: OrdersCursor): Promise<BackfillPage> {
  const merchantId = merchants[cursor.merchantIndex];
  if (!merchantId) return { changes: [], next: null };
  const limit = context.config.pageSize;
  const windowEnd = Math.min(cursor.windowStart + ORDERS_WINDOW_MS - 1, cursor.until);
  const body = await context.http.json({
    path: merchantPath(merchantId, "orders"),
    query: {
      filter: [`modifiedTime>=${cursor.windowStart}`, `modifiedTime<=${windowEnd}`],
      // Sorting ascending on modifiedTime is what the keyset relies on (`orderBy` syntax UNCONFIRMED for ASC).
      orderBy: "modifiedTime ASC",
      expand: "lineItems,customers,payments,refunds",
      limit,
      offset: cursor.offset,
    },
  });
  const orders = parse(list(orderSchema), body, "orders page").elements;
  const changes: CanonicalChange[] = [];
  for (const order of orders) changes.push(...(await mapOrder(context, merchantId, order)));

  let next: OrdersCursor | null;
  if (orders.length === limit) {
    const last = orders[orders.length - 1].modifiedTime ?? cursor.windowStart;
    const atLast = orders.filter((order) => order.modifiedTime === last).length;
    next = last === cursor.windowStart ? { ...cursor, offset: cursor.offset + orders.length } : { ...cursor, windowStart: last, offset: atLast };
  } else if (windowEnd < cursor.until) {
    next = { ...cursor, windowStart: windowEnd + 1, offset: 0 };
  } else if (cursor.merchantIndex + 1 < merchants.length) {
    next = { ...cursor, merchantIndex: cursor.merchantIndex + 1, windowStart: cursor.from, offset: 0 };
  } else {
    next = null;
  }
  return { changes, next };
}

async function backfillPage(args: Parameters<SyncConnector["backfillPage"]>[0]): Promise<BackfillPage> {
  const { resource, connection, http, since } = args;
  const context = contextFor(connection, http);
  const merchants = merchantsOf(connection, context.config);
  if (merchants.length === 0) throw new PosApiError("Clover backfill: the connection maps no merchants (storeMapping or config.merchants)", null, false);
  if (resource === "customers") {
    const cursor = args.cursor ? parse(customersCursorSchema, args.cursor, "customers backfill cursor") : { merchantIndex: 0, offset: 0, since: since?.getTime() ?? null };
    return customersPage(context, merchants, cursor);
  }
  if (resource === "orders") {
    let cursor: OrdersCursor;
    if (args.cursor) {
      cursor = parse(ordersCursorSchema, args.cursor, "orders backfill cursor");
    } else {
      const now = Date.now();
      const from = since?.getTime() ?? (context.config.backfillFrom ? Date.parse(context.config.backfillFrom) : now - TWO_YEARS_MS);
      cursor = { merchantIndex: 0, from, until: now, windowStart: from, offset: 0 };
    }
    return ordersPage(context, merchants, cursor);
  }
  throw new Error(`Clover has no backfill resource "${resource}"`);
}

/* ----------------------------------------------------------------------------------------------- */
/* Write-back                                                                                       */

/**
 * Canonical customer ids are bare Clover ids, which do not say their merchant. The note goes to the
 * connection's only merchant, or to `config.defaultMerchantId` when it covers several.
 * UNCONFIRMED: that POST with `{metadata: {note}}` updates only the note.
 */
async function writeCustomerNote({ connection, http, customerExternalId, note }: Parameters<NonNullable<SyncConnector["writeCustomerNote"]>>[0]): Promise<{ externalId: string }> {
  const config = readConfig(connection);
  const merchants = merchantsOf(connection, config);
  const merchantId = config.defaultMerchantId ?? (merchants.length === 1 ? merchants[0] : null);
  if (!merchantId) throw new PosApiError("Clover write-back: the connection covers several merchants; set config.defaultMerchantId", null, false);
  await http.json({ method: "POST", path: merchantPath(merchantId, "customers", customerExternalId), body: { metadata: { note } } });
  return { externalId: customerExternalId };
}

export const sync: SyncConnector = {
  provider: "clover",
  authHeaders: (connection) => ({ authorization: `Bearer ${connection.credentials.accessToken ?? ""}` }),
  changes,
  backfillResources: RESOURCES,
  backfillPage,
  writeCustomerNote,
};
