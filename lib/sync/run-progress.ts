import type { SyncRunStatus } from "@/db/schema/pos";

/** A backfill or reconciliation run as the Sync page shows it (JSON-safe: the progress route returns it). */
export type RunProgress = {
  id: string;
  connectionId: string;
  kind: "backfill" | "reconciliation";
  status: SyncRunStatus;
  records: number;
  pages: number;
  /** the platform's own count of what remains, when it says */
  totalEstimate: number | null;
  rateLimitWaits: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** seconds from start to finish (or to now, while running), by the database clock */
  elapsedSeconds: number | null;
  /** seconds since the worker last reported, by the database clock */
  heartbeatAgeSeconds: number | null;
};

/** A running run whose worker has not reported for this long is shown as stalled (backfill.ts resumes it). */
export const STALLED_AFTER_SECONDS = 60;

export function isLive(run: Pick<RunProgress, "status">): boolean {
  return run.status === "queued" || run.status === "running";
}

export type RunFigures = {
  /** records per second since the run started; null before it starts */
  ratePerSecond: number | null;
  /** 0–100, when the platform said how much remains */
  percent: number | null;
  /** seconds left at the current rate, when an estimate exists */
  etaSeconds: number | null;
  isStalled: boolean;
};

export function runFigures(run: RunProgress): RunFigures {
  const ratePerSecond = run.elapsedSeconds && run.elapsedSeconds > 0 ? run.records / run.elapsedSeconds : null;
  const total = run.totalEstimate === null ? null : run.records + run.totalEstimate;
  const percent = total ? Math.min(100, Math.round((run.records / total) * 100)) : null;
  const etaSeconds = run.totalEstimate !== null && ratePerSecond ? Math.round(run.totalEstimate / ratePerSecond) : null;
  const isStalled = run.status === "running" && run.heartbeatAgeSeconds !== null && run.heartbeatAgeSeconds > STALLED_AFTER_SECONDS;
  return { ratePerSecond, percent, etaSeconds, isStalled };
}

/** "45 s", "3 min 20 s", "2 h 5 min". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

export const RUN_KIND_LABEL: Record<RunProgress["kind"], string> = {
  backfill: "Backfill",
  reconciliation: "Reconciliation",
};
