import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { ItemStatus } from "@/db/schema";
import { scopeOf } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { uuidArray } from "@/lib/clienteling/scope";

/** The kinds of the `serial_integrity_flags` view (migration 0007_clienteling). */
export const FLAG_KINDS = ["sold_twice", "unknown_at_sale", "serial_on_products"] as const;
export type FlagKind = (typeof FLAG_KINDS)[number];

export type ItemFlag = { kind: FlagKind; storeId: string | null; saleId: string | null; custodyEventId: string | null; detectedAt: Date };

/** An item's integrity flags, oldest first. */
export async function flagsForItem(db: Executor, itemId: string): Promise<ItemFlag[]> {
  const rows = await db.execute<{ kind: FlagKind; store_id: string | null; sale_id: string | null; custody_event_id: string | null; detected_at: Date }>(sql`
    select kind, store_id, sale_id, custody_event_id, detected_at from serial_integrity_flags
    where item_id = ${itemId}
    order by detected_at, kind`);
  return rows.map((r) => ({ kind: r.kind, storeId: r.store_id, saleId: r.sale_id, custodyEventId: r.custody_event_id, detectedAt: new Date(r.detected_at) }));
}

export type FlagRow = {
  itemId: string;
  kind: FlagKind;
  serialNumber: string;
  brand: string;
  productName: string;
  status: ItemStatus;
  store: { code: string; name: string; timezone: string } | null;
  detectedAt: Date;
};

/**
 * Integrity flags in the viewer's stores (a flag belongs to the store of the sale that raised it, or to
 * the item's store), newest first. The view is computed set-wise on read; the store filter is in its `where`.
 */
export async function listFlags({
  db,
  viewer,
  activeStoreId = null,
  kind,
  limit = 200,
}: {
  db: Executor;
  viewer: Viewer;
  activeStoreId?: string | null;
  kind?: FlagKind;
  limit?: number;
}): Promise<FlagRow[]> {
  const scope = scopeOf(viewer.role, "inventory.read");
  if (scope === null) return [];
  const stores = activeStoreId ? [activeStoreId] : scope === "all" ? null : viewer.storeIds;
  if (stores && stores.length === 0) return [];
  const rows = await db.execute<{
    item_id: string;
    kind: FlagKind;
    serial_number: string;
    brand: string;
    product_name: string;
    status: ItemStatus;
    store_code: string | null;
    store_name: string | null;
    store_timezone: string | null;
    detected_at: Date;
  }>(sql`
    select f.item_id, f.kind, i.serial_number, p.brand, p.name as product_name, i.status,
           st.code as store_code, st.name as store_name, st.timezone as store_timezone, f.detected_at
    from serial_integrity_flags f
    join serialized_items i on i.id = f.item_id
    join products p on p.id = i.product_id
    left join stores st on st.id = f.store_id
    where ${stores ? sql`f.store_id = any(${uuidArray(stores)})` : sql`true`}
      ${kind ? sql`and f.kind = ${kind}` : sql``}
    order by f.detected_at desc, f.item_id
    limit ${limit}`);
  return rows.map((r) => ({
    itemId: r.item_id,
    kind: r.kind,
    serialNumber: r.serial_number,
    brand: r.brand,
    productName: r.product_name,
    status: r.status,
    store: r.store_code ? { code: r.store_code, name: r.store_name!, timezone: r.store_timezone! } : null,
    detectedAt: new Date(r.detected_at),
  }));
}
