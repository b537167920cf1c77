"use client";

import { resetPasswordAction } from "@/app/(app)/admin/users/actions";
import { DialogDescription, DialogFormFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { describedBy, FieldError, FieldHint } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import type { UserListItem } from "./types";
import { useActionForm } from "./use-action-form";

export function ResetPasswordForm({ user, passwordMinLength, onDone }: { user: UserListItem; passwordMinLength: number; onDone: () => void }) {
  const toast = useToast();
  const { onSubmit, isPending, error, fieldErrors } = useActionForm(resetPasswordAction, () => {
    toast(`${user.name}'s password was reset and their sessions ended.`);
    onDone();
  });
  const id = `reset-${user.id}`;

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-5">
      <DialogHeader>
        <DialogTitle>Reset password</DialogTitle>
        <DialogDescription>
          Sets a new password for {user.name} ({user.email}) and signs them out everywhere.
        </DialogDescription>
      </DialogHeader>
      {error ? <Notice tone="error">{error}</Notice> : null}
      <input type="hidden" name="userId" value={user.id} />
      <div className="flex flex-col gap-2">
        <Label htmlFor={id}>New password</Label>
        <Input
          id={id}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={passwordMinLength}
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={describedBy(id, { hint: true, errors: fieldErrors.password })}
        />
        <FieldHint id={id}>At least {passwordMinLength} characters.</FieldHint>
        <FieldError id={id} errors={fieldErrors.password} />
      </div>
      <DialogFormFooter isPending={isPending} submitLabel="Reset password" pendingLabel="Resetting…" />
    </form>
  );
}
