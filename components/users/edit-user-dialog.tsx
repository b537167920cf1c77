"use client";

import { updateUserAction } from "@/app/(app)/admin/users/actions";
import { DialogDescription, DialogFormFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { AccessFields } from "./access-fields";
import type { StoreOption, UserListItem } from "./types";
import { useActionForm } from "./use-action-form";

/** Body of the edit dialog: role and stores. Changes take effect on the user's next request. */
export function EditUserForm({ user, stores, onDone }: { user: UserListItem; stores: StoreOption[]; onDone: () => void }) {
  const toast = useToast();
  const { onSubmit, isPending, error, fieldErrors } = useActionForm(updateUserAction, () => {
    toast(`Saved ${user.name}'s access.`);
    onDone();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <DialogHeader>
        <DialogTitle>Edit {user.name}</DialogTitle>
        <DialogDescription>A new role or store takes effect on their next page load, without signing them out.</DialogDescription>
      </DialogHeader>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <input type="hidden" name="userId" value={user.id} />
      <AccessFields
        idPrefix={`edit-${user.id}`}
        stores={stores}
        defaultRole={user.role}
        defaultStoreIds={user.stores.map((s) => s.id)}
        fieldErrors={fieldErrors}
      />
      <DialogFormFooter isPending={isPending} submitLabel="Save changes" pendingLabel="Saving…" />
    </form>
  );
}
