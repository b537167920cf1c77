import { z } from "zod";
import { PosApiError, type PosHttp } from "@/lib/pos/http";
import { integerMinor } from "@/lib/pos/money";
import { MalformedDelivery, type ApiConnection, type BackfillPage, type StockTransferArgs, type StoredEvent, type SyncConnector } from "@/lib/pos/types";
import type { CanonicalChange, CanonicalCustomer, CanonicalReturn, CanonicalSaleLine } from "@/lib/sync/canonical";
import { serialSourceSchema, serialsFromNote, wholeQuantity } from "./serials";

/**
 * Square (shared/pos README §2). Webhooks are notifications: an order event carries only a stub and POS
 * sales may not even publish order events (§2.1), so every event is re-fetched — payments lead to
 * `RetrieveOrder`, customers to `RetrieveCustomer`. Amounts are integer minor units (§2.2), quantities
 * strings. Line items carry no SKU: it comes from the catalog variation.
 */

export const SQUARE_VERSION = "2025-01-23";

/* ----------------------------------------------------------------------------------------------- */
/* Settings                                                                                         */

const configSchema = z.object({
  // UNCONFIRMED that Square has no serial field (§2.3): serials are read from line-item notes.
  serialSource: serialSourceSchema,
  /** start of an orders backfill with no `since` (ISO 8601); default two years back */
  backfillFrom: z.iso.datetime({ offset: true }).optional(),
  /** SearchOrders page size: the API's default is 500, its maximum 1000 (§2.4) */
  ordersPageSize: z.number().int().min(1).max(1000).default(500),
  /** SearchCustomers page size: 100 is the documented maximum (UNCONFIRMED, §2.4) */
  customersPageSize: z.number().int().min(1).max(100).default(100),
});
type SquareConfig = z.infer<typeof configSchema>;

function readConfig(connection: ApiConnection): SquareConfig {
  const parsed = configSchema.safeParse(connection.config);
  if (!parsed.success) throw new PosApiError(`Square connection settings are invalid: ${z.prettifyError(parsed.error)}`, null, false);
  return parsed.data;
}

/* ----------------------------------------------------------------------------------------------- */
/* API shapes (tolerant: Square omits empty fields)                                                 */

const amount = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]);
const money = z.object({ amount, currency: z.string() });
type Money = z.infer<typeof money>;
const text = z.string().nullish().transform((value) => value || null);

const lineItemSchema = z.object({
  uid: text,
  name: text,
  quantity: z.string(),
  catalog_object_id: text,
  variation_name: text,
  note: text,
  base_price_money: money.nullish(),
  total_discount_money: money.nullish(),
  total_money: money.nullish(),
});

const returnLineItemSchema = z.object({
  uid: text,
  source_line_item_uid: text,
  name: text,
  quantity: z.string(),
  catalog_object_id: text,
  note: text,
  total_money: money.nullish(),
});

const orderReturnSchema = z.object({
  uid: text,
  source_order_id: text,
  return_line_items: z.array(returnLineItemSchema).nullish().transform((lines) => lines ?? []),
});

const orderSchema = z.object({
  id: z.string(),
  location_id: text,
  customer_id: text,
  state: z.enum(["OPEN", "COMPLETED", "CANCELED", "DRAFT"]),
  version: z.number().int().nonnegative().nullish(),
  created_at: text,
  updated_at: text,
  closed_at: text,
  line_items: z.array(lineItemSchema).nullish().transform((lines) => lines ?? []),
  returns: z.array(orderReturnSchema).nullish().transform((returns) => returns ?? []),
  refunds: z.array(z.object({ id: z.string(), reason: text })).nullish().transform((refunds) => refunds ?? []),
  tenders: z.array(z.object({ payment_id: text })).nullish().transform((tenders) => tenders ?? []),
  total_money: money.nullish(),
  total_tax_money: money.nullish(),
  total_discount_money: money.nullish(),
});
type Order = z.infer<typeof orderSchema>;

const customerSchema = z.object({
  id: z.string(),
  given_name: text,
  family_name: text,
  email_address: text,
  phone_number: text,
  note: text,
  address: z
    .object({ address_line_1: text, address_line_2: text, locality: text, postal_code: text, country: text })
    .nullish(),
  preferences: z.object({ email_unsubscribed: z.boolean().nullish() }).nullish(),
  version: z.number().int().nonnegative().nullish(),
  updated_at: text,
});
type Customer = z.infer<typeof customerSchema>;

const variationSchema = z.object({
  id: z.string(),
  item_variation_data: z.object({ sku: text, name: text }).nullish(),
});

const inventoryCountSchema = z.object({
  catalog_object_id: z.string(),
  state: z.string(),
  location_id: text,
  quantity: z.string(),
  calculated_at: text,
});

const paymentEventSchema = z.object({
  data: z.object({ object: z.object({ payment: z.object({ order_id: text, team_member_id: text }) }) }),
});
const orderEventSchema = z.object({
  data: z.object({ id: z.string().optional(), object: z.object({ order_updated: z.object({ order_id: z.string() }).optional(), order_created: z.object({ order_id: z.string() }).optional() }).optional() }),
});
const refundEventSchema = z.object({ data: z.object({ object: z.object({ refund: z.object({ order_id: text }) }) }) });
const customerIdEventSchema = z.object({ data: z.object({ id: z.string() }) });
const customerDeletedEventSchema = z.object({ data: z.object({ id: z.string(), object: z.object({ customer: customerSchema.partial() }).optional() }), created_at: text });
const inventoryEventSchema = z.object({ data: z.object({ object: z.object({ inventory_counts: z.array(inventoryCountSchema) }) }) });

function parse<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new PosApiError(`unexpected Square ${what}: ${z.prettifyError(parsed.error)}`, null, false);
  return parsed.data;
}

function parseEvent<T extends z.ZodType>(schema: T, event: StoredEvent): z.infer<T> {
  const parsed = schema.safeParse(event.payload);
  if (!parsed.success) throw new MalformedDelivery(`Square ${event.topic} envelope: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/* ----------------------------------------------------------------------------------------------- */
/* Fetching                                                                                         */

type Context = {
  http: PosHttp;
  config: SquareConfig;
  /** catalog variation id → SKU ("" when the variation has none or is gone), per call */
  skus: Map<string, Promise<string>>;
};

const contextFor = (connection: ApiConnection, http: PosHttp): Context => ({ http, config: readConfig(connection), skus: new Map() });

async function getJson(http: PosHttp, path: string, what: string): Promise<unknown> {
  try {
    return await http.json({ path });
  } catch (error) {
    // A 404 does not heal with retries: the object is gone, or the token belongs to another seller.
    if (error instanceof PosApiError && error.status === 404) {
      throw new PosApiError(`Square ${what} not found (404 on GET ${path}): deleted, or the access token belongs to another seller`, 404, false, error.body);
    }
    throw error;
  }
}

const orderPath = (id: string) => `/v2/orders/${encodeURIComponent(id)}`;
const customerPath = (id: string) => `/v2/customers/${encodeURIComponent(id)}`;

async function fetchOrder(context: Context, id: string): Promise<Order> {
  return parse(z.object({ order: orderSchema }), await getJson(context.http, orderPath(id), `order ${id}`), `order ${id}`).order;
}

async function fetchCustomer(http: PosHttp, id: string): Promise<Customer> {
  return parse(z.object({ customer: customerSchema }), await getJson(http, customerPath(id), `customer ${id}`), `customer ${id}`).customer;
}

/**
 * Line items carry no SKU (§2.2): it is the catalog variation's `item_variation_data.sku`. A variation
 * deleted since the sale (common for one-off pieces) yields "" rather than blocking the sale forever.
 */
function skuOf(context: Context, variationId: string | null): Promise<string> {
  if (!variationId) return Promise.resolve("");
  let cached = context.skus.get(variationId);
  if (!cached) {
    const path = `/v2/catalog/object/${encodeURIComponent(variationId)}`;
    cached = context.http.json({ path }).then(
      (body) => parse(z.object({ object: variationSchema }), body, `catalog object ${variationId}`).object.item_variation_data?.sku ?? "",
      (error: unknown) => {
        if (error instanceof PosApiError && error.status === 404) return "";
        throw error;
      },
    );
    context.skus.set(variationId, cached);
  }
  return cached;
}

/**
 * Orders carry no staff member; their payment does (`team_member_id`). A payment event already has it;
 * otherwise the order's first tender's payment is read, so a sale seen through `order.*` or a backfill
 * names the same associate as one seen through its payment (a newer version would otherwise blank it).
 */
async function associateOf(context: Context, order: Order, known: string | null): Promise<string | null> {
  if (known) return known;
  const paymentId = order.tenders.find((tender) => tender.payment_id)?.payment_id;
  if (!paymentId) return null;
  try {
    const body = await context.http.json({ path: `/v2/payments/${encodeURIComponent(paymentId)}` });
    return parse(z.object({ payment: z.object({ team_member_id: text }) }), body, `payment ${paymentId}`).payment.team_member_id;
  } catch (error) {
    // A payment we may not read (no PAYMENTS_READ scope) or that is gone leaves the sale without an associate.
    if (error instanceof PosApiError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
}

/* ----------------------------------------------------------------------------------------------- */
/* Mapping                                                                                          */

const minor = (value: Money | null | undefined) => (value ? integerMinor(value.amount) : 0);
const date = (value: string | null) => (value ? new Date(value) : null);

export function mapCustomer(customer: Customer): CanonicalCustomer {
  const address = customer.address;
  const addressLine = [address?.address_line_1, address?.address_line_2].filter(Boolean).join(", ");
  const unsubscribed = customer.preferences?.email_unsubscribed;
  return {
    externalId: customer.id,
    firstName: customer.given_name,
    lastName: customer.family_name,
    email: customer.email_address,
    phone: customer.phone_number,
    addressLine: addressLine || null,
    city: address?.locality ?? null,
    postalCode: address?.postal_code ?? null,
    country: address?.country && /^[A-Z]{2}$/.test(address.country) ? address.country : null,
    // Square's marketing emails go to every client who has not unsubscribed (an opt-out model), so
    // `email_unsubscribed: false` is the only consent Square records; absent means "not said".
    ...(typeof unsubscribed === "boolean" ? { consentEmail: !unsubscribed } : {}),
    note: customer.note,
    updatedAt: date(customer.updated_at),
    version: customer.version === null || customer.version === undefined ? null : String(customer.version),
  };
}

const STATUS = { COMPLETED: "completed", OPEN: "open", DRAFT: "open", CANCELED: "voided" } as const;

async function mapLines(context: Context, order: Order): Promise<CanonicalSaleLine[]> {
  return Promise.all(
    order.line_items.map(async (line) => ({
      externalId: line.uid,
      sku: await skuOf(context, line.catalog_object_id),
      productExternalId: line.catalog_object_id,
      name: line.name,
      // Square's catalog has no brand field.
      brand: null,
      quantity: wholeQuantity(line.quantity, `Square order ${order.id} line ${line.uid ?? "?"}`),
      unitPriceMinor: minor(line.base_price_money),
      discountMinor: minor(line.total_discount_money),
      totalMinor: minor(line.total_money),
      serialNumbers: serialsFromNote(line.note, context.config.serialSource),
    })),
  );
}

function currencyOf(order: Order): string {
  const found = order.total_money?.currency ?? order.line_items.find((line) => line.total_money)?.total_money?.currency;
  if (!found) throw new PosApiError(`Square order ${order.id} carries no currency`, null, false);
  return found;
}

/** The returns an order records (a POS itemised return is its own order whose `returns[]` name the original). */
async function mapReturns(context: Context, order: Order): Promise<CanonicalReturn[]> {
  const returnedAt = date(order.closed_at) ?? date(order.updated_at) ?? date(order.created_at);
  if (order.returns.length > 0 && !returnedAt) throw new PosApiError(`Square return order ${order.id} has no date`, null, false);
  return Promise.all(
    order.returns.map(async (ret, index) => {
      const currency = ret.return_line_items.find((line) => line.total_money)?.total_money?.currency ?? order.total_money?.currency;
      if (!currency) throw new PosApiError(`Square return on order ${order.id} carries no currency`, null, false);
      return {
        // `uid` is unique within its order only, so the order id qualifies it.
        externalId: `${order.id}:${ret.uid ?? index}`,
        saleExternalId: ret.source_order_id,
        locationId: order.location_id,
        returnedAt: returnedAt!,
        currency,
        reason: order.refunds.find((refund) => refund.reason)?.reason ?? null,
        customerExternalId: order.customer_id,
        lines: await Promise.all(
          ret.return_line_items.map(async (line) => ({
            saleLineExternalId: line.source_line_item_uid,
            sku: await skuOf(context, line.catalog_object_id),
            quantity: wholeQuantity(line.quantity, `Square return line ${line.uid ?? "?"}`),
            refundMinor: Math.abs(minor(line.total_money)),
            serialNumber: serialsFromNote(line.note, context.config.serialSource)[0] ?? null,
          })),
        ),
      } satisfies CanonicalReturn;
    }),
  );
}

/** One order → its sale (when it sells anything) and its returns. `teamMemberId`: the payment event's, when known. */
async function mapOrder(context: Context, order: Order, teamMemberId: string | null): Promise<CanonicalChange[]> {
  const changes: CanonicalChange[] = [];
  // A pure return order has `returns[]` and no line items: it sells nothing.
  if (order.line_items.length > 0 || order.returns.length === 0) {
    const status = STATUS[order.state];
    const totalMinor = minor(order.total_money);
    const taxMinor = minor(order.total_tax_money);
    changes.push({
      kind: "sale",
      sale: {
        externalId: order.id,
        locationId: order.location_id,
        status,
        completedAt: status === "completed" ? date(order.closed_at) ?? date(order.updated_at) : null,
        currency: currencyOf(order),
        subtotalMinor: totalMinor - taxMinor,
        discountMinor: minor(order.total_discount_money),
        taxMinor,
        totalMinor,
        customer: null,
        customerExternalId: order.customer_id,
        associateExternalId: await associateOf(context, order, teamMemberId),
        lines: await mapLines(context, order),
        updatedAt: date(order.updated_at),
        version: order.version === null || order.version === undefined ? null : String(order.version),
      },
    });
  }
  for (const ret of await mapReturns(context, order)) changes.push({ kind: "return", return: ret });
  return changes;
}

/** The order re-fetched, with its client first (the sale names it, so it must exist before the sale). */
async function orderChanges(context: Context, orderId: string, teamMemberId: string | null): Promise<CanonicalChange[]> {
  const order = await fetchOrder(context, orderId);
  const changes: CanonicalChange[] = [];
  if (order.customer_id) changes.push({ kind: "customer", customer: mapCustomer(await fetchCustomer(context.http, order.customer_id)) });
  changes.push(...(await mapOrder(context, order, teamMemberId)));
  return changes;
}

/* ----------------------------------------------------------------------------------------------- */
/* Events                                                                                           */

/** What a deleted client's envelope copy is laid over: whatever it leaves out, Vitrine is told nothing of. */
const emptyCustomer: Customer = {
  id: "",
  given_name: null,
  family_name: null,
  email_address: null,
  phone_number: null,
  note: null,
  address: null,
  preferences: null,
  version: null,
  updated_at: null,
};

async function changes(event: StoredEvent, connection: ApiConnection, http: PosHttp): Promise<CanonicalChange[]> {
  const context = contextFor(connection, http);
  switch (event.topic) {
    case "payment.created":
    case "payment.updated": {
      // Any payment status: the order's own state (re-fetched) decides completed / open / voided.
      const { order_id: orderId, team_member_id: teamMemberId } = parseEvent(paymentEventSchema, event).data.object.payment;
      if (!orderId) return [{ kind: "ignored", reason: "Square payment without an order" }];
      return orderChanges(context, orderId, teamMemberId);
    }
    case "order.created":
    case "order.updated": {
      const { data } = parseEvent(orderEventSchema, event);
      const orderId = data.object?.order_updated?.order_id ?? data.object?.order_created?.order_id ?? data.id;
      if (!orderId) throw new MalformedDelivery(`Square ${event.topic} names no order`);
      return orderChanges(context, orderId, null);
    }
    case "refund.created":
    case "refund.updated": {
      const orderId = parseEvent(refundEventSchema, event).data.object.refund.order_id;
      if (!orderId) return [{ kind: "ignored", reason: "Square refund without an order (an unlinked refund)" }];
      return orderChanges(context, orderId, null);
    }
    case "customer.created":
    case "customer.updated": {
      const id = parseEvent(customerIdEventSchema, event).data.id;
      return [{ kind: "customer", customer: mapCustomer(await fetchCustomer(http, id)) }];
    }
    case "customer.deleted": {
      // Nothing left to fetch: the envelope's copy is the last word.
      const { data, created_at: createdAt } = parseEvent(customerDeletedEventSchema, event);
      const customer = mapCustomer({ ...emptyCustomer, ...data.object?.customer, id: data.id });
      return [{ kind: "customer", customer: { ...customer, deleted: true, updatedAt: customer.updatedAt ?? date(createdAt) ?? event.receivedAt } }];
    }
    case "inventory.count.updated": {
      // The counts in the event carry `calculated_at`, which orders them; re-fetching would only add a call.
      const counts = parseEvent(inventoryEventSchema, event).data.object.inventory_counts.filter((count) => count.state === "IN_STOCK");
      return Promise.all(
        counts.map(async (count): Promise<CanonicalChange> => ({
          kind: "inventory",
          inventory: {
            locationId: count.location_id,
            sku: (await skuOf(context, count.catalog_object_id)) || null,
            productExternalId: count.catalog_object_id,
            onHand: wholeQuantity(count.quantity, `Square inventory count of ${count.catalog_object_id}`),
            updatedAt: date(count.calculated_at) ?? event.receivedAt,
          },
        })),
      );
    }
    default:
      return [{ kind: "ignored", reason: `Square ${event.topic} is not used by Vitrine` }];
  }
}


/* ----------------------------------------------------------------------------------------------- */
/* Backfill (§2.4)                                                                                  */

const RESOURCES = ["customers", "orders"] as const;
const MAX_LOCATIONS_PER_SEARCH = 10;
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

/**
 * A Square cursor is only valid with the identical query (§2.4), so the cursor keeps the query's
 * inputs: the start time and, for orders, the location chunks fixed when the backfill began.
 */
const customersCursorSchema = z.object({ startAt: z.string().nullable(), cursor: z.string().nullable() });
const ordersCursorSchema = z.object({
  startAt: z.string(),
  chunks: z.array(z.array(z.string()).min(1).max(MAX_LOCATIONS_PER_SEARCH)),
  chunk: z.number().int().nonnegative(),
  cursor: z.string().nullable(),
});

function chunksOf(locationIds: string[]): string[][] {
  const chunks: string[][] = [];
  for (let index = 0; index < locationIds.length; index += MAX_LOCATIONS_PER_SEARCH) chunks.push(locationIds.slice(index, index + MAX_LOCATIONS_PER_SEARCH));
  return chunks;
}

async function customersPage(context: Context, cursor: z.infer<typeof customersCursorSchema>): Promise<BackfillPage> {
  // SearchCustomers rather than ListCustomers: it takes an `updated_at` filter, so reconciliation reads
  // only what changed.
  const body = await context.http.json({
    method: "POST",
    path: "/v2/customers/search",
    body: {
      limit: context.config.customersPageSize,
      ...(cursor.cursor ? { cursor: cursor.cursor } : {}),
      ...(cursor.startAt ? { query: { filter: { updated_at: { start_at: cursor.startAt } } } } : {}),
    },
  });
  const page = parse(z.object({ customers: z.array(customerSchema).nullish(), cursor: text }), body, "customers page");
  return {
    changes: (page.customers ?? []).map((customer) => ({ kind: "customer", customer: mapCustomer(customer) })),
    next: page.cursor ? { startAt: cursor.startAt, cursor: page.cursor } : null,
  };
}

async function ordersPage(context: Context, cursor: z.infer<typeof ordersCursorSchema>): Promise<BackfillPage> {
  const body = await context.http.json({
    method: "POST",
    path: "/v2/orders/search",
    body: {
      location_ids: cursor.chunks[cursor.chunk],
      query: {
        // No state filter: open and cancelled orders matter too. Sorting on UPDATED_AT requires the
        // date filter on the same field.
        filter: { date_time_filter: { updated_at: { start_at: cursor.startAt } } },
        sort: { sort_field: "UPDATED_AT", sort_order: "ASC" },
      },
      limit: context.config.ordersPageSize,
      ...(cursor.cursor ? { cursor: cursor.cursor } : {}),
    },
  });
  const page = parse(z.object({ orders: z.array(orderSchema).nullish(), cursor: text }), body, "orders page");
  const changes: CanonicalChange[] = [];
  for (const order of page.orders ?? []) changes.push(...(await mapOrder(context, order, null)));
  const next = page.cursor
    ? { ...cursor, cursor: page.cursor }
    : cursor.chunk + 1 < cursor.chunks.length
      ? { ...cursor, chunk: cursor.chunk + 1, cursor: null }
      : null;
  return { changes, next };
}

async function backfillPage(args: Parameters<SyncConnector["backfillPage"]>[0]): Promise<BackfillPage> {
  const { resource, connection, http, since } = args;
  const context = contextFor(connection, http);
  if (resource === "customers") {
    const cursor = args.cursor ? parse(customersCursorSchema, args.cursor, "customers backfill cursor") : { startAt: since?.toISOString() ?? null, cursor: null };
    return customersPage(context, cursor);
  }
  if (resource === "orders") {
    let cursor: z.infer<typeof ordersCursorSchema>;
    if (args.cursor) {
      cursor = parse(ordersCursorSchema, args.cursor, "orders backfill cursor");
    } else {
      const locationIds = Object.keys(connection.storeMapping).sort();
      // SearchOrders requires location ids; with none mapped there is nothing Vitrine could store.
      if (locationIds.length === 0) throw new PosApiError("Square orders backfill: the connection maps no locations", null, false);
      const startAt = since ?? (context.config.backfillFrom ? new Date(context.config.backfillFrom) : new Date(Date.now() - TWO_YEARS_MS));
      cursor = { startAt: startAt.toISOString(), chunks: chunksOf(locationIds), chunk: 0, cursor: null };
    }
    return ordersPage(context, cursor);
  }
  throw new Error(`Square has no backfill resource "${resource}"`);
}

/* ----------------------------------------------------------------------------------------------- */
/* Write-back                                                                                       */

/**
 * UpdateCustomer with the version just read: Square refuses a stale version, so a concurrent edit in
 * the POS is not silently overwritten (the call fails and the outbox retries with a fresh read).
 */
async function writeCustomerNote({ http, customerExternalId, note }: Parameters<NonNullable<SyncConnector["writeCustomerNote"]>>[0]): Promise<{ externalId: string }> {
  const current = await fetchCustomer(http, customerExternalId);
  await http.json({ method: "PUT", path: customerPath(customerExternalId), body: { note, ...(current.version === null || current.version === undefined ? {} : { version: current.version }) } });
  return { externalId: customerExternalId };
}

const batchChangeSchema = z.object({
  changes: z.array(z.object({ type: z.string(), transfer: z.object({ id: z.string() }).nullish() })).nullish(),
});

/**
 * BatchChangeInventory with one TRANSFER change per line, IN_STOCK at the sending location to IN_STOCK
 * at the receiving one (https://developer.squareup.com/reference/square/inventory-api/batch-change-inventory,
 * object InventoryTransfer). One call, keyed by `idempotency_key`: a retry after a lost answer gets the
 * first answer back instead of a second transfer. `occurred_at` may not be older than 24 hours.
 * The transfers' ids (one per line) are the reference Vitrine keeps.
 */
async function writeStockTransfer({ http, transfer }: StockTransferArgs): Promise<{ externalId: string }> {
  const occurredAt = transfer.occurredAt.toISOString();
  const body = await http.json({
    method: "POST",
    path: "/v2/inventory/changes/batch-create",
    body: {
      idempotency_key: transfer.idempotencyKey,
      changes: transfer.lines.map((line) => ({
        type: "TRANSFER",
        transfer: {
          reference_id: transfer.reference,
          state: "IN_STOCK",
          from_location_id: transfer.fromLocationId,
          to_location_id: transfer.toLocationId,
          catalog_object_id: line.externalId,
          quantity: String(line.quantity),
          occurred_at: occurredAt,
        },
      })),
      ignore_unchanged_counts: true,
    },
  });
  const ids = (parse(batchChangeSchema, body, "inventory change batch").changes ?? []).flatMap((change) => (change.transfer ? [change.transfer.id] : []));
  // Older API versions answer with counts only; the reference then names the transfer.
  return { externalId: ids.length > 0 ? ids.join(",") : transfer.reference };
}

export const sync: SyncConnector = {
  provider: "square",
  authHeaders: (connection) => ({ authorization: `Bearer ${connection.credentials.accessToken ?? ""}`, "square-version": SQUARE_VERSION }),
  changes,
  backfillResources: RESOURCES,
  backfillPage,
  writeCustomerNote,
  writeStockTransfer,
};
