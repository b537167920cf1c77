"use client";

import { useState, type FormEvent } from "react";
import { Dialog, DialogContent, DialogDescription, DialogFormFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FieldError } from "@/components/ui/field";
import { Label } from "@/components/ui/label";
import { cn } from "@/components/ui/cn";
import { fieldControlClass } from "@/components/ui/input";
import { REJECT_REASON_KEYS, REJECT_REASONS, type RejectReason } from "@/lib/review/kinds";

/** Why a draft is rejected: one reason from the taxonomy, and a note (required for "other"). */
export function RejectDialog({
  open,
  onOpenChange,
  title,
  description,
  isPending,
  serverErrors,
  onReject,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  isPending: boolean;
  serverErrors?: Record<string, string[] | undefined>;
  onReject: (reason: RejectReason, note: string) => void;
}) {
  const [reason, setReason] = useState<RejectReason | null>(null);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const shown = { ...serverErrors, ...errors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason) return setErrors({ reason: ["Choose a reason."] });
    if (reason === "other" && !note.trim()) return setErrors({ note: ["Say why the draft is rejected."] });
    setErrors({});
    onReject(reason, note.trim());
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          setReason(null);
          setNote("");
          setErrors({});
        }
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <form onSubmit={submit} className="grid gap-5">
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          <fieldset aria-describedby={shown.reason ? "reject-reason-error" : undefined} className="space-y-1.5">
            <legend className="mb-2 text-sm font-medium">Reason</legend>
            {REJECT_REASON_KEYS.map((key, index) => (
              <label key={key} className="flex cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 text-sm hover:bg-muted/60 has-[:checked]:bg-muted">
                <input
                  type="radio"
                  name="reason"
                  value={key}
                  checked={reason === key}
                  autoFocus={index === 0}
                  onChange={() => setReason(key)}
                  className="size-4 accent-primary focus-visible:ring-[3px] focus-visible:ring-ring/60 focus-visible:outline-none"
                />
                {REJECT_REASONS[key]}
              </label>
            ))}
            <FieldError id="reject-reason" errors={shown.reason} />
          </fieldset>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="reject-note">Note {reason === "other" ? "(required)" : "(optional)"}</Label>
            <textarea
              id="reject-note"
              rows={3}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              aria-invalid={shown.note ? true : undefined}
              aria-describedby={shown.note ? "reject-note-error" : undefined}
              className={cn(fieldControlClass, "h-auto py-2")}
            />
            <FieldError id="reject-note" errors={shown.note} />
          </div>
          <DialogFormFooter isPending={isPending} submitLabel="Reject" pendingLabel="Rejecting…" variant="destructive" />
        </form>
      </DialogContent>
    </Dialog>
  );
}
