import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import { drafts, purchaseOrders, replenishmentRuns, stores, type ReplenishmentRunStatus } from "@/db/schema";
import { storeCondition, type Viewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { purchaseRecommendationSchema, readPermission, type PurchaseRecommendationOutput } from "@/lib/review/kinds";

// Read side of the buyer's replenishment screens. Every query is scoped to the stores the viewer may
// read purchase recommendations of, in its `where`: a row outside them is simply not found.

const READ = readPermission("purchase_recommendation");

export const RECOMMENDATION_SORTS = ["risk", "value"] as const;
export type RecommendationSort = (typeof RECOMMENDATION_SORTS)[number];

/** The group a recommendation belongs to: its supplier, or the transfers between stores. */
export const TRANSFERS_GROUP = "transfers";

export type RecommendationFilters = { storeId?: string; group?: string; sort: RecommendationSort; limit: number };

export type Recommendation = {
  id: string;
  version: number;
  storeId: string;
  storeName: string;
  fromStoreName: string | null;
  group: string;
  /** goods value: quantity × unit cost (for a purchase, the order's cost) */
  valueMinor: number;
  stockOutRisk: number;
  createdAt: Date;
  output: PurchaseRecommendationOutput;
};

export type RecommendationGroup = {
  key: string;
  /** per currency: a supplier may invoice in one, stores may keep stock in several */
  totals: { currency: string; valueMinor: number }[];
  count: number;
  highestRisk: number;
};

const goodsValue = sql<number>`(select coalesce(sum((l->>'quantity')::bigint * (l->>'unitCostMinor')::bigint), 0) from jsonb_array_elements(${drafts.output}->'lines') l)`;
const groupKey = sql<string>`case when ${drafts.output}->>'type' = 'transfer' then ${TRANSFERS_GROUP} else coalesce(${drafts.output}->>'supplier', 'No supplier') end`;
const risk = sql<number>`coalesce((${drafts.output}->'evidence'->>'stockOutRisk')::float8, 0)`;

function pendingWhere(viewer: Viewer, filters: Pick<RecommendationFilters, "storeId" | "group">): SQL {
  const conditions: SQL[] = [
    eq(drafts.kind, "purchase_recommendation"),
    eq(drafts.status, "pending"),
    storeCondition(viewer, READ, drafts.storeId),
    // only recommendations with order lines and a currency (any other shape stays visible in the review queue)
    sql`jsonb_typeof(${drafts.output}->'lines') = 'array' and ${drafts.output}->>'currency' is not null`,
  ];
  if (filters.storeId) conditions.push(eq(drafts.storeId, filters.storeId));
  if (filters.group) conditions.push(sql`${groupKey} = ${filters.group}`);
  return and(...conditions) as SQL;
}

/** Every group of pending recommendations (within the store filter) with its count, totals and highest risk. */
export async function listRecommendationGroups(db: Executor, viewer: Viewer, filters: Pick<RecommendationFilters, "storeId">): Promise<RecommendationGroup[]> {
  const rows = await db
    .select({
      key: groupKey,
      currency: sql<string>`${drafts.output}->>'currency'`,
      count: sql<number>`count(*)::int`,
      valueMinor: sql<number>`sum(${goodsValue})::bigint`.mapWith(Number),
      highestRisk: sql<number>`max(${risk})`.mapWith(Number),
    })
    .from(drafts)
    .where(pendingWhere(viewer, filters))
    .groupBy(sql`1`, sql`2`);
  const groups = new Map<string, RecommendationGroup>();
  for (const row of rows) {
    const group = groups.get(row.key) ?? { key: row.key, totals: [], count: 0, highestRisk: 0 };
    group.totals.push({ currency: row.currency, valueMinor: row.valueMinor });
    group.count += row.count;
    group.highestRisk = Math.max(group.highestRisk, row.highestRisk);
    groups.set(row.key, group);
  }
  return [...groups.values()];
}

/** The first `limit` pending recommendations in the chosen order (riskiest or costliest first). */
export async function listRecommendations(db: Executor, viewer: Viewer, filters: RecommendationFilters): Promise<Recommendation[]> {
  const fromStore = alias(stores, "from_store");
  const order = filters.sort === "value" ? [desc(goodsValue), desc(risk)] : [desc(risk), desc(goodsValue)];
  const rows = await db
    .select({
      id: drafts.id,
      version: drafts.version,
      storeId: drafts.storeId,
      storeName: stores.name,
      fromStoreName: fromStore.name,
      group: groupKey,
      valueMinor: goodsValue.mapWith(Number),
      stockOutRisk: risk.mapWith(Number),
      createdAt: drafts.createdAt,
      output: drafts.output,
    })
    .from(drafts)
    .innerJoin(stores, eq(stores.id, drafts.storeId))
    .leftJoin(fromStore, sql`${fromStore.id}::text = ${drafts.output}->>'fromStoreId'`)
    .where(pendingWhere(viewer, filters))
    .orderBy(...order, asc(drafts.id))
    .limit(filters.limit);
  return rows.flatMap((row) => {
    const parsed = purchaseRecommendationSchema.safeParse(row.output);
    return parsed.success ? [{ ...row, output: parsed.data }] : [];
  });
}

/** A pending recommendation's output, for an adjustment: not found outside the viewer's stores. */
export async function getPendingRecommendation(db: Executor, viewer: Viewer, id: string): Promise<{ version: number; output: PurchaseRecommendationOutput }> {
  const [row] = await db
    .select({ version: drafts.version, output: drafts.output })
    .from(drafts)
    .where(and(eq(drafts.id, id), pendingWhere(viewer, {})));
  const parsed = row ? purchaseRecommendationSchema.safeParse(row.output) : null;
  if (!row || !parsed?.success) throw new AppError("not_found", "That recommendation is no longer pending. Reload to see the current list.");
  return { version: row.version, output: parsed.data };
}

/** The recommendation with one line's quantity changed; the evidence the buyer saw stays with it. */
export function withQuantity(output: PurchaseRecommendationOutput, quantity: number): PurchaseRecommendationOutput {
  const [first, ...rest] = output.lines;
  return { ...output, lines: [{ ...first, quantity }, ...rest] };
}

export type DecidedRecommendation = {
  id: string;
  status: string;
  storeName: string;
  sku: string;
  name: string;
  quantity: number;
  decidedAt: Date | null;
  purchaseOrderId: string | null;
  purchaseOrderNumber: string | null;
};

/** The latest approved (or rejected) recommendations, with the purchase order each one raised. */
export async function listRecentlyDecided(db: Executor, viewer: Viewer, limit = 8): Promise<DecidedRecommendation[]> {
  const rows = await db
    .select({
      id: drafts.id,
      status: drafts.status,
      storeName: stores.name,
      output: sql<PurchaseRecommendationOutput>`coalesce(${drafts.editedOutput}, ${drafts.output})`,
      decidedAt: drafts.decidedAt,
      purchaseOrderId: purchaseOrders.id,
      purchaseOrderNumber: purchaseOrders.number,
    })
    .from(drafts)
    .innerJoin(stores, eq(stores.id, drafts.storeId))
    .leftJoin(purchaseOrders, eq(purchaseOrders.sourceDraftId, drafts.id))
    .where(
      and(
        eq(drafts.kind, "purchase_recommendation"),
        inArray(drafts.status, ["approved", "held", "executed", "execution_failed", "rejected"]),
        storeCondition(viewer, READ, drafts.storeId),
      ),
    )
    .orderBy(sql`${drafts.decidedAt} desc nulls last`, desc(drafts.id))
    .limit(limit);
  return rows.map(({ output, ...row }) => ({
    ...row,
    sku: output?.lines?.[0]?.sku ?? "—",
    name: output?.lines?.[0]?.name ?? "—",
    quantity: output?.lines?.[0]?.quantity ?? 0,
  }));
}

/** The stores the viewer may filter recommendations by. */
export async function listRecommendationStores(db: Executor, viewer: Viewer): Promise<{ id: string; name: string }[]> {
  return db.select({ id: stores.id, name: stores.name }).from(stores).where(storeCondition(viewer, READ, stores.id)).orderBy(asc(stores.name));
}

export type RunProgress = {
  id: string;
  trigger: "nightly" | "manual";
  status: ReplenishmentRunStatus;
  seriesTotal: number;
  seriesDone: number;
  proposed: number;
  superseded: number;
  unchanged: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

const runColumns = {
  id: replenishmentRuns.id,
  trigger: replenishmentRuns.trigger,
  status: replenishmentRuns.status,
  seriesTotal: replenishmentRuns.seriesTotal,
  seriesDone: replenishmentRuns.seriesDone,
  proposed: replenishmentRuns.proposed,
  superseded: replenishmentRuns.superseded,
  unchanged: replenishmentRuns.unchanged,
  error: replenishmentRuns.error,
  createdAt: replenishmentRuns.createdAt,
  startedAt: replenishmentRuns.startedAt,
  finishedAt: replenishmentRuns.finishedAt,
};

type RunTimes = { createdAt: Date; startedAt: Date | null; finishedAt: Date | null };

function serialized(run: Omit<RunProgress, keyof RunTimes> & RunTimes): RunProgress {
  return {
    ...run,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/**
 * A run's progress. Runs cover every store, so they are readable with forecast.read whatever the
 * viewer's stores; they hold counts only, never another store's rows.
 */
export async function getRunProgress(db: Executor, id: string): Promise<RunProgress | null> {
  const [row] = await db.select(runColumns).from(replenishmentRuns).where(eq(replenishmentRuns.id, id));
  return row ? serialized(row) : null;
}

/** The most recent run (live or finished), for the run panel. */
export async function getLatestRun(db: Executor): Promise<RunProgress | null> {
  const [row] = await db.select(runColumns).from(replenishmentRuns).orderBy(desc(replenishmentRuns.createdAt)).limit(1);
  return row ? serialized(row) : null;
}

export type AccuracyRow = { method: string; demandClass: string; series: number; meanMase: number | null; medianMase: number | null; meanBias: number | null };
export type RunAccuracy = { runId: string; finishedAt: Date | null; seriesTotal: number; classes: Record<string, number>; rows: AccuracyRow[] };

/** The backtest summary of the latest finished run, or null when no run has finished yet. */
export async function getLatestAccuracy(db: Executor): Promise<RunAccuracy | null> {
  const [row] = await db
    .select({ id: replenishmentRuns.id, finishedAt: replenishmentRuns.finishedAt, seriesTotal: replenishmentRuns.seriesTotal, accuracy: replenishmentRuns.accuracy })
    .from(replenishmentRuns)
    .where(and(eq(replenishmentRuns.status, "done"), sql`${replenishmentRuns.accuracy} is not null`))
    .orderBy(desc(replenishmentRuns.finishedAt))
    .limit(1);
  if (!row?.accuracy) return null;
  const accuracy = row.accuracy as { classes?: Record<string, number>; rows?: AccuracyRow[] };
  return { runId: row.id, finishedAt: row.finishedAt, seriesTotal: row.seriesTotal, classes: accuracy.classes ?? {}, rows: accuracy.rows ?? [] };
}
