import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { StoreRef, Viewer } from "@/lib/auth/viewer";
import { can } from "@/lib/auth/viewer";
import { canLookUpItems, clientVisible, itemInScope, storeInScope } from "@/lib/clienteling/scope";
import { storeColumns, storeOf, type StoreColumns } from "./store-columns";

/**
 * A return reaches the viewer when it was taken at one of their stores or refunds a sale of one of their
 * stores: the manager who sold the piece and the one who took it back both see the refund.
 */
export function returnInScope(viewer: Pick<Viewer, "role" | "storeIds">, r: { storeId: SQL; saleId: SQL }): SQL {
  return sql`(${storeInScope(viewer, r.storeId)}
    or exists (select 1 from sales rs where rs.id = ${r.saleId} and ${storeInScope(viewer, sql`rs.store_id`)}))`;
}

export type ReturnDetail = {
  id: string;
  provider: string;
  externalId: string;
  returnedAt: Date;
  store: StoreRef;
  /** undefined: the viewer may not see clients at all; null: none recorded (or outside their scope) */
  customer?: { id: string; name: string } | null;
  product: { brand: string; name: string; sku: string } | null;
  serial: { number: string; itemId: string | null } | null;
  quantity: number;
  refundMinor: number;
  currency: string;
  reason: string | null;
  /** the sale it refunds; null for a refund the POS did not tie to a sale */
  sale: {
    id: string;
    provider: string;
    externalId: string;
    completedAt: Date;
    store: StoreRef;
    totalMinor: number;
    currency: string;
    /** the line refunded, when the POS said which */
    lineNo: number | null;
    canOpen: boolean;
  } | null;
};

type ReturnRow = StoreColumns & {
  id: string;
  provider: string;
  external_id: string;
  returned_at: Date;
  customer_id: string | null;
  customer_name: string | null;
  brand: string | null;
  product_name: string | null;
  sku: string | null;
  serial_number: string | null;
  item_id: string | null;
  quantity: number;
  refund_minor: string;
  currency: string;
  reason: string | null;
  sale_id: string | null;
  sale_provider: string | null;
  sale_ref: string | null;
  sale_completed_at: Date | null;
  sale_store_id: string | null;
  sale_store_code: string | null;
  sale_store_name: string | null;
  sale_store_timezone: string | null;
  sale_total: string | null;
  sale_currency: string | null;
  sale_line_no: number | null;
  sale_reachable: boolean;
};

/**
 * One returned line: where and when it came back, the refund, the reason, the piece (linked to the
 * registry) and the sale it refunds. Null when unknown or outside the viewer's reach.
 */
export async function getReturn({ db, viewer, returnId }: { db: Executor; viewer: Viewer; returnId: string }): Promise<ReturnDetail | null> {
  if (!canLookUpItems(viewer)) return null;
  const seesClients = can(viewer, "customers.read");
  const visible = clientVisible(viewer);
  const [row] = await db.execute<ReturnRow>(sql`
    select r.id, r.provider, r.external_id, r.returned_at,
           ${storeColumns("st")},
           case when ${visible} then customers.id end as customer_id,
           case when ${visible} then customers.first_name || ' ' || customers.last_name end as customer_name,
           p.brand, p.name as product_name, coalesce(l.sku, p.sku) as sku,
           r.serial_number, case when ${itemInScope(viewer, { id: sql`i.id`, storeId: sql`i.current_store_id` })} then i.id end as item_id,
           r.quantity, r.refund_minor, r.currency, r.reason,
           s.id as sale_id, s.provider as sale_provider, s.external_id as sale_ref, s.completed_at as sale_completed_at,
           sst.id as sale_store_id, sst.code as sale_store_code, sst.name as sale_store_name, sst.timezone as sale_store_timezone,
           s.total_minor as sale_total, s.currency as sale_currency, l.line_no as sale_line_no,
           coalesce(${storeInScope(viewer, sql`s.store_id`)}, false) as sale_reachable
    from returns r
    join stores st on st.id = r.store_id
    left join sales s on s.id = r.sale_id
    left join stores sst on sst.id = s.store_id
    left join sale_lines l on l.id = r.sale_line_id
    left join products p on p.id = r.product_id
    left join serialized_items i on i.product_id = r.product_id and i.serial_number = r.serial_number
    left join customers on customers.id = r.customer_id and customers.erased_at is null
    where r.id = ${returnId} and ${returnInScope(viewer, { storeId: sql`r.store_id`, saleId: sql`r.sale_id` })}`);
  if (!row) return null;
  return {
    id: row.id,
    provider: row.provider,
    externalId: row.external_id,
    returnedAt: new Date(row.returned_at),
    store: storeOf(row),
    ...(seesClients ? { customer: row.customer_id && row.customer_name ? { id: row.customer_id, name: row.customer_name } : null } : {}),
    product: row.product_name ? { brand: row.brand ?? "", name: row.product_name, sku: row.sku ?? "" } : null,
    serial: row.serial_number ? { number: row.serial_number, itemId: row.item_id } : null,
    quantity: row.quantity,
    refundMinor: Number(row.refund_minor),
    currency: row.currency,
    reason: row.reason,
    sale: row.sale_id
      ? {
          id: row.sale_id,
          provider: row.sale_provider!,
          externalId: row.sale_ref!,
          completedAt: new Date(row.sale_completed_at!),
          store: { id: row.sale_store_id!, code: row.sale_store_code!, name: row.sale_store_name!, timezone: row.sale_store_timezone! },
          totalMinor: Number(row.sale_total),
          currency: row.sale_currency!,
          lineNo: row.sale_line_no,
          canOpen: row.sale_reachable,
        }
      : null,
  };
}
