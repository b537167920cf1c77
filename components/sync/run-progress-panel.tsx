"use client";

import { Badge } from "@/components/ui/badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import { usePolledProgress } from "@/components/ui/use-polled-progress";
import { formatDuration, isLive, RUN_KIND_LABEL, runFigures, type RunProgress } from "@/lib/sync/run-progress";

/**
 * A live run's progress, polled once a second from the guarded progress route. When the run ends the
 * page is refreshed once, so the finished result replaces this panel.
 */
export function RunProgressPanel({ initial }: { initial: RunProgress }) {
  const { value: run, isUnreachable } = usePolledProgress(initial, (r) => `/api/sync/runs/${r.id}`, isLive);

  const { ratePerSecond, percent, etaSeconds, isStalled } = runFigures(run);
  const label = `${RUN_KIND_LABEL[run.kind]} progress`;
  const valueText =
    percent !== null ? `${percent}%, ${run.records.toLocaleString("en")} records` : `${run.records.toLocaleString("en")} records so far`;

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{RUN_KIND_LABEL[run.kind]}</span>
        {run.status === "queued" ? <Badge variant="neutral">Queued</Badge> : <Badge variant="gold">Running</Badge>}
        {isStalled ? <Badge variant="warning">Stalled: no word from the worker for {formatDuration(run.heartbeatAgeSeconds ?? 0)}</Badge> : null}
        {isUnreachable ? <span className="text-xs text-muted-foreground">Reconnecting…</span> : null}
      </div>
      <ProgressBar label={label} percent={percent} valueText={valueText} isBusy={run.status === "running"} />
      <dl className="grid grid-cols-3 gap-x-4 gap-y-2 text-xs">
        <Figure term="Records" value={run.records.toLocaleString("en")} />
        <Figure term="Pages" value={run.pages.toLocaleString("en")} />
        <Figure term="Rate" value={ratePerSecond === null ? "—" : `${ratePerSecond.toLocaleString("en", { maximumFractionDigits: 1 })} records/s`} />
        <Figure term="Remaining" value={run.totalEstimate === null ? "Unknown" : `≈ ${run.totalEstimate.toLocaleString("en")}`} />
        <Figure term="ETA" value={etaSeconds === null ? "—" : formatDuration(etaSeconds)} />
        <Figure term="Rate-limit waits" value={run.rateLimitWaits.toLocaleString("en")} />
      </dl>
    </div>
  );
}

function Figure({ term, value }: { term: string; value: string }) {
  return (
    <div className="flex flex-col">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}
