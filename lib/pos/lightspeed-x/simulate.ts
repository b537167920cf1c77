import { createHash } from "node:crypto";
import type { FakePosData } from "@/lib/pos/fake/data";
import { minorToDecimal } from "@/lib/pos/money";
import { lightspeedXSignatureHeader } from "@/lib/pos/signing";
import type { PlatformSimulator, SimConnection, SimCustomer, SimDelivery, SimEvent, SimLine, SimReturn, SimSale } from "@/lib/pos/simulate/scenario";
import { PROVIDER, X_RESOURCES, renderXSeriesJson, xSeriesVersion } from "./fake";

/**
 * X-Series as the simulator sees it: each neutral event becomes 2.0 objects in the fake POS (what a
 * re-fetch finds) and a signed `sale.update` / `customer.update` / `inventory.update` form post whose
 * `payload` is the 0.9/1.0-style object (shared/pos README §3.1–3.2).
 */

/** A deterministic uuid for a neutral id (X-Series ids are uuids). */
export function xSeriesId(neutralId: string): string {
  const hex = createHash("sha1").update(`lightspeed_x:${neutralId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Money as X-Series writes it: a JSON number with the currency's decimals (exact when printed back). */
const money = (minor: number, currency: string) => Number(minorToDecimal(minor, currency));
const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "+00:00");
/** 0.9/1.0 payload dates: `YYYY-MM-DD HH:MM:SS`, UTC */
const legacyDate = (date: Date) => date.toISOString().slice(0, 19).replace("T", " ");

const SALE_STATUS = { completed: "CLOSED", open: "SAVED", voided: "VOIDED" } as const;
const SALE_STATE = { completed: "closed", open: "parked", voided: "voided" } as const;

function customerObject(customer: SimCustomer): Record<string, unknown> {
  return {
    id: xSeriesId(customer.id),
    customer_code: customer.id,
    first_name: customer.firstName,
    last_name: customer.lastName,
    email: customer.email,
    phone: customer.phone,
    mobile: null,
    note: customer.note,
    physical_city: customer.city,
    physical_country_id: customer.country,
    do_not_email: !customer.consentEmail,
    created_at: isoSeconds(customer.updatedAt),
    updated_at: isoSeconds(customer.updatedAt),
    deleted_at: null,
  };
}

function putProduct(data: FakePosData, line: Pick<SimLine, "productId" | "sku" | "name" | "brand" | "unitPriceMinor">, currency: string, account: string): void {
  const id = xSeriesId(line.productId);
  // Products change rarely: put once, so their versions do not move with every sale.
  if (data.get(PROVIDER, X_RESOURCES.products, id)) return;
  data.put(PROVIDER, X_RESOURCES.products, id, { id, sku: line.sku, name: line.name, brand_name: line.brand, price_excluding_tax: money(line.unitPriceMinor, currency) }, { account });
}

function lineObject(sale: SimSale, line: SimLine, index: number): Record<string, unknown> {
  const total = line.unitPriceMinor * line.quantity - line.discountMinor;
  return {
    id: xSeriesId(line.id),
    product_id: xSeriesId(line.productId),
    quantity: line.quantity,
    price: money(line.unitPriceMinor, sale.currency),
    unit_price: money(line.unitPriceMinor, sale.currency),
    // per unit where it divides exactly; `total_discount` always carries the line's whole discount
    ...(line.discountMinor % line.quantity === 0 ? { discount: money(line.discountMinor / line.quantity, sale.currency) } : {}),
    total_discount: money(line.discountMinor, sale.currency),
    total_price: money(total, sale.currency),
    total_tax: 0,
    is_return: false,
    sequence: index,
  };
}

function saleObject(sale: SimSale): Record<string, unknown> {
  const subtotal = sale.lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity - line.discountMinor, 0);
  return {
    id: xSeriesId(sale.id),
    outlet_id: sale.locationId,
    register_id: xSeriesId(`register:${sale.locationId}`),
    user_id: sale.associateId ? xSeriesId(sale.associateId) : null,
    customer_id: sale.customer ? xSeriesId(sale.customer.id) : null,
    invoice_number: sale.id,
    status: SALE_STATUS[sale.status],
    state: SALE_STATE[sale.status],
    sale_date: isoSeconds(sale.completedAt),
    created_at: isoSeconds(sale.completedAt),
    updated_at: isoSeconds(sale.updatedAt),
    return_for: null,
    note: "",
    total_price: money(subtotal, sale.currency),
    total_tax: money(sale.taxMinor, sale.currency),
    line_items: sale.lines.map((line, index) => lineObject(sale, line, index)),
  };
}

function returnObject(ret: SimReturn): Record<string, unknown> {
  const refund = ret.lines.reduce((sum, line) => sum + line.refundMinor, 0);
  return {
    id: xSeriesId(ret.id),
    outlet_id: ret.locationId,
    register_id: xSeriesId(`register:${ret.locationId}`),
    user_id: null,
    customer_id: ret.sale.customer ? xSeriesId(ret.sale.customer.id) : null,
    invoice_number: ret.id,
    status: "CLOSED",
    state: "closed",
    sale_date: isoSeconds(ret.returnedAt),
    created_at: isoSeconds(ret.returnedAt),
    updated_at: isoSeconds(ret.returnedAt),
    return_for: xSeriesId(ret.sale.id),
    note: ret.reason,
    total_price: money(-refund, ret.currency),
    total_tax: 0,
    line_items: ret.lines.map((line, index) => {
      const original = ret.sale.lines.find((candidate) => candidate.id === line.lineId);
      return {
        id: xSeriesId(`${ret.id}:${line.lineId}`),
        product_id: xSeriesId(original?.productId ?? `sku:${line.sku}`),
        quantity: -line.quantity,
        price: money(original?.unitPriceMinor ?? 0, ret.currency),
        total_discount: 0,
        // the whole refund on the line, tax included, as the simulator's refund is
        total_price: money(-line.refundMinor, ret.currency),
        total_tax: 0,
        is_return: true,
        sequence: index,
      };
    }),
  };
}

function putSerial(data: FakePosData, code: string, fields: { product_id: string; outlet_id: string; sale_id: string; line_item_id: string }, account: string): void {
  const id = xSeriesId(`serial:${code}`);
  data.put(PROVIDER, X_RESOURCES.serialnumbers, id, { id, code, ...fields }, { account });
}

function record(data: FakePosData, event: SimEvent, connection: SimConnection): void {
  const account = typeof connection.config.domainPrefix === "string" ? connection.config.domainPrefix : "";
  switch (event.kind) {
    case "customer":
      data.put(PROVIDER, X_RESOURCES.customers, xSeriesId(event.customer.id), customerObject(event.customer), { account, updatedAt: event.customer.updatedAt });
      return;
    case "sale": {
      const { sale } = event;
      if (sale.customer) data.put(PROVIDER, X_RESOURCES.customers, xSeriesId(sale.customer.id), customerObject(sale.customer), { account, updatedAt: sale.customer.updatedAt });
      for (const line of sale.lines) {
        putProduct(data, line, sale.currency, account);
        for (const code of line.serialNumbers) {
          // a later revision of the sale (a note, a fulfilment) does not re-link a serial a return moved
          if (data.get(PROVIDER, X_RESOURCES.serialnumbers, xSeriesId(`serial:${code}`))) continue;
          putSerial(data, code, { product_id: xSeriesId(line.productId), outlet_id: sale.locationId, sale_id: xSeriesId(sale.id), line_item_id: xSeriesId(line.id) }, account);
        }
      }
      data.put(PROVIDER, X_RESOURCES.sales, xSeriesId(sale.id), saleObject(sale), { account, updatedAt: sale.updatedAt });
      return;
    }
    case "return": {
      const ret = event.return;
      const object = returnObject(ret);
      // UNCONFIRMED how X-Series links a returned serial: the simulator moves it to the return sale's
      // line, the latest sale that touched it, so a re-fetch of the return finds it.
      for (const [index, line] of ret.lines.entries()) {
        const item = (object.line_items as Record<string, string>[])[index];
        if (line.serialNumber) putSerial(data, line.serialNumber, { product_id: item.product_id, outlet_id: ret.locationId, sale_id: xSeriesId(ret.id), line_item_id: item.id }, account);
      }
      data.put(PROVIDER, X_RESOURCES.sales, xSeriesId(ret.id), object, { account, updatedAt: ret.returnedAt });
      return;
    }
    case "inventory": {
      const { inventory } = event;
      putProduct(data, { productId: inventory.productId, sku: inventory.sku, name: inventory.sku, brand: "", unitPriceMinor: 0 }, "USD", account);
      const id = xSeriesId(`inventory:${inventory.productId}:${inventory.locationId}`);
      data.put(PROVIDER, X_RESOURCES.inventory, id, { id, product_id: xSeriesId(inventory.productId), outlet_id: inventory.locationId, count: inventory.onHand }, { account, updatedAt: inventory.updatedAt });
      return;
    }
  }
}

/** The 0.9/1.0 `register_sale` shape the webhook carries (field detail unconfirmed; only a pointer to us). */
function registerSalePayload(object: Record<string, unknown>, version: bigint): Record<string, unknown> {
  const lines = object.line_items as Record<string, unknown>[];
  return {
    id: object.id,
    register_id: object.register_id,
    customer_id: object.customer_id,
    user_id: object.user_id,
    sale_date: legacyDate(new Date(object.sale_date as string)),
    updated_at: legacyDate(new Date(object.updated_at as string)),
    total_price: object.total_price,
    total_tax: object.total_tax,
    note: object.note,
    status: object.status,
    invoice_number: object.invoice_number,
    return_for: object.return_for,
    version,
    register_sale_products: lines.map((line) => ({ id: line.id, product_id: line.product_id, quantity: line.quantity, price: line.price, discount: line.discount ?? 0 })),
    totals: { total_price: object.total_price, total_tax: object.total_tax },
  };
}

function stored(data: FakePosData, resource: string, id: string): { object: Record<string, unknown>; version: bigint } {
  const found = data.get<Record<string, unknown>>(PROVIDER, resource, id);
  if (!found) throw new Error(`X-Series simulator: ${resource} ${id} was not recorded before its delivery`);
  return { object: found.object, version: BigInt(xSeriesVersion(found.seq)) };
}

function delivery(connection: SimConnection, type: string | null, payload: Record<string, unknown>): SimDelivery {
  const payloadText = renderXSeriesJson(payload);
  const form = new URLSearchParams({ payload: payloadText });
  if (typeof connection.config.domainPrefix === "string") form.set("domain_prefix", connection.config.domainPrefix);
  // X-Series may not send the type (README §3.1, unconfirmed); leaving it out of some deliveries makes
  // the receiver's shape fallback run too.
  if (type) form.set("type", type);
  const body = Buffer.from(form.toString(), "utf8");
  const signed = connection.config.signedBytes === "payload" ? payloadText : body;
  return { headers: { "content-type": "application/x-www-form-urlencoded", "x-signature": lightspeedXSignatureHeader(signed, connection.secret) }, body };
}

function deliveries(event: SimEvent, connection: SimConnection, data: FakePosData): SimDelivery[] {
  switch (event.kind) {
    case "sale": {
      const { object, version } = stored(data, X_RESOURCES.sales, xSeriesId(event.sale.id));
      return [delivery(connection, "sale.update", registerSalePayload(object, version))];
    }
    case "return": {
      const { object, version } = stored(data, X_RESOURCES.sales, xSeriesId(event.return.id));
      return [delivery(connection, null, registerSalePayload(object, version))];
    }
    case "customer": {
      const { object, version } = stored(data, X_RESOURCES.customers, xSeriesId(event.customer.id));
      return [delivery(connection, "customer.update", { ...object, version })];
    }
    case "inventory": {
      const { inventory } = event;
      const { object, version } = stored(data, X_RESOURCES.inventory, xSeriesId(`inventory:${inventory.productId}:${inventory.locationId}`));
      return [delivery(connection, null, { ...object, version })];
    }
  }
}

export const simulator: PlatformSimulator = { provider: PROVIDER, record, deliveries };
