"use client";

import { Check, X } from "lucide-react";
import { useState, useTransition, type FormEvent } from "react";
import { decideRecommendationAction } from "@/app/(app)/replenishment/actions";
import { RejectDialog } from "@/components/queue/reject-dialog";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";
import type { RejectReason } from "@/lib/review/kinds";

/**
 * Approve as proposed, approve with an adjusted quantity, or reject with a reason. A conflict (someone
 * decided it first, or a newer run superseded it) or a block (the facts changed) stays on the card.
 */
export function RecommendationActions({ id, version, quantity, label }: { id: string; version: number; quantity: number; label: string }) {
  const toast = useToast();
  const [value, setValue] = useState(String(quantity));
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [isRejecting, setIsRejecting] = useState(false);
  const [isPending, startTransition] = useTransition();
  const inputId = `quantity-${id}`;
  const adjusted = Number(value);
  const isAdjusted = value.trim() !== "" && adjusted !== quantity;

  function approve(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      const result = await decideRecommendationAction({ decision: "approve", id, version, ...(isAdjusted ? { quantity: value } : {}) });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setError(result.fieldErrors?.quantity ? null : result.message);
      } else if (!result.data.ok) setError(`Not approved: ${result.data.blocked}`);
      else if (result.data.status === "held") toast(`Approved ${label}: held, the store is in rollout phase 1, so no order is sent.`);
      else toast(isAdjusted ? `Approved ${label} with quantity ${adjusted}: the purchase order is being raised.` : `Approved ${label}: the purchase order is being raised.`);
    });
  }

  function reject(reason: RejectReason, note: string) {
    setError(null);
    startTransition(async () => {
      const result = await decideRecommendationAction({ decision: "reject", id, version, reason, note: note || null });
      if (!result.ok) {
        setError(result.message);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setIsRejecting(false);
      toast(`Rejected ${label}.`);
    });
  }

  return (
    <div className="flex flex-col gap-2">
      <form onSubmit={approve} className="flex flex-wrap items-end gap-2">
        <div className="flex flex-col gap-1">
          <Label htmlFor={inputId} className="text-xs text-muted-foreground">
            Quantity
          </Label>
          <Input
            id={inputId}
            type="number"
            inputMode="numeric"
            min={1}
            max={10_000}
            step={1}
            required
            value={value}
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={fieldErrors.quantity ? true : undefined}
            aria-describedby={fieldErrors.quantity ? `${inputId}-error` : undefined}
            className="h-8 w-24 tabular-nums"
          />
        </div>
        <Button type="submit" size="sm" disabled={isPending} aria-label={isAdjusted ? `Approve ${label} with quantity ${value}` : `Approve ${label}`}>
          <Check aria-hidden /> {isAdjusted ? `Approve ${value}` : "Approve"}
        </Button>
        <Button type="button" size="sm" variant="outline" disabled={isPending} onClick={() => setIsRejecting(true)} aria-label={`Reject ${label}`}>
          <X aria-hidden /> Reject
        </Button>
      </form>
      <FieldError id={inputId} errors={fieldErrors.quantity} />
      {isAdjusted ? <p className="text-xs text-muted-foreground">Proposed: {quantity}. Approving records your quantity as an edit.</p> : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <RejectDialog
        open={isRejecting}
        onOpenChange={setIsRejecting}
        title={`Reject ${label}`}
        description="The reason is kept with the decision and in the audit trail."
        isPending={isPending}
        serverErrors={fieldErrors}
        onReject={reject}
      />
    </div>
  );
}
