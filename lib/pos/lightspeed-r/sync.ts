import { z } from "zod";
import { PosApiError, type PosHttp } from "@/lib/pos/http";
import { decimalToMinor } from "@/lib/pos/money";
import type { ApiConnection, BackfillPage, StockTransferArgs, SyncConnector } from "@/lib/pos/types";
import type { CanonicalChange, CanonicalCustomer, CanonicalReturnLine, CanonicalSaleLine } from "@/lib/sync/canonical";

/**
 * Lightspeed Retail R-Series, API V3 (shared/pos README §4). There are no webhooks (§4.1, unconfirmed):
 * everything arrives through the `timeStamp`-filtered, `@attributes.next`-paged walk below, which the
 * reconciliation job runs from its last `since`.
 *
 * R-Series JSON has two quirks normalised here: a relation or page holding one record is an object, not
 * a one-element array (§4.2); and numbers, booleans and ids come as strings ("0" meaning "none").
 * Responses carry no currency: `config.currency` is the account's.
 *
 * Auth is the OAuth access token as a bearer. Refresh tokens rotate (§4.2) and refreshing is out of scope
 * here: an expired token surfaces as a non-retryable 401 for the connection's owner to renew.
 */

/* ----------------------------------------------------------------------------------------------- */
/* Quirks                                                                                           */

/** One record, several, or nothing (`undefined`, `""`) → an array. */
export function many(value: unknown): unknown[] {
  if (value === undefined || value === null || value === "") return [];
  return Array.isArray(value) ? value : [value];
}

const scalar = z.union([z.string(), z.number()]).transform(String);
/** R-Series writes "0" for an empty relation (no customer, no parent line). */
const ref = z.union([z.string(), z.number()]).nullish().transform((value) => (value === null || value === undefined || String(value) === "0" || value === "" ? null : String(value)));
const flag = z.union([z.string(), z.boolean()]).nullish().transform((value) => value === true || value === "true");
const text = z.string().nullish().transform((value) => (value ? value : null));
/** A relation: absent, "" when empty, or an object holding one record or an array under `key`. */
const relation = <T extends z.ZodType>(key: string, schema: T) =>
  z.preprocess((value) => many(value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), z.array(schema));

/* ----------------------------------------------------------------------------------------------- */
/* Shapes (field lists from marketplacer/lightspeed_pos, README §4.2–4.3; tolerant where unconfirmed)  */

const itemSchema = z.object({
  itemID: scalar,
  systemSku: text,
  customSku: text,
  manufacturerSku: text,
  description: text,
});

const saleLineSchema = z.object({
  saleLineID: scalar,
  unitQuantity: scalar,
  unitPrice: scalar,
  calcLineDiscount: scalar.nullish(),
  calcSubtotal: scalar.nullish(),
  calcTotal: scalar.nullish(),
  itemID: ref,
  parentSaleLineID: ref,
  Item: itemSchema.nullish(),
});
type SaleLine = z.infer<typeof saleLineSchema>;

const contactSchema = z.object({
  Emails: relation("ContactEmail", z.object({ address: text, useType: text })),
  Phones: relation("ContactPhone", z.object({ number: text, useType: text })),
  Addresses: relation("ContactAddress", z.object({ address1: text, address2: text, city: text, zip: text, countryCode: text })),
  noEmail: z.union([z.string(), z.boolean()]).nullish(),
});

const customerSchema = z.object({
  customerID: scalar,
  firstName: text,
  lastName: text,
  archived: flag,
  timeStamp: text,
  Contact: contactSchema.nullish(),
  Note: z.object({ note: text }).nullish(),
});
type Customer = z.infer<typeof customerSchema>;

const saleSchema = z.object({
  saleID: scalar,
  timeStamp: z.string(),
  completed: flag,
  voided: flag,
  /** UNCONFIRMED field (README §4.2): falls back to timeStamp */
  completeTime: text,
  calcSubtotal: scalar,
  calcDiscount: scalar.nullish(),
  calcTax1: scalar.nullish(),
  calcTax2: scalar.nullish(),
  calcTotal: scalar.nullish(),
  total: scalar.nullish(),
  customerID: ref,
  employeeID: ref,
  shopID: ref,
  Customer: customerSchema.nullish(),
  SaleLines: relation("SaleLine", saleLineSchema),
});
type Sale = z.infer<typeof saleSchema>;

/** UNCONFIRMED field list (README §4.3). */
const serializedSchema = z.object({ serializedID: scalar, serial: z.string(), itemID: ref, saleLineID: ref, customerID: ref });

const pageAttributes = z.object({ next: z.string().nullish() }).nullish();

const configSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  pageSize: z.number().int().min(1).max(100).optional(),
});

function readConfig(connection: ApiConnection): z.infer<typeof configSchema> {
  const parsed = configSchema.safeParse(connection.config);
  if (!parsed.success) {
    throw new PosApiError(`R-Series connection settings are incomplete (config.currency is required: R-Series responses carry no currency): ${z.prettifyError(parsed.error)}`, null, false);
  }
  return parsed.data;
}

function parseBody<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new PosApiError(`unexpected R-Series ${what}: ${z.prettifyError(parsed.error)}`, null, false);
  return parsed.data;
}

/** A page body: `{"@attributes": {…, next}, "<Resource>": one | many}`. */
function readPage<T extends z.ZodType>(body: unknown, key: string, schema: T): { records: z.infer<T>[]; next: string | null } {
  const page = parseBody(z.object({ "@attributes": pageAttributes }).loose(), body, `${key} page`);
  const records = parseBody(z.array(schema), many(page[key]), `${key} records`);
  return { records, next: page["@attributes"]?.next || null };
}

/** Every record of a filtered list, following `next` (used for the small per-page side lookups). */
async function listAll<T extends z.ZodType>(http: PosHttp, path: string, key: string, query: Record<string, string>, schema: T): Promise<z.infer<T>[]> {
  const records: z.infer<T>[] = [];
  let page = readPage(await http.json({ path, query }), key, schema);
  records.push(...page.records);
  while (page.next) {
    page = readPage(await http.json({ path: page.next }), key, schema);
    records.push(...page.records);
  }
  return records;
}

/** `saleLineID=IN,[1,2,3]`: the V3 operator form (README §4.4). */
const inList = (ids: string[]) => `IN,[${ids.join(",")}]`;

/* ----------------------------------------------------------------------------------------------- */
/* Mapping                                                                                          */

function date(value: string | null): Date | null {
  if (!value) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function wholeUnits(value: string): number {
  const match = /^([+-]?\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match || /[^0]/.test(match[2] ?? "")) throw new PosApiError(`R-Series quantity is not whole: ${value}`, null, false);
  return Number(match[1]);
}

function mapCustomer(customer: Customer): CanonicalCustomer {
  const contact = customer.Contact;
  const email = contact?.Emails.find((entry) => entry.useType === "Primary") ?? contact?.Emails[0];
  const phone = contact?.Phones.find((entry) => entry.useType === "Mobile") ?? contact?.Phones[0];
  const address = contact?.Addresses[0];
  const addressLine = [address?.address1, address?.address2].filter(Boolean).join(", ");
  return {
    externalId: customer.customerID,
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: email?.address ?? null,
    phone: phone?.number ?? null,
    addressLine: addressLine || null,
    city: address?.city ?? null,
    postalCode: address?.zip ?? null,
    country: address?.countryCode && /^[A-Z]{2}$/i.test(address.countryCode) ? address.countryCode.toUpperCase() : null,
    // `noEmail` is an opt-out; absent means the platform did not say.
    ...(contact?.noEmail === undefined || contact.noEmail === null ? {} : { consentEmail: !(contact.noEmail === true || contact.noEmail === "true") }),
    note: customer.Note?.note ?? null,
    deleted: customer.archived,
    updatedAt: date(customer.timeStamp),
    version: null,
  };
}

/** customSku is what a shop types on its tags; manufacturerSku next; systemSku always exists. */
function skuOf(line: SaleLine): string | null {
  const item = line.Item;
  return item ? (item.customSku ?? item.manufacturerSku ?? item.systemSku) : null;
}

type PageContext = {
  currency: string;
  serialsByLine: Map<string, string[]>;
  /** saleLineID → saleID, for linking a returned unit to the sale it came from */
  saleOfLine: Map<string, string>;
};

function mapLine(line: SaleLine, sku: string, context: PageContext): CanonicalSaleLine {
  const money = (value: string | null | undefined) => decimalToMinor(value ?? "0", context.currency);
  return {
    externalId: line.saleLineID,
    sku,
    productExternalId: line.Item?.itemID ?? line.itemID,
    name: line.Item?.description ?? null,
    brand: null,
    quantity: wholeUnits(line.unitQuantity),
    unitPriceMinor: money(line.unitPrice),
    discountMinor: Math.abs(money(line.calcLineDiscount)),
    // calcTotal is the line's own total; whether it includes tax is UNCONFIRMED.
    totalMinor: money(line.calcTotal ?? line.calcSubtotal),
    serialNumbers: context.serialsByLine.get(line.saleLineID) ?? [],
  };
}

/**
 * One R-Series sale → its sale and, when it has lines with a negative `unitQuantity` (units coming back),
 * a return for those lines. A sale made only of returned units is a refund sale: it becomes a return alone.
 */
function mapSale(sale: Sale, context: PageContext): CanonicalChange[] {
  const status = sale.voided ? "voided" : sale.completed ? "completed" : "open";
  const money = (value: string | null | undefined) => decimalToMinor(value ?? "0", context.currency);
  // A line without an item (itemID "0": a manual charge) is not merchandise Vitrine tracks.
  const itemLines = sale.SaleLines.flatMap((line) => {
    const sku = skuOf(line);
    return sku ? [mapLine(line, sku, context)] : [];
  });
  const sold = itemLines.filter((line) => line.quantity >= 0);
  const returned = itemLines.filter((line) => line.quantity < 0);
  const at = date(sale.completeTime) ?? date(sale.timeStamp);
  const changes: CanonicalChange[] = [];

  if (sold.length > 0 || returned.length === 0) {
    changes.push({
      kind: "sale",
      sale: {
        externalId: sale.saleID,
        locationId: sale.shopID,
        status,
        completedAt: status === "completed" ? at : null,
        currency: context.currency,
        subtotalMinor: money(sale.calcSubtotal),
        discountMinor: Math.abs(money(sale.calcDiscount)),
        taxMinor: money(sale.calcTax1) + money(sale.calcTax2),
        totalMinor: money(sale.calcTotal ?? sale.total),
        customer: sale.Customer && sale.customerID ? mapCustomer(sale.Customer) : null,
        customerExternalId: sale.customerID,
        associateExternalId: sale.employeeID,
        lines: sold,
        updatedAt: date(sale.timeStamp),
        version: null,
      },
    });
  }
  if (returned.length > 0) {
    if (status !== "completed" || !at) {
      if (changes.length === 0) changes.push({ kind: "ignored", reason: `R-Series refund sale ${sale.saleID} is ${status}, not completed` });
      return changes;
    }
    const parents = new Map(sale.SaleLines.map((line) => [line.saleLineID, line.parentSaleLineID]));
    const returnLines: CanonicalReturnLine[] = returned.map((line) => ({
      saleLineExternalId: parents.get(line.externalId ?? "") ?? null,
      sku: line.sku,
      quantity: -line.quantity,
      refundMinor: Math.abs(line.totalMinor),
      serialNumber: line.serialNumbers[0] ?? context.serialsByLine.get(parents.get(line.externalId ?? "") ?? "")?.[0] ?? null,
    }));
    // The original sale is the one holding the first returned line's parent, where R-Series links it.
    const originalSale = returnLines.map((line) => (line.saleLineExternalId ? context.saleOfLine.get(line.saleLineExternalId) : undefined)).find(Boolean) ?? null;
    changes.push({
      kind: "return",
      return: {
        externalId: sale.saleID,
        saleExternalId: originalSale,
        locationId: sale.shopID,
        returnedAt: at,
        currency: context.currency,
        reason: null,
        customerExternalId: sale.customerID,
        lines: returnLines,
      },
    });
  }
  return changes;
}

/* ----------------------------------------------------------------------------------------------- */
/* Backfill / reconciliation: `timeStamp=>,<iso>&sort=timeStamp`, paged by `@attributes.next` (§4.4)   */

const RESOURCES = ["Customer", "Sale"] as const;
const RELATIONS: Record<(typeof RESOURCES)[number], string[]> = {
  Customer: ["Contact"],
  Sale: ["SaleLines", "SaleLines.Item", "Customer", "Customer.Contact"],
};
const EPOCH = new Date(0);
const cursorSchema = z.object({ next: z.string().nullable(), since: z.string() });

/** R-Series' documented timestamp form (`2024-01-01T00:00:00-00:00`, README §4.4). */
export function rSeriesTimestamp(at: Date): string {
  return `${at.toISOString().slice(0, 19)}-00:00`;
}

async function saleContext(http: PosHttp, sales: Sale[], currency: string): Promise<PageContext> {
  // A returned unit's serial is on its own line or, more often, on the line it was sold on.
  const lineIds = [...new Set(sales.flatMap((sale) => sale.SaleLines.flatMap((line) => [line.saleLineID, ...(line.parentSaleLineID ? [line.parentSaleLineID] : [])])))];
  const saleOfLine = new Map(sales.flatMap((sale) => sale.SaleLines.map((line) => [line.saleLineID, sale.saleID] as const)));
  const serialsByLine = new Map<string, string[]>();
  if (lineIds.length > 0) {
    for (const serialized of await listAll(http, "/Serialized.json", "Serialized", { saleLineID: inList(lineIds) }, serializedSchema)) {
      if (serialized.saleLineID) serialsByLine.set(serialized.saleLineID, [...(serialsByLine.get(serialized.saleLineID) ?? []), serialized.serial]);
    }
  }
  // Returned units name their original line; one lookup per page finds the sales of those not on it.
  const unknownParents = [...new Set(sales.flatMap((sale) => sale.SaleLines.map((line) => line.parentSaleLineID)))].filter((id): id is string => id !== null && !saleOfLine.has(id));
  if (unknownParents.length > 0) {
    const parents = await listAll(http, "/SaleLine.json", "SaleLine", { saleLineID: inList(unknownParents) }, z.object({ saleLineID: scalar, saleID: ref }));
    for (const parent of parents) if (parent.saleID) saleOfLine.set(parent.saleLineID, parent.saleID);
  }
  return { currency, serialsByLine, saleOfLine };
}

async function backfillPage(args: { resource: string; cursor: Record<string, unknown> | null; since: Date | null; connection: ApiConnection; http: PosHttp }): Promise<BackfillPage> {
  const { resource, connection, http } = args;
  if (resource !== "Customer" && resource !== "Sale") throw new Error(`R-Series has no backfill resource "${resource}"`);
  const config = readConfig(connection);
  const cursor = args.cursor ? parseBody(cursorSchema, args.cursor, "backfill cursor") : null;
  const since = cursor?.since ?? rSeriesTimestamp(args.since ?? EPOCH);
  // `next` is a full URL (PosHttp takes absolute URLs) carrying the filter and R-Series' own position.
  const body = cursor?.next
    ? await http.json({ path: cursor.next })
    : await http.json({
        path: `/${resource}.json`,
        query: { timeStamp: `>,${since}`, sort: "timeStamp", load_relations: JSON.stringify(RELATIONS[resource]), limit: config.pageSize ?? 100 },
      });

  const next = (url: string | null) => (url ? { next: url, since } : null);
  if (resource === "Customer") {
    const page = readPage(body, "Customer", customerSchema);
    return { changes: page.records.map((customer) => ({ kind: "customer", customer: mapCustomer(customer) })), next: next(page.next) };
  }
  const page = readPage(body, "Sale", saleSchema);
  const context = await saleContext(http, page.records, config.currency);
  return { changes: page.records.flatMap((sale) => mapSale(sale, context)), next: next(page.next) };
}

/* ----------------------------------------------------------------------------------------------- */
/* Write-back                                                                                       */

/**
 * A work order for a piece in for service. UNCONFIRMED field names (README §4.3): `customerID`,
 * `shopID`, `note`, `serializedID`, `etaOut`. The serial is linked when R-Series knows it.
 */
async function writeServiceOrder({ http, order }: Parameters<NonNullable<SyncConnector["writeServiceOrder"]>>[0]): Promise<{ externalId: string }> {
  let serializedID: string | undefined;
  if (order.serialNumber) {
    const found = await listAll(http, "/Serialized.json", "Serialized", { serial: order.serialNumber }, serializedSchema);
    serializedID = found[0]?.serializedID;
  }
  const body = await http.json({
    method: "POST",
    path: "/Workorder.json",
    body: {
      customerID: order.customerExternalId ?? undefined,
      shopID: order.locationId,
      note: `${order.itemName}: ${order.description}`,
      serializedID,
      etaOut: order.dueOn ? rSeriesTimestamp(new Date(`${order.dueOn}T00:00:00Z`)) : undefined,
    },
  });
  const created = parseBody(z.object({ Workorder: z.object({ workorderID: scalar }) }), body, "work order");
  return { externalId: created.Workorder.workorderID };
}

async function writeCustomerNote({ http, customerExternalId, note }: Parameters<NonNullable<SyncConnector["writeCustomerNote"]>>[0]): Promise<{ externalId: string }> {
  const body = await http.json({ method: "PUT", path: `/Customer/${encodeURIComponent(customerExternalId)}.json`, body: { Note: { note } } });
  return { externalId: parseBody(z.object({ Customer: z.object({ customerID: scalar }) }), body, "customer").Customer.customerID };
}

const transferSchema = z.object({ Transfer: z.object({ transferID: scalar, status: z.string() }) });
const transferItemSchema = z.object({ itemID: scalar });

/**
 * An inventory transfer between two shops of the account: `Inventory/Transfer` with `sendingShopID` and
 * `receivingShopID` (its note is Vitrine's reference), one `TransferItems` record (`itemID`, `toSend`)
 * per line, then sent, so the stock leaves the sending shop and waits to be received. Field names as the
 * R-Series V3 objects InventoryTransfer / InventoryTransferItem name them; UNCONFIRMED that sending is
 * `POST Inventory/Transfer/{id}/send.json` (README §4.3). R-Series has no idempotency key: the transfer's
 * id is recorded as soon as it exists (`onStarted`), and a retry resumes it, adding only the items it
 * does not hold yet and sending it unless it left already.
 */
async function writeStockTransfer({ http, transfer, started, onStarted }: StockTransferArgs): Promise<{ externalId: string }> {
  let current = started ? parseBody(transferSchema, await http.json({ path: `/Inventory/Transfer/${encodeURIComponent(started)}.json` }), "transfer").Transfer : null;
  if (!current) {
    const body = await http.json({ method: "POST", path: "/Inventory/Transfer.json", body: { sendingShopID: transfer.fromLocationId, receivingShopID: transfer.toLocationId, note: transfer.reference } });
    current = parseBody(transferSchema, body, "transfer").Transfer;
    await onStarted(current.transferID);
  }
  const base = `/Inventory/Transfer/${encodeURIComponent(current.transferID)}`;
  if (current.status === "sent" || current.status === "received") return { externalId: current.transferID };
  if (current.status !== "open") throw new PosApiError(`R-Series transfer ${current.transferID} is ${current.status}, not open: it cannot be sent`, 409, false);

  const held = new Set((await listAll(http, `${base}/TransferItems.json`, "TransferItem", {}, transferItemSchema)).map((item) => item.itemID));
  for (const line of transfer.lines) {
    if (!held.has(line.externalId)) await http.json({ method: "POST", path: `${base}/TransferItems.json`, body: { itemID: line.externalId, toSend: String(line.quantity) } });
  }
  await http.json({ method: "POST", path: `${base}/send.json`, body: {} });
  return { externalId: current.transferID };
}

export const sync: SyncConnector = {
  provider: "lightspeed_r",
  authHeaders: (connection) => ({ authorization: `Bearer ${connection.credentials.accessToken ?? ""}` }),
  changes: async () => [{ kind: "ignored", reason: "R-Series has no webhooks; polled by reconciliation" }],
  backfillResources: RESOURCES,
  backfillPage,
  writeCustomerNote,
  writeServiceOrder,
  writeStockTransfer,
};
