import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { stores, userStores, users, type Role } from "@/db/schema";
import { scopeOf, type Permission, type Scope } from "./permissions";

export type StoreRef = { id: string; code: string; name: string; timezone: string };

/** The signed-in user as the database says they are now (role, stores, active): never as a token remembers them. */
export type Viewer = {
  id: string;
  email: string;
  name: string;
  role: Role;
  stores: StoreRef[];
  storeIds: string[];
};

export async function loadViewer(
  db: Executor,
  userId: string,
  tokenSessionVersion?: number,
): Promise<Viewer | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !user.isActive) return null;
  if (tokenSessionVersion !== undefined && tokenSessionVersion !== user.sessionVersion) return null;
  const storeRows =
    user.role === "admin"
      ? await db
          .select({ id: stores.id, code: stores.code, name: stores.name, timezone: stores.timezone })
          .from(stores)
          .orderBy(asc(stores.name))
      : await db
          .select({ id: stores.id, code: stores.code, name: stores.name, timezone: stores.timezone })
          .from(userStores)
          .innerJoin(stores, eq(stores.id, userStores.storeId))
          .where(eq(userStores.userId, user.id))
          .orderBy(asc(stores.name));
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    stores: storeRows,
    storeIds: storeRows.map((s) => s.id),
  };
}

export function can(viewer: Pick<Viewer, "role">, permission: Permission): boolean {
  return scopeOf(viewer.role, permission) !== null;
}

export function scopeFor(viewer: Pick<Viewer, "role">, permission: Permission): Scope | null {
  return scopeOf(viewer.role, permission);
}

/**
 * The `where` that keeps a query to the rows a permission reaches: every store, the viewer's stores,
 * or nothing. Rows outside it are simply not found.
 */
export function storeCondition(viewer: Viewer, permission: Permission, column: AnyPgColumn): SQL {
  const scope = scopeOf(viewer.role, permission);
  if (scope === "all") return sql`true`;
  if (scope === "own" && viewer.storeIds.length > 0) return inArray(column, viewer.storeIds);
  return sql`false`;
}

/** Narrows a scoped condition further to the store chosen in the store switcher, when there is one. */
export function withActiveStore(condition: SQL, column: AnyPgColumn, activeStoreId: string | null): SQL {
  return activeStoreId ? (and(condition, eq(column, activeStoreId)) as SQL) : condition;
}
