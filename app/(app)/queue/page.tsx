import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getDb } from "@/db/client";
import { QueueFilters } from "@/components/queue/queue-filters";
import { QueueTabs } from "@/components/queue/queue-tabs";
import { QueueWorkspace } from "@/components/queue/queue-workspace";
import { queueHref, type QueueView } from "@/components/queue/queue-href";
import { PageHeader } from "@/components/shell/page-header";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { canReview, getDraftDetail, listQueue, parseQueueParams, queueCounts, visibleKinds } from "@/lib/review/queue";
import { KIND_LABEL } from "@/lib/review/kinds";

export const metadata: Metadata = { title: "Review queue" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** "4 min", "3 h", "2 d": how long a draft has waited, as the list shows it. */
function ageOf(createdAt: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / 1440)} d`;
}

export default async function QueuePage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  const kinds = visibleKinds(viewer);
  if (kinds.length === 0) forbidden();
  const requested = parseQueueParams(await searchParams);
  const showTier = can(viewer, "customers.read");
  const params = {
    ...requested,
    kind: kinds.includes(requested.kind) ? requested.kind : kinds[0],
    store: requested.store && viewer.storeIds.includes(requested.store) ? requested.store : undefined,
    tier: showTier ? requested.tier : undefined,
  };
  const view: QueueView = { kind: params.kind, status: params.status, store: params.store, priority: params.priority, age: params.age, tier: params.tier, sort: params.sort };

  const db = getDb();
  const now = new Date();
  const [counts, page, detail] = await Promise.all([
    queueCounts(db, viewer),
    listQueue(db, viewer, params, { now }),
    params.draft ? getDraftDetail(db, viewer, params.draft, now) : null,
  ]);
  const timezones = Object.fromEntries(viewer.stores.map((store) => [store.id, store.timezone]));

  return (
    <>
      <PageHeader
        title="Review queue"
        description="Nothing the AI drafts reaches a client, a workshop or a supplier until someone here approves it."
      />
      <QueueTabs kinds={kinds} current={params.kind} counts={counts} view={view} />
      <QueueFilters view={view} stores={viewer.stores} showTier={showTier} />
      <QueueWorkspace
        key={`${params.kind}:${params.status}`}
        kind={params.kind}
        kindLabel={KIND_LABEL[params.kind]}
        status={params.status}
        rows={page.rows.map((row) => ({ ...row, age: ageOf(row.createdAt, now) }))}
        detail={detail}
        draftParam={params.draft ?? null}
        canReviewKind={canReview(viewer, params.kind)}
        showClient={showTier}
        tabHrefs={kinds.map((kind) => queueHref({ ...view, kind, store: view.store }))}
        view={view}
        firstHref={params.cursor ? queueHref(view) : null}
        nextHref={page.nextCursor ? queueHref(view, { cursor: page.nextCursor }) : null}
        cursor={params.cursor ?? null}
        timezones={timezones}
      />
    </>
  );
}
