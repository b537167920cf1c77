import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { getDb } from "@/db/client";
import { PageHeader } from "@/components/shell/page-header";
import { StoresRolloutTable } from "@/components/stores/stores-rollout-table";
import type { StoreRolloutItem } from "@/components/stores/types";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { humanOnlyUntil, listStoreRollout } from "@/lib/review/rollout";

export const metadata: Metadata = { title: "Stores & rollout" };

export default async function StoresPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "stores.manage")) forbidden();
  const today = new Date().toISOString().slice(0, 10);
  const rows = await listStoreRollout(getDb(), viewer);

  const items: StoreRolloutItem[] = rows.map((row) => {
    const until = humanOnlyUntil(row.goLiveDate);
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      phase: Math.min(3, Math.max(1, row.rolloutPhase)) as 1 | 2 | 3,
      goLiveDate: row.goLiveDate,
      daysSinceGoLive: row.goLiveDate ? Math.floor((Date.parse(today) - Date.parse(row.goLiveDate)) / 86_400_000) : null,
      humanOnlyUntil: until,
      isHumanOnly: until === null || today < until,
      heldCount: row.heldCount,
    };
  });

  return (
    <>
      <PageHeader
        title="Stores & rollout"
        description="Phase 1 shows drafts but holds every approval; phase 2 executes approvals; phase 3 also lets automation rules approve low-risk drafts. For 90 days after go-live, client-facing drafts always need a human."
      />
      <StoresRolloutTable stores={items} />
    </>
  );
}
