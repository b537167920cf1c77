"use client";

import { History, RefreshCw } from "lucide-react";
import { useState, useTransition } from "react";
import { startSyncRunAction } from "@/app/(app)/sync/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toast";

/** "Backfill history" and "Reconcile now"; a refusal (a run already live) stays next to the buttons. */
export function RunControls({ connectionId, connectionName, isLive, hasApi }: { connectionId: string; connectionName: string; isLive: boolean; hasApi: boolean }) {
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function start(kind: "backfill" | "reconciliation") {
    setError(null);
    startTransition(async () => {
      const result = await startSyncRunAction({ connectionId, kind });
      if (result.ok) toast(kind === "backfill" ? `Backfill of ${connectionName} queued.` : `Reconciliation of ${connectionName} queued.`);
      else setError(result.message);
    });
  }

  const isDisabled = isPending || isLive || !hasApi;
  const hintId = `run-controls-hint-${connectionId}`;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" size="sm" disabled={isDisabled} onClick={() => start("backfill")} aria-label={`Backfill history of ${connectionName}`} aria-describedby={hasApi ? undefined : hintId}>
          <History aria-hidden /> Backfill history
        </Button>
        <Button variant="outline" size="sm" disabled={isDisabled} onClick={() => start("reconciliation")} aria-label={`Reconcile ${connectionName} now`} aria-describedby={hasApi ? undefined : hintId}>
          <RefreshCw aria-hidden /> Reconcile now
        </Button>
      </div>
      {hasApi ? null : (
        <p id={hintId} className="text-xs text-muted-foreground">
          Set its API base URL in Admin → Connections to backfill or reconcile.
        </p>
      )}
      {error ? (
        <Notice tone="error" className="max-w-md">
          {error}
        </Notice>
      ) : null}
    </div>
  );
}
