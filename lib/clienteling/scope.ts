import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { customers, type Role } from "@/db/schema";
import { scopeOf, type Permission, type Scope } from "@/lib/auth/permissions";
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

/**
 * A store's records (serialized items, sales, returns, service tickets) reach a viewer through either
 * `inventory.read` or `customers.read`, whichever is broader: a buyer through inventory, an associate
 * through their clients, a manager through both.
 */
function recordScope(viewer: Pick<Viewer, "role">): Scope | null {
  const scopes = [scopeOf(viewer.role, "inventory.read"), scopeOf(viewer.role, "customers.read")];
  if (scopes.includes("all")) return "all";
  return scopes.includes("own") ? "own" : null;
}

/** Whether a record kept at `storeId` (a column or expression) is in the viewer's reach, for a query's `where`. */
export function storeInScope(viewer: Pick<Viewer, "role" | "storeIds">, storeId: SQL): SQL {
  const scope = recordScope(viewer);
  if (scope === "all") return sql`true`;
  if (scope !== "own" || viewer.storeIds.length === 0) return sql`false`;
  return sql`${storeId} = any(${uuidArray(viewer.storeIds)})`;
}

/** Serialized items a viewer may look up: any, for an `all` scope; else items held at or passed through their stores. */
export function itemInScope(viewer: Pick<Viewer, "role" | "storeIds">, item: { id: SQL; storeId: SQL }): SQL {
  const scope = recordScope(viewer);
  if (scope === "all") return sql`true`;
  if (scope !== "own" || viewer.storeIds.length === 0) return sql`false`;
  return sql`(${storeInScope(viewer, item.storeId)}
    or exists (select 1 from custody_events ce where ce.item_id = ${item.id} and ${storeInScope(viewer, sql`ce.store_id`)}))`;
}

/** Whether the viewer may open the registry's pages at all: items, sales, returns and service tickets. */
export function canLookUpItems(viewer: Pick<Viewer, "role">): boolean {
  return recordScope(viewer) !== null;
}

/**
 * Whether the client on a row may be named to the viewer: only with `customers.read`, and only a client
 * in its scope. For a `case when` around the unaliased `customers` columns; buyers never see a client.
 */
export function clientVisible(viewer: Pick<Viewer, "role" | "storeIds">): SQL {
  return scopeOf(viewer.role, "customers.read") === null ? sql`false` : customerInScope(viewer);
}
