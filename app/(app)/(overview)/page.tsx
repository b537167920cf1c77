import type { Metadata } from "next";
import Link from "next/link";
import { CalendarClock, Gem, Lightbulb, MessageSquareHeart, Receipt, Sparkles, Wrench } from "lucide-react";
import type { ReactNode } from "react";
import { getDb } from "@/db/client";
import { categoryLabel, formatDay, formatMoney, formatNumber } from "@/components/format";
import { PageHeader } from "@/components/shell/page-header";
import { Stat } from "@/components/overview/stat";
import {
  HighValueSalesPanel,
  PendingRecommendationsPanel,
  PurchaseOrdersPanel,
  ReviewBacklogPanel,
  StockRiskPanel,
  SyncPanel,
  TicketsDuePanel,
} from "@/components/overview/attention-cards";
import { DashboardFiltersBar } from "@/components/overview/dashboard-filters";
import { DecisionTimeChart } from "@/components/overview/decision-time-chart";
import { DraftActivityChart } from "@/components/overview/draft-activity-chart";
import { formatPercent } from "@/components/overview/format";
import { RateChart } from "@/components/overview/rate-chart";
import { RejectReasonsChart } from "@/components/overview/reject-reasons-chart";
import { SalesByStoreChart } from "@/components/overview/sales-by-store-chart";
import { SuggestionFeedbackChart } from "@/components/overview/suggestion-feedback-chart";
import { UserActivityChart } from "@/components/overview/user-activity-chart";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getActiveStoreId, requireViewer } from "@/lib/auth/session";
import { can, type Viewer } from "@/lib/auth/viewer";
import { REVIEW_TARGET_HOURS } from "@/lib/overview/attention";
import { getDashboard, type Dashboard } from "@/lib/overview/dashboard";
import { localDay, parseDashboardFilters, viewerTimeZone } from "@/lib/overview/filters";
import { getClientSummary } from "@/lib/overview/queries";
import { KIND_LABEL, REJECT_REASONS, REVIEW_KINDS, type ReviewKind } from "@/lib/review/kinds";

export const metadata: Metadata = { title: "Overview" };

function greeting(now: Date, timeZone: string): string {
  const hour = Number(new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone }).format(now));
  return hour < 12 ? "Good morning" : hour < 18 ? "Good afternoon" : "Good evening";
}

function scopeLabel(viewer: Viewer, storeId: string | null): string {
  const store = viewer.stores.find((s) => s.id === storeId);
  if (store) return store.name;
  if (viewer.role === "admin" || viewer.role === "buyer") return "all stores";
  if (viewer.stores.length === 1) return viewer.stores[0].name;
  if (viewer.stores.length === 2) return `${viewer.stores[0].name} and ${viewer.stores[1].name}`;
  return `your ${viewer.stores.length} stores`;
}

function Section({ id, title, description, children }: { id: string; title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-10">
      <div className="mb-4 flex flex-col gap-0.5">
        <h2 id={id} className="text-xs font-medium tracking-[0.14em] text-muted-foreground uppercase">
          {title}
        </h2>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

const kindColor = (kind: ReviewKind) => REVIEW_KINDS.indexOf(kind) + 1;
const shortKind = (kind: ReviewKind) => KIND_LABEL[kind].replace("Purchase recommendations", "Recommendations");

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const now = new Date();
  const timeZone = viewerTimeZone(viewer);
  const filters = parseDashboardFilters(await searchParams, { today: localDay(now, timeZone), storeIds: viewer.storeIds, fallbackStoreId: await getActiveStoreId(viewer) });
  const db = getDb();
  const hasDashboard = can(viewer, "inventory.read") || REVIEW_KINDS.some((k) => can(viewer, `drafts.review.${k}`));
  const [dashboard, clients] = await Promise.all([
    hasDashboard ? getDashboard({ db, viewer, filters, now }) : null,
    !hasDashboard && can(viewer, "customers.read") ? getClientSummary({ db, viewer, activeStoreId: filters.storeId }) : null,
  ]);
  const firstName = viewer.name.split(" ")[0];

  return (
    <>
      <PageHeader
        title={`${greeting(now, timeZone)}, ${firstName}`}
        description={
          dashboard ? (
            <>
              {scopeLabel(viewer, filters.storeId)} · {formatDay(filters.from)} – {formatDay(filters.to)}, in each store&apos;s local days
            </>
          ) : (
            <>Figures for {scopeLabel(viewer, filters.storeId)}.</>
          )
        }
      />
      {dashboard ? (
        <>
          <div className="mb-8">
            <DashboardFiltersBar filters={filters} stores={viewer.stores} />
          </div>
          <AttentionSection dashboard={dashboard} viewer={viewer} now={now} />
          <AiSection dashboard={dashboard} />
          <OutcomesSection dashboard={dashboard} />
          {dashboard.attention.userActivity ? (
            <Section id="overview-team" title="Team">
              <Card className="px-5">
                <UserActivityChart {...dashboard.attention.userActivity} />
              </Card>
            </Section>
          ) : null}
        </>
      ) : clients ? (
        <Section id="overview-clients" title="Clients and after-sales">
          <div className="grid gap-4 sm:grid-cols-3">
            <Stat icon={Gem} label="Clients" value={formatNumber(clients.clients)} detail={<Link href="/clients" className="underline decoration-gold/60 underline-offset-4 hover:decoration-gold">Open the client list</Link>} />
            <Stat icon={CalendarClock} label="Services due in 30 days" value={formatNumber(clients.servicesDueSoon)} detail="Pieces owned by your clients" />
            <Stat icon={Wrench} label="Open service tickets" value={formatNumber(clients.openServiceTickets)} detail="Open, in progress, waiting for parts or ready" />
          </div>
        </Section>
      ) : (
        <EmptyState icon={Gem} title="Nothing to show here yet" description="Your role has no figures on the overview. The sections in the menu are the ones open to you." />
      )}
    </>
  );
}

function AttentionSection({ dashboard, viewer, now }: { dashboard: Dashboard; viewer: Viewer; now: Date }) {
  const a = dashboard.attention;
  return (
    <Section id="overview-now" title="Needs attention now">
      <div className="grid gap-4 lg:grid-cols-3">
        {a.backlog.length > 0 ? <ReviewBacklogPanel rows={a.backlog} now={now} /> : null}
        {a.pendingRecommendations ? <PendingRecommendationsPanel totals={a.pendingRecommendations} /> : null}
        {a.ticketsDue ? <TicketsDuePanel tickets={a.ticketsDue} /> : null}
        {can(viewer, "inventory.read") && viewer.role !== "buyer" ? <HighValueSalesPanel sales={a.highValueSales} /> : null}
        {a.sync ? <SyncPanel sync={a.sync} showAll={can(viewer, "connections.manage")} /> : null}
        {a.stockRisks && viewer.role !== "manager" ? <StockRiskPanel risks={a.stockRisks} /> : null}
        {a.purchaseOrders ? <PurchaseOrdersPanel orders={a.purchaseOrders} /> : null}
      </div>
    </Section>
  );
}

function AiSection({ dashboard }: { dashboard: Dashboard }) {
  const { activity, acceptance, decisionTimes, rejectReasons } = dashboard.ai;
  if (activity.kinds.length === 0) return null;
  const created = activity.kinds.reduce((s, k) => s + activity.totals[k].created, 0);
  const approved = activity.kinds.reduce((s, k) => s + activity.totals[k].approved, 0);
  const edited = activity.kinds.reduce((s, k) => s + activity.totals[k].edited, 0);
  const rejected = activity.kinds.reduce((s, k) => s + activity.totals[k].rejected, 0);
  const kinds = activity.kinds.map((kind) => ({ kind, label: shortKind(kind), colorIndex: kindColor(kind) }));
  return (
    <Section id="overview-ai" title="AI drafts" description="Is the AI earning its keep? What reviewers did with its drafts in the period.">
      <div className="mb-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat icon={Sparkles} label="Drafts created" value={formatNumber(created)} detail={`${formatNumber(approved + rejected)} decided by a reviewer or rule`} />
        <Stat icon={Sparkles} label="Accepted" value={formatPercent(approved + rejected > 0 ? approved / (approved + rejected) : null)} detail={`${formatNumber(approved)} approved, ${formatNumber(rejected)} rejected`} />
        <Stat icon={Sparkles} label="Approved as drafted" value={formatPercent(approved > 0 ? (approved - edited) / approved : null)} detail={`${formatNumber(edited)} needed edits first`} />
        <Stat
          icon={Sparkles}
          label="Median time to decide"
          value={decisionTimes.find((d) => d.decided > 0)?.medianSeconds ? formatMedian(decisionTimes) : "–"}
          detail={`Target ${REVIEW_TARGET_HOURS} h; per kind below`}
        />
      </div>
      <Card className="mb-4 px-5">
        <h3 className="font-serif text-lg leading-tight font-medium tracking-tight">Drafts per day</h3>
        <DraftActivityChart days={activity.days} series={activity.kinds.map((kind) => ({ kind, label: shortKind(kind), perDay: activity.perDay[kind] }))} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="px-5">
          <RateChart
            rows={acceptance.map((r) => ({
              label: `${shortKind(r.kind)} · ${r.promptVersion || "no version"}`,
              acceptance: r.acceptanceRate,
              edits: r.editRate,
              approved: r.approved,
              rejected: r.rejected,
              edited: r.edited,
            }))}
          />
        </Card>
        <Card className="px-5">
          <DecisionTimeChart
            targetHours={REVIEW_TARGET_HOURS}
            rows={decisionTimes.map((d) => ({ label: shortKind(d.kind), decided: d.decided, medianSeconds: d.medianSeconds, p90Seconds: d.p90Seconds }))}
          />
        </Card>
        <Card className="px-5 lg:col-span-2">
          {rejectReasons.length === 0 ? (
            <div>
              <h3 className="font-serif text-lg font-medium tracking-tight">Why drafts are rejected</h3>
              <p className="mt-1 text-sm text-muted-foreground">No rejections in the period.</p>
            </div>
          ) : (
            <RejectReasonsChart
              kinds={kinds}
              rows={rejectReasons.map((r) => ({ reason: r.reason, label: REJECT_REASONS[r.reason as keyof typeof REJECT_REASONS] ?? r.reason, byKind: r.byKind, total: r.rejected }))}
            />
          )}
        </Card>
      </div>
    </Section>
  );
}

/** The median over all kinds is not a sum of medians: show the busiest kind's. */
function formatMedian(times: Dashboard["ai"]["decisionTimes"]): string {
  const busiest = [...times].sort((a, b) => b.decided - a.decided)[0];
  if (!busiest?.medianSeconds) return "–";
  const s = busiest.medianSeconds;
  return s < 5400 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;
}

function OutcomesSection({ dashboard }: { dashboard: Dashboard }) {
  const { suggestions, tickets, sales, salesTotals } = dashboard.outcomes;
  if (!suggestions && !tickets && !sales) return null;
  return (
    <Section id="overview-outcomes" title="Outcomes" description="What happened in the shop after the drafts were approved, from POS data.">
      <div className={`mb-4 grid gap-4 sm:grid-cols-2 ${suggestions ? "xl:grid-cols-4" : "lg:grid-cols-3"}`}>
        {suggestions ? (
          <Stat
            icon={Lightbulb}
            label="Suggested items bought within 30 days"
            value={formatPercent(suggestions.rate)}
            detail={`${formatNumber(suggestions.bought)} of ${formatNumber(suggestions.suggested)} next-best actions in approved notes`}
          />
        ) : null}
        {suggestions ? (
          <Stat
            icon={MessageSquareHeart}
            label="Suggestions used by associates"
            value={formatPercent(suggestions.suggested > 0 ? suggestions.used / suggestions.suggested : null)}
            detail={`${formatNumber(suggestions.used)} used (${formatNumber(suggestions.usedBought)} then bought), ${formatNumber(suggestions.dismissed)} dismissed`}
          />
        ) : null}
        {tickets ? (
          <Stat
            icon={Wrench}
            label="Approved service tickets completed"
            value={formatPercent(tickets.rate)}
            detail={`${formatNumber(tickets.completed)} of ${formatNumber(tickets.fromDrafts - tickets.cancelled)} opened from drafts; ${formatNumber(tickets.open)} still open`}
          />
        ) : null}
        {salesTotals ? (
          <Stat
            icon={Receipt}
            label="Sales in the period"
            value={salesTotals.length === 0 ? "–" : salesTotals.map((t) => formatMoney(t.revenueMinor, t.currency, { compact: true })).join(" · ")}
            detail={`${formatNumber(salesTotals.reduce((s, t) => s + t.sales, 0))} completed sales, each in its own currency`}
          />
        ) : null}
      </div>
      {suggestions ? (
        <Card className="mb-4 px-5">
          {suggestions.suggested === 0 ? (
            <div>
              <h3 className="font-serif text-lg font-medium tracking-tight">What associates did with the suggestions</h3>
              <p className="mt-1 text-sm text-muted-foreground">No clienteling notes with suggestions were approved in the period.</p>
            </div>
          ) : (
            <SuggestionFeedbackChart rows={suggestions.byPromptVersion.map((r) => ({ label: r.promptVersion || "no version", ...r }))} />
          )}
        </Card>
      ) : null}
      {sales ? (
        <Card className="px-5">
          {sales.stores.length === 0 ? (
            <div>
              <h3 className="font-serif text-lg font-medium tracking-tight">Sales by store and category</h3>
              <p className="mt-1 text-sm text-muted-foreground">No sales in the period.</p>
            </div>
          ) : (
            <SalesByStoreChart
              categories={sales.categories.map((c) => ({ key: c, label: categoryLabel(c) }))}
              stores={sales.stores.map((s) => ({
                code: s.code,
                name: s.name,
                revenue: formatMoney(s.revenueMinor, s.currency),
                units: Object.fromEntries(Object.entries(s.byCategory).map(([c, v]) => [c, v.units])),
              }))}
            />
          )}
        </Card>
      ) : null}
    </Section>
  );
}
