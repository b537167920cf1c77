import type { FakePosData } from "./data";

export type FakeRequest = {
  method: string;
  /** the path after `/<provider>`, e.g. `/v2/orders/search` */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** parsed JSON or form body, or null */
  body: unknown;
  rawBody: string;
};

export type FakeResponse = { status: number; headers?: Record<string, string>; body?: unknown };

export type FakeContext = {
  data: FakePosData;
  /** the token the fake expects (from `Authorization: Bearer …` or the platform's own header) */
  expectedToken: string;
  /** this server's base URL for the provider, e.g. http://127.0.0.1:4455/shopify (for `next` links) */
  baseUrl: string;
};

/**
 * A platform's fake API: answers the calls its SyncConnector makes, in the platform's shapes, with its
 * pagination. Rate limiting and injected 429s are done by the server around it (lib/pos/fake/server.ts),
 * with the platform's own headers from `rateLimitHeaders`.
 */
export type FakePlatform = {
  provider: string;
  /** true when the request carries the expected credentials (else the server answers 401) */
  authorized(request: FakeRequest, context: FakeContext): boolean;
  handle(request: FakeRequest, context: FakeContext): FakeResponse | Promise<FakeResponse>;
  /**
   * The headers a 429 carries on this platform and the usage headers on every answer (R-Series bucket
   * level, X-Series X-RateLimit-*, Shopify call limit…). `used` / `size` describe the server's bucket.
   */
  rateLimitHeaders(state: { used: number; size: number; retryAfterSeconds: number; limited: boolean }): Record<string, string>;
  /** the body of a 429 in the platform's words */
  rateLimitedBody?: unknown;
};
