"use client";

import { useState } from "react";
import { updateConnectionAction } from "@/app/(app)/admin/connections/actions";
import { providerLabel } from "@/components/sync/provider-label";
import { DialogDescription, DialogFormFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { describedBy, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { useActionForm } from "@/components/users/use-action-form";
import type { StoreOption } from "@/components/users/types";
import { ConnectionFields, connectionInput } from "./connection-fields";
import type { ConnectionListItem } from "./types";

/** Body of the edit dialog. The platform is fixed; the secret is never sent back to the browser. */
export function EditConnectionForm({ connection, stores, onDone }: { connection: ConnectionListItem; stores: StoreOption[]; onDone: () => void }) {
  const toast = useToast();
  const [name, setName] = useState(connection.name);
  const { onSubmit, isPending, error, fieldErrors } = useActionForm(
    (form) => updateConnectionAction({ ...connectionInput(form), connectionId: connection.id }),
    ({ fields }) => {
      toast(fields.length === 0 ? "Nothing to save: no field changed." : `Saved ${name.trim() || connection.name}.`);
      onDone();
    },
  );
  const idPrefix = `edit-connection-${connection.id}`;

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <DialogHeader>
        <DialogTitle>Edit {connection.name}</DialogTitle>
        <DialogDescription>{providerLabel(connection.provider)}. Deliveries see a change within a few seconds.</DialogDescription>
      </DialogHeader>
      {error ? <Notice tone="error">{error}</Notice> : null}

      <div className="flex flex-col gap-2">
        <Label htmlFor={`${idPrefix}-name`}>Name</Label>
        <Input
          id={`${idPrefix}-name`}
          name="name"
          autoComplete="off"
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={fieldErrors.name ? true : undefined}
          aria-describedby={describedBy(`${idPrefix}-name`, { errors: fieldErrors.name })}
        />
        <FieldError id={`${idPrefix}-name`} errors={fieldErrors.name} />
      </div>

      <ConnectionFields
        idPrefix={idPrefix}
        stores={stores}
        isSquare={connection.provider === "square"}
        isEdit
        defaults={{
          locationRefs: Object.fromEntries(connection.stores.map((s) => [s.id, s.locationRef])),
          notificationUrl: connection.notificationUrl,
          apiBaseUrl: connection.apiBaseUrl,
          credentialsHint: connection.credentialsHint,
          isActive: connection.isActive,
        }}
        fieldErrors={fieldErrors}
      />

      <DialogFormFooter isPending={isPending} submitLabel="Save changes" pendingLabel="Saving…" />
    </form>
  );
}
