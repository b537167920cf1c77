import { createHash } from "node:crypto";
import type { FakePosData } from "@/lib/pos/fake/data";
import { minorToDecimal } from "@/lib/pos/money";
import type { PlatformSimulator, SimConnection, SimCustomer, SimEvent, SimLine, SimReturn, SimSale } from "@/lib/pos/simulate/scenario";
import { PROVIDER, R_RESOURCES } from "./fake";

/**
 * R-Series as the simulator sees it: neutral events become Sale (with SaleLines and their Item),
 * Customer (with Contact) and Serialized records in the fake POS, every scalar a string as R-Series
 * writes them. R-Series has no webhooks, so there are no deliveries: the connector finds these by polling.
 */

/** A deterministic R-Series integer id (as a string) for a neutral id; never "0", which means "none". */
export function rSeriesId(neutralId: string): string {
  return String(Number.parseInt(createHash("sha1").update(`lightspeed_r:${neutralId}`).digest("hex").slice(0, 8), 16) + 1);
}

const money = (minor: number, currency: string) => minorToDecimal(minor, currency);
const timestamp = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, "+00:00");

function accountOf(connection: SimConnection): string {
  return typeof connection.config.accountId === "string" ? connection.config.accountId : "1";
}

function customerObject(customer: SimCustomer): Record<string, unknown> {
  return {
    customerID: rSeriesId(customer.id),
    firstName: customer.firstName,
    lastName: customer.lastName,
    title: "",
    company: "",
    archived: "false",
    createTime: timestamp(customer.updatedAt),
    // kept as arrays here; the fake writes one record as the object, R-Series' quirk
    Contact: {
      Emails: customer.email ? [{ address: customer.email, useType: "Primary" }] : [],
      Phones: customer.phone ? [{ number: customer.phone, useType: "Mobile" }] : [],
      Addresses: customer.city ? [{ address1: "", address2: "", city: customer.city, state: "", zip: "", country: "", countryCode: customer.country ?? "" }] : [],
      noEmail: String(!customer.consentEmail),
      noPhone: String(!customer.consentSms),
      noMail: "false",
    },
    ...(customer.note ? { Note: { note: customer.note, isPublic: "false" } } : {}),
  };
}

function item(line: Pick<SimLine, "productId" | "sku" | "name">): Record<string, unknown> {
  const itemID = rSeriesId(line.productId);
  return { itemID, systemSku: `21000000${itemID}`.slice(-12), customSku: line.sku, manufacturerSku: "", description: line.name };
}

function saleLine(sale: SimSale, line: SimLine): Record<string, unknown> {
  const total = line.unitPriceMinor * line.quantity - line.discountMinor;
  return {
    saleLineID: rSeriesId(line.id),
    unitQuantity: String(line.quantity),
    unitPrice: money(line.unitPriceMinor, sale.currency),
    calcLineDiscount: money(line.discountMinor, sale.currency),
    calcSubtotal: money(total, sale.currency),
    calcTotal: money(total, sale.currency),
    itemID: rSeriesId(line.productId),
    parentSaleLineID: "0",
    shopID: sale.locationId,
    Item: item(line),
  };
}

function saleObject(sale: SimSale): Record<string, unknown> {
  const subtotal = sale.lines.reduce((sum, line) => sum + line.unitPriceMinor * line.quantity - line.discountMinor, 0);
  const discount = sale.lines.reduce((sum, line) => sum + line.discountMinor, 0);
  return {
    saleID: rSeriesId(sale.id),
    completed: String(sale.status === "completed"),
    voided: String(sale.status === "voided"),
    archived: "false",
    completeTime: timestamp(sale.completedAt),
    calcSubtotal: money(subtotal, sale.currency),
    calcDiscount: money(discount, sale.currency),
    calcTax1: money(sale.taxMinor, sale.currency),
    calcTax2: "0",
    calcTotal: money(subtotal + sale.taxMinor, sale.currency),
    total: money(subtotal + sale.taxMinor, sale.currency),
    customerID: sale.customer ? rSeriesId(sale.customer.id) : "0",
    employeeID: sale.associateId ? rSeriesId(sale.associateId) : "0",
    shopID: sale.locationId,
    registerID: "1",
    SaleLines: sale.lines.map((line) => saleLine(sale, line)),
  };
}

/** A refund sale: one negative line per returned unit, each pointing at the line it was sold on. */
function returnObject(ret: SimReturn): Record<string, unknown> {
  const refund = ret.lines.reduce((sum, line) => sum + line.refundMinor, 0);
  return {
    saleID: rSeriesId(ret.id),
    completed: "true",
    voided: "false",
    archived: "false",
    completeTime: timestamp(ret.returnedAt),
    calcSubtotal: money(-refund, ret.currency),
    calcDiscount: "0",
    calcTax1: "0",
    calcTax2: "0",
    calcTotal: money(-refund, ret.currency),
    total: money(-refund, ret.currency),
    customerID: ret.sale.customer ? rSeriesId(ret.sale.customer.id) : "0",
    employeeID: "0",
    shopID: ret.locationId,
    registerID: "1",
    SaleLines: ret.lines.map((line) => {
      const original = ret.sale.lines.find((candidate) => candidate.id === line.lineId);
      const product = original ?? { productId: `sku:${line.sku}`, sku: line.sku, name: line.sku, unitPriceMinor: line.refundMinor };
      return {
        saleLineID: rSeriesId(`${ret.id}:${line.lineId}`),
        unitQuantity: String(-line.quantity),
        unitPrice: money(product.unitPriceMinor, ret.currency),
        calcLineDiscount: "0",
        calcSubtotal: money(-line.refundMinor, ret.currency),
        calcTotal: money(-line.refundMinor, ret.currency),
        itemID: rSeriesId(product.productId),
        parentSaleLineID: rSeriesId(line.lineId),
        shopID: ret.locationId,
        Item: item(product),
      };
    }),
  };
}

function record(data: FakePosData, event: SimEvent, connection: SimConnection): void {
  const account = accountOf(connection);
  switch (event.kind) {
    case "customer":
      data.put(PROVIDER, R_RESOURCES.Customer, rSeriesId(event.customer.id), customerObject(event.customer), { account, updatedAt: event.customer.updatedAt });
      return;
    case "sale": {
      const { sale } = event;
      if (sale.customer) data.put(PROVIDER, R_RESOURCES.Customer, rSeriesId(sale.customer.id), customerObject(sale.customer), { account, updatedAt: sale.customer.updatedAt });
      for (const line of sale.lines) {
        for (const serial of line.serialNumbers) {
          const serializedID = rSeriesId(`serial:${serial}`);
          data.put(
            PROVIDER,
            R_RESOURCES.Serialized,
            serializedID,
            { serializedID, serial, description: line.name, itemID: rSeriesId(line.productId), saleLineID: rSeriesId(line.id), customerID: sale.customer ? rSeriesId(sale.customer.id) : "0" },
            { account, updatedAt: sale.updatedAt },
          );
        }
      }
      data.put(PROVIDER, R_RESOURCES.Sale, rSeriesId(sale.id), saleObject(sale), { account, updatedAt: sale.updatedAt });
      return;
    }
    case "return":
      // The serial stays on the line it was sold on; the refund line points there (parentSaleLineID).
      data.put(PROVIDER, R_RESOURCES.Sale, rSeriesId(event.return.id), returnObject(event.return), { account, updatedAt: event.return.returnedAt });
      return;
    case "inventory":
      // The R-Series connector does not poll stock levels (ItemShop): nothing it would read.
      return;
  }
}

export const simulator: PlatformSimulator = { provider: PROVIDER, record, deliveries: () => [] };
