import "server-only";
import { isDeepStrictEqual } from "node:util";
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { alias, type AnyPgColumn, type PgTable } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "@/db/client";
import {
  customerDuplicates,
  customerMerges,
  customerNotes,
  customerRefs,
  customers,
  customerTiers,
  custodyEvents,
  drafts,
  returns,
  sales,
  serializedItems,
  serviceTickets,
  type Customer,
} from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { RequestContext } from "@/lib/auth/guard";
import { scopeOf } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { customerVisibleTo } from "./duplicates";
import type { DismissDuplicateInput, MergeCustomersInput, RevertMergeInput } from "./merge-schemas";

/** Every table whose rows belong to a client, and the column that says which client. */
const OWNED_ROWS: { key: string; table: PgTable; id: AnyPgColumn; column: string }[] = [
  { key: "sales", table: sales, id: sales.id, column: "customer_id" },
  { key: "returns", table: returns, id: returns.id, column: "customer_id" },
  { key: "serialized_items", table: serializedItems, id: serializedItems.id, column: "current_owner_id" },
  { key: "custody_events", table: custodyEvents, id: custodyEvents.id, column: "customer_id" },
  { key: "service_tickets", table: serviceTickets, id: serviceTickets.id, column: "customer_id" },
  { key: "drafts", table: drafts, id: drafts.id, column: "customer_id" },
  { key: "customer_notes", table: customerNotes, id: customerNotes.id, column: "customer_id" },
];
/** customer_refs has no id of its own: a ref is "<connection id>:<external id>". */
const REFS_KEY = "customer_refs";
/** open pairs re-pointed from the merged record to the survivor */
const PAIRS_KEY = "customer_duplicates";
const refKey = sql<string>`${customerRefs.connectionId}::text || ':' || ${customerRefs.externalId}`;

/** Blank on the survivor, so the merged record's value fills it. */
const FILLABLE_FIELDS = [
  "firstName",
  "lastName",
  "addressLine",
  "city",
  "postalCode",
  "country",
  "homeStoreId",
  "preferredAssociateId",
  "birthday",
] as const satisfies readonly (keyof Customer)[];
/** A contact and its normalized key move together. */
const CONTACT_FIELDS = [
  ["email", "emailNormalized"],
  ["phone", "phoneNormalized"],
] as const satisfies readonly (readonly [keyof Customer, keyof Customer])[];
const CONSENT_FIELDS = ["consentEmail", "consentSms", "consentPhone", "consentMail"] as const satisfies readonly (keyof Customer)[];

type FieldChange = { before: unknown; after: unknown };
export type MoveSummary = Record<string, number>;

const notFound = () => new AppError("not_found", "This pair is no longer listed. Reload the page.");

function requireMergePermission(viewer: Viewer) {
  if (scopeOf(viewer.role, "customers.merge") === null) throw new AppError("forbidden", "You don't have permission to do that.");
}

function auditActor(viewer: Viewer, request?: RequestContext) {
  return {
    actorType: "user" as const,
    actorId: viewer.id,
    actorRole: viewer.role,
    ip: request?.ip ?? null,
    requestId: request?.requestId ?? null,
  };
}

/**
 * Merges one record of an open pair into the other, in one transaction: every row of the merged
 * client moves to the survivor (and is recorded, so the merge can be undone), the survivor's blanks
 * are filled, consent keeps the stricter answer, and the pair is closed.
 */
export async function mergeCustomers(
  db: Database,
  viewer: Viewer,
  { duplicateId, survivorId }: MergeCustomersInput,
  request?: RequestContext,
): Promise<{ mergeId: string; survivorId: string; mergedId: string; moved: MoveSummary }> {
  requireMergePermission(viewer);
  return inTransaction(db, async (tx) => {
    const pair = await findVisiblePair(tx, viewer, duplicateId);
    if (survivorId !== pair.customerAId && survivorId !== pair.customerBId) {
      throw new AppError("invalid_input", "Choose one of the two records to keep.", { survivorId: ["Choose one of the two records."] });
    }
    const mergedId = survivorId === pair.customerAId ? pair.customerBId : pair.customerAId;
    const locked = await lockCustomers(tx, [survivorId, mergedId]);
    const [current] = await tx.select().from(customerDuplicates).where(eq(customerDuplicates.id, duplicateId)).for("update");
    if (!current || current.customerAId !== pair.customerAId || current.customerBId !== pair.customerBId) {
      throw new AppError("conflict", "This pair changed while you were looking at it. Reload the page.");
    }
    if (current.status !== "open") {
      throw new AppError("conflict", current.status === "merged" ? "These records were already merged." : "This pair was dismissed.");
    }
    const survivor = locked.get(survivorId);
    const merged = locked.get(mergedId);
    if (!survivor || !merged) throw notFound();
    if (survivor.mergedIntoId || merged.mergedIntoId) throw new AppError("conflict", "One of these records was already merged into another.");
    if (survivor.erasedAt || merged.erasedAt) throw new AppError("conflict", "One of these records was erased; it cannot be merged.");

    const moved = await moveOwnedRows(tx, merged.id, survivor.id);
    const changes = fieldChanges(survivor, merged);
    if (Object.keys(changes).length > 0) {
      await tx
        .update(customers)
        .set({ ...valuesOf(changes, "after"), updatedAt: sql`now()` })
        .where(eq(customers.id, survivor.id));
    }
    await tx.update(customers).set({ mergedIntoId: survivor.id, updatedAt: sql`now()` }).where(eq(customers.id, merged.id));
    moved[PAIRS_KEY] = await repointOpenPairs(tx, { from: merged.id, to: survivor.id, except: duplicateId });
    await refreshLifetimeValues(tx, [survivor.id, merged.id]);
    await tx
      .update(customerDuplicates)
      .set({ status: "merged", decidedById: viewer.id, decidedAt: sql`now()` })
      .where(eq(customerDuplicates.id, duplicateId));
    const [merge] = await tx
      .insert(customerMerges)
      .values({ survivorId: survivor.id, mergedId: merged.id, duplicateId, moved, survivorBefore: changes, mergedById: viewer.id })
      .returning({ id: customerMerges.id });

    const summary = countsOf(moved);
    await appendAudit(tx, {
      ...auditActor(viewer, request),
      action: "customer.merged",
      targetType: "customer",
      targetId: survivor.id,
      storeId: survivor.homeStoreId ?? merged.homeStoreId,
      details: { mergeId: merge.id, survivorId: survivor.id, mergedId: merged.id, duplicateId, moved: summary, filledFields: Object.keys(changes) },
    });
    return { mergeId: merge.id, survivorId: survivor.id, mergedId: merged.id, moved: summary };
  });
}

/**
 * Undoes a merge: exactly the recorded rows move back (rows the survivor gained since stay), and each
 * survivor field the merge changed is restored unless someone changed it again since.
 */
export async function revertMerge(
  db: Database,
  viewer: Viewer,
  { mergeId }: RevertMergeInput,
  request?: RequestContext,
): Promise<{ survivorId: string; mergedId: string; moved: MoveSummary }> {
  requireMergePermission(viewer);
  return inTransaction(db, async (tx) => {
    const s = alias(customers, "s");
    const m = alias(customers, "m");
    const [found] = await tx
      .select({ survivorId: customerMerges.survivorId, mergedId: customerMerges.mergedId })
      .from(customerMerges)
      .innerJoin(s, eq(s.id, customerMerges.survivorId))
      .innerJoin(m, eq(m.id, customerMerges.mergedId))
      .where(and(eq(customerMerges.id, mergeId), or(customerVisibleTo(viewer, s), customerVisibleTo(viewer, m))));
    if (!found) throw new AppError("not_found", "This merge is no longer listed. Reload the page.");

    const locked = await lockCustomers(tx, [found.survivorId, found.mergedId]);
    const [merge] = await tx.select().from(customerMerges).where(eq(customerMerges.id, mergeId)).for("update");
    if (merge.revertedAt) throw new AppError("conflict", "This merge was already undone.");
    const survivor = locked.get(merge.survivorId);
    const merged = locked.get(merge.mergedId);
    if (!survivor || !merged) throw notFound();
    if (survivor.mergedIntoId) throw new AppError("conflict", "The kept record was merged into another since. Undo that merge first.");
    if (merged.mergedIntoId !== survivor.id) throw new AppError("conflict", "The merged record was merged again since; this merge can no longer be undone.");

    const movedBack = await moveRecordedRowsBack(tx, merge.moved, { from: survivor.id, to: merged.id });
    const changes = merge.survivorBefore as Record<string, FieldChange>;
    const restore = Object.fromEntries(
      Object.entries(changes)
        .filter(([field, change]) => isDeepStrictEqual(survivor[field as keyof Customer], change.after))
        .map(([field, change]) => [field, change.before]),
    ) as Partial<Customer>;
    if (Object.keys(restore).length > 0) {
      await tx
        .update(customers)
        .set({ ...restore, updatedAt: sql`now()` })
        .where(eq(customers.id, survivor.id));
    }
    await tx.update(customers).set({ mergedIntoId: null, updatedAt: sql`now()` }).where(eq(customers.id, merged.id));
    movedBack[PAIRS_KEY] = await restoreRepointedPairs(tx, merge.moved[PAIRS_KEY] ?? [], { survivorId: survivor.id, mergedId: merged.id });
    await refreshLifetimeValues(tx, [survivor.id, merged.id]);
    await tx.update(customerMerges).set({ revertedById: viewer.id, revertedAt: sql`now()` }).where(eq(customerMerges.id, merge.id));
    if (merge.duplicateId) {
      await tx
        .update(customerDuplicates)
        .set({ status: "open", decidedById: null, decidedAt: null })
        .where(and(eq(customerDuplicates.id, merge.duplicateId), eq(customerDuplicates.status, "merged")));
    }

    const summary = countsOf(movedBack);
    await appendAudit(tx, {
      ...auditActor(viewer, request),
      action: "customer.merge_reverted",
      targetType: "customer",
      targetId: merged.id,
      storeId: merged.homeStoreId ?? survivor.homeStoreId,
      details: {
        mergeId: merge.id,
        survivorId: survivor.id,
        mergedId: merged.id,
        duplicateId: merge.duplicateId,
        moved: summary,
        restoredFields: Object.keys(restore),
      },
    });
    return { survivorId: survivor.id, mergedId: merged.id, moved: summary };
  });
}

/** A manager says the two records are two people: the pair leaves the list. */
export async function dismissDuplicate(
  db: Database,
  viewer: Viewer,
  { duplicateId }: DismissDuplicateInput,
  request?: RequestContext,
): Promise<void> {
  requireMergePermission(viewer);
  await inTransaction(db, async (tx) => {
    const pair = await findVisiblePair(tx, viewer, duplicateId);
    const [current] = await tx.select().from(customerDuplicates).where(eq(customerDuplicates.id, duplicateId)).for("update");
    if (current.status !== "open") {
      throw new AppError("conflict", current.status === "merged" ? "These records were already merged." : "This pair was already dismissed.");
    }
    await tx
      .update(customerDuplicates)
      .set({ status: "dismissed", decidedById: viewer.id, decidedAt: sql`now()` })
      .where(eq(customerDuplicates.id, duplicateId));
    await appendAudit(tx, {
      ...auditActor(viewer, request),
      action: "customer.duplicate_dismissed",
      targetType: "customer_duplicate",
      targetId: duplicateId,
      details: { duplicateId, customerAId: pair.customerAId, customerBId: pair.customerBId },
    });
  });
}

/* ----------------------------------------------------------------------------------------------- */

/** Runs `fn` in a transaction; a deadlock or serialization failure is another writer: a conflict. */
async function inTransaction<T>(db: Database, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (error) {
    if (isConcurrencyFailure(error)) {
      throw new AppError("conflict", "Someone else changed these records at the same moment. Reload and try again.");
    }
    throw error;
  }
}

function isConcurrencyFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === "40P01" || code === "40001") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The pair, if at least one of its clients is visible to the viewer; else "not found". */
async function findVisiblePair(tx: Transaction, viewer: Viewer, duplicateId: string) {
  const a = alias(customers, "a");
  const b = alias(customers, "b");
  const [pair] = await tx
    .select({ customerAId: customerDuplicates.customerAId, customerBId: customerDuplicates.customerBId })
    .from(customerDuplicates)
    .innerJoin(a, eq(a.id, customerDuplicates.customerAId))
    .innerJoin(b, eq(b.id, customerDuplicates.customerBId))
    .where(and(eq(customerDuplicates.id, duplicateId), or(customerVisibleTo(viewer, a), customerVisibleTo(viewer, b))));
  if (!pair) throw notFound();
  return pair;
}

/**
 * Locks both clients in id order (every merge and revert does, so two of them never deadlock on
 * each other) and returns them as they are now.
 */
async function lockCustomers(tx: Transaction, ids: string[]): Promise<Map<string, Customer>> {
  const rows = await tx
    .select()
    .from(customers)
    .where(inArray(customers.id, ids))
    .orderBy(asc(customers.id))
    .for("update");
  return new Map(rows.map((row) => [row.id, row]));
}

async function moveOwnedRows(tx: Transaction, from: string, to: string): Promise<Record<string, string[]>> {
  const moved: Record<string, string[]> = {};
  for (const { key, table, column } of OWNED_ROWS) {
    const rows = await tx.execute<{ id: string }>(
      sql`update ${table} set ${sql.identifier(column)} = ${to}::uuid where ${sql.identifier(column)} = ${from}::uuid returning id::text as id`,
    );
    moved[key] = rows.map((r) => r.id).sort();
  }
  const refs = await tx
    .update(customerRefs)
    .set({ customerId: to })
    .where(eq(customerRefs.customerId, from))
    .returning({ key: refKey });
  moved[REFS_KEY] = refs.map((r) => r.key).sort();
  return moved;
}

/** Only rows that are still the survivor's move back: what moved on since belongs to where it went. */
async function moveRecordedRowsBack(
  tx: Transaction,
  recorded: Record<string, string[]>,
  { from, to }: { from: string; to: string },
): Promise<Record<string, string[]>> {
  const moved: Record<string, string[]> = {};
  for (const { key, table, id, column } of OWNED_ROWS) {
    const ids = recorded[key] ?? [];
    if (ids.length === 0) {
      moved[key] = [];
      continue;
    }
    const rows = await tx.execute<{ id: string }>(
      sql`update ${table} set ${sql.identifier(column)} = ${to}::uuid
          where ${inArray(id, ids)} and ${sql.identifier(column)} = ${from}::uuid returning id::text as id`,
    );
    moved[key] = rows.map((r) => r.id).sort();
  }
  const refKeys = recorded[REFS_KEY] ?? [];
  const refs = refKeys.length
    ? await tx
        .update(customerRefs)
        .set({ customerId: to })
        .where(and(eq(customerRefs.customerId, from), inArray(refKey, refKeys)))
        .returning({ key: refKey })
    : [];
  moved[REFS_KEY] = refs.map((r) => r.key).sort();
  return moved;
}

/**
 * Other open pairs that named the merged record now name the survivor, unless the survivor already
 * has a pair with that client: then the old pair simply stays hidden behind the merged record (it
 * comes back if the merge is undone).
 */
async function repointOpenPairs(tx: Transaction, { from, to, except }: { from: string; to: string; except: string }): Promise<string[]> {
  const d = customerDuplicates;
  const open = await tx
    .select({ id: d.id, a: d.customerAId, b: d.customerBId })
    .from(d)
    .where(and(eq(d.status, "open"), or(eq(d.customerAId, from), eq(d.customerBId, from)), sql`${d.id} <> ${except}::uuid`))
    .orderBy(asc(d.id))
    .for("update");
  const repointed: string[] = [];
  for (const pair of open) {
    const other = pair.a === from ? pair.b : pair.a;
    if (other === to) continue;
    if (await repointPair(tx, pair.id, [to, other])) repointed.push(pair.id);
  }
  return repointed;
}

async function restoreRepointedPairs(tx: Transaction, ids: string[], { survivorId, mergedId }: { survivorId: string; mergedId: string }) {
  if (ids.length === 0) return [];
  const d = customerDuplicates;
  const pairs = await tx
    .select({ id: d.id, a: d.customerAId, b: d.customerBId })
    .from(d)
    .where(and(inArray(d.id, ids), eq(d.status, "open"), or(eq(d.customerAId, survivorId), eq(d.customerBId, survivorId))))
    .orderBy(asc(d.id))
    .for("update");
  const restored: string[] = [];
  for (const pair of pairs) {
    const other = pair.a === survivorId ? pair.b : pair.a;
    if (await repointPair(tx, pair.id, [mergedId, other])) restored.push(pair.id);
  }
  return restored;
}

async function repointPair(tx: Transaction, pairId: string, customerIds: [string, string]): Promise<boolean> {
  const [a, b] = [...customerIds].sort();
  const d = customerDuplicates;
  const [existing] = await tx
    .select({ id: d.id })
    .from(d)
    .where(and(eq(d.customerAId, a), eq(d.customerBId, b)));
  if (existing) return false;
  await tx.update(d).set({ customerAId: a, customerBId: b }).where(eq(d.id, pairId));
  return true;
}

/** The same rule as the sync: completed sales minus refunds. */
async function refreshLifetimeValues(tx: Transaction, ids: string[]): Promise<void> {
  await tx.execute(sql`
    update customers c set lifetime_value_minor =
      coalesce((select sum(s.total_minor) from sales s where s.customer_id = c.id and s.status = 'completed'), 0)
      - coalesce((select sum(r.refund_minor) from returns r where r.customer_id = c.id), 0)
    where ${inArray(sql`c.id`, ids)}`);
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/**
 * What the survivor becomes: its blanks filled from the merged record, consent given only where both
 * gave it, do-not-contact if either asked, the higher tier, preferences combined (the survivor's win).
 * Only fields that actually change are returned, each with its value before and after.
 */
function fieldChanges(survivor: Customer, merged: Customer): Record<string, FieldChange> {
  const after: Partial<Customer> = {};
  for (const field of FILLABLE_FIELDS) {
    if (isBlank(survivor[field]) && !isBlank(merged[field])) Object.assign(after, { [field]: merged[field] });
  }
  for (const [contact, normalized] of CONTACT_FIELDS) {
    if (isBlank(survivor[contact]) && !isBlank(merged[contact])) {
      Object.assign(after, { [contact]: merged[contact], [normalized]: merged[normalized] });
    }
  }
  for (const field of CONSENT_FIELDS) after[field] = survivor[field] && merged[field];
  after.doNotContact = survivor.doNotContact || merged.doNotContact;
  after.tier = customerTiers.indexOf(merged.tier) > customerTiers.indexOf(survivor.tier) ? merged.tier : survivor.tier;
  after.preferences = { ...merged.preferences, ...survivor.preferences };

  const changes: Record<string, FieldChange> = {};
  for (const [field, value] of Object.entries(after)) {
    const before = survivor[field as keyof Customer];
    if (!isDeepStrictEqual(before, value)) changes[field] = { before, after: value };
  }
  return changes;
}

function valuesOf(changes: Record<string, FieldChange>, side: "before" | "after"): Partial<Customer> {
  return Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change[side]])) as Partial<Customer>;
}

function countsOf(moved: Record<string, string[]>): MoveSummary {
  return Object.fromEntries(Object.entries(moved).map(([key, ids]) => [key, ids.length]));
}

