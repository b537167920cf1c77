import { cn } from "@/components/ui/cn";

/**
 * A job's progress bar: a filled share when the percentage is known, a pulsing bar while the total is
 * not (still accessible: the value text says what is known).
 */
export function ProgressBar({ label, percent, valueText, isBusy }: { label: string; percent: number | null; valueText: string; isBusy: boolean }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={percent !== null ? 0 : undefined}
      aria-valuemax={percent !== null ? 100 : undefined}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={valueText}
      aria-busy={isBusy}
      className="relative h-2 overflow-hidden rounded-full bg-muted"
    >
      {percent !== null ? (
        <div className="h-full rounded-full bg-gold transition-[width] duration-500" style={{ width: `${percent}%` }} />
      ) : (
        <div className={cn("h-full w-full rounded-full bg-gold/40", isBusy && "motion-safe:animate-pulse")} />
      )}
    </div>
  );
}
