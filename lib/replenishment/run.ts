import { createHash } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { drafts, replenishmentRuns, type ReplenishmentRun } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { PurchaseRecommendationOutput } from "@/lib/review/kinds";
import { assess, PLAN_DEFAULTS, planProposals, rationaleOf, type PlanOptions, type Proposal, type SeriesAssessment } from "./plan";
import { loadSeries } from "./series";

/** The forecasting layer's identity on every draft it writes, like a model id. */
export const FORECAST_MODEL_ID = "vitrine-forecast@1";
export const REPLENISHMENT_PROMPT = { id: "replenishment", version: "2026-11-27.1" } as const;

/** Serialises runs: a nightly run and a buyer's run never supersede each other's drafts halfway. */
const RUN_LOCK = 7_426_101;

export class RunAlreadyLive extends Error {
  constructor(readonly runId: string) {
    super("A replenishment run is already in progress.");
  }
}

/** Queues a run (one live run per trigger), for the worker to execute. */
export async function queueReplenishmentRun(db: Database, args: { trigger: "nightly" | "manual"; requestedById?: string | null }): Promise<string> {
  const [created] = await db
    .insert(replenishmentRuns)
    .values({ trigger: args.trigger, requestedById: args.requestedById ?? null })
    .onConflictDoNothing()
    .returning({ id: replenishmentRuns.id });
  if (created) return created.id;
  const [live] = await db
    .select({ id: replenishmentRuns.id })
    .from(replenishmentRuns)
    .where(and(eq(replenishmentRuns.trigger, args.trigger), inArray(replenishmentRuns.status, ["queued", "running"])));
  throw new RunAlreadyLive(live?.id ?? "");
}

export type RunResult = { runId: string; series: number; proposed: number; superseded: number; unchanged: number };

type Existing = { id: string; version: number; output: PurchaseRecommendationOutput | null; storeId: string; productId: string | null };

function sameProposal(existing: PurchaseRecommendationOutput | null, p: Proposal): boolean {
  if (!existing) return false;
  const line = existing.lines[0];
  return existing.type === p.type && (existing.fromStoreId ?? null) === (p.from?.storeId ?? null) && line?.quantity === p.quantity && line?.productId === p.assessment.series.productId;
}

function outputOf(p: Proposal, asOf: string, options: PlanOptions): PurchaseRecommendationOutput {
  const a: SeriesAssessment = p.assessment;
  const s = a.series;
  return {
    type: p.type,
    supplier: p.type === "purchase" ? s.supplier : null,
    fromStoreId: p.from?.storeId ?? null,
    currency: s.currency,
    lines: [{ productId: s.productId, sku: s.sku, name: s.name, quantity: p.quantity, unitCostMinor: s.unitCostMinor }],
    rationale: rationaleOf(p, options),
    evidence: {
      weekStarts: asOf,
      history: s.history,
      censored: s.censored.flatMap((c, i) => (c ? [i] : [])),
      method: a.method,
      demandClass: a.demandClass,
      weeklyRate: a.weeklyRate,
      band: a.band,
      horizon: options.horizon ?? PLAN_DEFAULTS.horizon,
      leadTimeWeeks: a.leadTimeWeeks,
      reorderPoint: a.reorderPoint,
      safetyStock: a.safetyStock,
      serviceLevel: options.serviceLevel ?? PLAN_DEFAULTS.serviceLevel,
      onHand: s.onHand,
      onOrder: s.onOrder,
      reserved: s.reserved,
      position: a.position,
      stockOutRisk: a.stockOutRisk,
      expectedMarginMinor: p.type === "purchase" ? p.quantity * (s.unitPriceMinor - s.unitCostMinor) : 0,
      brand: s.brand,
    },
  };
}

/** Mean and median backtest MASE and mean bias per method, overall and per demand class. */
export function accuracySummary(assessments: SeriesAssessment[]) {
  const groups = new Map<string, { mase: number[]; bias: number[] }>();
  const add = (key: string, mase: number | null, bias: number) => {
    const g = groups.get(key) ?? { mase: [], bias: [] };
    if (mase !== null && Number.isFinite(mase)) g.mase.push(mase);
    g.bias.push(bias);
    groups.set(key, g);
  };
  const classes: Record<string, number> = {};
  for (const a of assessments) {
    classes[a.demandClass] = (classes[a.demandClass] ?? 0) + 1;
    for (const score of a.backtest) {
      add(`${score.method}|all`, score.mase, score.bias);
      add(`${score.method}|${a.demandClass}`, score.mase, score.bias);
    }
    const chosen = a.backtest.find((s) => s.method === a.method);
    if (chosen) {
      add(`selected|all`, chosen.mase, chosen.bias);
      add(`selected|${a.demandClass}`, chosen.mase, chosen.bias);
    }
  }
  const median = (xs: number[]) => {
    if (!xs.length) return null;
    const sorted = [...xs].sort((x, y) => x - y);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const rows = [...groups.entries()].map(([key, g]) => {
    const [method, demandClass] = key.split("|");
    return {
      method,
      demandClass,
      series: g.mase.length,
      meanMase: g.mase.length ? g.mase.reduce((x, y) => x + y, 0) / g.mase.length : null,
      medianMase: median(g.mase),
      meanBias: g.bias.length ? g.bias.reduce((x, y) => x + y, 0) / g.bias.length : null,
    };
  });
  return { classes, rows };
}

/**
 * One replenishment run: forecast every store × SKU, propose where a store falls below its reorder
 * point, and reconcile with the open recommendations: an unchanged proposal is left alone, a changed
 * one supersedes the pending draft (audited), and one no longer needed is superseded without a
 * successor. Re-running never duplicates an open recommendation. Progress is written as it goes.
 */
export async function executeReplenishmentRun(
  db: Database,
  runId: string,
  options: PlanOptions & { now?: Date; log?: (entry: Record<string, unknown>) => void } = {},
): Promise<RunResult> {
  const now = options.now ?? new Date();
  const [run] = await db
    .update(replenishmentRuns)
    .set({ status: "running", startedAt: now })
    .where(and(eq(replenishmentRuns.id, runId), inArray(replenishmentRuns.status, ["queued", "running"])))
    .returning();
  if (!run) throw new Error(`replenishment run ${runId} is not queued`);
  try {
    const series = await loadSeries(db, { now });
    await db.update(replenishmentRuns).set({ seriesTotal: series.length }).where(eq(replenishmentRuns.id, runId));
    const assessments: SeriesAssessment[] = [];
    for (let i = 0; i < series.length; i++) {
      assessments.push(assess(series[i], options));
      if ((i + 1) % 200 === 0) await db.update(replenishmentRuns).set({ seriesDone: i + 1 }).where(eq(replenishmentRuns.id, runId));
    }
    const proposals = planProposals(assessments);
    const asOf = weekStartOfHistory(now, series[0]?.history.length ?? 104);
    const result = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${RUN_LOCK})`);
      const open = (await tx
        .select({ id: drafts.id, version: drafts.version, output: drafts.output, storeId: drafts.storeId, productId: drafts.productId })
        .from(drafts)
        .where(and(eq(drafts.kind, "purchase_recommendation"), eq(drafts.status, "pending"), sql`${drafts.sourceEventId} like 'replenishment_run:%'`))) as Existing[];
      const openByKey = new Map(open.map((d) => [`${d.storeId}|${d.productId}`, d]));
      const counts = { proposed: 0, superseded: 0, unchanged: 0 };
      const proposedKeys = new Set<string>();

      for (const p of proposals) {
        const s = p.assessment.series;
        const key = `${s.storeId}|${s.productId}`;
        proposedKeys.add(key);
        const existing = openByKey.get(key);
        if (existing && sameProposal(existing.output, p)) {
          counts.unchanged++;
          continue;
        }
        const output = outputOf(p, asOf, options);
        const inputHash = createHash("sha256").update(JSON.stringify([s.history, s.censored, s.onHand, s.onOrder, s.reserved, s.leadTimeDays])).digest("hex");
        const [created] = await tx
          .insert(drafts)
          .values({
            kind: "purchase_recommendation",
            storeId: s.storeId,
            productId: s.productId,
            dedupeKey: `purchase_recommendation:${runId}:${s.storeId}:${s.productId}`,
            output: output as unknown as Record<string, unknown>,
            rationale: output.rationale,
            priority: Math.round(40 + 55 * p.assessment.stockOutRisk),
            valueMinor: p.type === "purchase" ? p.quantity * s.unitCostMinor : 0,
            sourceEventId: `replenishment_run:${runId}`,
            modelId: FORECAST_MODEL_ID,
            promptId: REPLENISHMENT_PROMPT.id,
            promptVersion: REPLENISHMENT_PROMPT.version,
            inputHash,
          })
          .returning({ id: drafts.id });
        counts.proposed++;
        await appendAudit(tx, {
          actorType: "system",
          actorId: "replenishment",
          action: "draft.created",
          targetType: "draft",
          targetId: created.id,
          storeId: s.storeId,
          modelId: FORECAST_MODEL_ID,
          promptVersion: REPLENISHMENT_PROMPT.version,
          details: {
            kind: "purchase_recommendation",
            runId,
            productId: s.productId,
            type: p.type,
            quantity: p.quantity,
            fromStoreId: p.from?.storeId ?? null,
            method: p.assessment.method,
            demandClass: p.assessment.demandClass,
            inputHash,
            ...(existing ? { supersedes: existing.id } : {}),
          },
        });
        if (existing) {
          await supersede(tx, existing, { runId, by: created.id, reason: "changed" });
          counts.superseded++;
        }
      }
      for (const [key, existing] of openByKey) {
        if (proposedKeys.has(key)) continue;
        await supersede(tx, existing, { runId, by: null, reason: "no_longer_needed" });
        counts.superseded++;
      }
      await tx
        .update(replenishmentRuns)
        .set({ status: "done", seriesDone: series.length, ...counts, asOf, accuracy: accuracySummary(assessments), finishedAt: new Date() })
        .where(eq(replenishmentRuns.id, runId));
      await appendAudit(tx, {
        actorType: run.requestedById ? "user" : "system",
        actorId: run.requestedById ?? "replenishment",
        action: "replenishment.run_completed",
        targetType: "replenishment_run",
        targetId: runId,
        details: { trigger: run.trigger, series: series.length, ...counts },
      });
      return counts;
    });
    options.log?.({ msg: "replenishment run done", runId, series: series.length, ...result });
    return { runId, series: series.length, ...result };
  } catch (error) {
    await db
      .update(replenishmentRuns)
      .set({ status: "failed", error: String(error instanceof Error ? error.message : error).slice(0, 500), finishedAt: new Date() })
      .where(eq(replenishmentRuns.id, runId));
    throw error;
  }
}

async function supersede(tx: Parameters<Parameters<Database["transaction"]>[0]>[0], existing: Existing, args: { runId: string; by: string | null; reason: "changed" | "no_longer_needed" }) {
  const [row] = await tx
    .update(drafts)
    .set({ status: "superseded", version: sql`${drafts.version} + 1`, claimedById: null, claimedUntil: null, updatedAt: new Date() })
    .where(and(eq(drafts.id, existing.id), eq(drafts.status, "pending")))
    .returning({ id: drafts.id });
  if (!row) return;
  await appendAudit(tx, {
    actorType: "system",
    actorId: "replenishment",
    action: "draft.superseded",
    targetType: "draft",
    targetId: existing.id,
    storeId: existing.storeId,
    modelId: FORECAST_MODEL_ID,
    details: { kind: "purchase_recommendation", runId: args.runId, supersededBy: args.by, reason: args.reason },
  });
}

/** The Monday of the first week in the history window (UTC date; each store's weeks are its own). */
function weekStartOfHistory(now: Date, weeks: number): string {
  const day = (now.getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day));
  return new Date(monday.getTime() - weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

export type { ReplenishmentRun };
