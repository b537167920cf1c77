import { createHash, randomUUID } from "node:crypto";
import type { FakePosData } from "@/lib/pos/fake/data";
import { minorToDecimal } from "@/lib/pos/money";
import { signShopify } from "@/lib/pos/signing";
import type { PlatformSimulator, SimConnection, SimCustomer, SimDelivery, SimEvent, SimInventory, SimLine, SimReturn, SimSale } from "@/lib/pos/simulate/scenario";
import {
  PROVIDER,
  SHOPIFY_RESOURCES,
  renderShopifyJson,
  type ShopifyCustomer,
  type ShopifyInventoryItem,
  type ShopifyInventoryLevel,
  type ShopifyLineItem,
  type ShopifyMoneySet,
  type ShopifyOrder,
  type ShopifyRefund,
} from "./fake";

/**
 * Shopify as the simulator sees it: each neutral event becomes REST objects in the fake POS and the
 * signed webhook deliveries Shopify would send for it (shared/pos README §1.1–1.2): `X-Shopify-*`
 * headers, the full resource as the body, ids as bare integers past 2^53, money as decimal strings.
 */

const ID_FLOOR = BigInt(10) ** BigInt(15);
const ID_SPAN = (BigInt(1) << BigInt(63)) - ID_FLOOR;

/**
 * A deterministic Shopify-style numeric id for a neutral id: 16 to 19 digits, most of them past 2^53,
 * so every consumer meets ids a double cannot hold.
 */
export function shopifyId(kind: string, neutralId: string): string {
  const digest = createHash("sha256").update(`shopify:${kind}:${neutralId}`).digest();
  return String(ID_FLOOR + (digest.readBigUInt64BE(0) % ID_SPAN));
}

/** A stable uuid-shaped id (X-Shopify-Event-Id): the same sim event gives the same id. */
function stableUuid(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

function moneySet(minor: number, currency: string): ShopifyMoneySet {
  const amount = { amount: minorToDecimal(minor, currency), currency_code: currency };
  return { shop_money: amount, presentment_money: amount };
}

type SerialSetting = { kind: "line_item_property"; name: string } | { kind: "metafield"; namespace: string; key: string };

/** The connection's `serialSource` (as lib/pos/shopify/sync.ts reads it); the property "Serial" by default. */
function serialSetting(connection: SimConnection): SerialSetting {
  const source = connection.config.serialSource as Partial<SerialSetting> | undefined;
  if (source?.kind === "metafield") {
    const metafield = source as Partial<Extract<SerialSetting, { kind: "metafield" }>>;
    return { kind: "metafield", namespace: metafield.namespace ?? "serializer", key: metafield.key ?? "properties" };
  }
  const name = (source as Partial<Extract<SerialSetting, { kind: "line_item_property" }>> | undefined)?.name;
  return { kind: "line_item_property", name: name ?? "Serial" };
}

/** The shop's domain (X-Shopify-Shop-Domain); a made-up one when the connection names none. */
const account = (connection: SimConnection) => String(connection.config.shopDomain ?? `sim-${connection.id.slice(0, 8)}.myshopify.com`);
/** Customers carry the shop's currency; sim clients have none of their own. */
const shopCurrency = (connection: SimConnection) => String(connection.config.currency ?? "USD");

/* ----------------------------------------------------------------------------------------------- */
/* Neutral events → REST objects                                                                    */

function customerObject(customer: SimCustomer, currency: string): ShopifyCustomer {
  const id = shopifyId("customer", customer.id);
  const consent = (subscribed: boolean) => ({ state: subscribed ? "subscribed" : "not_subscribed", opt_in_level: subscribed ? "single_opt_in" : null, consent_updated_at: iso(customer.updatedAt) });
  const address = { id: shopifyId("address", customer.id), customer_id: id, address1: null, address2: null, city: customer.city, zip: null, country_code: customer.country, default: true };
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Customer/${id}`,
    email: customer.email,
    phone: customer.phone,
    first_name: customer.firstName,
    last_name: customer.lastName,
    note: customer.note,
    state: "enabled",
    verified_email: customer.email !== null,
    tags: "",
    currency,
    tax_exempt: false,
    created_at: iso(customer.updatedAt),
    updated_at: iso(customer.updatedAt),
    email_marketing_consent: customer.email ? consent(customer.consentEmail) : null,
    sms_marketing_consent: customer.phone ? consent(customer.consentSms) : null,
    addresses: [address],
    default_address: address,
  };
}

function lineItemObject(line: SimLine, currency: string, serials: SerialSetting, index: number): ShopifyLineItem {
  const id = shopifyId("line_item", line.id);
  const hasSerials = serials.kind === "line_item_property" && line.serialNumbers.length > 0;
  return {
    id,
    admin_graphql_api_id: `gid://shopify/LineItem/${id}`,
    product_id: shopifyId("product", line.productId),
    variant_id: shopifyId("variant", line.productId),
    sku: line.sku,
    title: line.name,
    name: line.name,
    vendor: line.brand,
    quantity: line.quantity,
    price: minorToDecimal(line.unitPriceMinor, currency),
    price_set: moneySet(line.unitPriceMinor, currency),
    total_discount: minorToDecimal(line.discountMinor, currency),
    total_discount_set: moneySet(line.discountMinor, currency),
    discount_allocations: line.discountMinor > 0 ? [{ amount: minorToDecimal(line.discountMinor, currency), amount_set: moneySet(line.discountMinor, currency), discount_application_index: index }] : [],
    // Several serials on one line are written comma-separated, the way staff type them.
    properties: hasSerials ? [{ name: serials.name, value: line.serialNumbers.join(", ") }] : [],
    taxable: true,
    requires_shipping: false,
    gift_card: false,
  };
}

const FINANCIAL_STATUS = { completed: "paid", open: "pending", voided: "voided" } as const;

function orderObject(sale: SimSale, serials: SerialSetting): ShopifyOrder {
  const id = shopifyId("order", sale.id);
  const { currency } = sale;
  const subtotal = sale.lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity - line.discountMinor, 0);
  const discounts = sale.lines.reduce((sum, line) => sum + line.discountMinor, 0);
  const total = subtotal + sale.taxMinor;
  const orderNumber = 1000 + Number(BigInt(id) % BigInt(900_000));
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${orderNumber}`,
    order_number: orderNumber,
    email: sale.customer?.email ?? null,
    phone: sale.customer?.phone ?? null,
    created_at: iso(sale.completedAt),
    updated_at: iso(sale.updatedAt),
    processed_at: iso(sale.completedAt),
    cancelled_at: sale.status === "voided" ? iso(sale.updatedAt) : null,
    cancel_reason: sale.status === "voided" ? "other" : null,
    closed_at: sale.status === "completed" ? iso(sale.completedAt) : null,
    currency,
    presentment_currency: currency,
    financial_status: FINANCIAL_STATUS[sale.status],
    fulfillment_status: sale.status === "completed" ? "fulfilled" : null,
    // POS orders, as seen in real payloads (§1.1, unconfirmed in Shopify's reference).
    source_name: "pos",
    location_id: sale.locationId,
    user_id: sale.associateId ? shopifyId("staff", sale.associateId) : null,
    device_id: shopifyId("device", sale.locationId),
    subtotal_price: minorToDecimal(subtotal, currency),
    total_line_items_price: minorToDecimal(subtotal + discounts, currency),
    total_discounts: minorToDecimal(discounts, currency),
    total_tax: minorToDecimal(sale.taxMinor, currency),
    total_price: minorToDecimal(total, currency),
    current_total_price: minorToDecimal(total, currency),
    taxes_included: false,
    line_items: sale.lines.map((line, index) => lineItemObject(line, currency, serials, index)),
    refunds: [],
    customer: sale.customer ? customerObject(sale.customer, currency) : null,
  };
}

function refundObject(ret: SimReturn, order: ShopifyOrder): ShopifyRefund {
  const id = shopifyId("refund", ret.id);
  const { currency } = ret;
  const total = ret.lines.reduce((sum, line) => sum + line.refundMinor, 0);
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Refund/${id}`,
    order_id: order.id,
    created_at: iso(ret.returnedAt),
    processed_at: iso(ret.returnedAt),
    note: ret.reason,
    user_id: order.user_id,
    restock: true,
    refund_line_items: ret.lines.map((line) => {
      const lineItemId = shopifyId("line_item", line.lineId);
      const lineItem = order.line_items.find((item) => item.id === lineItemId);
      if (!lineItem) throw new Error(`return ${ret.id} names line ${line.lineId}, which sale ${ret.sale.id} does not have`);
      return {
        id: shopifyId("refund_line_item", `${ret.id}:${line.lineId}`),
        line_item_id: lineItemId,
        quantity: line.quantity,
        location_id: ret.locationId,
        restock_type: "return",
        // Shopify's REST refunds write these two as JSON numbers; the *_set bags hold the exact strings.
        subtotal: Number(minorToDecimal(line.refundMinor, currency)),
        subtotal_set: moneySet(line.refundMinor, currency),
        total_tax: 0,
        total_tax_set: moneySet(0, currency),
        line_item: lineItem,
      };
    }),
    transactions: [{ id: shopifyId("transaction", ret.id), order_id: order.id, kind: "refund", gateway: "cash", status: "success", amount: minorToDecimal(total, currency), currency }],
    order_adjustments: [],
  };
}

function inventoryObjects(inventory: SimInventory): { item: ShopifyInventoryItem; level: ShopifyInventoryLevel } {
  const itemId = shopifyId("inventory_item", inventory.productId);
  const at = iso(inventory.updatedAt);
  return {
    item: { id: itemId, admin_graphql_api_id: `gid://shopify/InventoryItem/${itemId}`, sku: inventory.sku, tracked: true, requires_shipping: true, created_at: at, updated_at: at },
    level: {
      inventory_item_id: itemId,
      location_id: inventory.locationId,
      available: inventory.onHand,
      updated_at: at,
      admin_graphql_api_id: `gid://shopify/InventoryLevel/${inventory.locationId}?inventory_item_id=${itemId}`,
    },
  };
}

/* ----------------------------------------------------------------------------------------------- */
/* Recording into the fake POS                                                                      */

function putSerialMetafield(data: FakePosData, sale: SimSale, order: ShopifyOrder, setting: Extract<SerialSetting, { kind: "metafield" }>, shop: string): void {
  const items = sale.lines.flatMap((line) => line.serialNumbers.map((serialNumber) => ({ lineItemId: shopifyId("line_item", line.id), productVariantId: shopifyId("variant", line.productId), serialNumber })));
  if (items.length === 0) return;
  const id = shopifyId("metafield", `${sale.id}:${setting.namespace}.${setting.key}`);
  // The Serializer app's JSON (README §1.3); values are strings on the wire, as metafields are.
  const value = JSON.stringify({ currentTotalTrackable: items.length, items });
  data.put(PROVIDER, SHOPIFY_RESOURCES.metafields, id, { id, namespace: setting.namespace, key: setting.key, value, type: "json", owner_id: order.id, owner_resource: "order", updated_at: order.updated_at }, { account: shop });
}

/** The order as the fake holds it now (with earlier refunds), or as the sale describes it. */
function currentOrder(data: FakePosData, sale: SimSale, serials: SerialSetting): ShopifyOrder {
  const stored = data.get<ShopifyOrder>(PROVIDER, SHOPIFY_RESOURCES.orders, shopifyId("order", sale.id))?.object;
  const fresh = orderObject(sale, serials);
  return stored ? { ...fresh, refunds: stored.refunds, financial_status: stored.refunds.length > 0 && sale.status === "completed" ? stored.financial_status : fresh.financial_status } : fresh;
}

function refundedStatus(order: ShopifyOrder, refunds: ShopifyRefund[]): string {
  const refunded = refunds.reduce((sum, refund) => sum + refund.refund_line_items.reduce((lines, line) => lines + line.quantity, 0), 0);
  const sold = order.line_items.reduce((sum, line) => sum + line.quantity, 0);
  return refunded >= sold ? "refunded" : "partially_refunded";
}

function record(data: FakePosData, event: SimEvent, connection: SimConnection): void {
  const shop = account(connection);
  const serials = serialSetting(connection);
  switch (event.kind) {
    case "sale": {
      const order = currentOrder(data, event.sale, serials);
      data.put(PROVIDER, SHOPIFY_RESOURCES.orders, order.id, order, { account: shop, updatedAt: event.sale.updatedAt });
      if (order.customer) data.put(PROVIDER, SHOPIFY_RESOURCES.customers, order.customer.id, order.customer, { account: shop, updatedAt: event.sale.customer?.updatedAt });
      if (serials.kind === "metafield") putSerialMetafield(data, event.sale, order, serials, shop);
      return;
    }
    case "return": {
      const { order, refund } = returned(data, event.return, serials);
      data.put(PROVIDER, SHOPIFY_RESOURCES.refunds, refund.id, refund, { account: shop, updatedAt: event.return.returnedAt });
      data.put(PROVIDER, SHOPIFY_RESOURCES.orders, order.id, order, { account: shop, updatedAt: event.return.returnedAt });
      return;
    }
    case "customer": {
      const customer = customerObject(event.customer, shopCurrency(connection));
      const stored = data.get<ShopifyCustomer>(PROVIDER, SHOPIFY_RESOURCES.customers, customer.id)?.object;
      data.put(PROVIDER, SHOPIFY_RESOURCES.customers, customer.id, { ...customer, currency: stored?.currency ?? customer.currency, created_at: stored?.created_at ?? customer.created_at }, { account: shop, updatedAt: event.customer.updatedAt });
      return;
    }
    case "inventory": {
      const { item, level } = inventoryObjects(event.inventory);
      if (!data.get(PROVIDER, SHOPIFY_RESOURCES.inventoryItems, item.id)) data.put(PROVIDER, SHOPIFY_RESOURCES.inventoryItems, item.id, item, { account: shop });
      data.put(PROVIDER, SHOPIFY_RESOURCES.inventoryLevels, `${level.inventory_item_id}:${level.location_id}`, level, { account: shop, updatedAt: event.inventory.updatedAt });
      return;
    }
  }
}

/** The refund and the order as it stands after it (its `refunds[]` and financial status updated). */
function returned(data: FakePosData, ret: SimReturn, serials: SerialSetting): { order: ShopifyOrder; refund: ShopifyRefund } {
  const before = currentOrder(data, ret.sale, serials);
  const refund = refundObject(ret, before);
  const refunds = [...before.refunds.filter((existing) => existing.id !== refund.id), refund];
  const order = { ...before, refunds, financial_status: refundedStatus(before, refunds), updated_at: iso(ret.returnedAt) };
  return { order, refund };
}

/* ----------------------------------------------------------------------------------------------- */
/* Webhook deliveries                                                                               */

/** Each topic Shopify fires for the event, with its body and the identity of the event. */
function webhookEvents(event: SimEvent, connection: SimConnection, data: FakePosData): { topic: string; body: unknown; key: string; at: Date }[] {
  const serials = serialSetting(connection);
  switch (event.kind) {
    case "sale": {
      const { sale } = event;
      const order = currentOrder(data, sale, serials);
      const key = `${sale.id}:${sale.revision}`;
      if (sale.status === "voided") return [{ topic: "orders/cancelled", body: order, key, at: sale.updatedAt }];
      if (sale.revision > 1) return [{ topic: "orders/updated", body: order, key, at: sale.updatedAt }];
      // A paid POS order fires both orders/create and orders/paid: two events, two event ids.
      return [
        { topic: "orders/create", body: order, key, at: sale.updatedAt },
        ...(sale.status === "completed" ? [{ topic: "orders/paid", body: order, key, at: sale.updatedAt }] : []),
      ];
    }
    case "return": {
      const { order, refund } = returned(data, event.return, serials);
      const key = event.return.id;
      return [
        { topic: "refunds/create", body: refund, key, at: event.return.returnedAt },
        { topic: "orders/updated", body: order, key, at: event.return.returnedAt },
      ];
    }
    case "customer": {
      const { customer } = event;
      const body = data.get<ShopifyCustomer>(PROVIDER, SHOPIFY_RESOURCES.customers, shopifyId("customer", customer.id))?.object ?? customerObject(customer, shopCurrency(connection));
      return [{ topic: customer.revision > 1 ? "customers/update" : "customers/create", body, key: `${customer.id}:${customer.revision}`, at: customer.updatedAt }];
    }
    case "inventory": {
      const { level } = inventoryObjects(event.inventory);
      const body = { inventory_item_id: level.inventory_item_id, location_id: level.location_id, available: level.available, updated_at: level.updated_at, admin_graphql_api_id: level.admin_graphql_api_id };
      return [{ topic: "inventory_levels/update", body, key: `${event.inventory.productId}:${event.inventory.locationId}:${iso(event.inventory.updatedAt)}`, at: event.inventory.updatedAt }];
    }
  }
}

function deliveries(event: SimEvent, connection: SimConnection, data: FakePosData): SimDelivery[] {
  return webhookEvents(event, connection, data).map(({ topic, body, key, at }) => {
    const raw = Buffer.from(renderShopifyJson(body), "utf8");
    return {
      body: raw,
      headers: {
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": signShopify(raw, connection.secret),
        "X-Shopify-Shop-Domain": account(connection),
        "X-Shopify-API-Version": String(connection.config.apiVersion ?? "2025-01"),
        // Unique per delivery; the event id is what stays the same across retries (§1.1).
        "X-Shopify-Webhook-Id": randomUUID(),
        "X-Shopify-Event-Id": stableUuid(`${connection.id}:${topic}:${key}`),
        "X-Shopify-Triggered-At": at.toISOString(),
        "Content-Type": "application/json",
      },
    };
  });
}

export const simulator: PlatformSimulator = { provider: PROVIDER, record, deliveries };
