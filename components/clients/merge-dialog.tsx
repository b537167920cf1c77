"use client";

import { mergeDuplicateAction } from "@/app/(app)/clients/duplicates/actions";
import { useActionForm } from "@/components/users/use-action-form";
import { DialogDescription, DialogFormFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import type { DuplicateSide } from "@/lib/customers/duplicates";
import { describeMoves } from "./move-summary";

function nameOf(side: DuplicateSide): string {
  return `${side.firstName} ${side.lastName}`.trim();
}

/** Says what the merge will do before it does it: which rows move, and to whom. */
export function MergeForm({
  duplicateId,
  survivor,
  merged,
  onDone,
}: {
  duplicateId: string;
  survivor: DuplicateSide;
  merged: DuplicateSide;
  onDone: () => void;
}) {
  const toast = useToast();
  const { onSubmit, isPending, error } = useActionForm(mergeDuplicateAction, () => {
    toast(`Merged into ${nameOf(survivor)}. You can undo it under Recent merges.`);
    onDone();
  });
  const moves = describeMoves(merged.moves);

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5">
      <DialogHeader>
        <DialogTitle>Merge into {nameOf(survivor)}?</DialogTitle>
        <DialogDescription>
          {moves ? `${moves} to ${nameOf(survivor)}.` : `Nothing is attached to the other record; only its details join ${nameOf(survivor)}.`}
        </DialogDescription>
      </DialogHeader>
      <ul className="list-disc space-y-1 pl-5 text-sm text-muted-foreground">
        <li>Details missing from the kept record are filled from the other one; nothing it already has is overwritten.</li>
        <li>Consent stays only for channels both records agreed to; a do-not-contact request on either is kept.</li>
        <li>The other record is kept, marked as merged, and the merge can be undone from Recent merges.</li>
      </ul>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <input type="hidden" name="duplicateId" value={duplicateId} />
      <input type="hidden" name="survivorId" value={survivor.id} />
      <DialogFormFooter isPending={isPending} submitLabel="Merge records" pendingLabel="Merging…" />
    </form>
  );
}
