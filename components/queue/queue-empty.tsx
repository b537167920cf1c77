import Link from "next/link";
import { CircleCheck, SearchX } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { STATUS_LABEL } from "@/lib/review/kinds";
import { queueHref, type QueueView } from "./queue-href";

/** Why the list is empty: past the last page, filtered out, or truly nothing waiting. */
export function QueueEmpty({ view, kindLabel, isLaterPage }: { view: QueueView; kindLabel: string; isLaterPage: boolean }) {
  const isFiltered = Boolean(view.store || view.priority || view.age || view.tier);
  if (isLaterPage) {
    return (
      <EmptyState
        icon={CircleCheck}
        title="No more drafts"
        description="You have reached the end of the list."
        action={
          <Link href={queueHref(view)} className={buttonVariants({ variant: "outline", size: "sm" })}>
            Back to the first page
          </Link>
        }
      />
    );
  }
  if (isFiltered) {
    return (
      <EmptyState
        icon={SearchX}
        title="No drafts match these filters"
        description="Clear a filter to see more."
        action={
          <Link href={queueHref({ kind: view.kind, status: view.status, sort: view.sort })} className={buttonVariants({ variant: "outline", size: "sm" })}>
            Clear filters
          </Link>
        }
      />
    );
  }
  if (view.status === "pending") {
    return <EmptyState icon={CircleCheck} title="Nothing waiting — all caught up" description={`New ${kindLabel.toLowerCase()} appear here as soon as the AI drafts them.`} />;
  }
  return <EmptyState icon={SearchX} title={`No ${kindLabel.toLowerCase()}: ${STATUS_LABEL[view.status].toLowerCase()}`} />;
}
