import "server-only";
import { sql } from "drizzle-orm";
import { draftDaily, draftDailyAll, draftDecisionTimeDaily, draftDecisionTimeDailyAll, rejectReasonDaily, rejectReasonDailyAll } from "@/db/schema/rollups";
import { REJECT_REASONS, type RejectReason, type ReviewKind } from "@/lib/review/kinds";
import { dayList } from "./filters";
import { draftRollup, type DashboardScope } from "./scope";

export const DRAFT_OUTCOMES = ["created", "approved", "edited", "rejected", "expired"] as const;
export type DraftOutcome = (typeof DRAFT_OUTCOMES)[number];
export type DraftCounts = Record<DraftOutcome, number>;

export type DraftActivity = {
  kinds: ReviewKind[];
  days: string[];
  /** perDay[kind][i] = counts on days[i] */
  perDay: Record<string, DraftCounts[]>;
  totals: Record<string, DraftCounts>;
};

export type AcceptanceRow = {
  kind: ReviewKind;
  /** '' when the drafts carry no prompt version */
  promptVersion: string;
  approved: number;
  edited: number;
  rejected: number;
  /** approved ÷ (approved + rejected), null without decisions */
  acceptanceRate: number | null;
  /** edited ÷ approved, null without approvals */
  editRate: number | null;
};

export type DecisionTime = { kind: ReviewKind; decided: number; medianSeconds: number | null; p90Seconds: number | null };
export type RejectReasonCount = { reason: RejectReason | string; rejected: number; byKind: Record<string, number> };

const zero = (): DraftCounts => ({ created: 0, approved: 0, edited: 0, rejected: 0, expired: 0 });

/** The draft rollup the viewer reads: per store (narrowed to their stores) or summed over all stores. */
function draftDailyFor(scope: DashboardScope) {
  return draftRollup(scope, { table: draftDaily, kind: draftDaily.kind, storeId: draftDaily.storeId }, { table: draftDailyAll, kind: draftDailyAll.kind });
}

/**
 * Drafts per local day and kind, and acceptance and edit rate per kind and prompt version over the
 * decisions made in the range: both from one read of draft_daily (or its all-stores sum) grouped by
 * day, kind and prompt version.
 */
export async function getDraftMetrics(scope: DashboardScope): Promise<{ activity: DraftActivity; acceptance: AcceptanceRow[] }> {
  const { filters, db } = scope;
  const { kinds, table, where } = draftDailyFor(scope);
  const days = dayList(filters.from, filters.to);
  const perDay: DraftActivity["perDay"] = Object.fromEntries(kinds.map((k) => [k, days.map(zero)]));
  const totals: DraftActivity["totals"] = Object.fromEntries(kinds.map((k) => [k, zero()]));
  if (kinds.length === 0) return { activity: { kinds, days, perDay, totals }, acceptance: [] };
  const rows = await db.execute<{ day: string; kind: ReviewKind; prompt_version: string } & DraftCounts>(sql`
    select day::text as day, kind, prompt_version, sum(created)::int as created, sum(approved)::int as approved,
           sum(edited)::int as edited, sum(rejected)::int as rejected, sum(expired)::int as expired
      from ${table}
     where day between ${filters.from} and ${filters.to} and ${where}
     group by 1, 2, 3`);
  const index = new Map(days.map((d, i) => [d, i]));
  const byVersion = new Map<string, AcceptanceRow>();
  for (const row of rows) {
    const i = index.get(row.day);
    if (i === undefined || !perDay[row.kind]) continue;
    for (const outcome of DRAFT_OUTCOMES) {
      perDay[row.kind][i][outcome] += row[outcome];
      totals[row.kind][outcome] += row[outcome];
    }
    const key = `${row.kind}|${row.prompt_version}`;
    const version = byVersion.get(key) ?? { kind: row.kind, promptVersion: row.prompt_version, approved: 0, edited: 0, rejected: 0, acceptanceRate: null, editRate: null };
    version.approved += row.approved;
    version.edited += row.edited;
    version.rejected += row.rejected;
    byVersion.set(key, version);
  }
  const acceptance = [...byVersion.values()]
    .filter((r) => r.approved + r.rejected > 0)
    .map((r) => ({ ...r, acceptanceRate: r.approved / (r.approved + r.rejected), editRate: r.approved > 0 ? r.edited / r.approved : null }))
    .sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.promptVersion.localeCompare(b.promptVersion));
  return { activity: { kinds, days, perDay, totals }, acceptance };
}

/** A log-scale bucket's representative time: its geometric middle (the bucket is 2^(b/4)…2^((b+1)/4) s). */
export function bucketSeconds(bucket: number): number {
  return 2 ** ((bucket + 0.5) / 4);
}

/** The q-quantile (0–1) of a histogram of buckets, as the bucket's representative time. */
export function histogramQuantile(buckets: { bucket: number; decided: number }[], q: number): number | null {
  const sorted = [...buckets].filter((b) => b.decided > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((sum, b) => sum + b.decided, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const b of sorted) {
    seen += b.decided;
    if (seen >= rank) return bucketSeconds(b.bucket);
  }
  return bucketSeconds(sorted[sorted.length - 1].bucket);
}

/** Median and p90 time from draft to an approval or rejection, per kind, from the histogram rollup. */
export async function getDecisionTimes(scope: DashboardScope): Promise<DecisionTime[]> {
  const { filters, db } = scope;
  const { kinds, table, where } = draftRollup(
    scope,
    { table: draftDecisionTimeDaily, kind: draftDecisionTimeDaily.kind, storeId: draftDecisionTimeDaily.storeId },
    { table: draftDecisionTimeDailyAll, kind: draftDecisionTimeDailyAll.kind },
  );
  if (kinds.length === 0) return [];
  const rows = await db.execute<{ kind: ReviewKind; bucket: number; decided: number }>(sql`
    select kind, bucket, sum(decided)::int as decided from ${table}
     where day between ${filters.from} and ${filters.to} and ${where} group by 1, 2`);
  return kinds.map((kind) => {
    const buckets = rows.filter((r) => r.kind === kind);
    return {
      kind,
      decided: buckets.reduce((sum, b) => sum + b.decided, 0),
      medianSeconds: histogramQuantile(buckets, 0.5),
      p90Seconds: histogramQuantile(buckets, 0.9),
    };
  });
}

/** Rejections per reason (and kind) decided in the range, most frequent first. */
export async function getRejectReasons(scope: DashboardScope): Promise<RejectReasonCount[]> {
  const { filters, db } = scope;
  const { kinds, table, where } = draftRollup(
    scope,
    { table: rejectReasonDaily, kind: rejectReasonDaily.kind, storeId: rejectReasonDaily.storeId },
    { table: rejectReasonDailyAll, kind: rejectReasonDailyAll.kind },
  );
  if (kinds.length === 0) return [];
  const rows = await db.execute<{ reason: string; kind: ReviewKind; rejected: number }>(sql`
    select reason, kind, sum(rejected)::int as rejected from ${table}
     where day between ${filters.from} and ${filters.to} and ${where} group by 1, 2`);
  const byReason = new Map<string, RejectReasonCount>();
  for (const row of rows) {
    if (row.rejected === 0) continue;
    const entry = byReason.get(row.reason) ?? { reason: row.reason, rejected: 0, byKind: {} };
    entry.rejected += row.rejected;
    entry.byKind[row.kind] = (entry.byKind[row.kind] ?? 0) + row.rejected;
    byReason.set(row.reason, entry);
  }
  const order = Object.keys(REJECT_REASONS);
  return [...byReason.values()].sort((a, b) => b.rejected - a.rejected || order.indexOf(a.reason) - order.indexOf(b.reason));
}
