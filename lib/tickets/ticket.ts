import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { DraftStatus, ServiceKind, TicketStatus } from "@/db/schema";
import { scopeOf } from "@/lib/auth/permissions";
import type { StoreRef, Viewer } from "@/lib/auth/viewer";
import { can } from "@/lib/auth/viewer";
import { canLookUpItems, clientVisible, itemInScope, storeInScope } from "@/lib/clienteling/scope";
import { readPermission } from "@/lib/review/kinds";
import { storeColumns, storeOf, type StoreColumns } from "@/lib/sales/store-columns";

export type TicketDetail = {
  id: string;
  kind: ServiceKind;
  status: TicketStatus;
  store: StoreRef;
  /** undefined: the viewer may not see clients at all; null: none recorded (or outside their scope) */
  customer?: { id: string; name: string } | null;
  item: { id: string | null; serialNumber: string } | null;
  product: { brand: string; name: string; sku: string } | null;
  description: string | null;
  openedAt: Date;
  dueOn: string | null;
  /** due before today in the store's time zone and still open */
  isOverdue: boolean;
  closedAt: Date | null;
  estimateMinor: number | null;
  currency: string;
  openedBy: string | null;
  /** the approved draft that created the ticket; canOpen when the viewer may read it in the review queue */
  sourceDraft: { id: string; status: DraftStatus; canOpen: boolean } | null;
  /** the work order (or note) the POS holds for it, once written back */
  posReference: { provider: string; externalId: string } | null;
};

type TicketRow = StoreColumns & {
  id: string;
  kind: ServiceKind;
  status: TicketStatus;
  customer_id: string | null;
  customer_name: string | null;
  item_id: string | null;
  serial_number: string | null;
  brand: string | null;
  product_name: string | null;
  sku: string | null;
  description: string | null;
  opened_at: Date;
  due_on: string | null;
  is_overdue: boolean;
  closed_at: Date | null;
  estimate_minor: string | null;
  currency: string;
  opened_by: string | null;
  draft_id: string | null;
  draft_status: DraftStatus | null;
  provider: string | null;
  external_id: string | null;
};

/** Whether the viewer may read a service-ticket draft of `storeId` in the review queue. */
function canReadTicketDraft(viewer: Viewer, storeId: string): boolean {
  const scope = scopeOf(viewer.role, readPermission("service_ticket"));
  return scope === "all" || (scope === "own" && viewer.storeIds.includes(storeId));
}

/**
 * A service ticket: the work, the piece, the client (only with `customers.read`, only one in scope),
 * its dates with the overdue state, who opened it, the draft it came from and its POS work order.
 * Null when unknown or kept at a store outside the viewer's reach.
 */
export async function getTicket({ db, viewer, ticketId }: { db: Executor; viewer: Viewer; ticketId: string }): Promise<TicketDetail | null> {
  if (!canLookUpItems(viewer)) return null;
  const visible = clientVisible(viewer);
  const [row] = await db.execute<TicketRow>(sql`
    select t.id, t.kind, t.status, ${storeColumns("st")},
           case when ${visible} then customers.id end as customer_id,
           case when ${visible} then customers.first_name || ' ' || customers.last_name end as customer_name,
           case when ${itemInScope(viewer, { id: sql`i.id`, storeId: sql`i.current_store_id` })} then i.id end as item_id,
           i.serial_number, p.brand, p.name as product_name, p.sku,
           t.description, t.opened_at, t.due_on,
           coalesce(t.due_on < (now() at time zone st.timezone)::date and t.status not in ('closed', 'cancelled'), false) as is_overdue,
           t.closed_at, t.estimate_minor, t.currency, opener.name as opened_by,
           d.id as draft_id, d.status as draft_status, t.provider, t.external_id
    from service_tickets t
    join stores st on st.id = t.store_id
    left join serialized_items i on i.id = t.item_id
    left join products p on p.id = coalesce(t.product_id, i.product_id)
    left join users opener on opener.id = t.opened_by_id
    left join drafts d on d.id = t.source_draft_id
    left join customers on customers.id = t.customer_id and customers.erased_at is null
    where t.id = ${ticketId} and ${storeInScope(viewer, sql`t.store_id`)}`);
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    store: storeOf(row),
    ...(can(viewer, "customers.read") ? { customer: row.customer_id && row.customer_name ? { id: row.customer_id, name: row.customer_name } : null } : {}),
    item: row.serial_number ? { id: row.item_id, serialNumber: row.serial_number } : null,
    product: row.product_name ? { brand: row.brand ?? "", name: row.product_name, sku: row.sku ?? "" } : null,
    description: row.description,
    openedAt: new Date(row.opened_at),
    dueOn: row.due_on,
    isOverdue: row.is_overdue,
    closedAt: row.closed_at ? new Date(row.closed_at) : null,
    estimateMinor: row.estimate_minor === null ? null : Number(row.estimate_minor),
    currency: row.currency,
    openedBy: row.opened_by,
    sourceDraft: row.draft_id ? { id: row.draft_id, status: row.draft_status!, canOpen: canReadTicketDraft(viewer, row.store_id) } : null,
    posReference: row.provider && row.external_id ? { provider: row.provider, externalId: row.external_id } : null,
  };
}
