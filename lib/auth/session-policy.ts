/** Session limits (OWASP: idle and absolute timeouts), configurable by environment. */
export function sessionPolicy() {
  const idleMinutes = positive(process.env.SESSION_IDLE_MINUTES, 60);
  const maxHours = positive(process.env.SESSION_MAX_HOURS, 12);
  return { idleSeconds: Math.round(idleMinutes * 60), absoluteSeconds: Math.round(maxHours * 3600) };
}

function positive(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

/** True when a session that began at `authTime` (seconds since epoch) has outlived the absolute limit. */
export function isPastAbsoluteLimit(authTime: number | undefined, nowSeconds: number, absoluteSeconds: number): boolean {
  return typeof authTime !== "number" || nowSeconds - authTime > absoluteSeconds;
}
