import "server-only";
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { customerDuplicates, customerMerges, customers, duplicateStatuses, sales, serviceTickets, stores, users } from "@/db/schema";
import { scopeOf } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";

export const DUPLICATES_PAGE_SIZE = 20;

export type DuplicateStatus = (typeof duplicateStatuses)[number];

/** What moves to the survivor when this record is merged away, per kind of row. */
export type MoveCounts = {
  purchases: number;
  returns: number;
  serializedItems: number;
  custodyEvents: number;
  serviceTickets: number;
  drafts: number;
  notes: number;
  posRecords: number;
};

export type DuplicateSide = {
  id: string;
  firstName: string;
  lastName: string;
  /** masked: enough to compare two records, not to contact anyone */
  email: string | null;
  phone: string | null;
  city: string | null;
  homeStore: { code: string; name: string } | null;
  lifetimeValueMinor: number;
  currency: string;
  purchases: number;
  /** the POS providers that know this record */
  providers: string[];
  createdAt: Date;
  moves: MoveCounts;
};

export const comparedFields = ["name", "email", "phone", "city", "homeStore"] as const;
export type ComparedField = (typeof comparedFields)[number];

export type DuplicatePair = {
  id: string;
  reason: string;
  status: DuplicateStatus;
  createdAt: Date;
  a: DuplicateSide;
  b: DuplicateSide;
  /** fields whose full (unmasked) values differ between the two records */
  differences: ComparedField[];
};

type CustomerColumns = { id: AnyPgColumn; homeStoreId: AnyPgColumn };

/**
 * The stores whose clients a permission reaches, narrowed to the store switcher's choice:
 * null means every store.
 */
function reachableStores(viewer: Viewer, activeStoreId: string | null): string[] | null {
  const scope = scopeOf(viewer.role, "customers.merge");
  if (scope === "all") return activeStoreId ? [activeStoreId] : null;
  if (scope === "own") return activeStoreId && viewer.storeIds.includes(activeStoreId) ? [activeStoreId] : viewer.storeIds;
  return [];
}

/**
 * A client is visible to a store-scoped viewer when their home store is one of the viewer's, or they
 * bought or had a ticket there (DESIGN.md). Written as a `where`, so an invisible pair is not found.
 */
export function customerVisibleTo(viewer: Viewer, table: CustomerColumns, activeStoreId: string | null = null): SQL {
  const storeIds = reachableStores(viewer, activeStoreId);
  if (storeIds === null) return sql`true`;
  if (storeIds.length === 0) return sql`false`;
  return or(
    inArray(table.homeStoreId, storeIds),
    sql`exists (select 1 from ${sales} where ${sales.customerId} = ${table.id} and ${inArray(sales.storeId, storeIds)})`,
    sql`exists (select 1 from ${serviceTickets} where ${serviceTickets.customerId} = ${table.id} and ${inArray(serviceTickets.storeId, storeIds)})`,
  ) as SQL;
}

export type DuplicateCursor = { createdAt: string; id: string };

/** `?after=<created_at|id>`, the created_at being Postgres' own text so no microsecond is lost. */
export function parseDuplicateCursor(value: string | undefined): DuplicateCursor | null {
  if (!value) return null;
  const at = value.lastIndexOf("|");
  if (at < 0) return null;
  const createdAt = value.slice(0, at);
  const id = value.slice(at + 1);
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  if (!/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/.test(createdAt)) return null;
  return { createdAt, id };
}

/**
 * Probable duplicates with at least one side visible to the viewer, oldest first, keyset-paginated
 * on (created_at, id). Open pairs whose records were merged or erased since are left out.
 */
export async function listDuplicates(
  db: Executor,
  viewer: Viewer,
  {
    status = "open",
    cursor = null,
    activeStoreId = null,
    limit = DUPLICATES_PAGE_SIZE,
  }: { status?: DuplicateStatus; cursor?: DuplicateCursor | null; activeStoreId?: string | null; limit?: number } = {},
): Promise<{ pairs: DuplicatePair[]; nextCursor: string | null }> {
  const a = alias(customers, "a");
  const b = alias(customers, "b");
  const d = customerDuplicates;
  const conditions: SQL[] = [
    eq(d.status, status),
    isNull(a.erasedAt),
    isNull(b.erasedAt),
    or(customerVisibleTo(viewer, a, activeStoreId), customerVisibleTo(viewer, b, activeStoreId)) as SQL,
  ];
  if (status === "open") conditions.push(isNull(a.mergedIntoId), isNull(b.mergedIntoId));
  if (cursor) conditions.push(sql`(${d.createdAt}, ${d.id}) > (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`);

  const rows = await db
    .select({
      id: d.id,
      reason: d.reason,
      status: d.status,
      createdAt: d.createdAt,
      cursorAt: sql<string>`${d.createdAt}::text`,
      aId: d.customerAId,
      bId: d.customerBId,
    })
    .from(d)
    .innerJoin(a, eq(a.id, d.customerAId))
    .innerJoin(b, eq(b.id, d.customerBId))
    .where(and(...conditions))
    .orderBy(asc(d.createdAt), asc(d.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  const sides = await loadSides(db, [...new Set(page.flatMap((r) => [r.aId, r.bId]))]);
  const pairs = page.flatMap((row): DuplicatePair[] => {
    const left = sides.get(row.aId);
    const right = sides.get(row.bId);
    if (!left || !right) return [];
    return [
      {
        id: row.id,
        reason: row.reason,
        status: row.status,
        createdAt: row.createdAt,
        a: left.side,
        b: right.side,
        differences: comparedFields.filter((field) => left.compare[field] !== right.compare[field]),
      },
    ];
  });
  const last = page[page.length - 1];
  return { pairs, nextCursor: rows.length > limit && last ? `${last.cursorAt}|${last.id}` : null };
}

type LoadedSide = { side: DuplicateSide; compare: Record<ComparedField, string> };

async function loadSides(db: Executor, ids: string[]): Promise<Map<string, LoadedSide>> {
  if (ids.length === 0) return new Map();
  const count = (table: string, column: string, extra = sql``) =>
    sql<number>`(select count(*)::int from ${sql.identifier(table)} x where x.${sql.identifier(column)} = ${customers.id} ${extra})`;
  const rows = await db
    .select({
      id: customers.id,
      firstName: customers.firstName,
      lastName: customers.lastName,
      email: customers.email,
      emailNormalized: customers.emailNormalized,
      phone: customers.phone,
      phoneNormalized: customers.phoneNormalized,
      city: customers.city,
      homeStoreId: customers.homeStoreId,
      homeStoreCode: stores.code,
      homeStoreName: stores.name,
      lifetimeValueMinor: customers.lifetimeValueMinor,
      currency: customers.currency,
      createdAt: customers.createdAt,
      purchases: count("sales", "customer_id", sql`and x.status = 'completed'`),
      sales: count("sales", "customer_id"),
      returns: count("returns", "customer_id"),
      serializedItems: count("serialized_items", "current_owner_id"),
      custodyEvents: count("custody_events", "customer_id"),
      serviceTickets: count("service_tickets", "customer_id"),
      drafts: count("drafts", "customer_id"),
      notes: count("customer_notes", "customer_id"),
      posRecords: count("customer_refs", "customer_id"),
      providers: sql<string[]>`array(select distinct r.provider::text from customer_refs r where r.customer_id = ${customers.id} order by 1)`,
    })
    .from(customers)
    .leftJoin(stores, eq(stores.id, customers.homeStoreId))
    .where(inArray(customers.id, ids));

  return new Map(
    rows.map((r) => [
      r.id,
      {
        side: {
          id: r.id,
          firstName: r.firstName,
          lastName: r.lastName,
          email: maskEmail(r.email),
          phone: maskPhone(r.phone),
          city: r.city,
          homeStore: r.homeStoreCode && r.homeStoreName ? { code: r.homeStoreCode, name: r.homeStoreName } : null,
          lifetimeValueMinor: r.lifetimeValueMinor,
          currency: r.currency,
          purchases: r.purchases,
          providers: r.providers,
          createdAt: r.createdAt,
          moves: {
            purchases: r.sales,
            returns: r.returns,
            serializedItems: r.serializedItems,
            custodyEvents: r.custodyEvents,
            serviceTickets: r.serviceTickets,
            drafts: r.drafts,
            notes: r.notes,
            posRecords: r.posRecords,
          },
        },
        compare: {
          name: `${r.firstName.trim().toLowerCase()} ${r.lastName.trim().toLowerCase()}`,
          email: r.emailNormalized ?? r.email?.trim().toLowerCase() ?? "",
          phone: r.phoneNormalized ?? r.phone?.replace(/\D/g, "") ?? "",
          city: r.city?.trim().toLowerCase() ?? "",
          homeStore: r.homeStoreId ?? "",
        },
      },
    ]),
  );
}

/** "j•••@example.com": the domain and first letter, enough to tell two addresses apart. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  if (at <= 0) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}

/** "••• 4567": the last four digits. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  return digits.length <= 4 ? "•••" : `••• ${digits.slice(-4)}`;
}

export type RecentMerge = {
  id: string;
  survivor: { id: string; name: string };
  merged: { id: string; name: string };
  mergedAt: Date;
  mergedBy: string | null;
  revertedAt: Date | null;
  movedRows: number;
  /** not reverted, and neither record has been merged elsewhere since */
  canUndo: boolean;
};

/** The latest merges touching a client the viewer can see, newest first. */
export async function listRecentMerges(db: Executor, viewer: Viewer, { limit = 10 }: { limit?: number } = {}): Promise<RecentMerge[]> {
  const s = alias(customers, "s");
  const m = alias(customers, "m");
  const rows = await db
    .select({
      id: customerMerges.id,
      survivorId: s.id,
      survivorName: sql<string>`${s.firstName} || ' ' || ${s.lastName}`,
      survivorMergedInto: s.mergedIntoId,
      mergedId: m.id,
      mergedName: sql<string>`${m.firstName} || ' ' || ${m.lastName}`,
      mergedMergedInto: m.mergedIntoId,
      mergedAt: customerMerges.mergedAt,
      mergedBy: users.name,
      revertedAt: customerMerges.revertedAt,
      moved: customerMerges.moved,
    })
    .from(customerMerges)
    .innerJoin(s, eq(s.id, customerMerges.survivorId))
    .innerJoin(m, eq(m.id, customerMerges.mergedId))
    .leftJoin(users, eq(users.id, customerMerges.mergedById))
    .where(or(customerVisibleTo(viewer, s), customerVisibleTo(viewer, m)))
    .orderBy(desc(customerMerges.mergedAt), desc(customerMerges.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    survivor: { id: r.survivorId, name: r.survivorName },
    merged: { id: r.mergedId, name: r.mergedName },
    mergedAt: r.mergedAt,
    mergedBy: r.mergedBy,
    revertedAt: r.revertedAt,
    movedRows: Object.entries(r.moved)
      .filter(([table]) => table !== "customer_duplicates")
      .reduce((sum, [, ids]) => sum + ids.length, 0),
    canUndo: r.revertedAt === null && r.mergedMergedInto === r.survivorId && r.survivorMergedInto === null,
  }));
}
