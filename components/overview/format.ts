/** "45 s", "12 min", "3.5 h", "2.1 days": a duration at the precision a reader needs. */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${(seconds / 3600).toFixed(seconds < 10 * 3600 ? 1 : 0)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

export function formatPercent(rate: number | null, digits = 0): string {
  return rate === null ? "–" : `${(rate * 100).toFixed(digits)} %`;
}

/** "3 h", "2 days" since a moment. */
export function formatAge(since: Date, now: Date): string {
  return formatDuration(Math.max(0, (now.getTime() - since.getTime()) / 1000));
}
