"use client";

import { useTransition } from "react";
import { revertMergeAction } from "@/app/(app)/clients/duplicates/actions";
import { formatDateTime, formatNumber } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { RecentMerge } from "@/lib/customers/duplicates";

/** The latest merges, each undoable while nothing has been merged on top of it. */
export function RecentMerges({ merges }: { merges: RecentMerge[] }) {
  return (
    <section aria-labelledby="recent-merges-title" className="mt-10">
      <h2 id="recent-merges-title" className="mb-3 font-serif text-lg font-medium">
        Recent merges
      </h2>
      {merges.length === 0 ? (
        <p className="text-sm text-muted-foreground">No merges yet.</p>
      ) : (
        <ul className="divide-y rounded-xl border bg-card">
          {merges.map((merge) => (
            <MergeRow key={merge.id} merge={merge} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MergeRow({ merge }: { merge: RecentMerge }) {
  const toast = useToast();
  const [isPending, startTransition] = useTransition();

  function undo() {
    startTransition(async () => {
      const result = await revertMergeAction({ mergeId: merge.id });
      if (result.ok) toast(`Undone: ${merge.merged.name} is a separate client again.`);
      else toast(result.message, "error");
    });
  }

  return (
    <li className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
      <div className="min-w-0">
        <p>
          <span className="font-medium">{merge.merged.name}</span> merged into <span className="font-medium">{merge.survivor.name}</span>
        </p>
        <p className="text-xs text-muted-foreground">
          <time dateTime={merge.mergedAt.toISOString()}>{formatDateTime(merge.mergedAt)}</time>
          {merge.mergedBy ? ` by ${merge.mergedBy}` : null} · {formatNumber(merge.movedRows)} record{merge.movedRows === 1 ? "" : "s"} moved
        </p>
      </div>
      {merge.revertedAt ? (
        <Badge variant="neutral">Undone</Badge>
      ) : merge.canUndo ? (
        <Button type="button" variant="outline" size="sm" onClick={undo} disabled={isPending} aria-label={`Undo merge of ${merge.merged.name} into ${merge.survivor.name}`}>
          {isPending ? "Undoing…" : "Undo"}
        </Button>
      ) : (
        <Badge variant="outline">Merged again since</Badge>
      )}
    </li>
  );
}
