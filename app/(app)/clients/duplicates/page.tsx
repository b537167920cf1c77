import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { UsersRound } from "lucide-react";
import { getDb } from "@/db/client";
import { ClientsTabs } from "@/components/clients/clients-tabs";
import { DuplicatePairCard } from "@/components/clients/duplicate-pair-card";
import { RecentMerges } from "@/components/clients/recent-merges";
import { PageHeader } from "@/components/shell/page-header";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { hrefWith, KeysetPagination } from "@/components/ui/pagination";
import { getActiveStoreId, requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { DUPLICATES_PAGE_SIZE, listDuplicates, listRecentMerges, parseDuplicateCursor } from "@/lib/customers/duplicates";

export const metadata: Metadata = { title: "Duplicate clients" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DuplicatesPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "customers.merge")) forbidden();
  const params = await searchParams;
  const after = Array.isArray(params.after) ? params.after[0] : params.after;
  const cursor = parseDuplicateCursor(after);
  const activeStoreId = await getActiveStoreId(viewer);
  const db = getDb();

  const [{ pairs, nextCursor }, merges] = await Promise.all([
    listDuplicates(db, viewer, { cursor, activeStoreId }),
    listRecentMerges(db, viewer),
  ]);

  return (
    <>
      <PageHeader title="Clients" description="Records that are probably one person: keep one, and everything attached to the other moves to it." />
      <ClientsTabs current="duplicates" canMerge />

      {pairs.length === 0 ? (
        <EmptyState
          icon={UsersRound}
          title={cursor ? "No more probable duplicates" : "No probable duplicates — every client is one person"}
          description={cursor ? "You have reached the end of the list." : "When the POS sync finds two records that look like one client, they appear here."}
          action={
            cursor ? (
              <Link href="/clients/duplicates" className={buttonVariants({ variant: "outline", size: "sm" })}>
                Back to the first page
              </Link>
            ) : null
          }
        />
      ) : (
        <>
          <div className="flex flex-col gap-4">
            {pairs.map((pair) => (
              <DuplicatePairCard key={pair.id} pair={pair} />
            ))}
          </div>
          <KeysetPagination
            summary={`${pairs.length} pair${pairs.length === 1 ? "" : "s"} on this page · ${DUPLICATES_PAGE_SIZE} per page, oldest first`}
            firstHref={cursor ? "/clients/duplicates" : null}
            nextHref={nextCursor ? hrefWith("/clients/duplicates", { after: nextCursor }) : null}
          />
        </>
      )}

      <RecentMerges merges={merges} />
    </>
  );
}
