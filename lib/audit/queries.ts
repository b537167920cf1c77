import "server-only";
import { and, asc, desc, eq, gte, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { auditLog, stores, userStores, users } from "@/db/schema";
import { scopeOf } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use yyyy-mm-dd.");
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

export const auditFilterSchema = z.object({
  actorId: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  /** an exact action or a prefix such as `user.` */
  action: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  targetType: z.preprocess(blankToUndefined, z.string().max(50).optional()),
  targetId: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  storeId: z.preprocess(blankToUndefined, z.string().uuid().optional()),
  /** UTC days, inclusive */
  from: z.preprocess(blankToUndefined, day.optional()),
  to: z.preprocess(blankToUndefined, day.optional()),
  /** keyset: entries older than this id */
  cursor: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
});
export type AuditFilters = z.output<typeof auditFilterSchema>;

export type AuditRow = {
  id: number;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  storeId: string | null;
  storeCode: string | null;
  sourceTransactionId: string | null;
  modelId: string | null;
  promptVersion: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
};

/** Which entries `audit.read` reaches: all; the viewer's stores and own actions; or only their own actions. */
export function auditScope(viewer: Viewer): SQL {
  const scope = scopeOf(viewer.role, "audit.read");
  if (scope === "all") return sql`true`;
  const mine = eq(auditLog.actorId, viewer.id);
  if (scope === "own") {
    return viewer.storeIds.length > 0 ? (or(inArray(auditLog.storeId, viewer.storeIds), mine) as SQL) : mine;
  }
  if (scope === "self") return mine;
  return sql`false`;
}

function filterConditions(filters: AuditFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.actorId) conditions.push(eq(auditLog.actorId, filters.actorId));
  if (filters.action) {
    const escaped = filters.action.replaceAll("\\", "\\\\").replaceAll("%", "\\%").replaceAll("_", "\\_");
    conditions.push(filters.action.endsWith(".") ? like(auditLog.action, `${escaped}%`) : eq(auditLog.action, filters.action));
  }
  if (filters.targetType) conditions.push(eq(auditLog.targetType, filters.targetType));
  if (filters.targetId) conditions.push(eq(auditLog.targetId, filters.targetId));
  if (filters.storeId) conditions.push(eq(auditLog.storeId, filters.storeId));
  if (filters.from) conditions.push(gte(auditLog.occurredAt, new Date(`${filters.from}T00:00:00Z`)));
  if (filters.to) conditions.push(lt(auditLog.occurredAt, new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000)));
  return conditions;
}

const rowColumns = {
  id: auditLog.id,
  occurredAt: auditLog.occurredAt,
  actorType: auditLog.actorType,
  actorId: auditLog.actorId,
  actorName: users.name,
  actorRole: auditLog.actorRole,
  action: auditLog.action,
  outcome: auditLog.outcome,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  storeId: auditLog.storeId,
  storeCode: stores.code,
  sourceTransactionId: auditLog.sourceTransactionId,
  modelId: auditLog.modelId,
  promptVersion: auditLog.promptVersion,
  details: auditLog.details,
  prevHash: auditLog.prevHash,
  hash: auditLog.hash,
};

/** Newest first, keyset-paginated on id (one index range scan, whatever the depth). */
export async function listAuditEntries(
  db: Executor,
  viewer: Viewer,
  filters: AuditFilters,
  options: { limit?: number } = {},
): Promise<{ rows: AuditRow[]; nextCursor: number | null }> {
  const limit = options.limit ?? 50;
  const conditions = [auditScope(viewer), ...filterConditions(filters)];
  if (filters.cursor) conditions.push(lt(auditLog.id, filters.cursor));
  const rows = await db
    .select(rowColumns)
    .from(auditLog)
    .leftJoin(users, sql`${users.id}::text = ${auditLog.actorId}`)
    .leftJoin(stores, eq(stores.id, auditLog.storeId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit) as AuditRow[];
  return { rows: page, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}

/** Every matching entry, oldest first, in batches: for the CSV export. */
export async function* streamAuditEntries(db: Executor, viewer: Viewer, filters: AuditFilters, batchSize = 2_000) {
  let afterId = 0;
  const base = [auditScope(viewer), ...filterConditions(filters)];
  for (;;) {
    const rows = (await db
      .select(rowColumns)
      .from(auditLog)
      .leftJoin(users, sql`${users.id}::text = ${auditLog.actorId}`)
      .leftJoin(stores, eq(stores.id, auditLog.storeId))
      .where(and(...base, sql`${auditLog.id} > ${afterId}`))
      .orderBy(asc(auditLog.id))
      .limit(batchSize)) as AuditRow[];
    if (rows.length === 0) return;
    yield rows;
    afterId = rows[rows.length - 1].id;
  }
}

/** Actors the viewer may filter by: users who appear in the entries they can see. */
export async function listAuditActors(db: Executor, viewer: Viewer): Promise<{ id: string; name: string }[]> {
  const scope = scopeOf(viewer.role, "audit.read");
  if (scope === "self") return [{ id: viewer.id, name: viewer.name }];
  if (scope === null) return [];
  const query = db.selectDistinct({ id: sql<string>`${users.id}::text`, name: users.name }).from(users);
  if (scope === "all") return query.orderBy(asc(users.name));
  return query
    .leftJoin(userStores, eq(userStores.userId, users.id))
    .where(or(eq(users.id, viewer.id), viewer.storeIds.length > 0 ? inArray(userStores.storeId, viewer.storeIds) : sql`false`))
    .orderBy(asc(users.name));
}
