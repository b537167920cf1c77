import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { Sale } from "@/db/schema";
import type { StoreRef, Viewer } from "@/lib/auth/viewer";
import { can } from "@/lib/auth/viewer";
import { canLookUpItems, clientVisible, itemInScope, storeInScope } from "@/lib/clienteling/scope";
import { storeColumns, storeOf, type StoreColumns } from "./store-columns";

/** What became of a sale: the POS's own status, and for a completed one how much of it came back. */
export type SaleState = Sale["status"] | "partially_returned" | "returned";

type SaleLineDetail = {
  lineNo: number;
  product: { brand: string; name: string } | null;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  totalMinor: number;
  currency: string;
  /** each serial with its registry item, when the viewer may open it */
  serials: { number: string; itemId: string | null }[];
  returnedQuantity: number;
};

export type SaleReturn = {
  id: string;
  externalId: string;
  returnedAt: Date;
  store: StoreRef;
  lineNo: number | null;
  sku: string | null;
  serialNumber: string | null;
  quantity: number;
  refundMinor: number;
  currency: string;
  reason: string | null;
};

export type SaleDetail = {
  id: string;
  provider: string;
  externalId: string;
  state: SaleState;
  completedAt: Date;
  store: StoreRef;
  associate: { id: string; name: string } | null;
  /** undefined: the viewer may not see clients at all; null: an anonymous sale (or a client outside their scope) */
  customer?: { id: string; name: string } | null;
  lines: SaleLineDetail[];
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  currency: string;
  returns: SaleReturn[];
  /** refunds in the sale's own currency */
  refundedMinor: number;
};

/** A completed sale is returned once every unit sold has come back, partially returned before that. */
function saleState(status: Sale["status"], unitsSold: number, unitsReturned: number): SaleState {
  if (status !== "completed" || unitsReturned <= 0) return status;
  return unitsReturned >= unitsSold ? "returned" : "partially_returned";
}

type HeaderRow = StoreColumns & {
  id: string;
  provider: string;
  external_id: string;
  status: Sale["status"];
  completed_at: Date;
  associate_id: string | null;
  associate_name: string | null;
  customer_id: string | null;
  customer_name: string | null;
  subtotal_minor: string;
  discount_minor: string;
  tax_minor: string;
  total_minor: string;
  currency: string;
};

type LineRow = {
  line_no: number;
  brand: string | null;
  name: string | null;
  sku: string;
  quantity: number;
  unit_price_minor: string;
  discount_minor: string;
  total_minor: string;
  currency: string;
  serials: { number: string; itemId: string | null }[];
  returned_quantity: number;
};

type ReturnRow = StoreColumns & {
  id: string;
  external_id: string;
  returned_at: Date;
  line_no: number | null;
  sku: string | null;
  serial_number: string | null;
  quantity: number;
  refund_minor: string;
  currency: string;
  reason: string | null;
};

/**
 * A sale as a manager reads a receipt: store, time, POS reference, associate, client (only with
 * `customers.read`, only a client in scope), lines with their serials, totals, and every return made
 * against it. Null when unknown or kept at a store outside the viewer's reach.
 */
export async function getSale({ db, viewer, saleId }: { db: Executor; viewer: Viewer; saleId: string }): Promise<SaleDetail | null> {
  if (!canLookUpItems(viewer)) return null;
  const visible = clientVisible(viewer);
  const [sale] = await db.execute<HeaderRow>(sql`
    select s.id, s.provider, s.external_id, s.status, s.completed_at,
           ${storeColumns("st")},
           u.id as associate_id, u.name as associate_name,
           case when ${visible} then customers.id end as customer_id,
           case when ${visible} then customers.first_name || ' ' || customers.last_name end as customer_name,
           s.subtotal_minor, s.discount_minor, s.tax_minor, s.total_minor, s.currency
    from sales s
    join stores st on st.id = s.store_id
    left join users u on u.id = s.associate_id
    left join customers on customers.id = s.customer_id and customers.erased_at is null
    where s.id = ${saleId} and ${storeInScope(viewer, sql`s.store_id`)}`);
  if (!sale) return null;

  const [lineRows, returnRows] = await Promise.all([
    db.execute<LineRow>(sql`
      select l.line_no, p.brand, p.name, l.sku, l.quantity, l.unit_price_minor, l.discount_minor, l.total_minor, l.currency,
             coalesce((
               select json_agg(json_build_object(
                        'number', sn.serial,
                        'itemId', case when ${itemInScope(viewer, { id: sql`i.id`, storeId: sql`i.current_store_id` })} then i.id end)
                      order by sn.ord)
               from unnest(l.serial_numbers) with ordinality sn(serial, ord)
               left join serialized_items i on i.product_id = l.product_id and i.serial_number = sn.serial
             ), '[]'::json) as serials,
             coalesce((select sum(r.quantity) from returns r where r.sale_line_id = l.id), 0)::int as returned_quantity
      from sale_lines l
      left join products p on p.id = l.product_id
      where l.sale_id = ${saleId}
      order by l.line_no`),
    db.execute<ReturnRow>(sql`
      select r.id, r.external_id, r.returned_at, ${storeColumns("st")}, l.line_no, coalesce(l.sku, p.sku) as sku, r.serial_number, r.quantity,
             r.refund_minor, r.currency, r.reason
      from returns r
      join stores st on st.id = r.store_id
      left join sale_lines l on l.id = r.sale_line_id
      left join products p on p.id = r.product_id
      where r.sale_id = ${saleId}
      order by r.returned_at, r.external_id`),
  ]);

  const returns: SaleReturn[] = returnRows.map((r) => ({
    id: r.id,
    externalId: r.external_id,
    returnedAt: new Date(r.returned_at),
    store: storeOf(r),
    lineNo: r.line_no,
    sku: r.sku,
    serialNumber: r.serial_number,
    quantity: r.quantity,
    refundMinor: Number(r.refund_minor),
    currency: r.currency,
    reason: r.reason,
  }));
  const unitsSold = lineRows.reduce((sum, l) => sum + Math.max(0, l.quantity), 0);
  const unitsReturned = returns.reduce((sum, r) => sum + r.quantity, 0);

  return {
    id: sale.id,
    provider: sale.provider,
    externalId: sale.external_id,
    state: saleState(sale.status, unitsSold, unitsReturned),
    completedAt: new Date(sale.completed_at),
    store: storeOf(sale),
    associate: sale.associate_id ? { id: sale.associate_id, name: sale.associate_name ?? "" } : null,
    ...(can(viewer, "customers.read") ? { customer: sale.customer_id && sale.customer_name ? { id: sale.customer_id, name: sale.customer_name } : null } : {}),
    lines: lineRows.map((l) => ({
      lineNo: l.line_no,
      product: l.name ? { brand: l.brand ?? "", name: l.name } : null,
      sku: l.sku,
      quantity: l.quantity,
      unitPriceMinor: Number(l.unit_price_minor),
      discountMinor: Number(l.discount_minor),
      totalMinor: Number(l.total_minor),
      currency: l.currency,
      serials: l.serials,
      returnedQuantity: l.returned_quantity,
    })),
    subtotalMinor: Number(sale.subtotal_minor),
    discountMinor: Number(sale.discount_minor),
    taxMinor: Number(sale.tax_minor),
    totalMinor: Number(sale.total_minor),
    currency: sale.currency,
    returns,
    refundedMinor: returns.filter((r) => r.currency === sale.currency).reduce((sum, r) => sum + r.refundMinor, 0),
  };
}
