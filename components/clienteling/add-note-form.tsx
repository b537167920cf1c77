"use client";

import { useActionState, useEffect, useRef } from "react";
import { addNoteAction } from "@/app/(app)/clients/[id]/actions";
import { Button } from "@/components/ui/button";
import { FieldError, fieldIds } from "@/components/ui/field";
import { fieldControlClass } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/errors";

export function AddNoteForm({ customerId, storeId }: { customerId: string; storeId: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const toast = useToast();
  const [state, submit, isPending] = useActionState<ActionResult<{ id: string }> | null, FormData>((_, form) => addNoteAction(form), null);
  useEffect(() => {
    if (state?.ok) {
      formRef.current?.reset();
      toast("Note added.");
    }
  }, [state, toast]);
  const errors = state && !state.ok ? (state.fieldErrors?.body ?? [state.message]) : undefined;
  return (
    <form ref={formRef} action={submit} className="space-y-2">
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="storeId" value={storeId} />
      <label htmlFor="note-body" className="text-sm font-medium">
        Add a note
      </label>
      <textarea
        id="note-body"
        name="body"
        rows={3}
        maxLength={2000}
        required
        placeholder="What to remember next time: a size, a wish, a date…"
        aria-invalid={errors ? true : undefined}
        aria-describedby={errors ? fieldIds("note-body").error : undefined}
        className={cn(fieldControlClass, "py-2")}
      />
      <FieldError id="note-body" errors={errors} />
      <Button type="submit" size="sm" disabled={isPending}>
        {isPending ? "Saving…" : "Add note"}
      </Button>
    </form>
  );
}
