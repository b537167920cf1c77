"use client";

import { RotateCcw } from "lucide-react";
import { useTransition } from "react";
import { retryDeadLettersAction } from "@/app/(app)/sync/actions";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

/** Puts dead letters back in the queue; the page refreshes when the action revalidates it. */
export function RetryButton({ inboxIds, label, accessibleLabel, variant = "outline" }: { inboxIds: number[]; label: string; accessibleLabel: string; variant?: "outline" | "secondary" }) {
  const toast = useToast();
  const [isPending, startTransition] = useTransition();

  function retry() {
    startTransition(async () => {
      const result = await retryDeadLettersAction({ inboxIds });
      if (result.ok) {
        const n = result.data.retried.length;
        toast(n === 1 ? "Queued for another try." : `Queued ${n} events for another try.`);
      } else {
        toast(result.message, "error");
      }
    });
  }

  return (
    <Button type="button" variant={variant} size="sm" onClick={retry} disabled={isPending} aria-label={accessibleLabel}>
      <RotateCcw aria-hidden /> {isPending ? "Retrying…" : label}
    </Button>
  );
}
