"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { createConnectionAction } from "@/app/(app)/admin/connections/actions";
import { providerLabel } from "@/components/sync/provider-label";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFormFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { describedBy, FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { useActionForm } from "@/components/users/use-action-form";
import type { StoreOption } from "@/components/users/types";
import { posProviderEnum, type PosProvider } from "@/db/schema/enums";
import { ConnectionFields, connectionInput } from "./connection-fields";

export function CreateConnectionDialog({ stores }: { stores: StoreOption[] }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> New connection
        </Button>
      </DialogTrigger>
      <DialogContent>
        <CreateConnectionForm stores={stores} onDone={() => setIsOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function CreateConnectionForm({ stores, onDone }: { stores: StoreOption[]; onDone: () => void }) {
  const toast = useToast();
  const [name, setName] = useState("");
  const [provider, setProvider] = useState<PosProvider>("shopify");
  const { onSubmit, isPending, error, fieldErrors } = useActionForm(
    (form) => createConnectionAction({ ...connectionInput(form), provider }),
    () => {
      toast(`${name.trim() || "The connection"} is set up: paste its webhook URL into ${providerLabel(provider)}.`);
      onDone();
    },
  );

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <DialogHeader>
        <DialogTitle>New connection</DialogTitle>
        <DialogDescription>Once saved, the table shows the webhook URL to register with the platform.</DialogDescription>
      </DialogHeader>

      {error ? <Notice tone="error">{error}</Notice> : null}

      <div className="flex flex-col gap-2">
        <Label htmlFor="new-connection-name">Name</Label>
        <Input
          id="new-connection-name"
          name="name"
          autoComplete="off"
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={fieldErrors.name ? true : undefined}
          aria-describedby={describedBy("new-connection-name", { errors: fieldErrors.name })}
        />
        <FieldError id="new-connection-name" errors={fieldErrors.name} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="new-connection-provider">Platform</Label>
        <NativeSelect
          id="new-connection-provider"
          name="provider"
          value={provider}
          onChange={(event) => setProvider(event.target.value as PosProvider)}
          aria-invalid={fieldErrors.provider ? true : undefined}
          aria-describedby={describedBy("new-connection-provider", { errors: fieldErrors.provider })}
        >
          {posProviderEnum.enumValues.map((p) => (
            <option key={p} value={p}>
              {providerLabel(p)}
            </option>
          ))}
        </NativeSelect>
        <FieldError id="new-connection-provider" errors={fieldErrors.provider} />
      </div>

      <ConnectionFields idPrefix="new-connection" stores={stores} isSquare={provider === "square"} isEdit={false} fieldErrors={fieldErrors} />

      <DialogFormFooter isPending={isPending} submitLabel="Create connection" pendingLabel="Creating…" />
    </form>
  );
}
