"use client";

import { UserRoundPlus } from "lucide-react";
import { useState } from "react";
import { createUserAction } from "@/app/(app)/admin/users/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFormFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { describedBy, FieldError, FieldHint } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import { AccessFields } from "./access-fields";
import type { StoreOption } from "./types";
import { useActionForm } from "./use-action-form";

export function CreateUserDialog({ stores, passwordMinLength }: { stores: StoreOption[]; passwordMinLength: number }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <Button>
          <UserRoundPlus aria-hidden /> New user
        </Button>
      </DialogTrigger>
      <DialogContent>
        <CreateUserForm stores={stores} passwordMinLength={passwordMinLength} onDone={() => setIsOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function CreateUserForm({ stores, passwordMinLength, onDone }: { stores: StoreOption[]; passwordMinLength: number; onDone: () => void }) {
  const toast = useToast();
  const [name, setName] = useState("");
  const { onSubmit, isPending, error, fieldErrors } = useActionForm(createUserAction, () => {
    toast(`${name.trim() || "The user"} can now sign in.`);
    onDone();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <DialogHeader>
        <DialogTitle>New user</DialogTitle>
        <DialogDescription>They sign in with this e-mail and password; ask them to keep the password private.</DialogDescription>
      </DialogHeader>

      {error ? <Notice tone="error">{error}</Notice> : null}

      <div className="flex flex-col gap-2">
        <Label htmlFor="new-user-name">Name</Label>
        <Input
          id="new-user-name"
          name="name"
          autoComplete="off"
          required
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={fieldErrors.name ? true : undefined}
          aria-describedby={describedBy("new-user-name", { errors: fieldErrors.name })}
        />
        <FieldError id="new-user-name" errors={fieldErrors.name} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="new-user-email">Email</Label>
        <Input
          id="new-user-email"
          name="email"
          type="email"
          autoComplete="off"
          required
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={describedBy("new-user-email", { errors: fieldErrors.email })}
        />
        <FieldError id="new-user-email" errors={fieldErrors.email} />
      </div>

      <AccessFields idPrefix="new-user" stores={stores} fieldErrors={fieldErrors} />

      <div className="flex flex-col gap-2">
        <Label htmlFor="new-user-password">Password</Label>
        <Input
          id="new-user-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={passwordMinLength}
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={describedBy("new-user-password", { hint: true, errors: fieldErrors.password })}
        />
        <FieldHint id="new-user-password">At least {passwordMinLength} characters.</FieldHint>
        <FieldError id="new-user-password" errors={fieldErrors.password} />
      </div>

      <DialogFormFooter isPending={isPending} submitLabel="Create user" pendingLabel="Creating…" />
    </form>
  );
}
