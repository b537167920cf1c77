"use client";

import { setUserActiveAction } from "@/app/(app)/admin/users/actions";
import { DialogDescription, DialogFormFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import type { UserListItem } from "./types";
import { useActionForm } from "./use-action-form";

/** Confirmation before deactivating (which ends every session at once) or reactivating a user. */
export function SetActiveForm({ user, isSelf, onDone }: { user: UserListItem; isSelf: boolean; onDone: () => void }) {
  const toast = useToast();
  const willActivate = !user.isActive;
  const verb = willActivate ? "Reactivate" : "Deactivate";
  const { onSubmit, isPending, error } = useActionForm(setUserActiveAction, () => {
    toast(willActivate ? `${user.name} can sign in again.` : `${user.name} was deactivated and signed out.`);
    onDone();
  });

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-5">
      <DialogHeader>
        <DialogTitle>
          {verb} {user.name}?
        </DialogTitle>
        <DialogDescription>
          {willActivate
            ? "They will be able to sign in again with their current password, with the role and stores they had."
            : isSelf
              ? "This is your own account: you will be signed out at once and unable to sign back in."
              : "They are signed out at their next request and can no longer sign in. Their history stays in the audit trail."}
        </DialogDescription>
      </DialogHeader>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="isActive" value={willActivate ? "true" : "false"} />
      <DialogFormFooter isPending={isPending} submitLabel={verb} pendingLabel={`${verb.replace(/e$/, "")}ing…`} variant={willActivate ? "default" : "destructive"} />
    </form>
  );
}
