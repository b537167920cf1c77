"use client";

import { Send } from "lucide-react";
import { useTransition } from "react";
import { sendTestEventAction } from "@/app/(app)/admin/connections/actions";
import { Button } from "@/components/ui/button";
import type { ConnectionListItem } from "./types";

export type TestEventReport = { connectionName: string; ok: boolean; message: string };

/** Sends a signed, harmless delivery through the receiver and reports what it answered. */
export function TestEventButton({ connection, onReport }: { connection: ConnectionListItem; onReport: (report: TestEventReport) => void }) {
  const [isPending, startTransition] = useTransition();

  if (!connection.canReceiveTestEvent) {
    const hintId = `test-event-unavailable-${connection.id}`;
    // a disabled button gets no pointer events: the wrapper carries the tooltip
    return (
      <span title="R-Series has no webhooks: Vitrine polls it, so there is no delivery to test." tabIndex={0} aria-describedby={hintId} className="rounded-md outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60">
        <Button variant="outline" size="sm" disabled aria-label={`Send a test event to ${connection.name}`}>
          <Send aria-hidden /> Test
        </Button>
        <span id={hintId} className="sr-only">
          Not available: R-Series has no webhooks; Vitrine polls it.
        </span>
      </span>
    );
  }

  function send() {
    startTransition(async () => {
      const result = await sendTestEventAction({ connectionId: connection.id });
      onReport(
        result.ok
          ? { connectionName: connection.name, ok: result.data.stored, message: result.data.message }
          : { connectionName: connection.name, ok: false, message: result.message },
      );
    });
  }

  return (
    <Button variant="outline" size="sm" onClick={send} disabled={isPending} aria-label={`Send a test event to ${connection.name}`}>
      <Send aria-hidden /> {isPending ? "Sending…" : "Test"}
    </Button>
  );
}
