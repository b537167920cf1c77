import "server-only";
import { and, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import type { Permission } from "@/lib/auth/permissions";
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
 * Drafts of the kinds the viewer may read, each kind within the stores its permission reaches
 * (a manager reads purchase recommendations of their stores; a buyer those of every store).
 */
export function draftsInScope(scope: DashboardScope, kindColumn: AnyPgColumn, storeColumn: AnyPgColumn): { kinds: ReviewKind[]; where: SQL } {
  const kinds = visibleKinds(scope.viewer);
  if (kinds.length === 0) return { kinds, where: sql`false` };
  const perKind = kinds.map((kind) => and(sql`${kindColumn} = ${kind}`, inScope(scope, readPermission(kind), storeColumn)) as SQL);
  return { kinds, where: or(...perKind) as SQL };
}
