import "server-only";
import { and, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, AnyPgTable } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { scopeOf, type Permission } from "@/lib/auth/permissions";
import { storeCondition, withActiveStore, type Viewer } from "@/lib/auth/viewer";
import { readPermission, type ReviewKind } from "@/lib/review/kinds";
import { visibleKinds } from "@/lib/review/queue";
import type { DashboardFilters } from "./filters";

export type DashboardScope = { db: Executor; viewer: Viewer; filters: DashboardFilters; now: Date };

/** Rows of `column`'s store that `permission` reaches, narrowed to the store filter. */
export function inScope({ viewer, filters }: DashboardScope, permission: Permission, column: AnyPgColumn): SQL {
  return withActiveStore(storeCondition(viewer, permission, column), column, filters.storeId);
}

/**
 * True when every one of `permissions` reaches every store and no store is picked: the figures are
 * then the all-stores sums (the *_all rollups), one row per day instead of one per store and day.
 */
export function readsAllStores({ viewer, filters }: DashboardScope, permissions: Permission[]): boolean {
  return filters.storeId === null && permissions.length > 0 && permissions.every((p) => scopeOf(viewer.role, p) === "all");
}

/**
 * A draft-side rollup for the viewer: its all-stores sum with a kind filter when the viewer reads
 * every store of every kind they see, else the per-store table narrowed by draftsInScope. Both have
 * the same column names, so one query reads either.
 */
export function draftRollup(
  scope: DashboardScope,
  perStore: { table: AnyPgTable; kind: AnyPgColumn; storeId: AnyPgColumn },
  allStores: { table: AnyPgTable; kind: AnyPgColumn },
): { kinds: ReviewKind[]; table: AnyPgTable; where: SQL } {
  const kinds = visibleKinds(scope.viewer);
  if (kinds.length > 0 && readsAllStores(scope, kinds.map(readPermission))) return { kinds, table: allStores.table, where: sql`${allStores.kind} in ${kinds}` };
  return { table: perStore.table, ...draftsInScope(scope, perStore.kind, perStore.storeId) };
}

/**
 * Drafts of the kinds the viewer may read, each kind within the stores its permission reaches
 * (a manager reads purchase recommendations of their stores; a buyer those of every store).
 */
export function draftsInScope(scope: DashboardScope, kindColumn: AnyPgColumn, storeColumn: AnyPgColumn): { kinds: ReviewKind[]; where: SQL } {
  const kinds = visibleKinds(scope.viewer);
  if (kinds.length === 0) return { kinds, where: sql`false` };
  const perKind = kinds.map((kind) => and(sql`${kindColumn} = ${kind}`, inScope(scope, readPermission(kind), storeColumn)) as SQL);
  return { kinds, where: or(...perKind) as SQL };
}
