import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { CustodyKind, ItemStatus, ProductCategory, ServiceKind, TicketStatus } from "@/db/schema";
import { can, type Viewer } from "@/lib/auth/viewer";
import { canLookUpItems, clientVisible, itemInScope, storeInScope } from "@/lib/clienteling/scope";
import { warrantyStatus, type WarrantyStatus } from "@/lib/clienteling/warranty";
import { returnInScope } from "@/lib/sales/return";
import { flagsForItem, type ItemFlag } from "./flags";

export type CustodyStep = {
  id: string;
  kind: CustodyKind;
  occurredAt: Date;
  note: string | null;
  store: { code: string; name: string; timezone: string } | null;
  /** who the step concerns; null when none or when the viewer may not see client names */
  customer: { id: string; name: string } | null;
  /** what caused the step; canOpen when its page is in the viewer's reach (a step may have happened at another store) */
  sale: { id: string; provider: string; externalId: string; totalMinor: number; currency: string; canOpen: boolean } | null;
  return: { id: string; externalId: string; reason: string | null; canOpen: boolean } | null;
  ticket: { id: string; kind: ServiceKind; status: TicketStatus; canOpen: boolean } | null;
};

export type RegistryItem = {
  id: string;
  serialNumber: string;
  status: ItemStatus;
  product: { id: string; sku: string; brand: string; name: string; category: ProductCategory; warrantyMonths: number };
  store: { code: string; name: string; timezone: string } | null;
  /** undefined: the viewer may not see owners at all; null: no owner (or one outside their scope) */
  owner?: { id: string; name: string } | null;
  soldAt: Date | null;
  warrantyEndsOn: string | null;
  warranty: WarrantyStatus;
  nextServiceDueOn: string | null;
  custody: CustodyStep[];
  flags: ItemFlag[];
};

/**
 * A serialized item's page: product, serial, owner (only with `customers.read`, only a client the viewer
 * reaches), warranty, chain of custody and integrity flags. Null outside the viewer's scope.
 */
export async function getRegistryItem({
  db,
  viewer,
  itemId,
  today = new Date().toISOString().slice(0, 10),
}: {
  db: Executor;
  viewer: Viewer;
  itemId: string;
  today?: string;
}): Promise<RegistryItem | null> {
  if (!canLookUpItems(viewer)) return null;
  const seesClients = can(viewer, "customers.read");
  const visible = clientVisible(viewer);
  const [item] = await db.execute<{
    id: string;
    serial_number: string;
    status: ItemStatus;
    product_id: string;
    sku: string;
    brand: string;
    name: string;
    category: ProductCategory;
    warranty_months: number;
    store_code: string | null;
    store_name: string | null;
    store_timezone: string | null;
    owner_id: string | null;
    owner_name: string | null;
    sold_at: Date | null;
    warranty_ends_on: string | null;
    next_service_due_on: string | null;
  }>(sql`
    select i.id, i.serial_number, i.status, p.id as product_id, p.sku, p.brand, p.name, p.category, p.warranty_months,
           st.code as store_code, st.name as store_name, st.timezone as store_timezone,
           case when ${visible} then customers.id end as owner_id,
           case when ${visible} then customers.first_name || ' ' || customers.last_name end as owner_name,
           i.sold_at, i.warranty_ends_on, i.next_service_due_on
    from serialized_items i
    join products p on p.id = i.product_id
    left join stores st on st.id = i.current_store_id
    left join customers on customers.id = i.current_owner_id and customers.erased_at is null
    where i.id = ${itemId} and ${itemInScope(viewer, { id: sql`i.id`, storeId: sql`i.current_store_id` })}`);
  if (!item) return null;

  const [steps, flags] = await Promise.all([
    db.execute<{
      id: string;
      kind: CustodyKind;
      occurred_at: Date;
      note: string | null;
      store_code: string | null;
      store_name: string | null;
      store_timezone: string | null;
      customer_id: string | null;
      customer_name: string | null;
      sale_id: string | null;
      sale_provider: string | null;
      sale_ref: string | null;
      sale_total: string | null;
      sale_currency: string | null;
      sale_reachable: boolean;
      return_id: string | null;
      return_ref: string | null;
      return_reason: string | null;
      return_reachable: boolean;
      ticket_id: string | null;
      ticket_kind: ServiceKind | null;
      ticket_status: TicketStatus | null;
      ticket_reachable: boolean;
    }>(sql`
      select e.id, e.kind, e.occurred_at, e.note, st.code as store_code, st.name as store_name, st.timezone as store_timezone,
             case when ${visible} then customers.id end as customer_id,
             case when ${visible} then customers.first_name || ' ' || customers.last_name end as customer_name,
             s.id as sale_id, s.provider as sale_provider, s.external_id as sale_ref, s.total_minor as sale_total, s.currency as sale_currency,
             coalesce(${storeInScope(viewer, sql`s.store_id`)}, false) as sale_reachable,
             r.id as return_id, r.external_id as return_ref, r.reason as return_reason,
             coalesce(${returnInScope(viewer, { storeId: sql`r.store_id`, saleId: sql`r.sale_id` })}, false) as return_reachable,
             t.id as ticket_id, t.kind as ticket_kind, t.status as ticket_status,
             coalesce(${storeInScope(viewer, sql`t.store_id`)}, false) as ticket_reachable
      from custody_events e
      left join stores st on st.id = e.store_id
      left join customers on customers.id = e.customer_id and customers.erased_at is null
      left join sales s on s.id = e.sale_id
      left join returns r on r.id = e.return_id
      left join service_tickets t on t.id = e.service_ticket_id
      where e.item_id = ${itemId}
      order by e.occurred_at, e.created_at, e.id`),
    flagsForItem(db, itemId),
  ]);

  return {
    id: item.id,
    serialNumber: item.serial_number,
    status: item.status,
    product: { id: item.product_id, sku: item.sku, brand: item.brand, name: item.name, category: item.category, warrantyMonths: item.warranty_months },
    store: item.store_code ? { code: item.store_code, name: item.store_name!, timezone: item.store_timezone! } : null,
    ...(seesClients ? { owner: item.owner_id && item.owner_name ? { id: item.owner_id, name: item.owner_name } : null } : {}),
    soldAt: item.sold_at ? new Date(item.sold_at) : null,
    warrantyEndsOn: item.warranty_ends_on,
    warranty: warrantyStatus(item.warranty_ends_on, today),
    nextServiceDueOn: item.next_service_due_on,
    custody: steps.map((e) => ({
      id: e.id,
      kind: e.kind,
      occurredAt: new Date(e.occurred_at),
      note: e.note,
      store: e.store_code ? { code: e.store_code, name: e.store_name!, timezone: e.store_timezone! } : null,
      customer: e.customer_id && e.customer_name ? { id: e.customer_id, name: e.customer_name } : null,
      sale: e.sale_id ? { id: e.sale_id, provider: e.sale_provider!, externalId: e.sale_ref!, totalMinor: Number(e.sale_total), currency: e.sale_currency!, canOpen: e.sale_reachable } : null,
      return: e.return_id ? { id: e.return_id, externalId: e.return_ref!, reason: e.return_reason, canOpen: e.return_reachable } : null,
      ticket: e.ticket_id ? { id: e.ticket_id, kind: e.ticket_kind!, status: e.ticket_status!, canOpen: e.ticket_reachable } : null,
    })),
    flags,
  };
}
