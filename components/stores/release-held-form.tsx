"use client";

import { releaseHeldAction } from "@/app/(app)/admin/stores/actions";
import { DialogDescription, DialogFormFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { useActionForm } from "@/components/users/use-action-form";
import type { StoreRolloutItem } from "./types";

/** Confirmation before executing what a store approved while it was in phase 1. */
export function ReleaseHeldForm({ store, onDone }: { store: StoreRolloutItem; onDone: () => void }) {
  const toast = useToast();
  const { onSubmit, isPending, error } = useActionForm(releaseHeldAction, ({ released }) => {
    toast(released === 0 ? "Nothing was held any more." : `${released} held ${released === 1 ? "draft is" : "drafts are"} executing.`);
    onDone();
  });
  const drafts = `${store.heldCount} held ${store.heldCount === 1 ? "draft" : "drafts"}`;

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5">
      <DialogHeader>
        <DialogTitle>Execute {drafts} of {store.name}?</DialogTitle>
        <DialogDescription>
          These were approved while the store was in phase 1. Executing them sends the approved client messages, writes the service tickets and creates
          the purchase orders now, possibly weeks after approval. Each release is audited in your name. This cannot be undone.
        </DialogDescription>
      </DialogHeader>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <input type="hidden" name="storeId" value={store.id} />
      <DialogFormFooter isPending={isPending} submitLabel={`Execute ${drafts}`} pendingLabel="Executing…" variant="destructive" />
    </form>
  );
}
