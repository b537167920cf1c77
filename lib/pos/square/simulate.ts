import { createHash } from "node:crypto";
import type { FakePosData } from "@/lib/pos/fake/data";
import { signSquare } from "@/lib/pos/signing";
import type { PlatformSimulator, SimConnection, SimCustomer, SimDelivery, SimEvent, SimInventory, SimLine, SimReturn, SimSale } from "@/lib/pos/simulate/scenario";
import { PROVIDER, SQUARE_RESOURCES } from "./fake";

/**
 * Square as the simulator sees it: each neutral event becomes the objects RetrieveOrder /
 * RetrieveCustomer / RetrieveCatalogObject return (kept by the fake POS), and the signed event
 * envelope Square would POST (shared/pos README §2.1–2.2). A sale is announced the way POS sales are,
 * through its payment; a return is a new order whose `returns[]` name the original, announced by its
 * refund.
 */

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const UPPER = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function digest(seed: string, length: number, alphabet: string): string {
  const bytes = createHash("sha256").update(`square:${seed}`).digest();
  let out = "";
  for (let index = 0; index < length; index++) out += alphabet[bytes[index % bytes.length] % alphabet.length];
  return out;
}

/** Deterministic ids in Square's styles: orders/payments like `CAISENgvlJ6jLWAzERDzjyHVybY`, customers 26 upper-case, catalog 24. */
export const squareIds = {
  order: (neutralId: string) => digest(`order:${neutralId}`, 27, BASE62),
  payment: (neutralId: string) => digest(`payment:${neutralId}`, 30, BASE62),
  refund: (neutralId: string) => digest(`refund:${neutralId}`, 30, BASE62),
  customer: (neutralId: string) => digest(`customer:${neutralId}`, 26, UPPER),
  variation: (productId: string) => digest(`variation:${productId}`, 24, UPPER),
  item: (productId: string) => digest(`item:${productId}`, 24, UPPER),
  uid: (neutralId: string) => digest(`uid:${neutralId}`, 22, BASE62),
  teamMember: (neutralId: string) => `TM${digest(`team:${neutralId}`, 14, BASE62)}`,
  merchant: (connectionId: string) => digest(`merchant:${connectionId}`, 13, UPPER),
};

/** A uuid (v5-shaped) from a seed: `event_id` is the same for every delivery of one event. */
export function squareEventId(seed: string): string {
  const hex = createHash("sha1").update(`square-event:${seed}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const money = (amount: number, currency: string) => ({ amount, currency });
const serialNote = (serials: string[]) => (serials.length > 0 ? serials.map((serial) => `S/N: ${serial}`).join(", ") : undefined);

export function customerObject(customer: SimCustomer): Record<string, unknown> {
  return {
    id: squareIds.customer(customer.id),
    given_name: customer.firstName,
    family_name: customer.lastName,
    ...(customer.email ? { email_address: customer.email } : {}),
    ...(customer.phone ? { phone_number: customer.phone } : {}),
    ...(customer.city || customer.country ? { address: { ...(customer.city ? { locality: customer.city } : {}), ...(customer.country ? { country: customer.country } : {}) } } : {}),
    ...(customer.note ? { note: customer.note } : {}),
    preferences: { email_unsubscribed: !customer.consentEmail },
    creation_source: "THIRD_PARTY",
    version: customer.revision,
    created_at: customer.updatedAt.toISOString(),
    updated_at: customer.updatedAt.toISOString(),
  };
}

function putVariation(data: FakePosData, line: Pick<SimLine, "productId" | "sku" | "name" | "unitPriceMinor">, currency: string): void {
  const id = squareIds.variation(line.productId);
  // Catalog objects rarely change: put once.
  if (data.get(PROVIDER, SQUARE_RESOURCES.catalog, id)) return;
  data.put(PROVIDER, SQUARE_RESOURCES.catalog, id, {
    type: "ITEM_VARIATION",
    id,
    version: 1,
    is_deleted: false,
    item_variation_data: { item_id: squareIds.item(line.productId), name: line.name, sku: line.sku, pricing_type: "FIXED_PRICING", price_money: money(line.unitPriceMinor, currency) },
  });
}

/** Spreads the sale's tax over its lines in proportion, the remainder on the last line, so the lines add up. */
function lineTaxes(sale: SimSale): number[] {
  const nets = sale.lines.map((line) => line.unitPriceMinor * line.quantity - line.discountMinor);
  const subtotal = nets.reduce((sum, net) => sum + net, 0);
  const taxes = nets.map((net) => (subtotal === 0 ? 0 : Math.floor((sale.taxMinor * net) / subtotal)));
  if (taxes.length > 0) taxes[taxes.length - 1] += sale.taxMinor - taxes.reduce((sum, tax) => sum + tax, 0);
  return taxes;
}

const ORDER_STATE = { completed: "COMPLETED", open: "OPEN", voided: "CANCELED" } as const;
const PAYMENT_STATUS = { completed: "COMPLETED", open: "APPROVED", voided: "CANCELED" } as const;

export function orderObject(sale: SimSale): Record<string, unknown> {
  const taxes = lineTaxes(sale);
  const discount = sale.lines.reduce((sum, line) => sum + line.discountMinor, 0);
  const subtotal = sale.lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity - line.discountMinor, 0);
  return {
    id: squareIds.order(sale.id),
    location_id: sale.locationId,
    source: { name: "Square Point of Sale" },
    ...(sale.customer ? { customer_id: squareIds.customer(sale.customer.id) } : {}),
    line_items: sale.lines.map((line, index) => ({
      uid: squareIds.uid(line.id),
      name: line.name,
      quantity: String(line.quantity),
      catalog_object_id: squareIds.variation(line.productId),
      ...(serialNote(line.serialNumbers) ? { note: serialNote(line.serialNumbers) } : {}),
      base_price_money: money(line.unitPriceMinor, sale.currency),
      gross_sales_money: money(line.unitPriceMinor * line.quantity, sale.currency),
      total_discount_money: money(line.discountMinor, sale.currency),
      total_tax_money: money(taxes[index], sale.currency),
      total_money: money(line.unitPriceMinor * line.quantity - line.discountMinor + taxes[index], sale.currency),
    })),
    state: ORDER_STATE[sale.status],
    version: sale.revision,
    created_at: sale.completedAt.toISOString(),
    updated_at: sale.updatedAt.toISOString(),
    ...(sale.status === "completed" ? { closed_at: sale.completedAt.toISOString() } : {}),
    tenders: [{ id: squareIds.payment(sale.id), type: "CARD", payment_id: squareIds.payment(sale.id), amount_money: money(subtotal + sale.taxMinor, sale.currency) }],
    total_money: money(subtotal + sale.taxMinor, sale.currency),
    total_tax_money: money(sale.taxMinor, sale.currency),
    total_discount_money: money(discount, sale.currency),
    total_tip_money: money(0, sale.currency),
  };
}

function paymentObject(sale: SimSale): Record<string, unknown> {
  const total = (orderObject(sale).total_money as { amount: number }).amount;
  return {
    id: squareIds.payment(sale.id),
    created_at: sale.completedAt.toISOString(),
    updated_at: sale.updatedAt.toISOString(),
    amount_money: money(total, sale.currency),
    total_money: money(total, sale.currency),
    status: PAYMENT_STATUS[sale.status],
    source_type: "CARD",
    location_id: sale.locationId,
    order_id: squareIds.order(sale.id),
    ...(sale.customer ? { customer_id: squareIds.customer(sale.customer.id) } : {}),
    ...(sale.associateId ? { team_member_id: squareIds.teamMember(sale.associateId) } : {}),
    version: sale.revision,
  };
}

function returnOrderObject(ret: SimReturn): Record<string, unknown> {
  const refund = ret.lines.reduce((sum, line) => sum + line.refundMinor, 0);
  return {
    id: squareIds.order(ret.id),
    location_id: ret.locationId,
    source: { name: "Square Point of Sale" },
    ...(ret.sale.customer ? { customer_id: squareIds.customer(ret.sale.customer.id) } : {}),
    returns: [
      {
        uid: squareIds.uid(`return:${ret.id}`),
        source_order_id: squareIds.order(ret.sale.id),
        return_line_items: ret.lines.map((line) => {
          const original = ret.sale.lines.find((candidate) => candidate.id === line.lineId);
          return {
            uid: squareIds.uid(`${ret.id}:${line.lineId}`),
            source_line_item_uid: squareIds.uid(line.lineId),
            name: original?.name ?? line.sku,
            quantity: String(line.quantity),
            catalog_object_id: squareIds.variation(original?.productId ?? `sku:${line.sku}`),
            ...(line.serialNumber ? { note: `S/N: ${line.serialNumber}` } : {}),
            base_price_money: money(original?.unitPriceMinor ?? line.refundMinor, ret.currency),
            total_money: money(line.refundMinor, ret.currency),
          };
        }),
      },
    ],
    refunds: [{ id: squareIds.refund(ret.id), location_id: ret.locationId, reason: ret.reason, amount_money: money(refund, ret.currency), status: "COMPLETED" }],
    return_amounts: { total_money: money(refund, ret.currency), tax_money: money(0, ret.currency) },
    net_amounts: { total_money: money(-refund, ret.currency) },
    state: "COMPLETED",
    version: 1,
    created_at: ret.returnedAt.toISOString(),
    updated_at: ret.returnedAt.toISOString(),
    closed_at: ret.returnedAt.toISOString(),
    total_money: money(0, ret.currency),
  };
}

function refundObject(ret: SimReturn): Record<string, unknown> {
  const refund = ret.lines.reduce((sum, line) => sum + line.refundMinor, 0);
  return {
    id: squareIds.refund(ret.id),
    status: "COMPLETED",
    amount_money: money(refund, ret.currency),
    payment_id: squareIds.payment(ret.sale.id),
    order_id: squareIds.order(ret.id),
    location_id: ret.locationId,
    reason: ret.reason,
    created_at: ret.returnedAt.toISOString(),
    updated_at: ret.returnedAt.toISOString(),
  };
}

const inventoryCountKey = (inventory: SimInventory) => `${squareIds.variation(inventory.productId)}:${inventory.locationId}`;

function putCustomer(data: FakePosData, customer: SimCustomer): void {
  data.put(PROVIDER, SQUARE_RESOURCES.customers, squareIds.customer(customer.id), customerObject(customer), { updatedAt: customer.updatedAt });
}

function putSale(data: FakePosData, sale: SimSale): void {
  if (sale.customer) putCustomer(data, sale.customer);
  for (const line of sale.lines) putVariation(data, line, sale.currency);
  data.put(PROVIDER, SQUARE_RESOURCES.orders, squareIds.order(sale.id), orderObject(sale), { updatedAt: sale.updatedAt });
  data.put(PROVIDER, SQUARE_RESOURCES.payments, squareIds.payment(sale.id), paymentObject(sale), { updatedAt: sale.updatedAt });
}

function record(data: FakePosData, event: SimEvent): void {
  switch (event.kind) {
    case "customer":
      putCustomer(data, event.customer);
      return;
    case "sale":
      putSale(data, event.sale);
      return;
    case "return": {
      const ret = event.return;
      // The original order must exist for `source_order_id` to resolve.
      if (!data.get(PROVIDER, SQUARE_RESOURCES.orders, squareIds.order(ret.sale.id))) putSale(data, ret.sale);
      data.put(PROVIDER, SQUARE_RESOURCES.orders, squareIds.order(ret.id), returnOrderObject(ret), { updatedAt: ret.returnedAt });
      data.put(PROVIDER, SQUARE_RESOURCES.refunds, squareIds.refund(ret.id), refundObject(ret), { updatedAt: ret.returnedAt });
      return;
    }
    case "inventory": {
      const { inventory } = event;
      putVariation(data, { productId: inventory.productId, sku: inventory.sku, name: inventory.sku, unitPriceMinor: 0 }, "USD");
      data.put(PROVIDER, SQUARE_RESOURCES.inventoryCounts, inventoryCountKey(inventory), inventoryCount(inventory), { updatedAt: inventory.updatedAt });
      return;
    }
  }
}

function inventoryCount(inventory: SimInventory): Record<string, unknown> {
  return {
    catalog_object_id: squareIds.variation(inventory.productId),
    catalog_object_type: "ITEM_VARIATION",
    state: "IN_STOCK",
    location_id: inventory.locationId,
    quantity: String(inventory.onHand),
    calculated_at: inventory.updatedAt.toISOString(),
  };
}

function stored(data: FakePosData, resource: string, id: string): Record<string, unknown> {
  const found = data.get<Record<string, unknown>>(PROVIDER, resource, id);
  if (!found) throw new Error(`Square simulator: ${resource} ${id} was not recorded before its delivery`);
  return found.object;
}

function envelope(connection: SimConnection, seed: string, type: string, at: Date, data: Record<string, unknown>): SimDelivery {
  const merchantId = typeof connection.config.merchantId === "string" ? connection.config.merchantId : squareIds.merchant(connection.id);
  const body = Buffer.from(JSON.stringify({ merchant_id: merchantId, type, event_id: squareEventId(seed), created_at: at.toISOString(), data }), "utf8");
  const url = typeof connection.config.notificationUrl === "string" ? connection.config.notificationUrl : connection.webhookUrl;
  return {
    headers: {
      "content-type": "application/json",
      "x-square-hmacsha256-signature": signSquare(url, body, connection.secret),
      "square-environment": "Sandbox",
      "square-initial-delivery-timestamp": at.toISOString(),
    },
    body,
  };
}

function deliveries(event: SimEvent, connection: SimConnection, data: FakePosData): SimDelivery[] {
  switch (event.kind) {
    case "sale": {
      const { sale } = event;
      // POS sales publish payment events, not order events (§2.1); later edits come as order.updated.
      if (sale.revision === 1) {
        const payment = stored(data, SQUARE_RESOURCES.payments, squareIds.payment(sale.id));
        return [envelope(connection, `${sale.id}:1`, "payment.created", sale.updatedAt, { type: "payment", id: payment.id, object: { payment } })];
      }
      const order = stored(data, SQUARE_RESOURCES.orders, squareIds.order(sale.id));
      const stub = { order_id: order.id, version: order.version, location_id: order.location_id, state: order.state, created_at: order.created_at, updated_at: order.updated_at };
      return [envelope(connection, `${sale.id}:${sale.revision}`, "order.updated", sale.updatedAt, { type: "order_updated", id: order.id, object: { order_updated: stub } })];
    }
    case "return": {
      const refund = stored(data, SQUARE_RESOURCES.refunds, squareIds.refund(event.return.id));
      return [envelope(connection, event.return.id, "refund.created", event.return.returnedAt, { type: "refund", id: refund.id, object: { refund } })];
    }
    case "customer": {
      const { customer } = event;
      const object = stored(data, SQUARE_RESOURCES.customers, squareIds.customer(customer.id));
      const type = customer.revision === 1 ? "customer.created" : "customer.updated";
      return [envelope(connection, `${customer.id}:${customer.revision}`, type, customer.updatedAt, { type: "customer", id: object.id, object: { customer: object } })];
    }
    case "inventory": {
      const { inventory } = event;
      const count = stored(data, SQUARE_RESOURCES.inventoryCounts, inventoryCountKey(inventory));
      const seed = `${inventoryCountKey(inventory)}:${inventory.updatedAt.toISOString()}`;
      return [envelope(connection, seed, "inventory.count.updated", inventory.updatedAt, { type: "inventory", id: squareEventId(`inventory-data:${seed}`), object: { inventory_counts: [count] } })];
    }
  }
}

export const simulator: PlatformSimulator = { provider: PROVIDER, record, deliveries };
