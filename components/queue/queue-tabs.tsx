import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { formatNumber } from "@/components/format";
import { KIND_LABEL, type ReviewKind } from "@/lib/review/kinds";
import { queueHref, type QueueView } from "./queue-href";

/** One tab per kind the viewer may see, each with its pending count from the maintained counters. */
export function QueueTabs({ kinds, current, counts, view }: { kinds: ReviewKind[]; current: ReviewKind; counts: Record<ReviewKind, number>; view: QueueView }) {
  return (
    <nav aria-label="Kinds of draft" className="mb-4 border-b">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {kinds.map((kind, index) => {
          const isCurrent = kind === current;
          return (
            <li key={kind}>
              <Link
                href={queueHref({ ...view, kind })}
                aria-current={isCurrent ? "page" : undefined}
                aria-keyshortcuts={`g ${index + 1}`}
                className={cn(
                  "inline-flex items-center gap-2 rounded-t-md border-b-2 px-3 py-2 text-sm font-medium outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/60",
                  isCurrent ? "border-gold text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
                )}
              >
                {KIND_LABEL[kind]}
                <span
                  className={cn(
                    "min-w-6 rounded-full px-1.5 py-0.5 text-center text-xs tabular-nums",
                    isCurrent ? "bg-primary text-primary-foreground" : "bg-muted text-muted-foreground",
                  )}
                >
                  {formatNumber(counts[kind])}
                  <span className="sr-only"> waiting</span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
