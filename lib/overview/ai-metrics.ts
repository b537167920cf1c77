import "server-only";
import { and, asc, between, sql } from "drizzle-orm";
import { draftDaily, draftDecisionTimeDaily, rejectReasonDaily } from "@/db/schema/rollups";
import { REJECT_REASONS, type RejectReason, type ReviewKind } from "@/lib/review/kinds";
import { dayList } from "./filters";
import { draftsInScope, type DashboardScope } from "./scope";

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

/** Drafts created / approved / edited / rejected / expired per local day and kind (draft_daily). */
export async function getDraftActivity(scope: DashboardScope): Promise<DraftActivity> {
  const { filters, db } = scope;
  const { kinds, where } = draftsInScope(scope, draftDaily.kind, draftDaily.storeId);
  const days = dayList(filters.from, filters.to);
  const perDay: DraftActivity["perDay"] = Object.fromEntries(kinds.map((k) => [k, days.map(zero)]));
  const totals: DraftActivity["totals"] = Object.fromEntries(kinds.map((k) => [k, zero()]));
  if (kinds.length === 0) return { kinds, days, perDay, totals };
  const rows = await db
    .select({
      day: draftDaily.day,
      kind: draftDaily.kind,
      created: sql<number>`sum(${draftDaily.created})::int`,
      approved: sql<number>`sum(${draftDaily.approved})::int`,
      edited: sql<number>`sum(${draftDaily.edited})::int`,
      rejected: sql<number>`sum(${draftDaily.rejected})::int`,
      expired: sql<number>`sum(${draftDaily.expired})::int`,
    })
    .from(draftDaily)
    .where(and(between(draftDaily.day, filters.from, filters.to), where))
    .groupBy(draftDaily.day, draftDaily.kind);
  const index = new Map(days.map((d, i) => [d, i]));
  for (const row of rows) {
    const i = index.get(row.day);
    if (i === undefined || !perDay[row.kind]) continue;
    for (const outcome of DRAFT_OUTCOMES) {
      perDay[row.kind][i][outcome] += row[outcome];
      totals[row.kind][outcome] += row[outcome];
    }
  }
  return { kinds, days, perDay, totals };
}

/** Acceptance and edit rate per kind and prompt version, over decisions made in the range. */
export async function getAcceptance(scope: DashboardScope): Promise<AcceptanceRow[]> {
  const { filters, db } = scope;
  const { kinds, where } = draftsInScope(scope, draftDaily.kind, draftDaily.storeId);
  if (kinds.length === 0) return [];
  const rows = await db
    .select({
      kind: draftDaily.kind,
      promptVersion: draftDaily.promptVersion,
      approved: sql<number>`sum(${draftDaily.approved})::int`,
      edited: sql<number>`sum(${draftDaily.edited})::int`,
      rejected: sql<number>`sum(${draftDaily.rejected})::int`,
    })
    .from(draftDaily)
    .where(and(between(draftDaily.day, filters.from, filters.to), where))
    .groupBy(draftDaily.kind, draftDaily.promptVersion)
    .having(sql`sum(${draftDaily.approved}) + sum(${draftDaily.rejected}) > 0`)
    .orderBy(asc(draftDaily.kind), asc(draftDaily.promptVersion));
  return rows
    .map((r) => ({
      kind: r.kind as ReviewKind,
      promptVersion: r.promptVersion,
      approved: r.approved,
      edited: r.edited,
      rejected: r.rejected,
      acceptanceRate: r.approved + r.rejected > 0 ? r.approved / (r.approved + r.rejected) : null,
      editRate: r.approved > 0 ? r.edited / r.approved : null,
    }))
    .sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || a.promptVersion.localeCompare(b.promptVersion));
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
  const { kinds, where } = draftsInScope(scope, draftDecisionTimeDaily.kind, draftDecisionTimeDaily.storeId);
  if (kinds.length === 0) return [];
  const rows = await db
    .select({ kind: draftDecisionTimeDaily.kind, bucket: draftDecisionTimeDaily.bucket, decided: sql<number>`sum(${draftDecisionTimeDaily.decided})::int` })
    .from(draftDecisionTimeDaily)
    .where(and(between(draftDecisionTimeDaily.day, filters.from, filters.to), where))
    .groupBy(draftDecisionTimeDaily.kind, draftDecisionTimeDaily.bucket);
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
  const { kinds, where } = draftsInScope(scope, rejectReasonDaily.kind, rejectReasonDaily.storeId);
  if (kinds.length === 0) return [];
  const rows = await db
    .select({ reason: rejectReasonDaily.reason, kind: rejectReasonDaily.kind, rejected: sql<number>`sum(${rejectReasonDaily.rejected})::int` })
    .from(rejectReasonDaily)
    .where(and(between(rejectReasonDaily.day, filters.from, filters.to), where))
    .groupBy(rejectReasonDaily.reason, rejectReasonDaily.kind);
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
