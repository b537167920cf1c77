import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { CircleCheck, PlugZap } from "lucide-react";
import { getDb } from "@/db/client";
import { ConnectionHealthTable } from "@/components/sync/connection-health-table";
import { DeadLetterGroups } from "@/components/sync/dead-letter-table";
import { SyncRuns } from "@/components/sync/sync-runs";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { listConnectionHealth, listConnectionRuns, listDeadLetters } from "@/lib/sync/queries";

export const metadata: Metadata = { title: "Sync" };

const DEAD_LETTERS_SHOWN = 50;

export default async function SyncPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "sync.read")) forbidden();
  const db = getDb();
  const [connections, deadLetters, runs] = await Promise.all([
    listConnectionHealth(db, viewer),
    listDeadLetters(db, viewer, DEAD_LETTERS_SHOWN),
    listConnectionRuns(db, viewer),
  ]);

  return (
    <>
      <PageHeader
        title="Sync"
        description="What each POS delivered, how far processing lags behind, and what could not be processed. Refused deliveries are counted, never stored."
      />
      {connections.length === 0 ? (
        <EmptyState icon={PlugZap} title="No POS connections in your stores" description="An administrator connects a POS to a store; its deliveries appear here." />
      ) : (
        <ConnectionHealthTable connections={connections} />
      )}

      <h2 className="mt-10 mb-1 font-serif text-xl font-medium tracking-tight">Dead letters</h2>
      <p className="mb-3 text-sm text-muted-foreground">
        Events that failed for good, newest first (up to {DEAD_LETTERS_SHOWN}). Fix the cause, then retry: the event goes back in the queue.
      </p>
      {deadLetters.length === 0 ? (
        <EmptyState icon={CircleCheck} title="No dead letters" description="Every delivery was processed." />
      ) : (
        <DeadLetterGroups rows={deadLetters} canRetry={can(viewer, "sync.retry")} />
      )}

      {connections.length > 0 ? (
        <>
          <h2 className="mt-10 mb-1 font-serif text-xl font-medium tracking-tight">Backfill and reconciliation</h2>
          <p className="mb-3 text-sm text-muted-foreground">
            A backfill brings in the platform&apos;s history; a reconciliation fetches what webhooks may have missed since the last successful run.
          </p>
          <SyncRuns connections={connections} runs={runs} canRun={can(viewer, "sync.run")} />
        </>
      ) : null}
    </>
  );
}
