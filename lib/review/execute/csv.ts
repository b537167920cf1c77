import { stringify } from "csv-stringify/sync";
import { neutralizeFormula } from "@/lib/audit/csv";
import type { PurchaseOrderDetail } from "./queries";

export const PURCHASE_ORDER_CSV_COLUMNS = [
  "order_number",
  "type",
  "store",
  "from_store",
  "supplier",
  "currency",
  "sku",
  "brand",
  "product",
  "quantity",
  "unit_cost",
  "line_total",
] as const;

/** Minor units → a plain decimal in the currency's own digits ("1250.50" for CHF, "1250" for JPY). */
export function decimalAmount(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, "0")}`;
}

/** One line per order line, for a supplier or an ERP import; text cells are neutralised against formulas. */
export function purchaseOrderCsv(order: PurchaseOrderDetail): string {
  const cell = (value: string | null) => neutralizeFormula(value ?? "");
  return stringify([
    [...PURCHASE_ORDER_CSV_COLUMNS],
    ...order.lines.map((line) => [
      order.number,
      order.type,
      cell(order.storeName),
      cell(order.fromStoreName),
      cell(order.supplier),
      order.currency,
      cell(line.sku),
      cell(line.brand),
      cell(line.name),
      String(line.quantity),
      decimalAmount(line.unitCostMinor, order.currency),
      decimalAmount(line.lineTotalMinor, order.currency),
    ]),
  ]);
}
