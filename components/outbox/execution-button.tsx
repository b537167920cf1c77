"use client";

import { RotateCcw, Send } from "lucide-react";
import { useTransition } from "react";
import { retryExecutionAction, sendNowAction } from "@/app/(app)/outbox/actions";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

/** Retry a dead execution, or send a message that waited for a channel; the page refreshes on success. */
export function ExecutionButton({ draftId, intent, accessibleLabel }: { draftId: string; intent: "retry" | "send"; accessibleLabel: string }) {
  const toast = useToast();
  const [isPending, startTransition] = useTransition();

  function run() {
    startTransition(async () => {
      const result = intent === "retry" ? await retryExecutionAction({ draftId }) : await sendNowAction({ draftId });
      if (result.ok) toast(intent === "retry" ? "Queued for another try." : "Queued for sending.");
      else toast(result.message, "error");
    });
  }

  const Icon = intent === "retry" ? RotateCcw : Send;
  const label = intent === "retry" ? "Retry" : "Send now";
  return (
    <Button type="button" variant="outline" size="sm" onClick={run} disabled={isPending} aria-label={accessibleLabel}>
      <Icon aria-hidden /> {isPending ? "Queuing…" : label}
    </Button>
  );
}
