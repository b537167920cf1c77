import { CircleAlert, CircleCheck, CircleSlash } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ConnectionHealth, ConnectionRuns } from "@/lib/sync/queries";
import { formatDuration, RUN_KIND_LABEL, type RunProgress } from "@/lib/sync/run-progress";
import { providerLabel } from "./provider-label";
import { RunControls } from "./run-controls";
import { RunProgressPanel } from "./run-progress-panel";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Per connection: start a backfill or reconciliation (admins), the live run's progress, the last result. */
export function SyncRuns({ connections, runs, canRun }: { connections: ConnectionHealth[]; runs: Map<string, ConnectionRuns>; canRun: boolean }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {connections.map((connection) => {
        const { live, lastFinished } = runs.get(connection.id) ?? { live: null, lastFinished: null };
        return (
          <Card key={connection.id} aria-labelledby={`runs-${connection.id}`} className="gap-3">
            <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <CardTitle id={`runs-${connection.id}`}>{connection.name}</CardTitle>
                <CardDescription className="text-xs">{providerLabel(connection.provider)}</CardDescription>
              </div>
              {canRun ? <RunControls connectionId={connection.id} connectionName={connection.name} isLive={live !== null} hasApi={connection.hasApiBaseUrl} /> : null}
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              {live ? <RunProgressPanel key={live.id} initial={live} /> : null}
              {lastFinished ? <FinishedRun run={lastFinished} /> : live ? null : <p className="text-sm text-muted-foreground">No backfill or reconciliation has run yet.</p>}
            </CardContent>
          </Card>
        );
      })}
    </div>
  );
}

function FinishedRun({ run }: { run: RunProgress }) {
  const finished = run.finishedAt ? ` · ${when.format(new Date(run.finishedAt))} UTC` : "";
  const took = run.elapsedSeconds !== null ? ` in ${formatDuration(run.elapsedSeconds)}` : "";
  if (run.status === "succeeded") {
    return (
      <p className="flex items-start gap-2 text-sm">
        <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
        <span>
          Last {RUN_KIND_LABEL[run.kind].toLowerCase()} succeeded with {run.records.toLocaleString("en")} records{took}
          <span className="text-muted-foreground">{finished}</span>
        </span>
      </p>
    );
  }
  if (run.status === "cancelled") {
    return (
      <p className="flex items-start gap-2 text-sm text-muted-foreground">
        <CircleSlash aria-hidden className="mt-0.5 size-4 shrink-0" />
        Last {RUN_KIND_LABEL[run.kind].toLowerCase()} was cancelled after {run.records.toLocaleString("en")} records{finished}
      </p>
    );
  }
  return (
    <div className="flex items-start gap-2 text-sm">
      <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
      <div className="min-w-0">
        <p>
          Last {RUN_KIND_LABEL[run.kind].toLowerCase()} failed after {run.records.toLocaleString("en")} records{took}
          <span className="text-muted-foreground">{finished}</span>
        </p>
        {run.error ? <p className="mt-0.5 text-xs break-words text-destructive">{run.error}</p> : null}
      </div>
    </div>
  );
}
