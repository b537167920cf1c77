import { createHash } from "node:crypto";
import type { FakePosData } from "@/lib/pos/fake/data";
import type { PlatformSimulator, SimConnection, SimCustomer, SimDelivery, SimEvent, SimInventory, SimLine, SimReturn, SimSale } from "@/lib/pos/simulate/scenario";
import { CLOVER_RESOURCES, PROVIDER } from "./fake";

/**
 * Clover as the simulator sees it: each neutral event becomes REST v3 objects under its merchant (a
 * sale's `locationId` is its merchant id) and a notification message `{appId, merchants: {<mId>:
 * [{objectId, type, ts}]}}` carrying `X-Clover-Auth` (shared/pos README §5.1–5.2). A sale and its client
 * go in one POST, as Clover batches. Refunds live on the original order, so a return is an O:UPDATE.
 */

const BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A deterministic 13-character upper-case base32 id, Clover's style (`GHIVJT2ABCRSC`). */
export function cloverId(kind: string, neutralId: string): string {
  const bytes = createHash("sha256").update(`clover:${kind}:${neutralId}`).digest();
  let out = "";
  for (let index = 0; index < 13; index++) out += BASE32[bytes[index] % 32];
  return out;
}

export const cloverIds = {
  order: (neutralId: string) => cloverId("order", neutralId),
  customer: (neutralId: string) => cloverId("customer", neutralId),
  lineItem: (neutralId: string) => cloverId("line", neutralId),
  payment: (neutralId: string) => cloverId("payment", neutralId),
  refund: (neutralId: string) => cloverId("refund", neutralId),
  employee: (neutralId: string) => cloverId("employee", neutralId),
  /** items are per merchant */
  item: (merchantId: string, productId: string) => cloverId("item", `${merchantId}:${productId}`),
};

const UNIT = 1000;

export function customerObject(customer: SimCustomer): Record<string, unknown> {
  const id = cloverIds.customer(customer.id);
  const ms = customer.updatedAt.getTime();
  return {
    id,
    firstName: customer.firstName,
    lastName: customer.lastName,
    marketingAllowed: customer.consentEmail,
    customerSince: ms,
    modifiedTime: ms,
    emailAddresses: { elements: customer.email ? [{ id: cloverId("email", customer.id), emailAddress: customer.email, customer: { id } }] : [] },
    phoneNumbers: { elements: customer.phone ? [{ id: cloverId("phone", customer.id), phoneNumber: customer.phone, customer: { id } }] : [] },
    addresses: { elements: customer.city || customer.country ? [{ id: cloverId("address", customer.id), city: customer.city, country: customer.country }] : [] },
    metadata: { note: customer.note },
  };
}

function putItem(data: FakePosData, merchantId: string, line: Pick<SimLine, "productId" | "sku" | "name" | "unitPriceMinor">, stock?: { quantity: number; at: Date }): void {
  const id = cloverIds.item(merchantId, line.productId);
  const existing = data.get<Record<string, unknown>>(PROVIDER, CLOVER_RESOURCES.items, id);
  if (existing && !stock) return;
  const modifiedTime = stock?.at.getTime() ?? Date.now();
  data.put(
    PROVIDER,
    CLOVER_RESOURCES.items,
    id,
    {
      ...(existing?.object ?? { id, name: line.name, sku: line.sku, code: line.sku, price: line.unitPriceMinor, priceType: "FIXED", hidden: false }),
      modifiedTime,
      ...(stock ? { itemStock: { item: { id }, stockCount: stock.quantity, quantity: stock.quantity, modifiedTime } } : {}),
    },
    { account: merchantId, updatedAt: stock?.at },
  );
}

function lineItems(sale: SimSale): Record<string, unknown>[] {
  return sale.lines.map((line) => ({
    id: cloverIds.lineItem(line.id),
    item: { id: cloverIds.item(sale.locationId, line.productId) },
    name: line.name,
    price: line.unitPriceMinor,
    // One unit is Clover's default (no unitQty); several units ride on unitQty in thousandths.
    ...(line.quantity === 1 ? {} : { unitQty: line.quantity * UNIT }),
    ...(line.serialNumbers.length > 0 ? { note: line.serialNumbers.map((serial) => `S/N: ${serial}`).join(" ") } : {}),
    ...(line.discountMinor > 0 ? { discounts: { elements: [{ id: cloverId("discount", line.id), name: "Discount", amount: -line.discountMinor }] } } : {}),
    printed: true,
    refunded: false,
    isRevenue: true,
  }));
}

export function orderObject(sale: SimSale): Record<string, unknown> {
  const subtotal = sale.lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity - line.discountMinor, 0);
  const total = subtotal + sale.taxMinor;
  const paid = sale.status === "completed";
  return {
    id: cloverIds.order(sale.id),
    currency: sale.currency,
    title: sale.id,
    state: paid ? "locked" : "open",
    paymentState: paid ? "PAID" : "OPEN",
    total,
    taxRemoved: false,
    isVat: false,
    manualTransaction: false,
    testMode: false,
    createdTime: sale.completedAt.getTime(),
    clientCreatedTime: sale.completedAt.getTime(),
    modifiedTime: sale.updatedAt.getTime(),
    ...(sale.associateId ? { employee: { id: cloverIds.employee(sale.associateId) } } : {}),
    customers: { elements: sale.customer ? [{ id: cloverIds.customer(sale.customer.id) }] : [] },
    lineItems: { elements: lineItems(sale) },
    payments: {
      elements: paid
        ? [{ id: cloverIds.payment(sale.id), order: { id: cloverIds.order(sale.id) }, amount: total, taxAmount: sale.taxMinor, tipAmount: 0, result: "SUCCESS", createdTime: sale.completedAt.getTime() }]
        : [],
    },
    refunds: { elements: [] },
  };
}

function putCustomer(data: FakePosData, customer: SimCustomer, merchantId: string): void {
  data.put(PROVIDER, CLOVER_RESOURCES.customers, cloverIds.customer(customer.id), customerObject(customer), { account: merchantId, updatedAt: customer.updatedAt });
}

function putSale(data: FakePosData, sale: SimSale): void {
  // Customers belong to a merchant; a client who buys at another merchant is (re)filed under it.
  if (sale.customer) putCustomer(data, sale.customer, sale.locationId);
  for (const line of sale.lines) putItem(data, sale.locationId, line);
  const fresh = orderObject(sale);
  // a later revision of the order keeps the refunds already made on it
  const stored = data.get(PROVIDER, CLOVER_RESOURCES.orders, fresh.id as string)?.object;
  const order = stored ? { ...fresh, refunds: stored.refunds, paymentState: stored.paymentState ?? fresh.paymentState } : fresh;
  data.put(PROVIDER, CLOVER_RESOURCES.orders, order.id as string, order, { account: sale.locationId, updatedAt: sale.updatedAt });
  for (const payment of (order.payments as { elements: Record<string, unknown>[] }).elements) {
    data.put(PROVIDER, CLOVER_RESOURCES.payments, payment.id as string, payment, { account: sale.locationId, updatedAt: sale.updatedAt });
  }
}

function recordReturn(data: FakePosData, ret: SimReturn): void {
  const orderId = cloverIds.order(ret.sale.id);
  if (!data.get(PROVIDER, CLOVER_RESOURCES.orders, orderId)) putSale(data, ret.sale);
  const order = data.get<Record<string, unknown>>(PROVIDER, CLOVER_RESOURCES.orders, orderId)!.object;
  const amount = ret.lines.reduce((sum, line) => sum + line.refundMinor, 0);
  const refunded = new Set(ret.lines.map((line) => cloverIds.lineItem(line.lineId)));
  const refund = {
    id: cloverIds.refund(ret.id),
    amount,
    taxAmount: 0,
    createdTime: ret.returnedAt.getTime(),
    payment: { id: cloverIds.payment(ret.sale.id) },
    lineItems: { elements: [...refunded].map((id) => ({ id })) },
  };
  const lines = (order.lineItems as { elements: Record<string, unknown>[] }).elements.map((line) => (refunded.has(line.id as string) ? { ...line, refunded: true } : line));
  const allRefunded = lines.every((line) => line.refunded);
  data.put(
    PROVIDER,
    CLOVER_RESOURCES.orders,
    orderId,
    {
      ...order,
      paymentState: allRefunded ? "REFUNDED" : "PARTIALLY_REFUNDED",
      modifiedTime: ret.returnedAt.getTime(),
      lineItems: { elements: lines },
      refunds: { elements: [...(order.refunds as { elements: unknown[] }).elements, refund] },
    },
    { account: ret.locationId, updatedAt: ret.returnedAt },
  );
}

/** The merchant a customer is filed under: where it was recorded, else the connection's default. */
function customerMerchant(data: FakePosData, customer: SimCustomer, connection: SimConnection): string {
  const existing = data.get(PROVIDER, CLOVER_RESOURCES.customers, cloverIds.customer(customer.id));
  if (existing) return existing.account;
  const fallback = connection.config.defaultMerchantId ?? Object.keys((connection.config.merchants as Record<string, unknown> | undefined) ?? {})[0];
  if (typeof fallback !== "string") throw new Error("Clover simulator: a client update before any sale needs config.defaultMerchantId or config.merchants");
  return fallback;
}

const inventoryMerchant = (inventory: SimInventory) => inventory.locationId;

function record(data: FakePosData, event: SimEvent, connection: SimConnection): void {
  switch (event.kind) {
    case "customer":
      putCustomer(data, event.customer, customerMerchant(data, event.customer, connection));
      return;
    case "sale":
      putSale(data, event.sale);
      return;
    case "return":
      recordReturn(data, event.return);
      return;
    case "inventory": {
      const { inventory } = event;
      putItem(data, inventoryMerchant(inventory), { productId: inventory.productId, sku: inventory.sku, name: inventory.sku, unitPriceMinor: 0 }, { quantity: inventory.onHand, at: inventory.updatedAt });
      return;
    }
  }
}

type Notification = { objectId: string; type: "CREATE" | "UPDATE" | "DELETE"; ts: number };

function message(connection: SimConnection, merchantId: string, notifications: Notification[]): SimDelivery {
  const appId = typeof connection.config.appId === "string" ? connection.config.appId : undefined;
  const body = Buffer.from(JSON.stringify({ ...(appId ? { appId } : {}), merchants: { [merchantId]: notifications } }), "utf8");
  // Clover signs nothing: the static auth code is the only proof (§5.1).
  return { headers: { "content-type": "application/json", "x-clover-auth": connection.secret }, body };
}

function deliveries(event: SimEvent, connection: SimConnection, data: FakePosData): SimDelivery[] {
  switch (event.kind) {
    case "sale": {
      const { sale } = event;
      const ts = sale.updatedAt.getTime();
      const type = sale.status === "voided" ? "DELETE" : sale.revision === 1 ? "CREATE" : "UPDATE";
      const notifications: Notification[] = [];
      if (sale.customer && sale.revision === 1) notifications.push({ objectId: `C:${cloverIds.customer(sale.customer.id)}`, type: sale.customer.revision === 1 ? "CREATE" : "UPDATE", ts });
      notifications.push({ objectId: `O:${cloverIds.order(sale.id)}`, type, ts });
      return [message(connection, sale.locationId, notifications)];
    }
    case "return":
      return [message(connection, event.return.locationId, [{ objectId: `O:${cloverIds.order(event.return.sale.id)}`, type: "UPDATE", ts: event.return.returnedAt.getTime() }])];
    case "customer": {
      const merchantId = customerMerchant(data, event.customer, connection);
      return [message(connection, merchantId, [{ objectId: `C:${cloverIds.customer(event.customer.id)}`, type: "UPDATE", ts: event.customer.updatedAt.getTime() }])];
    }
    case "inventory": {
      const { inventory } = event;
      const merchantId = inventoryMerchant(inventory);
      return [message(connection, merchantId, [{ objectId: `I:${cloverIds.item(merchantId, inventory.productId)}`, type: "UPDATE", ts: inventory.updatedAt.getTime() }])];
    }
  }
}

export const simulator: PlatformSimulator = { provider: PROVIDER, record, deliveries };
