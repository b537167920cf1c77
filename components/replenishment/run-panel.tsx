"use client";

import { Play } from "lucide-react";
import { useState, useTransition } from "react";
import { runForecastAction } from "@/app/(app)/replenishment/actions";
import { formatDateTime, formatNumber } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { usePolledProgress } from "@/components/ui/use-polled-progress";
import type { RunProgress } from "@/lib/replenishment/queries";

function isLive(run: RunProgress | null): boolean {
  return run?.status === "queued" || run?.status === "running";
}

/**
 * The last run (when, how it ended, what it proposed) and "Run forecast now". A live run's progress
 * (series forecast of series total) is polled from the guarded progress route; when it ends the page
 * refreshes once, so the new recommendations replace the old.
 */
export function RunPanel({ initial, canRun }: { initial: RunProgress | null; canRun: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const { value: run, setValue: setRun, isUnreachable } = usePolledProgress(initial, (r) => (r ? `/api/replenishment/runs/${r.id}` : null), isLive);

  function start() {
    setError(null);
    startTransition(async () => {
      const result = await runForecastAction({});
      if (!result.ok) return setError(result.message);
      const now = new Date().toISOString();
      setRun({ id: result.data.runId, trigger: "manual", status: "queued", seriesTotal: 0, seriesDone: 0, proposed: 0, superseded: 0, unchanged: 0, error: null, createdAt: now, startedAt: null, finishedAt: null });
    });
  }

  return (
    <section aria-labelledby="run-panel-title" className="mb-6 flex flex-col gap-3 rounded-xl border bg-card px-5 py-4 shadow-xs">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0 space-y-0.5">
          <h2 id="run-panel-title" className="text-sm font-medium">
            Forecast run
          </h2>
          <RunSummary run={run} />
        </div>
        {canRun ? (
          <Button onClick={start} disabled={isPending || isLive(run)} size="sm">
            <Play aria-hidden /> Run forecast now
          </Button>
        ) : null}
      </div>
      {run && isLive(run) ? <RunProgressBar run={run} isUnreachable={isUnreachable} /> : null}
      {run?.status === "failed" ? (
        <Notice tone="error">
          The last run failed{run.error ? `: ${run.error}` : "."} The open recommendations are those of the run before it.
        </Notice>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
    </section>
  );
}

function RunSummary({ run }: { run: RunProgress | null }) {
  if (!run) return <p className="text-sm text-muted-foreground">No forecast has run yet. The nightly run starts at 03:00 UTC.</p>;
  const who = run.trigger === "manual" ? "On demand" : "Nightly";
  if (run.status === "done") {
    return (
      <p className="text-sm text-muted-foreground" data-testid="last-run">
        {who}, finished {formatDateTime(run.finishedAt ?? run.createdAt)}: {formatNumber(run.seriesTotal)} series forecast, {formatNumber(run.proposed)} new
        recommendations, {formatNumber(run.superseded)} superseded, {formatNumber(run.unchanged)} unchanged.
      </p>
    );
  }
  if (run.status === "failed") return <p className="text-sm text-muted-foreground">{who}, failed {formatDateTime(run.finishedAt ?? run.createdAt)}.</p>;
  return <p className="text-sm text-muted-foreground">{who}, requested {formatDateTime(run.createdAt)}.</p>;
}

function RunProgressBar({ run, isUnreachable }: { run: RunProgress; isUnreachable: boolean }) {
  const percent = run.seriesTotal > 0 ? Math.min(100, Math.round((run.seriesDone / run.seriesTotal) * 100)) : null;
  const valueText = percent === null ? "Loading sales history" : `${formatNumber(run.seriesDone)} of ${formatNumber(run.seriesTotal)} series forecast`;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        {run.status === "queued" ? <Badge variant="neutral">Queued</Badge> : <Badge variant="gold">Running</Badge>}
        <span className="text-muted-foreground tabular-nums">{run.status === "queued" ? "Waiting for the worker" : valueText}</span>
        {isUnreachable ? <span className="text-muted-foreground">Reconnecting…</span> : null}
      </div>
      <ProgressBar label="Forecast run progress" percent={percent} valueText={valueText} isBusy={run.status === "running"} />
    </div>
  );
}
