/** One error vocabulary for data functions; each code maps to an HTTP status and a safe message. */
export type AppErrorCode = "unauthenticated" | "forbidden" | "not_found" | "invalid_input" | "conflict" | "rate_limited";

const STATUS: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_input: 400,
  conflict: 409,
  rate_limited: 429,
};

export function statusOf(code: AppErrorCode): number {
  return STATUS[code];
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return statusOf(this.code);
  }
}

export type ActionResult<T = void> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode; message: string; fieldErrors?: Record<string, string[]> };
