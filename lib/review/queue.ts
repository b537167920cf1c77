import "server-only";
import { and, asc, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { auditLog, customers, draftCounters, draftExecutions, drafts, products, saleLines, sales, serviceTickets, stores, users, type DraftStatus } from "@/db/schema";
import { scopeOf } from "@/lib/auth/permissions";
import { storeCondition, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { isReviewKind, QUEUE_STATUSES, readPermission, REVIEW_KINDS, reviewPermission, type QueueStatus, type ReviewKind } from "./kinds";

export const PRIORITY_BANDS = { urgent: [80, 100], high: [60, 79], normal: [40, 59], low: [0, 39] } as const;
export type PriorityBand = keyof typeof PRIORITY_BANDS;
export const AGE_FILTERS = { "1d": 1, "3d": 3, "7d": 7 } as const;
export type AgeFilter = keyof typeof AGE_FILTERS;
export const QUEUE_SORTS = ["priority", "oldest", "newest"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const PAGE_SIZE = 50;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === "all" ? undefined : v), schema.optional());

/** The queue's URL: every filter and the sort live in the search params, so a view can be shared or reloaded. */
export const queueParamsSchema = z.object({
  kind: z.enum(REVIEW_KINDS).catch("client_message"),
  status: z.enum(QUEUE_STATUSES).catch("pending"),
  store: optional(z.uuid()).catch(undefined),
  priority: optional(z.enum(Object.keys(PRIORITY_BANDS) as [PriorityBand, ...PriorityBand[]])).catch(undefined),
  age: optional(z.enum(Object.keys(AGE_FILTERS) as [AgeFilter, ...AgeFilter[]])).catch(undefined),
  tier: optional(z.string().max(40)).catch(undefined),
  sort: z.enum(QUEUE_SORTS).catch("priority"),
  cursor: optional(z.string().max(300)).catch(undefined),
  draft: optional(z.uuid()).catch(undefined),
});
export type QueueParams = z.infer<typeof queueParamsSchema>;

export function parseQueueParams(searchParams: Record<string, string | string[] | undefined>): QueueParams {
  const flat = Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return queueParamsSchema.parse(flat);
}

/** The kinds the viewer may see in the queue, in tab order. */
export function visibleKinds(viewer: Pick<Viewer, "role">): ReviewKind[] {
  return REVIEW_KINDS.filter((kind) => scopeOf(viewer.role, readPermission(kind)) !== null);
}

export function canReview(viewer: Pick<Viewer, "role">, kind: ReviewKind): boolean {
  return scopeOf(viewer.role, reviewPermission(kind)) !== null;
}

type Cursor = { p: number; c: string; i: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    if (typeof value.p !== "number" || typeof value.c !== "string" || typeof value.i !== "string") return null;
    if (!z.uuid().safeParse(value.i).success || !/^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}(:?\d{2})?|Z)$/.test(value.c)) return null;
    return value;
  } catch {
    return null;
  }
}

export type QueueRow = {
  id: string;
  kind: ReviewKind;
  status: DraftStatus;
  version: number;
  priority: number;
  createdAt: Date;
  expiresAt: Date | null;
  storeCode: string;
  storeName: string;
  /** a one-line summary of the draft for the list */
  title: string;
  clientName: string | null;
  clientTier: string | null;
  valueMinor: number | null;
  currency: string;
  flags: string[];
  blockedReason: string | null;
  claimedByName: string | null;
  claimedUntil: Date | null;
  claimedByMe: boolean;
};

function titleOf(kind: ReviewKind, output: Record<string, unknown> | null): string {
  const o = output ?? {};
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  switch (kind) {
    case "client_message":
      return text(o.subject) || text(o.body).split("\n")[0].slice(0, 120) || "Client message";
    case "service_ticket":
      return text(o.title) || "Service ticket";
    case "clienteling_note":
      return text(o.note).split("\n")[0].slice(0, 120) || "Clienteling note";
    case "purchase_recommendation": {
      const lines = Array.isArray(o.lines) ? (o.lines as { quantity?: number; sku?: string }[]) : [];
      const what = lines.map((l) => `${l.quantity ?? "?"} × ${l.sku ?? "?"}`).join(", ");
      return `${o.type === "transfer" ? "Transfer" : "Order"}${o.supplier ? ` from ${text(o.supplier)}` : ""}: ${what}`.slice(0, 140);
    }
  }
}

/**
 * One page of the queue, keyset-paginated on (priority, created_at, id) or (created_at, id) with
 * an index for each, so page 400 costs what page 1 costs. Rows are scoped to the viewer's stores in
 * the `where`; nothing here counts the table.
 */
export async function listQueue(
  db: Executor,
  viewer: Viewer,
  params: QueueParams,
  options: { limit?: number; now?: Date } = {},
): Promise<{ rows: QueueRow[]; nextCursor: string | null }> {
  const { kind } = params;
  if (!visibleKinds(viewer).includes(kind)) throw new AppError("forbidden", "You can't see this kind of draft.");
  const limit = options.limit ?? PAGE_SIZE;
  const now = options.now ?? new Date();
  const client = customers;
  const claimer = alias(users, "claimer");

  const where: SQL[] = [eq(drafts.kind, kind), eq(drafts.status, params.status), storeCondition(viewer, readPermission(kind), drafts.storeId)];
  if (params.store) where.push(eq(drafts.storeId, params.store));
  if (params.priority) {
    const [lo, hi] = PRIORITY_BANDS[params.priority];
    where.push(sql`${drafts.priority} between ${lo} and ${hi}`);
  }
  if (params.age) where.push(lt(drafts.createdAt, new Date(now.getTime() - AGE_FILTERS[params.age] * 86_400_000)));
  if (params.tier) where.push(eq(client.tier, params.tier as never));

  const cursor = decodeCursor(params.cursor);
  if (cursor) {
    // the cursor keeps created_at as Postgres printed it: microseconds survive the round trip
    const at = sql`${cursor.c}::timestamptz`;
    if (params.sort === "priority") {
      where.push(sql`(${drafts.priority}, ${drafts.createdAt}, ${drafts.id}) < (${cursor.p}, ${at}, ${cursor.i})`);
    } else if (params.sort === "newest") {
      where.push(sql`(${drafts.createdAt}, ${drafts.id}) < (${at}, ${cursor.i})`);
    } else {
      where.push(sql`(${drafts.createdAt}, ${drafts.id}) > (${at}, ${cursor.i})`);
    }
  }
  const order =
    params.sort === "priority"
      ? [desc(drafts.priority), desc(drafts.createdAt), desc(drafts.id)]
      : params.sort === "newest"
        ? [desc(drafts.createdAt), desc(drafts.id)]
        : [asc(drafts.createdAt), asc(drafts.id)];

  const showClient = scopeOf(viewer.role, "customers.read") !== null;
  const base = db
    .select({
      id: drafts.id,
      kind: drafts.kind,
      status: drafts.status,
      version: drafts.version,
      priority: drafts.priority,
      createdAt: drafts.createdAt,
      createdAtKey: sql<string>`${drafts.createdAt}::text`,
      expiresAt: drafts.expiresAt,
      output: sql<Record<string, unknown> | null>`coalesce(${drafts.editedOutput}, ${drafts.output})`,
      storeCode: stores.code,
      storeName: stores.name,
      currency: stores.currency,
      firstName: client.firstName,
      lastName: client.lastName,
      erasedAt: client.erasedAt,
      tier: client.tier,
      valueMinor: drafts.valueMinor,
      flags: drafts.flags,
      blockedReason: drafts.blockedReason,
      claimedById: drafts.claimedById,
      claimedUntil: drafts.claimedUntil,
      claimedByName: claimer.name,
    })
    .from(drafts)
    .innerJoin(stores, eq(stores.id, drafts.storeId));
  const joined = (params.tier ? base.innerJoin(client, eq(client.id, drafts.customerId)) : base.leftJoin(client, eq(client.id, drafts.customerId))).leftJoin(
    claimer,
    eq(claimer.id, drafts.claimedById),
  );
  const rows = await joined
    .where(and(...where))
    .orderBy(...order)
    .limit(limit + 1);

  const lastRow = rows.length > limit ? rows[limit - 1] : undefined;
  const page = rows.slice(0, limit).map((r): QueueRow => {
    const claimActive = r.claimedUntil !== null && r.claimedUntil > now;
    return {
      id: r.id,
      kind: r.kind as ReviewKind,
      status: r.status,
      version: r.version,
      priority: r.priority,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      storeCode: r.storeCode,
      storeName: r.storeName,
      title: titleOf(kind, r.output),
      clientName: showClient && r.lastName !== null ? (r.erasedAt ? "Erased client" : `${r.firstName} ${r.lastName}`) : null,
      clientTier: showClient ? r.tier : null,
      valueMinor: r.valueMinor,
      currency: r.currency,
      flags: r.flags,
      blockedReason: r.blockedReason,
      claimedByName: claimActive ? r.claimedByName : null,
      claimedUntil: claimActive ? r.claimedUntil : null,
      claimedByMe: claimActive && r.claimedById === viewer.id,
    };
  });
  const nextCursor = lastRow ? encodeCursor({ p: lastRow.priority, c: lastRow.createdAtKey, i: lastRow.id }) : null;
  return { rows: page, nextCursor };
}

/**
 * Pending drafts per kind for the tabs, summed from the maintained counters over the viewer's
 * stores (one row per store × kind × status: a few hundred rows at most, never the drafts table).
 */
export async function queueCounts(db: Executor, viewer: Viewer, status: QueueStatus = "pending"): Promise<Record<ReviewKind, number>> {
  const kinds = visibleKinds(viewer);
  const counts = Object.fromEntries(REVIEW_KINDS.map((k) => [k, 0])) as Record<ReviewKind, number>;
  if (kinds.length === 0) return counts;
  const rows = await db
    .select({ kind: draftCounters.kind, storeId: draftCounters.storeId, count: draftCounters.count })
    .from(draftCounters)
    .where(and(eq(draftCounters.status, status), inArray(draftCounters.kind, kinds)));
  for (const row of rows) {
    if (!isReviewKind(row.kind)) continue;
    const scope = scopeOf(viewer.role, readPermission(row.kind));
    if (scope === "all" || (scope === "own" && viewer.storeIds.includes(row.storeId))) counts[row.kind] += Number(row.count);
  }
  return counts;
}

export type DraftHistoryEntry = {
  id: number;
  at: Date;
  action: string;
  outcome: string;
  actorType: string;
  actorName: string | null;
  details: Record<string, unknown>;
};

export type DraftDetail = {
  id: string;
  kind: ReviewKind;
  status: DraftStatus;
  version: number;
  priority: number;
  flags: string[];
  output: Record<string, unknown> | null;
  editedOutput: Record<string, unknown> | null;
  editedByName: string | null;
  editedAt: Date | null;
  rationale: string | null;
  error: string | null;
  blockedReason: string | null;
  store: { id: string; code: string; name: string; currency: string; rolloutPhase: number; goLiveDate: string | null };
  createdAt: Date;
  expiresAt: Date | null;
  modelId: string | null;
  promptId: string | null;
  promptVersion: string | null;
  inputHash: string | null;
  latencyMs: number | null;
  usage: { inputTokens: number; outputTokens: number; totalTokens: number } | null;
  sourceEventId: string | null;
  sourceTransactionId: string | null;
  decidedByName: string | null;
  decidedByRuleId: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  decisionNote: string | null;
  claimedByName: string | null;
  claimedUntil: Date | null;
  claimedByMe: boolean;
  canDecide: boolean;
  execution: { status: string; attempts: number; lastError: string | null; result: Record<string, unknown> | null } | null;
  sale: {
    id: string;
    externalId: string;
    completedAt: Date;
    status: string;
    totalMinor: number;
    currency: string;
    lines: { lineNo: number; sku: string; name: string | null; brand: string | null; quantity: number; totalMinor: number; serialNumbers: string[] }[];
  } | null;
  client: {
    id: string;
    name: string;
    tier: string;
    lifetimeValueMinor: number;
    currency: string;
    consentEmail: boolean;
    consentSms: boolean;
    doNotContact: boolean;
    erased: boolean;
    purchases: number;
    lastPurchaseAt: Date | null;
    openTickets: number;
  } | null;
  history: DraftHistoryEntry[];
};

/** Everything the detail pane shows, or null when the draft is outside the viewer's kinds or stores. */
export async function getDraftDetail(db: Executor, viewer: Viewer, id: string, now = new Date()): Promise<DraftDetail | null> {
  const claimer = alias(users, "claimer");
  const decider = alias(users, "decider");
  const editor = alias(users, "editor");
  const [row] = await db
    .select({
      draft: drafts,
      store: { id: stores.id, code: stores.code, name: stores.name, currency: stores.currency, rolloutPhase: stores.rolloutPhase, goLiveDate: stores.goLiveDate },
      claimedByName: claimer.name,
      decidedByName: decider.name,
      editedByName: editor.name,
      execution: { status: draftExecutions.status, attempts: draftExecutions.attempts, lastError: draftExecutions.lastError, result: draftExecutions.result },
    })
    .from(drafts)
    .innerJoin(stores, eq(stores.id, drafts.storeId))
    .leftJoin(claimer, eq(claimer.id, drafts.claimedById))
    .leftJoin(decider, eq(decider.id, drafts.decidedById))
    .leftJoin(editor, eq(editor.id, drafts.editedById))
    .leftJoin(draftExecutions, eq(draftExecutions.draftId, drafts.id))
    .where(eq(drafts.id, id));
  if (!row || !isReviewKind(row.draft.kind)) return null;
  const kind = row.draft.kind;
  const readScope = scopeOf(viewer.role, readPermission(kind));
  if (!(readScope === "all" || (readScope === "own" && viewer.storeIds.includes(row.draft.storeId)))) return null;
  const reviewScope = scopeOf(viewer.role, reviewPermission(kind));
  const canDecide = reviewScope === "all" || (reviewScope === "own" && viewer.storeIds.includes(row.draft.storeId));
  const d = row.draft;

  const [sale, client, history] = await Promise.all([
    d.saleId ? loadSale(db, d.saleId) : null,
    d.customerId && scopeOf(viewer.role, "customers.read") !== null ? loadClient(db, d.customerId) : null,
    loadHistory(db, d.id),
  ]);
  const claimActive = d.claimedUntil !== null && d.claimedUntil > now;
  return {
    id: d.id,
    kind,
    status: d.status,
    version: d.version,
    priority: d.priority,
    flags: d.flags,
    output: d.output,
    editedOutput: d.editedOutput,
    editedByName: row.editedByName,
    editedAt: d.editedAt,
    rationale: d.rationale,
    error: d.error,
    blockedReason: d.blockedReason,
    store: row.store,
    createdAt: d.createdAt,
    expiresAt: d.expiresAt,
    modelId: d.modelId,
    promptId: d.promptId,
    promptVersion: d.promptVersion,
    inputHash: d.inputHash,
    latencyMs: d.latencyMs,
    usage: d.usage ?? null,
    sourceEventId: d.sourceEventId,
    sourceTransactionId: d.sourceTransactionId,
    decidedByName: row.decidedByName,
    decidedByRuleId: d.decidedByRuleId,
    decidedAt: d.decidedAt,
    decisionReason: d.decisionReason,
    decisionNote: d.decisionNote,
    claimedByName: claimActive ? row.claimedByName : null,
    claimedUntil: claimActive ? d.claimedUntil : null,
    claimedByMe: claimActive && d.claimedById === viewer.id,
    canDecide,
    execution: row.execution?.status ? row.execution : null,
    sale,
    client,
    history,
  };
}

async function loadSale(db: Executor, saleId: string): Promise<DraftDetail["sale"]> {
  const [sale] = await db
    .select({ id: sales.id, externalId: sales.externalId, completedAt: sales.completedAt, status: sales.status, totalMinor: sales.totalMinor, currency: sales.currency })
    .from(sales)
    .where(eq(sales.id, saleId));
  if (!sale) return null;
  const lines = await db
    .select({
      lineNo: saleLines.lineNo,
      sku: saleLines.sku,
      name: products.name,
      brand: products.brand,
      quantity: saleLines.quantity,
      totalMinor: saleLines.totalMinor,
      serialNumbers: saleLines.serialNumbers,
    })
    .from(saleLines)
    .leftJoin(products, eq(products.id, saleLines.productId))
    .where(eq(saleLines.saleId, saleId))
    .orderBy(asc(saleLines.lineNo));
  return { ...sale, lines };
}

async function loadClient(db: Executor, customerId: string): Promise<DraftDetail["client"]> {
  const [c] = await db
    .select({
      id: customers.id,
      firstName: customers.firstName,
      lastName: customers.lastName,
      tier: customers.tier,
      lifetimeValueMinor: customers.lifetimeValueMinor,
      currency: customers.currency,
      consentEmail: customers.consentEmail,
      consentSms: customers.consentSms,
      doNotContact: customers.doNotContact,
      erasedAt: customers.erasedAt,
      purchases: sql<number>`(select count(*)::int from ${sales} s where s.customer_id = customers.id and s.status = 'completed')`,
      lastPurchaseAt: sql<string | null>`(select max(s.completed_at) from ${sales} s where s.customer_id = customers.id and s.status = 'completed')`,
      openTickets: sql<number>`(select count(*)::int from ${serviceTickets} t where t.customer_id = customers.id and t.status not in ('closed', 'cancelled'))`,
    })
    .from(customers) // the subqueries name `customers.id` outright: drizzle leaves a lone table's columns unqualified
    .where(eq(customers.id, customerId));
  if (!c) return null;
  return {
    id: c.id,
    name: c.erasedAt ? "Erased client" : `${c.firstName} ${c.lastName}`,
    tier: c.tier,
    lifetimeValueMinor: c.lifetimeValueMinor,
    currency: c.currency,
    consentEmail: c.consentEmail,
    consentSms: c.consentSms,
    doNotContact: c.doNotContact,
    erased: c.erasedAt !== null,
    purchases: c.purchases,
    lastPurchaseAt: c.lastPurchaseAt ? new Date(c.lastPurchaseAt) : null,
    openTickets: c.openTickets,
  };
}

async function loadHistory(db: Executor, draftId: string): Promise<DraftHistoryEntry[]> {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.occurredAt,
      action: auditLog.action,
      outcome: auditLog.outcome,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      actorName: users.name,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, and(eq(auditLog.actorType, "user"), eq(users.id, sql`case when ${auditLog.actorId} ~ '^[0-9a-f-]{36}$' then ${auditLog.actorId}::uuid end`)))
    .where(and(eq(auditLog.targetType, "draft"), eq(auditLog.targetId, draftId)))
    .orderBy(asc(auditLog.id))
    .limit(200);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    outcome: r.outcome,
    actorType: r.actorType,
    actorName: r.actorName ?? (r.actorType === "ai" ? "AI drafter" : r.actorType === "rule" ? `Rule ${String(r.details.ruleName ?? r.actorId ?? "")}` : (r.actorId ?? "system")),
    details: r.details,
  }));
}
