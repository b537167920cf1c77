import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { customers, type Role } from "@/db/schema";
import { scopeOf, type Permission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

/** A uuid[] parameter: one bind value however many stores. */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}

/**
 * The clients a permission reaches (DESIGN.md): every client for an `all` scope; for an `own` scope the
 * clients whose home store is one of the viewer's, or who bought or have a ticket there. Written against
 * the unaliased `customers` table, for the `where` of the query that reads it.
 */
export function customerInScope(viewer: Pick<Viewer, "role" | "storeIds">, permission: Permission = "customers.read"): SQL {
  const scope = scopeOf(viewer.role as Role, permission);
  if (scope === "all") return sql`true`;
  if (scope !== "own" || viewer.storeIds.length === 0) return sql`false`;
  const stores = uuidArray(viewer.storeIds);
  return sql`(${customers.homeStoreId} = any(${stores})
    or exists (select 1 from sales s where s.customer_id = ${customers.id} and s.store_id = any(${stores}))
    or exists (select 1 from service_tickets t where t.customer_id = ${customers.id} and t.store_id = any(${stores})))`;
}

/** Serialized items a viewer may look up: any, for an `all` scope; else items held at or passed through their stores. */
export function itemInScope(viewer: Pick<Viewer, "role" | "storeIds">, item: { id: SQL; storeId: SQL }): SQL {
  const scopes = [scopeOf(viewer.role, "inventory.read"), scopeOf(viewer.role, "customers.read")];
  if (scopes.includes("all")) return sql`true`;
  if (!scopes.includes("own") || viewer.storeIds.length === 0) return sql`false`;
  const stores = uuidArray(viewer.storeIds);
  return sql`(${item.storeId} = any(${stores})
    or exists (select 1 from custody_events ce where ce.item_id = ${item.id} and ce.store_id = any(${stores})))`;
}

export function canLookUpItems(viewer: Pick<Viewer, "role">): boolean {
  return scopeOf(viewer.role, "inventory.read") !== null || scopeOf(viewer.role, "customers.read") !== null;
}
