import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { CircleCheck, PlugZap } from "lucide-react";
import { getDb } from "@/db/client";
import { ConnectionHealthTable } from "@/components/sync/connection-health-table";
import { DeadLetterTable } from "@/components/sync/dead-letter-table";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { listConnectionHealth, listDeadLetters } from "@/lib/sync/queries";

export const metadata: Metadata = { title: "Sync" };

export default async function SyncPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "sync.read")) forbidden();
  const db = getDb();
  const [connections, deadLetters] = await Promise.all([listConnectionHealth(db, viewer), listDeadLetters(db, viewer)]);

  return (
    <>
      <PageHeader
        title="Sync"
        description="Deliveries from each POS over the last 24 hours. Refused deliveries are counted, never stored; signed ones that cannot be read are kept below with their error."
      />
      {connections.length === 0 ? (
        <EmptyState icon={PlugZap} title="No POS connections in your stores" description="An administrator connects a POS to a store; its deliveries appear here." />
      ) : (
        <ConnectionHealthTable connections={connections} />
      )}
      <h2 className="mt-10 mb-3 font-serif text-xl font-medium tracking-tight">Dead letters</h2>
      {deadLetters.length === 0 ? (
        <EmptyState icon={CircleCheck} title="Nothing is stuck" description="Every delivery so far could be read." />
      ) : (
        <DeadLetterTable rows={deadLetters} />
      )}
    </>
  );
}
