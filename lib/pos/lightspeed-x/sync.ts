import { isLosslessNumber, isSafeNumber, parse } from "lossless-json";
import { z } from "zod";
import { decimalToMinor } from "@/lib/pos/money";
import { PosApiError, type PosHttp } from "@/lib/pos/http";
import { MalformedDelivery, type ApiConnection, type BackfillPage, type StockTransferArgs, type StoredEvent, type SyncConnector } from "@/lib/pos/types";
import type { CanonicalChange, CanonicalCustomer, CanonicalProduct, CanonicalReturnLine, CanonicalSaleLine } from "@/lib/sync/canonical";

/**
 * Lightspeed Retail X-Series (Vend), API 2.0 (shared/pos README §3).
 *
 * Webhook payloads are the 0.9/1.0 objects whose field detail is unconfirmed (§3.2), so every event is
 * only a pointer: the connector re-fetches the 2.0 object by id and maps that. Backfill walks the 2.0
 * version cursor (§3.4). X-Series responses carry no currency: the retailer's currency is
 * `config.currency`.
 */

/* ----------------------------------------------------------------------------------------------- */
/* JSON and scalars                                                                                 */

/**
 * 2.0 bodies carry money as JSON numbers (`"price": 7083.33`) and versions that may pass 2^53: both
 * would be rounded by `JSON.parse`. Every number that is not a safe integer is kept as its digits, so
 * money goes to `decimalToMinor` exactly and versions stay intact.
 */
export function parseLightspeedXJson(text: string): unknown {
  return parse(text, (_key, value) => {
    if (!isLosslessNumber(value)) return value;
    return /^-?\d+$/.test(value.value) && isSafeNumber(value.value) ? Number(value.value) : value.value;
  });
}

const amount = z.union([z.string(), z.number()]);
const version = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);
const text = z.string().nullish().transform((value) => (value ? value : null));

/** Quantities come as numbers or decimal strings ("1.00000"); Vitrine counts whole units. */
function wholeUnits(value: string | number): number {
  const match = /^([+-]?\d+)(?:\.(\d+))?$/.exec(String(value).trim());
  if (!match || /[^0]/.test(match[2] ?? "")) throw new PosApiError(`X-Series quantity is not whole: ${JSON.stringify(value)}`, null, false);
  return Number(match[1]);
}

/** 2.0 dates are ISO 8601 with an offset; 0.9/1.0 ones are `YYYY-MM-DD HH:MM:SS` in UTC. */
function xSeriesDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? `${value.replace(" ", "T")}Z` : value;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/* ----------------------------------------------------------------------------------------------- */
/* 2.0 shapes (tolerant: only what Vitrine reads; field detail per api-evangelist/lightspeed OpenAPI) */

const lineItemSchema = z.object({
  id: z.string(),
  product_id: z.string(),
  quantity: amount,
  /** per unit, excluding tax (UNCONFIRMED whether before or after the per-unit `discount`; read as before) */
  price: amount,
  unit_price: amount.nullish(),
  /** per unit */
  discount: amount.nullish(),
  /** the line's whole discount, where the API sends it (it does in the 2.0 return example) */
  total_discount: amount.nullish(),
  /** the line's total excluding tax, after discount */
  total_price: amount,
  total_tax: amount.nullish(),
  is_return: z.boolean().nullish(),
});
type LineItem = z.infer<typeof lineItemSchema>;

const saleSchema = z.object({
  id: z.string(),
  outlet_id: text,
  user_id: text,
  customer_id: text,
  status: z.string(),
  sale_date: text,
  created_at: text,
  updated_at: text,
  return_for: text,
  note: text,
  total_price: amount,
  total_tax: amount,
  version: version.nullish(),
  line_items: z.array(lineItemSchema).nullish().transform((lines) => lines ?? []),
});
type Sale = z.infer<typeof saleSchema>;

const customerSchema = z.object({
  id: z.string(),
  customer_code: text,
  first_name: text,
  last_name: text,
  email: text,
  phone: text,
  mobile: text,
  note: text,
  physical_address_1: text,
  physical_address_2: text,
  physical_city: text,
  physical_postcode: text,
  physical_country_id: text,
  /** UNCONFIRMED field name; only read when present */
  do_not_email: z.boolean().nullish(),
  updated_at: text,
  deleted_at: text,
  version: version.nullish(),
});
type Customer = z.infer<typeof customerSchema>;

const productSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  // Both spellings are reported for 2.0 products (UNCONFIRMED which one a given version sends).
  brand_name: text,
  brand: z.union([z.string(), z.object({ name: z.string().nullish() })]).nullish(),
  price_excluding_tax: amount.nullish(),
  updated_at: text,
  version: version.nullish(),
});
type Product = z.infer<typeof productSchema>;

const serialSchema = z.object({ id: z.string(), code: z.string(), line_item_id: text });

const collection = <T extends z.ZodType>(schema: T) =>
  z.object({ data: z.array(schema), version: z.object({ min: version.nullish(), max: version.nullish() }).nullish() });

const inventoryPayloadSchema = z.object({
  id: z.string(),
  product_id: z.string(),
  outlet_id: text,
  count: amount.nullish(),
  inventory_level: amount.nullish(),
  updated_at: text,
});

const configSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** the register service orders are opened on (X-Series requires one) */
  registerId: z.string().min(1).optional(),
  pageSize: z.number().int().min(1).max(200).optional(),
});
type XSeriesConfig = z.infer<typeof configSchema>;

function readConfig(connection: ApiConnection): XSeriesConfig {
  const parsed = configSchema.safeParse(connection.config);
  if (!parsed.success) {
    throw new PosApiError(`X-Series connection settings are incomplete (config.currency, e.g. "CHF", is required): ${z.prettifyError(parsed.error)}`, null, false);
  }
  return parsed.data;
}

function parseBody<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new PosApiError(`unexpected X-Series ${what} body: ${z.prettifyError(parsed.error)}`, null, false);
  return parsed.data;
}

/* ----------------------------------------------------------------------------------------------- */
/* Fetching, with a per-call product cache                                                          */

type Context = { http: PosHttp; currency: string; products: Map<string, Promise<Product>> };

function contextFor(connection: ApiConnection, http: PosHttp): Context {
  return { http, currency: readConfig(connection).currency, products: new Map() };
}

async function getOne<T extends z.ZodType>(http: PosHttp, path: string, schema: T, what: string): Promise<z.infer<T>> {
  try {
    const body = parseBody(z.object({ data: z.unknown() }), await http.json({ path }), what);
    return parseBody(schema, body.data, what);
  } catch (error) {
    // A 404 will not heal by retrying: the object was deleted, or the connection points at another retailer.
    if (error instanceof PosApiError && error.status === 404) {
      throw new PosApiError(`X-Series ${what} not found (404 on GET ${path}): deleted, or the token belongs to another retailer`, 404, false);
    }
    throw error;
  }
}

function product(context: Context, id: string): Promise<Product> {
  let cached = context.products.get(id);
  if (!cached) {
    cached = getOne(context.http, `/api/2.0/products/${encodeURIComponent(id)}`, productSchema, `product ${id}`);
    context.products.set(id, cached);
  }
  return cached;
}

/** Serial numbers sold on a sale, by line item (Serial Numbers API, §3.3). */
async function serialsByLine(context: Context, saleId: string): Promise<Map<string, string[]>> {
  const body = await context.http.json({ path: "/api/2.0/serialnumbers", query: { sale_id: saleId } });
  const byLine = new Map<string, string[]>();
  for (const serial of parseBody(z.object({ data: z.array(serialSchema) }), body, "serial numbers").data) {
    if (!serial.line_item_id) continue;
    byLine.set(serial.line_item_id, [...(byLine.get(serial.line_item_id) ?? []), serial.code]);
  }
  return byLine;
}

/* ----------------------------------------------------------------------------------------------- */
/* Mapping                                                                                          */

function mapCustomer(customer: Customer): CanonicalCustomer {
  const addressLine = [customer.physical_address_1, customer.physical_address_2].filter(Boolean).join(", ");
  return {
    externalId: customer.id,
    firstName: customer.first_name,
    lastName: customer.last_name,
    email: customer.email,
    phone: customer.phone ?? customer.mobile,
    addressLine: addressLine || null,
    city: customer.physical_city,
    postalCode: customer.physical_postcode,
    country: customer.physical_country_id && /^[A-Z]{2}$/i.test(customer.physical_country_id) ? customer.physical_country_id.toUpperCase() : null,
    ...(typeof customer.do_not_email === "boolean" ? { consentEmail: !customer.do_not_email } : {}),
    loyaltyId: customer.customer_code,
    note: customer.note,
    deleted: customer.deleted_at !== null,
    updatedAt: xSeriesDate(customer.updated_at),
    version: customer.version ?? null,
  };
}

function brandOf(item: Product): string | null {
  if (item.brand_name) return item.brand_name;
  if (typeof item.brand === "string") return item.brand || null;
  return item.brand?.name ?? null;
}

function mapProduct(item: Product, currency: string): CanonicalProduct {
  return {
    externalId: item.id,
    sku: item.sku,
    name: item.name,
    brand: brandOf(item),
    priceMinor: item.price_excluding_tax === null || item.price_excluding_tax === undefined ? null : decimalToMinor(item.price_excluding_tax, currency),
    currency,
    // 2.0 products do not say whether they are serial-tracked in a field Vitrine has confirmed.
    isSerialized: null,
    updatedAt: xSeriesDate(item.updated_at),
    version: item.version ?? null,
  };
}

function lineDiscountMinor(line: LineItem, quantity: number, currency: string): number {
  if (line.total_discount !== null && line.total_discount !== undefined) return Math.abs(decimalToMinor(line.total_discount, currency));
  return Math.abs(decimalToMinor(line.discount ?? 0, currency)) * Math.abs(quantity);
}

async function mapLine(context: Context, line: LineItem, serials: Map<string, string[]>): Promise<CanonicalSaleLine> {
  const item = await product(context, line.product_id);
  const quantity = wholeUnits(line.quantity);
  return {
    externalId: line.id,
    sku: item.sku,
    productExternalId: line.product_id,
    name: item.name,
    brand: brandOf(item),
    quantity,
    unitPriceMinor: decimalToMinor(line.unit_price ?? line.price, context.currency),
    discountMinor: lineDiscountMinor(line, quantity, context.currency),
    totalMinor: decimalToMinor(line.total_price, context.currency),
    serialNumbers: serials.get(line.id) ?? [],
  };
}

const STATUS: Record<string, "completed" | "open" | "voided"> = {
  CLOSED: "completed",
  // a completed sale paid on account: the goods have left the shop
  ONACCOUNT: "completed",
  SAVED: "open",
  LAYBY: "open",
  VOIDED: "voided",
};

function saleStatus(sale: Sale): "completed" | "open" | "voided" {
  const status = STATUS[sale.status.toUpperCase()];
  if (!status) throw new PosApiError(`X-Series sale ${sale.id} has a status Vitrine does not know: ${sale.status}`, null, false);
  return status;
}

/**
 * One 2.0 sale → a sale, or a return when it carries `return_for` (X-Series records a return as a new
 * sale with negative quantities and totals, §3.1). `serials` maps line item ids to serial codes.
 */
async function mapSale(context: Context, sale: Sale, serials: Map<string, string[]>): Promise<CanonicalChange> {
  const status = saleStatus(sale);
  const lines = await Promise.all(sale.line_items.map((line) => mapLine(context, line, serials)));
  const at = xSeriesDate(sale.sale_date) ?? xSeriesDate(sale.updated_at) ?? xSeriesDate(sale.created_at);

  if (sale.return_for) {
    // A parked or voided return sale has not given anything back yet.
    if (status !== "completed") return { kind: "ignored", reason: `X-Series return ${sale.id} is ${sale.status}, not completed` };
    if (!at) throw new PosApiError(`X-Series return ${sale.id} has no date`, null, false);
    const returnLines: CanonicalReturnLine[] = sale.line_items.map((line, index) => ({
      // 2.0 return lines do not point at the original line item (UNCONFIRMED): only the sale is linked.
      saleLineExternalId: null,
      sku: lines[index].sku,
      quantity: Math.abs(lines[index].quantity),
      // what the client gets back, tax included
      refundMinor: Math.abs(decimalToMinor(line.total_price, context.currency)) + Math.abs(decimalToMinor(line.total_tax ?? 0, context.currency)),
      serialNumber: lines[index].serialNumbers[0] ?? null,
    }));
    return {
      kind: "return",
      return: {
        externalId: sale.id,
        saleExternalId: sale.return_for,
        locationId: sale.outlet_id,
        returnedAt: at,
        currency: context.currency,
        reason: sale.note,
        customerExternalId: sale.customer_id,
        lines: returnLines,
      },
    };
  }

  // 2.0 `total_price` excludes tax (the 1.0 `totals` in the webhook fixture add up that way).
  const subtotalMinor = decimalToMinor(sale.total_price, context.currency);
  const taxMinor = decimalToMinor(sale.total_tax, context.currency);
  return {
    kind: "sale",
    sale: {
      externalId: sale.id,
      locationId: sale.outlet_id,
      status,
      completedAt: status === "completed" ? at : null,
      currency: context.currency,
      subtotalMinor,
      discountMinor: lines.reduce((sum, line) => sum + line.discountMinor, 0),
      taxMinor,
      totalMinor: subtotalMinor + taxMinor,
      customer: null,
      customerExternalId: sale.customer_id,
      associateExternalId: sale.user_id,
      lines,
      updatedAt: xSeriesDate(sale.updated_at),
      version: sale.version ?? null,
    },
  };
}

/* ----------------------------------------------------------------------------------------------- */
/* Events                                                                                           */

function payloadId(event: StoredEvent): string {
  const parsed = z.object({ id: z.string().min(1) }).safeParse(event.payload);
  if (!parsed.success) throw new MalformedDelivery(`X-Series ${event.topic} payload has no id`);
  return parsed.data.id;
}

const customerPath = (id: string) => `/api/2.0/customers/${encodeURIComponent(id)}`;

async function saleChanges(context: Context, saleId: string): Promise<CanonicalChange[]> {
  const sale = await getOne(context.http, `/api/2.0/sales/${encodeURIComponent(saleId)}`, saleSchema, `sale ${saleId}`);
  const changes: CanonicalChange[] = [];
  // The client first, so the sale that names it finds it (canonical order contract).
  if (sale.customer_id) changes.push({ kind: "customer", customer: mapCustomer(await getOne(context.http, customerPath(sale.customer_id), customerSchema, `customer ${sale.customer_id}`)) });
  changes.push(await mapSale(context, sale, await serialsByLine(context, sale.id)));
  return changes;
}

const TOPICS = new Set(["sale.update", "customer.update", "product.update", "inventory.update"]);

async function changes(event: StoredEvent, connection: ApiConnection, http: PosHttp): Promise<CanonicalChange[]> {
  // register_closure.*, consignment.* …: nothing Vitrine keeps, whatever the connection's settings.
  if (!TOPICS.has(event.topic)) return [{ kind: "ignored", reason: `X-Series ${event.topic} is not used by Vitrine` }];
  const context = contextFor(connection, http);
  switch (event.topic) {
    case "sale.update":
      return saleChanges(context, payloadId(event));
    case "customer.update": {
      const id = payloadId(event);
      return [{ kind: "customer", customer: mapCustomer(await getOne(http, customerPath(id), customerSchema, `customer ${id}`)) }];
    }
    case "product.update":
      return [{ kind: "product", product: mapProduct(await product(context, payloadId(event)), context.currency) }];
    case "inventory.update": {
      const parsed = inventoryPayloadSchema.safeParse(event.payload);
      if (!parsed.success) throw new MalformedDelivery(`X-Series inventory payload: ${z.prettifyError(parsed.error)}`);
      const level = parsed.data.count ?? parsed.data.inventory_level;
      if (level === null || level === undefined) throw new MalformedDelivery("X-Series inventory payload has neither `count` nor `inventory_level`");
      const item = await product(context, parsed.data.product_id);
      return [
        {
          kind: "inventory",
          inventory: {
            locationId: parsed.data.outlet_id,
            sku: item.sku,
            productExternalId: item.id,
            onHand: wholeUnits(level),
            // The 1.0 inventory payload has no documented timestamp; when absent, the time we received
            // the count orders it better than the time it happens to be applied.
            updatedAt: xSeriesDate(parsed.data.updated_at) ?? event.receivedAt,
          },
        },
      ];
    }
    default:
      return [{ kind: "ignored", reason: `X-Series ${event.topic} is not used by Vitrine` }];
  }
}

/* ----------------------------------------------------------------------------------------------- */
/* Backfill: the 2.0 version cursor (§3.4)                                                          */

const RESOURCES = ["customers", "sales"] as const;
const cursorSchema = z.object({ after: z.string().regex(/^\d+$/) });

async function backfillPage(args: { resource: string; cursor: Record<string, unknown> | null; since: Date | null; connection: ApiConnection; http: PosHttp }): Promise<BackfillPage> {
  const { resource, connection, http } = args;
  if (resource !== "customers" && resource !== "sales") throw new Error(`X-Series has no backfill resource "${resource}"`);
  const context = contextFor(connection, http);
  // The cursor is the saved version watermark, so reconciliation resumes from it. `since` cannot be used
  // without one: versions are a global counter, not dates, so with no watermark the walk starts at 0.
  const after = args.cursor ? parseBody(cursorSchema, args.cursor, "backfill cursor").after : "0";
  const body = await http.json({ path: `/api/2.0/${resource}`, query: { after, page_size: readConfig(connection).pageSize ?? 200 } });

  if (resource === "customers") {
    const page = parseBody(collection(customerSchema), body, "customers page");
    if (page.data.length === 0) return { changes: [], next: null };
    return { changes: page.data.map((customer) => ({ kind: "customer", customer: mapCustomer(customer) })), next: nextCursor(page.version?.max, after) };
  }
  const page = parseBody(collection(saleSchema), body, "sales page");
  if (page.data.length === 0) return { changes: [], next: null };
  const changes: CanonicalChange[] = [];
  for (const sale of page.data) changes.push(await mapSale(context, sale, await serialsByLine(context, sale.id)));
  return { changes, next: nextCursor(page.version?.max, after) };
}

function nextCursor(max: string | null | undefined, after: string): { after: string } {
  // A page with data and no `version.max` would loop forever on the same `after`.
  if (!max || BigInt(max) <= BigInt(after)) throw new PosApiError(`X-Series page after ${after} did not advance the version cursor (max ${max ?? "missing"})`, null, false);
  return { after: max };
}

/* ----------------------------------------------------------------------------------------------- */
/* Write-back                                                                                       */

const createdSchema = z.union([z.object({ data: z.object({ id: z.string() }) }), z.object({ id: z.string() })]);

async function writeServiceOrder({ connection, http, order }: Parameters<NonNullable<SyncConnector["writeServiceOrder"]>>[0]): Promise<{ externalId: string }> {
  const { registerId } = readConfig(connection);
  // Service Orders API requires outlet_id, register_id and customer_id (§3.3).
  if (!registerId) throw new PosApiError("X-Series service orders need config.registerId (the register they are opened on)", null, false);
  if (!order.customerExternalId) throw new PosApiError("X-Series service orders need a customer", null, false);
  const body = await http.json({
    method: "POST",
    path: "/api/2.0/services",
    body: {
      outlet_id: order.locationId,
      register_id: registerId,
      customer_id: order.customerExternalId,
      status: "NEW",
      item: { item_name: order.itemName, serial_number: order.serialNumber ?? undefined, description: order.description },
      extra_fields: { note: order.dueOn ? `Due on ${order.dueOn}` : undefined },
    },
  });
  const created = parseBody(createdSchema, body, "service order");
  return { externalId: "data" in created ? created.data.id : created.id };
}

/** UNCONFIRMED: that `PUT /api/2.0/customers/{id}` takes a partial body and replaces only `note`. */
async function writeCustomerNote({ http, customerExternalId, note }: Parameters<NonNullable<SyncConnector["writeCustomerNote"]>>[0]): Promise<{ externalId: string }> {
  await http.json({ method: "PUT", path: customerPath(customerExternalId), body: { note } });
  return { externalId: customerExternalId };
}

const consignmentSchema = z.union([z.object({ data: z.object({ id: z.string(), status: z.string() }) }), z.object({ id: z.string(), status: z.string() })]);
const consignmentProductsSchema = z.object({ data: z.array(z.object({ product_id: z.string() })) });

/**
 * An outlet-to-outlet stock transfer: a consignment of type OUTLET from `source_outlet_id` to
 * `outlet_id` (x-series-api.lightspeedhq.com/docs/inventory_creating_stock_orders and the Consignments
 * API: OPEN → SENT → RECEIVED), with one consignment product per line, then marked SENT so the stock
 * leaves the sending outlet and waits to be received. X-Series has no idempotency key: the consignment's
 * id is recorded as soon as it exists (`onStarted`), and a retry resumes it, adding only the products
 * it does not hold yet and sending it unless it was sent already. The name is Vitrine's reference.
 */
async function writeStockTransfer({ http, transfer, started, onStarted }: StockTransferArgs): Promise<{ externalId: string }> {
  const header = { name: transfer.reference, type: "OUTLET", outlet_id: transfer.toLocationId, source_outlet_id: transfer.fromLocationId };
  const unwrap = (body: unknown) => {
    const parsed = parseBody(consignmentSchema, body, "consignment");
    return "data" in parsed ? parsed.data : parsed;
  };
  let consignment = started ? unwrap(await http.json({ path: `/api/2.0/consignments/${encodeURIComponent(started)}` })) : null;
  if (!consignment) {
    consignment = unwrap(await http.json({ method: "POST", path: "/api/2.0/consignments", body: { ...header, status: "OPEN" } }));
    await onStarted(consignment.id);
  }
  const path = `/api/2.0/consignments/${encodeURIComponent(consignment.id)}`;
  if (consignment.status === "SENT" || consignment.status === "RECEIVED") return { externalId: consignment.id };
  if (consignment.status !== "OPEN") throw new PosApiError(`X-Series consignment ${consignment.id} is ${consignment.status}, not OPEN: it cannot be sent`, 409, false);

  const held = new Set(parseBody(consignmentProductsSchema, await http.json({ path: `${path}/products` }), "consignment products").data.map((product) => product.product_id));
  for (const line of transfer.lines) {
    if (!held.has(line.externalId)) await http.json({ method: "POST", path: `${path}/products`, body: { product_id: line.externalId, count: line.quantity } });
  }
  await http.json({ method: "PUT", path, body: { ...header, status: "SENT" } });
  return { externalId: consignment.id };
}

export const sync: SyncConnector = {
  provider: "lightspeed_x",
  authHeaders: (connection) => ({ authorization: `Bearer ${connection.credentials.accessToken ?? ""}` }),
  parseJson: parseLightspeedXJson,
  changes,
  backfillResources: RESOURCES,
  backfillPage,
  writeCustomerNote,
  writeServiceOrder,
  writeStockTransfer,
};
