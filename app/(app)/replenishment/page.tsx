import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { Gauge, PackageCheck } from "lucide-react";
import { getDb } from "@/db/client";
import { formatNumber } from "@/components/format";
import { groupLabel, groupTotal } from "@/components/replenishment/group-label";
import { GroupSummary } from "@/components/replenishment/group-summary";
import { RecentlyDecided } from "@/components/replenishment/recently-decided";
import { RecommendationCard } from "@/components/replenishment/recommendation-card";
import { RecommendationFilters } from "@/components/replenishment/recommendation-filters";
import { RunPanel } from "@/components/replenishment/run-panel";
import { replenishmentHref, type ReplenishmentView } from "@/components/replenishment/view";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import {
  getLatestRun,
  listRecentlyDecided,
  listRecommendationGroups,
  listRecommendations,
  listRecommendationStores,
  type Recommendation,
  type RecommendationGroup,
} from "@/lib/replenishment/queries";

export const metadata: Metadata = { title: "Replenishment" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const PAGE = 20;
const MAX_SHOWN = 200;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseView(params: Record<string, string | string[] | undefined>, storeIds: Set<string>): ReplenishmentView {
  const store = first(params.store);
  const show = Number(first(params.show));
  return {
    store: store && storeIds.has(store) ? store : undefined,
    supplier: first(params.supplier)?.slice(0, 200) || undefined,
    sort: first(params.sort) === "value" ? "value" : "risk",
    show: Number.isInteger(show) && show > PAGE ? Math.min(show, MAX_SHOWN) : undefined,
  };
}

/** Groups in the order of the sort: the costliest, or the one holding the riskiest item, first. */
function orderGroups(groups: RecommendationGroup[], sort: ReplenishmentView["sort"]): RecommendationGroup[] {
  const value = (g: RecommendationGroup) => g.totals.reduce((sum, t) => sum + t.valueMinor, 0);
  return groups.toSorted((a, b) => (sort === "value" ? value(b) - value(a) : b.highestRisk - a.highestRisk || value(b) - value(a)));
}

export default async function ReplenishmentPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "forecast.read") || !can(viewer, "drafts.read.purchase_recommendation")) forbidden();
  const canDecide = can(viewer, "drafts.review.purchase_recommendation");
  const canRun = can(viewer, "purchase_orders.manage");

  const db = getDb();
  const stores = await listRecommendationStores(db, viewer);
  const view = parseView(await searchParams, new Set(stores.map((s) => s.id)));
  const limit = view.show ?? PAGE;
  const [allGroups, recommendations, latestRun, decided] = await Promise.all([
    listRecommendationGroups(db, viewer, { storeId: view.store }),
    listRecommendations(db, viewer, { storeId: view.store, group: view.supplier, sort: view.sort, limit }),
    getLatestRun(db),
    listRecentlyDecided(db, viewer),
  ]);
  const groups = orderGroups(allGroups, view.sort);
  const shownGroups = view.supplier ? groups.filter((g) => g.key === view.supplier) : groups;
  const total = shownGroups.reduce((sum, g) => sum + g.count, 0);
  const byGroup = new Map<string, Recommendation[]>();
  for (const r of recommendations) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);

  return (
    <>
      <PageHeader
        title="Replenishment"
        description="What the forecast proposes to buy or move, and why. Nothing is ordered until a buyer approves it."
        actions={
          <Button asChild variant="outline" size="sm">
            <Link href="/replenishment/accuracy">
              <Gauge aria-hidden /> Forecast accuracy
            </Link>
          </Button>
        }
      />
      <RunPanel key={latestRun?.id ?? "none"} initial={latestRun} canRun={canRun} />
      {canDecide ? null : (
        <Notice tone="info" className="mb-5">
          Read-only: buyers approve, adjust or reject these recommendations. You see those of your stores.
        </Notice>
      )}
      <RecommendationFilters view={view} stores={stores} groups={groups.map((g) => ({ key: g.key, label: groupLabel(g.key) }))} />

      {groups.length === 0 ? (
        <EmptyState
          icon={PackageCheck}
          title="No recommendations waiting"
          description={latestRun?.status === "queued" || latestRun?.status === "running" ? "The forecast is running: its recommendations appear here when it finishes." : latestRun ? "Every store is above its reorder point, or every recommendation has been decided." : "Run the forecast to see what each store should reorder."}
        />
      ) : (
        <div className="flex flex-col gap-8">
          {view.supplier ? null : <GroupSummary groups={groups} view={view} />}
          <p className="text-sm text-muted-foreground" aria-live="polite">
            Showing {formatNumber(recommendations.length)} of {formatNumber(total)} recommendations
            {view.sort === "value" ? ", highest value first" : ", highest stock-out risk first"}.
            {view.supplier ? (
              <>
                {" "}
                <Link href={replenishmentHref(view, { supplier: undefined, show: undefined })} className="underline decoration-gold/50 underline-offset-4 hover:decoration-gold">
                  All suppliers
                </Link>
              </>
            ) : null}
          </p>
          {shownGroups
            .filter((group) => byGroup.has(group.key))
            .map((group) => (
              <section key={group.key} aria-labelledby={`group-${group.key}`} className="flex flex-col gap-3">
                <div className="flex flex-wrap items-baseline justify-between gap-2 border-b pb-2">
                  <h2 id={`group-${group.key}`} className="font-serif text-xl font-medium tracking-tight">
                    {groupLabel(group.key)}
                  </h2>
                  <p className="text-sm text-muted-foreground tabular-nums">
                    {formatNumber(group.count)} {group.count === 1 ? "recommendation" : "recommendations"} · {groupTotal(group)}
                  </p>
                </div>
                {byGroup.get(group.key)?.map((recommendation) => (
                  <RecommendationCard key={recommendation.id} recommendation={recommendation} canDecide={canDecide} />
                ))}
              </section>
            ))}
          {recommendations.length < total && limit < MAX_SHOWN ? (
            <div>
              <Button asChild variant="outline" size="sm">
                <Link href={replenishmentHref(view, { show: Math.min(limit + PAGE, MAX_SHOWN) })} scroll={false}>
                  Show {PAGE} more
                </Link>
              </Button>
            </div>
          ) : null}
        </div>
      )}

      {decided.length > 0 ? (
        <section aria-labelledby="decided-title" className="mt-10 flex flex-col gap-3">
          <h2 id="decided-title" className="font-serif text-xl font-medium tracking-tight">
            Recently decided
          </h2>
          <RecentlyDecided rows={decided} canOpenOrders={canRun} />
        </section>
      ) : null}
    </>
  );
}
