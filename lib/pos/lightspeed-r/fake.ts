import type { FakeRecord } from "@/lib/pos/fake/data";
import type { FakeContext, FakePlatform, FakeRequest, FakeResponse } from "@/lib/pos/fake/types";

/**
 * A fake R-Series API V3 under `/API/V3/Account/{accountID}/…`: `timeStamp=>,<iso>` filters,
 * `sort=timeStamp`, `load_relations`, `@attributes.next` paging, the `IN,[…]` operator, and the leaky
 * bucket headers `X-LS-API-Bucket-Level: used/size` + `X-LS-API-Drip-Rate` (README §4.4).
 *
 * It keeps R-Series' JSON quirks on purpose: a page or relation holding one record is the object, not a
 * one-element array, and every scalar is a string.
 */

export const PROVIDER = "lightspeed_r";
export const R_RESOURCES = { Sale: "Sale", Customer: "Customer", Serialized: "Serialized", Item: "Item", Transfer: "Transfer" } as const;

type RObject = Record<string, unknown>;

/** One record → the object; several → the array; none → absent. */
function quirk(records: RObject[]): RObject | RObject[] | undefined {
  if (records.length === 0) return undefined;
  return records.length === 1 ? records[0] : records;
}

const timestamp = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, "+00:00");
const notFound = (what: string): FakeResponse => ({ status: 404, body: { httpCode: "404", httpMessage: "Not Found", message: `${what} not found` } });

/** `>,2024-01-01T00:00:00-00:00` → the instant; other operators are not needed by the connector. */
function after(filter: string | null): number {
  if (!filter) return Number.NEGATIVE_INFINITY;
  const match = /^>,(.+)$/.exec(filter);
  if (!match) throw new Error(`fake R-Series: unsupported timeStamp filter ${filter}`);
  const at = Date.parse(match[1]);
  if (Number.isNaN(at)) throw new Error(`fake R-Series: unreadable timeStamp ${match[1]}`);
  return at;
}

/** `IN,[1,2,3]` → the ids; a bare value → that one id. */
function idsOf(filter: string): Set<string> {
  const match = /^IN,\[(.*)\]$/.exec(filter);
  return new Set((match ? match[1].split(",") : [filter]).map((id) => id.trim()).filter(Boolean));
}

function relations(request: FakeRequest): Set<string> {
  const raw = request.query.get("load_relations");
  return new Set(raw ? (JSON.parse(raw) as string[]) : []);
}

function renderCustomer(record: FakeRecord, withContact: boolean): RObject {
  const { Contact, ...customer } = record.object as RObject & { Contact?: Record<string, RObject[]> };
  const rendered: RObject = { ...customer, timeStamp: timestamp(record.updatedAt) };
  if (withContact && Contact) {
    rendered.Contact = {
      ...Contact,
      Emails: { ContactEmail: quirk(Contact.Emails ?? []) ?? "" },
      Phones: { ContactPhone: quirk(Contact.Phones ?? []) ?? "" },
      Addresses: { ContactAddress: quirk(Contact.Addresses ?? []) ?? "" },
    };
  }
  return rendered;
}

function renderSale(record: FakeRecord, context: FakeContext, account: string, loaded: Set<string>): RObject {
  const { SaleLines, ...sale } = record.object as RObject & { SaleLines?: RObject[] };
  const rendered: RObject = { ...sale, timeStamp: timestamp(record.updatedAt) };
  if (loaded.has("SaleLines")) {
    const lines = (SaleLines ?? []).map((line) => {
      if (loaded.has("SaleLines.Item")) return line;
      const { Item: _item, ...rest } = line;
      return rest;
    });
    rendered.SaleLines = lines.length > 0 ? { SaleLine: quirk(lines) } : "";
  }
  const customer = loaded.has("Customer") && sale.customerID !== "0" ? context.data.get(PROVIDER, R_RESOURCES.Customer, String(sale.customerID)) : null;
  if (customer && customer.account === account) rendered.Customer = renderCustomer(customer, loaded.has("Customer.Contact"));
  return rendered;
}

function list(request: FakeRequest, context: FakeContext, account: string, resource: string): FakeResponse {
  const since = after(request.query.get("timeStamp"));
  const limit = Math.min(Number(request.query.get("limit") ?? "100") || 100, 100);
  // `after` is this fake's own cursor token, opaque to the connector: the last record's time and seq.
  const [afterMs, afterSeq] = (request.query.get("after") ?? "").split("_").map(Number);
  const position = (record: FakeRecord) => [record.updatedAt.getTime(), record.seq] as const;
  let records = context.data
    .list(PROVIDER, resource, account)
    .filter((record) => record.updatedAt.getTime() > since)
    .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.seq - b.seq);
  for (const [field, value] of request.query) {
    if (field === "saleLineID" || field === "serial") records = records.filter((record) => idsOf(value).has(String(record.object[field])));
  }
  const remaining = Number.isFinite(afterMs) ? records.filter((record) => { const [ms, seq] = position(record); return ms > afterMs || (ms === afterMs && seq > afterSeq); }) : records;
  const page = remaining.slice(0, limit);
  let next = "";
  if (remaining.length > limit) {
    const last = page[page.length - 1];
    const query = new URLSearchParams(request.query);
    query.set("after", `${last.updatedAt.getTime()}_${last.seq}`);
    next = `${context.baseUrl}${request.path}?${query.toString()}`;
  }
  const loaded = relations(request);
  const rendered = page.map((record) => (resource === R_RESOURCES.Sale ? renderSale(record, context, account, loaded) : resource === R_RESOURCES.Customer ? renderCustomer(record, loaded.has("Contact")) : { ...record.object, timeStamp: timestamp(record.updatedAt) }));
  return {
    status: 200,
    body: { "@attributes": { count: String(records.length), offset: "0", limit: String(limit), next, previous: "" }, ...(rendered.length > 0 ? { [resource]: quirk(rendered) } : {}) },
  };
}

/** `SaleLine.json?saleLineID=IN,[…]`: the lines of stored sales (the connector asks for `saleID`). */
function saleLines(request: FakeRequest, context: FakeContext, account: string): FakeResponse {
  const wanted = idsOf(request.query.get("saleLineID") ?? "");
  const lines = context.data
    .list(PROVIDER, R_RESOURCES.Sale, account)
    .flatMap((record) => ((record.object.SaleLines as RObject[] | undefined) ?? []).map(({ Item: _item, ...line }): RObject => ({ ...line, saleID: record.object.saleID })))
    .filter((line) => wanted.has(String(line.saleLineID)));
  return { status: 200, body: { "@attributes": { count: String(lines.length), offset: "0", limit: "100", next: "", previous: "" }, ...(lines.length > 0 ? { SaleLine: quirk(lines) } : {}) } };
}

/* ----------------------------------------------------------------------------------------------- */
/* Inventory transfers between shops: open → sent → received                                         */

type TransferItem = { transferItemID: string; itemID: string; toSend: string; sent: string; received: string };
type Transfer = { transferID: string; sendingShopID: string; receivingShopID: string; note: string; status: string; sentOn: string | null; TransferItems: TransferItem[] };

const badRequest = (message: string): FakeResponse => ({ status: 400, body: { httpCode: "400", httpMessage: "Bad Request", message } });
const presentTransfer = ({ TransferItems: _items, ...transfer }: Transfer, record: FakeRecord): RObject => ({ ...transfer, timeStamp: timestamp(record.updatedAt) });

function createTransfer(request: FakeRequest, context: FakeContext, account: string): FakeResponse {
  const body = (request.body ?? {}) as Partial<Transfer>;
  const shop = (value: unknown) => typeof value === "string" && /^\d+$/.test(value) && value !== "0";
  if (!shop(body.sendingShopID) || !shop(body.receivingShopID) || body.sendingShopID === body.receivingShopID) return badRequest("sendingShopID and receivingShopID must be two different shops");
  const transferID = String(700 + context.data.count(PROVIDER, R_RESOURCES.Transfer) + 1);
  const transfer: Transfer = { transferID, sendingShopID: body.sendingShopID!, receivingShopID: body.receivingShopID!, note: String(body.note ?? ""), status: "open", sentOn: null, TransferItems: [] };
  const record = context.data.put(PROVIDER, R_RESOURCES.Transfer, transferID, transfer, { account });
  return { status: 200, body: { Transfer: presentTransfer(transfer, record) } };
}

function transferAction(request: FakeRequest, context: FakeContext, account: string, transferID: string, action: string | undefined): FakeResponse {
  const record = context.data.get(PROVIDER, R_RESOURCES.Transfer, transferID);
  if (!record || record.account !== account) return notFound(`Transfer ${transferID}`);
  const transfer = record.object as Transfer;
  if (!action && request.method === "GET") return { status: 200, body: { Transfer: presentTransfer(transfer, record) } };
  if (action === "TransferItems" && request.method === "GET") {
    const items = transfer.TransferItems;
    return { status: 200, body: { "@attributes": { count: String(items.length), offset: "0", limit: "100", next: "", previous: "" }, ...(items.length > 0 ? { TransferItem: quirk(items) } : {}) } };
  }
  if (action === "TransferItems" && request.method === "POST") {
    const body = (request.body ?? {}) as { itemID?: unknown; toSend?: unknown };
    if (transfer.status !== "open") return badRequest(`cannot add items to a ${transfer.status} transfer`);
    if (typeof body.itemID !== "string" || !context.data.get(PROVIDER, R_RESOURCES.Item, body.itemID)) return badRequest(`Item ${String(body.itemID)} does not exist`);
    if (typeof body.toSend !== "string" || !/^[1-9]\d*$/.test(body.toSend)) return badRequest("toSend must be a positive whole number");
    const item: TransferItem = { transferItemID: String(transfer.TransferItems.length + 1), itemID: body.itemID, toSend: body.toSend, sent: "0", received: "0" };
    context.data.put(PROVIDER, R_RESOURCES.Transfer, transferID, { ...transfer, TransferItems: [...transfer.TransferItems, item] }, { account });
    return { status: 200, body: { TransferItem: item } };
  }
  if (action === "send" && request.method === "POST") {
    if (transfer.status !== "open" || transfer.TransferItems.length === 0) return badRequest(`cannot send a ${transfer.status} transfer with ${transfer.TransferItems.length} items`);
    const sent: Transfer = { ...transfer, status: "sent", sentOn: new Date().toISOString(), TransferItems: transfer.TransferItems.map((item) => ({ ...item, sent: item.toSend })) };
    const updated = context.data.put(PROVIDER, R_RESOURCES.Transfer, transferID, sent, { account });
    context.data.recordWrite({ provider: PROVIDER, account, kind: "inventory_transfer", id: transferID, body: sent });
    return { status: 200, body: { Transfer: presentTransfer(sent, updated) } };
  }
  return notFound(`${request.method} ${request.path}`);
}

function handle(request: FakeRequest, context: FakeContext): FakeResponse {
  const match = /^\/API\/V3\/Account\/([^/]+)\/(.+)$/.exec(request.path);
  if (!match) return notFound(request.path);
  const [, account, rest] = match;
  if (rest === "Inventory/Transfer.json" && request.method === "POST") return createTransfer(request, context, account);
  const transfer = /^Inventory\/Transfer\/([^/.]+)(?:\/([A-Za-z]+))?\.json$/.exec(rest);
  if (transfer) return transferAction(request, context, account, transfer[1], transfer[2]);
  if (request.method === "GET") {
    if (rest === "Customer.json") return list(request, context, account, R_RESOURCES.Customer);
    if (rest === "Sale.json") return list(request, context, account, R_RESOURCES.Sale);
    if (rest === "Serialized.json") return list(request, context, account, R_RESOURCES.Serialized);
    if (rest === "SaleLine.json") return saleLines(request, context, account);
  }
  if (request.method === "POST" && rest === "Workorder.json") {
    const workorderID = String(5000 + context.data.writes.length + 1);
    context.data.recordWrite({ provider: PROVIDER, account, kind: "work_order", id: workorderID, body: request.body });
    return { status: 200, body: { Workorder: { workorderID, ...(request.body as RObject) } } };
  }
  const customer = /^Customer\/([^/]+)\.json$/.exec(rest);
  if (request.method === "PUT" && customer) {
    const record = context.data.get(PROVIDER, R_RESOURCES.Customer, customer[1]);
    if (!record || record.account !== account) return notFound(`Customer ${customer[1]}`);
    context.data.recordWrite({ provider: PROVIDER, account, kind: "customer_note", id: customer[1], body: request.body });
    const updated = context.data.put(PROVIDER, R_RESOURCES.Customer, customer[1], { ...record.object, ...(request.body as RObject) }, { account });
    return { status: 200, body: { Customer: renderCustomer(updated, false) } };
  }
  return notFound(`${request.method} ${request.path}`);
}

export const fake: FakePlatform = {
  provider: PROVIDER,
  authorized: (request, context) => request.headers.authorization === `Bearer ${context.expectedToken}`,
  handle,
  rateLimitHeaders: ({ used, size, retryAfterSeconds, limited }) => ({
    "X-LS-API-Bucket-Level": `${used}/${size}`,
    "X-LS-API-Drip-Rate": "1",
    ...(limited ? { "Retry-After": String(retryAfterSeconds) } : {}),
  }),
  rateLimitedBody: "Rate Limit Exceeded",
};
