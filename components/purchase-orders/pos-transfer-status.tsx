import { ExecutionButton } from "@/components/outbox/execution-button";
import { providerLabel } from "@/components/sync/provider-label";
import { Badge } from "@/components/ui/badge";
import type { PosTransferState } from "@/lib/review/execute/queries";

type Skipped = Extract<PosTransferState, { state: "skipped" }>;

/** Why a transfer request stays in Vitrine, said as what the buyer does about it. */
function skippedText(pos: Skipped): string {
  const platform = pos.provider ? providerLabel(pos.provider) : "the POS";
  switch (pos.reason) {
    case "unsupported":
      return `Move by hand: ${platform} has no transfers`;
    case "no_connection":
      return "Move by hand: the stores have no POS connection";
    case "different_connections":
      return "Move by hand: the two stores are not on one POS connection";
    case "no_api":
      return `Move by hand: the ${platform} connection has no API address`;
    case "product_not_in_pos":
      return `Move by hand: ${pos.skus.join(", ") || "a product"} not in ${platform}`;
  }
}

/**
 * Where a transfer request stands with the POS: sent (with the platform's reference), to be moved by
 * hand and why, still being tried, or refused — with the error and a Retry, as the Outbox offers.
 */
export function PosTransferStatus({ pos, number }: { pos: PosTransferState | null; number: string }) {
  if (!pos) return <span className="text-muted-foreground">—</span>;
  switch (pos.state) {
    case "sent":
      return (
        <span>
          Sent to {providerLabel(pos.provider)} as transfer <span className="font-mono text-xs break-all">{pos.externalId}</span>
        </span>
      );
    case "skipped":
      return <span className="text-muted-foreground">{skippedText(pos)}</span>;
    case "pending":
      return <Badge variant="neutral">Sending to the POS…</Badge>;
    case "retrying":
      return (
        <span className="flex flex-col gap-1">
          <Badge variant="warning">Retrying (attempt {pos.attempts})</Badge>
          {pos.lastError ? <span className="line-clamp-2 text-xs text-muted-foreground">{pos.lastError}</span> : null}
        </span>
      );
    case "failed":
      return (
        <span className="flex flex-col items-start gap-1">
          <Badge variant="destructive">Not sent to the POS</Badge>
          {pos.lastError ? <span className="line-clamp-3 text-xs text-destructive">{pos.lastError}</span> : null}
          <ExecutionButton draftId={pos.draftId} intent="retry" accessibleLabel={`Retry sending ${number} to the POS`} />
        </span>
      );
  }
}
