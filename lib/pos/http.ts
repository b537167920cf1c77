/**
 * The one HTTP client every connector talks to its platform through: bounded in time, paced by the
 * platform's own rate-limit headers, patient with 429 / Retry-After and 5xx, and loud when it gives up.
 * Connectors build paths and parse bodies; this file decides when to wait and when to retry.
 */

export class PosApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    readonly body?: string,
  ) {
    super(message);
    this.name = "PosApiError";
  }
}

/** The platform said "slow down": wait `retryAfterMs` before the next call. */
export class RateLimited extends PosApiError {
  constructor(readonly retryAfterMs: number, detail: string) {
    super(`rate limited by the POS (${detail}); retry in ${Math.ceil(retryAfterMs / 1000)} s`, 429, true);
    this.name = "RateLimited";
  }
}

export type PosRequest = {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** appended to the connection's base URL */
  path: string;
  query?: Record<string, string | number | (string | number)[] | undefined>;
  /** JSON body */
  body?: unknown;
  headers?: Record<string, string>;
};

export type PosResponse = { status: number; headers: Headers; text: string; json<T = unknown>(): T };

/** What a caller may want to show or log while the client waits (the backfill progress bar does). */
export type PosHttpEvent =
  | { type: "rate_limited"; waitMs: number; status: number; attempt: number }
  | { type: "paced"; waitMs: number; reason: string }
  | { type: "retry"; waitMs: number; status: number | null; attempt: number; error: string };

export type PosHttpOptions = {
  baseUrl: string;
  /** auth headers for every call (bearer token, Clover token…) */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** attempts per request, counting the first */
  maxAttempts?: number;
  /** the longest single wait the client accepts before giving up with RateLimited */
  maxWaitMs?: number;
  /** base of the exponential backoff for 5xx / network errors (doubles, with jitter) */
  backoffMs?: number;
  onEvent?: (event: PosHttpEvent) => void;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** parse JSON bodies with this (e.g. a lossless parser keeping 64-bit ids as strings) */
  parseJson?: (text: string) => unknown;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Retry-After is seconds ("2") or an HTTP date (X-Series sends RFC 1123). Missing or unreadable → null.
 */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * How long to wait before the next call so as not to be refused, from the bucket headers the platforms
 * send: R-Series `X-LS-API-Bucket-Level: used/size` with `X-LS-API-Drip-Rate`, Shopify REST
 * `X-Shopify-Shop-Api-Call-Limit: used/size`, X-Series / Clover `X-RateLimit-Remaining`. Leaves a
 * small margin; 0 when there is room.
 */
export function paceFromHeaders(headers: Headers, nextCost = 1): { waitMs: number; reason: string } {
  const bucket = headers.get("x-ls-api-bucket-level");
  if (bucket) {
    const [used, size] = bucket.split("/").map(Number);
    const drip = Number(headers.get("x-ls-api-drip-rate") ?? "1") || 1;
    const room = size - used;
    if (Number.isFinite(room) && room < nextCost + 1) {
      return { waitMs: Math.ceil(((nextCost + 1 - room) / drip) * 1000), reason: `R-Series bucket ${bucket}` };
    }
  }
  const shopify = headers.get("x-shopify-shop-api-call-limit");
  if (shopify) {
    const [used, size] = shopify.split("/").map(Number);
    if (size - used < 2) return { waitMs: 1_000, reason: `Shopify call limit ${shopify}` };
  }
  const remaining = headers.get("x-ratelimit-remaining");
  if (remaining !== null && Number(remaining) <= 0) {
    const reset = retryAfterMs(headers.get("x-ratelimit-reset") ?? headers.get("retry-after"));
    return { waitMs: reset ?? 1_000, reason: "X-RateLimit-Remaining: 0" };
  }
  return { waitMs: 0, reason: "" };
}

export class PosHttp {
  private readonly options: Required<Omit<PosHttpOptions, "onEvent" | "parseJson" | "headers">> &
    Pick<PosHttpOptions, "onEvent" | "parseJson" | "headers">;
  /** earliest time the next call may go out (set by pacing headers and Retry-After) */
  private notBefore = 0;

  constructor(options: PosHttpOptions) {
    this.options = {
      timeoutMs: 10_000,
      maxAttempts: 6,
      maxWaitMs: 120_000,
      backoffMs: 500,
      fetch: globalThis.fetch.bind(globalThis),
      sleep: defaultSleep,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ""),
    };
  }

  url(path: string, query?: PosRequest["query"]): string {
    const url = new URL(/^https?:\/\//.test(path) ? path : `${this.options.baseUrl}${path.startsWith("/") ? "" : "/"}${path}`);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
    }
    return url.toString();
  }

  async request(request: PosRequest): Promise<PosResponse> {
    const { maxAttempts, maxWaitMs, backoffMs, sleep, onEvent } = this.options;
    let lastError: PosApiError | null = null;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const waitMs = this.notBefore - Date.now();
      if (waitMs > 0) await sleep(waitMs);

      let response: Response;
      try {
        response = await this.send(request);
      } catch (error) {
        lastError = new PosApiError(`POS request failed: ${(error as Error).message}`, null, true);
        const backoff = this.backoff(attempt, backoffMs);
        onEvent?.({ type: "retry", waitMs: backoff, status: null, attempt, error: lastError.message });
        if (attempt < maxAttempts) await sleep(backoff);
        continue;
      }

      const pace = paceFromHeaders(response.headers);
      if (pace.waitMs > 0) {
        this.notBefore = Math.max(this.notBefore, Date.now() + pace.waitMs);
        onEvent?.({ type: "paced", waitMs: pace.waitMs, reason: pace.reason });
      }

      if (response.status === 429) {
        const text = await response.text();
        const wait = retryAfterMs(response.headers.get("retry-after")) ?? this.backoff(attempt, 1_000);
        if (wait > maxWaitMs) throw new RateLimited(wait, `Retry-After ${Math.ceil(wait / 1000)} s exceeds the ${maxWaitMs / 1000} s limit`);
        this.notBefore = Math.max(this.notBefore, Date.now() + wait);
        onEvent?.({ type: "rate_limited", waitMs: wait, status: 429, attempt });
        lastError = new RateLimited(wait, text.slice(0, 200) || "429");
        continue;
      }
      if (response.status >= 500) {
        const text = await response.text();
        lastError = new PosApiError(`POS answered ${response.status}`, response.status, true, text.slice(0, 1_000));
        const backoff = this.backoff(attempt, backoffMs);
        onEvent?.({ type: "retry", waitMs: backoff, status: response.status, attempt, error: lastError.message });
        if (attempt < maxAttempts) await sleep(backoff);
        continue;
      }
      const text = await response.text();
      if (response.status >= 400) {
        throw new PosApiError(`POS answered ${response.status} for ${request.method ?? "GET"} ${request.path}: ${text.slice(0, 300)}`, response.status, false, text.slice(0, 1_000));
      }
      const parse = this.options.parseJson ?? JSON.parse;
      return {
        status: response.status,
        headers: response.headers,
        text,
        json<T>() {
          return parse(text) as T;
        },
      };
    }
    throw lastError ?? new PosApiError("POS request failed", null, true);
  }

  async json<T = unknown>(request: PosRequest): Promise<T> {
    return (await this.request(request)).json<T>();
  }

  private async send(request: PosRequest): Promise<Response> {
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    return this.options.fetch(this.url(request.path, request.query), {
      method: request.method ?? "GET",
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...this.options.headers,
        ...request.headers,
      },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
  }

  private backoff(attempt: number, base: number): number {
    const exp = base * 2 ** (attempt - 1);
    return Math.min(this.options.maxWaitMs, Math.round(exp / 2 + Math.random() * (exp / 2)));
  }
}
