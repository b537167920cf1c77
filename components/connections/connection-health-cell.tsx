import type { PosProvider } from "@/db/schema/enums";
import { Badge } from "@/components/ui/badge";
import type { ConnectionHealthSummary } from "./types";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const at = (value: string) => `${when.format(new Date(value))} UTC`;

/** Last delivery, dead letters of the last day and the last sync, in a few short lines. */
export function ConnectionHealthCell({ provider, health }: { provider: PosProvider; health: ConnectionHealthSummary | null }) {
  if (!health) return <span className="text-muted-foreground">—</span>;
  const isFailedSync = health.lastSyncStatus?.endsWith("failed") ?? false;
  return (
    <div className="flex min-w-44 flex-col gap-0.5 text-xs">
      <span>
        <span className="text-muted-foreground">Last event: </span>
        {provider === "lightspeed_r" ? "polled" : health.lastReceivedAt ? at(health.lastReceivedAt) : "none yet"}
      </span>
      <span className="flex items-center gap-1">
        <span className="text-muted-foreground">Dead letters, 24 h:</span>
        {health.dead24h > 0 ? <Badge variant="destructive">{health.dead24h}</Badge> : "0"}
      </span>
      <span>
        <span className="text-muted-foreground">Last sync: </span>
        {health.lastSyncStatus ? (
          <span className={isFailedSync ? "text-destructive" : undefined}>
            {health.lastSyncStatus}
            {health.lastSyncAt ? `, ${at(health.lastSyncAt)}` : ""}
          </span>
        ) : (
          "never"
        )}
      </span>
      {health.lastError ? (
        <span className="line-clamp-2 max-w-64 break-words text-destructive" title={health.lastError}>
          {health.lastError}
        </span>
      ) : null}
    </div>
  );
}
