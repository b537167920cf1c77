"use client";

import { setStoreRolloutAction } from "@/app/(app)/admin/stores/actions";
import { DialogDescription, DialogFormFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { describedBy, FieldError, FieldHint, TextField } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { useActionForm } from "@/components/users/use-action-form";
import { PHASE_HINT, PHASE_LABEL, type StoreRolloutItem } from "./types";

/** Body of the edit dialog: phase and go-live date. Changing the phase never executes held drafts. */
export function EditRolloutForm({ store, onDone }: { store: StoreRolloutItem; onDone: () => void }) {
  const toast = useToast();
  const { onSubmit, isPending, error, fieldErrors } = useActionForm(setStoreRolloutAction, ({ changed }) => {
    toast(changed ? `Saved the rollout of ${store.name}.` : "Nothing to save: no field changed.");
    onDone();
  });
  const id = `rollout-${store.id}`;

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <DialogHeader>
        <DialogTitle>Rollout of {store.name}</DialogTitle>
        <DialogDescription>Every change is audited. Moving to phase 2 does not execute drafts held in phase 1: that is a separate step.</DialogDescription>
      </DialogHeader>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <input type="hidden" name="storeId" value={store.id} />

      <div className="flex flex-col gap-2">
        <Label htmlFor={`${id}-phase`}>Phase</Label>
        <NativeSelect
          id={`${id}-phase`}
          name="phase"
          defaultValue={String(store.phase)}
          aria-invalid={fieldErrors.phase ? true : undefined}
          aria-describedby={describedBy(`${id}-phase`, { hint: true, errors: fieldErrors.phase })}
        >
          {([1, 2, 3] as const).map((phase) => (
            <option key={phase} value={phase}>
              {phase} — {PHASE_LABEL[phase]}
            </option>
          ))}
        </NativeSelect>
        <FieldHint id={`${id}-phase`}>
          {([1, 2, 3] as const).map((phase) => (
            <span key={phase} className="block">
              {phase}: {PHASE_HINT[phase]}
            </span>
          ))}
        </FieldHint>
        <FieldError id={`${id}-phase`} errors={fieldErrors.phase} />
      </div>

      <TextField
        id={`${id}-go-live`}
        label="Go-live date"
        name="goLiveDate"
        type="date"
        defaultValue={store.goLiveDate ?? ""}
        hint="Client-facing drafts need a human approval for 90 days from this date, whatever the rules say. Leave empty while the store is not live."
        errors={fieldErrors.goLiveDate}
      />

      <DialogFormFooter isPending={isPending} submitLabel="Save rollout" pendingLabel="Saving…" />
    </form>
  );
}
