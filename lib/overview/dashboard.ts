import "server-only";
import type { Executor } from "@/db/client";
import type { Viewer } from "@/lib/auth/viewer";
import { getUserActivity, type UserActivity } from "./activity";
import { getDecisionTimes, getDraftMetrics, getRejectReasons, type AcceptanceRow, type DecisionTime, type DraftActivity, type RejectReasonCount } from "./ai-metrics";
import { getHighValueSalesToday, getReviewBacklog, getSyncSummary, getTicketsDue, type BacklogRow, type HighValueSale, type SyncSummary, type TicketsDue } from "./attention";
import { getPendingRecommendations, getPurchaseOrdersThisMonth, getStockRisks, type MoneyTotal, type StockRisk } from "./buying";
import type { DashboardFilters } from "./filters";
import { getSalesByStoreCategory, getSalesTotals, getSuggestionOutcome, getTicketOutcome, type SalesTotal, type StoreCategorySales, type SuggestionOutcome, type TicketOutcome } from "./outcomes";
import type { DashboardScope } from "./scope";

export type Dashboard = {
  filters: DashboardFilters;
  /** what needs a person now; each part is null when the viewer's permissions do not reach it */
  attention: {
    backlog: BacklogRow[];
    highValueSales: HighValueSale[];
    ticketsDue: TicketsDue | null;
    sync: SyncSummary | null;
    pendingRecommendations: MoneyTotal[] | null;
    stockRisks: { total: number; rows: StockRisk[] } | null;
    purchaseOrders: { totals: MoneyTotal[]; open: number } | null;
    userActivity: UserActivity | null;
  };
  /** whether the AI earns its keep, over the date range */
  ai: { activity: DraftActivity; acceptance: AcceptanceRow[]; decisionTimes: DecisionTime[]; rejectReasons: RejectReasonCount[] };
  outcomes: { suggestions: SuggestionOutcome | null; tickets: TicketOutcome | null; sales: StoreCategorySales | null; salesTotals: SalesTotal[] | null };
};

/**
 * Everything the overview shows, for one viewer and filter set. Every figure is scoped in SQL by the
 * permission it needs; aggregates over the range read the rollup tables (migration 0008_rollups),
 * the "now" parts read indexed slices of the base tables. All queries run concurrently.
 */
export async function getDashboard({ db, viewer, filters, now = new Date() }: { db: Executor; viewer: Viewer; filters: DashboardFilters; now?: Date }): Promise<Dashboard> {
  const scope: DashboardScope = { db, viewer, filters, now };
  const [backlog, highValueSales, ticketsDue, sync, pendingRecommendations, stockRisks, purchaseOrders, userActivity, { activity, acceptance }, decisionTimes, rejectReasons, suggestions, tickets, sales, salesTotals] =
    await Promise.all([
      getReviewBacklog(scope),
      getHighValueSalesToday(scope),
      getTicketsDue(scope),
      getSyncSummary(scope),
      getPendingRecommendations(scope),
      getStockRisks(scope),
      getPurchaseOrdersThisMonth(scope),
      getUserActivity(scope),
      getDraftMetrics(scope),
      getDecisionTimes(scope),
      getRejectReasons(scope),
      getSuggestionOutcome(scope),
      getTicketOutcome(scope),
      getSalesByStoreCategory(scope),
      getSalesTotals(scope),
    ]);
  return {
    filters,
    attention: { backlog, highValueSales, ticketsDue, sync, pendingRecommendations, stockRisks, purchaseOrders, userActivity },
    ai: { activity, acceptance, decisionTimes, rejectReasons },
    outcomes: { suggestions, tickets, sales, salesTotals },
  };
}
