import { hrefWith } from "@/components/ui/pagination";
import type { QueueStatus, ReviewKind } from "@/lib/review/kinds";

/** The queue's filters and sort, as the URL carries them. */
export type QueueView = {
  kind: ReviewKind;
  status: QueueStatus;
  store?: string;
  priority?: string;
  age?: string;
  tier?: string;
  sort: string;
};

/** A queue URL for `view`; defaults are left out so links stay short. */
export function queueHref(view: QueueView, extra: { cursor?: string | null; draft?: string | null } = {}): string {
  return hrefWith("/queue", {
    kind: view.kind,
    status: view.status === "pending" ? undefined : view.status,
    store: view.store,
    priority: view.priority,
    age: view.age,
    tier: view.tier,
    sort: view.sort === "priority" ? undefined : view.sort,
    cursor: extra.cursor,
    draft: extra.draft,
  });
}
