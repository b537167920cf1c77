"use client";

import { useState, useTransition } from "react";
import { Check, X } from "lucide-react";
import { suggestionFeedbackAction } from "@/app/(app)/clients/[id]/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { SuggestionOutcome } from "@/db/schema/clienteling";

export function SuggestionFeedbackButtons({
  draftId,
  index,
  storeId,
  label,
  outcome,
}: {
  draftId: string;
  index: number;
  storeId: string;
  label: string;
  outcome: SuggestionOutcome | null;
}) {
  const [current, setCurrent] = useState(outcome);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const toast = useToast();

  function record(next: SuggestionOutcome) {
    setError(null);
    startTransition(async () => {
      const result = await suggestionFeedbackAction({ draftId, index, outcome: next, storeId });
      if (result.ok) {
        setCurrent(next);
        toast(next === "used" ? `Marked “${label}” as used.` : `Dismissed “${label}”.`);
      } else {
        setError(result.message);
      }
    });
  }

  return (
    <span className="flex flex-col items-end gap-1">
      <span className="flex items-center gap-2">
        {current ? <Badge variant={current === "used" ? "success" : "neutral"}>{current === "used" ? "Used" : "Dismissed"}</Badge> : null}
        <Button type="button" size="sm" variant="outline" disabled={isPending || current === "used"} onClick={() => record("used")} aria-label={`Mark ${label} as used`}>
          <Check aria-hidden /> Used
        </Button>
        <Button type="button" size="sm" variant="ghost" disabled={isPending || current === "dismissed"} onClick={() => record("dismissed")} aria-label={`Dismiss ${label}`}>
          <X aria-hidden /> Dismiss
        </Button>
      </span>
      {error ? (
        <span role="alert" className="text-xs text-destructive">
          {error}
        </span>
      ) : null}
    </span>
  );
}
