import http from "node:http";
import type { AddressInfo } from "node:net";
import { FakePosData, type FakeRecord } from "./data";
import type { FakeContext, FakePlatform, FakeRequest, FakeResponse } from "./types";

/**
 * A POS you can run here: one loopback HTTP server that speaks each platform's API under
 * `/<provider>/…` (e.g. `http://127.0.0.1:4455/square/v2/orders/search`), with the platform's
 * pagination (in lib/pos/<p>/fake.ts) and a rate limiter that answers 429 the platform's way.
 *
 * `/_sim/put` (POST, JSON array of records) lets a simulator in another process add objects;
 * `/_sim/writes` (GET) lists write-backs; both need the server's `simToken`.
 */

export type RateLimitPolicy = {
  /** bucket size in requests */
  size: number;
  /** requests drained per second */
  perSecond: number;
  /** Retry-After (seconds) on a 429 */
  retryAfterSeconds: number;
};

export type FakePosOptions = {
  platforms: FakePlatform[];
  data?: FakePosData;
  port?: number;
  host?: string;
  /** the API token every platform expects (Bearer, or the platform's own header) */
  token: string;
  /** per-provider bucket; default: generous (never limits unless a test asks) */
  rateLimits?: Partial<Record<string, RateLimitPolicy>>;
  /** answer 429 to every nth API request (chaos for backfill tests); 0 = never */
  fail429Every?: number;
  /** guards /_sim; default: the API token */
  simToken?: string;
  log?: (line: string) => void;
};

export type FakePosServer = {
  url: string;
  port: number;
  data: FakePosData;
  /** requests served per provider, 429s included */
  requests: Record<string, number>;
  rateLimited: Record<string, number>;
  setFail429Every(n: number): void;
  /**
   * A POS outage for retry tests: after `after` more API requests to `provider` pass, the next `times`
   * are answered with `status`.
   */
  failNext(provider: string, status: number, times?: number, after?: number): void;
  close(): Promise<void>;
};

type Bucket = { level: number; at: number };

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return null;
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

export async function startFakePos(options: FakePosOptions): Promise<FakePosServer> {
  const data = options.data ?? new FakePosData();
  const platforms = new Map(options.platforms.map((platform) => [platform.provider, platform]));
  const buckets = new Map<string, Bucket>();
  const requests: Record<string, number> = {};
  const rateLimited: Record<string, number> = {};
  let fail429Every = options.fail429Every ?? 0;
  const outages = new Map<string, { status: number; times: number; after: number }>();
  let served = 0;
  const simToken = options.simToken ?? options.token;
  let baseUrl = "";

  function take(provider: string): { limited: boolean; used: number; policy: RateLimitPolicy } {
    const policy = options.rateLimits?.[provider] ?? { size: 10_000, perSecond: 10_000, retryAfterSeconds: 1 };
    const now = Date.now();
    const bucket = buckets.get(provider) ?? { level: 0, at: now };
    bucket.level = Math.max(0, bucket.level - ((now - bucket.at) / 1000) * policy.perSecond);
    bucket.at = now;
    buckets.set(provider, bucket);
    if (bucket.level + 1 > policy.size) return { limited: true, used: Math.ceil(bucket.level), policy };
    bucket.level += 1;
    return { limited: false, used: Math.ceil(bucket.level), policy };
  }

  async function route(req: http.IncomingMessage, raw: string): Promise<FakeResponse> {
    const url = new URL(req.url ?? "/", "http://fake");
    const [, first, ...rest] = url.pathname.split("/");
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));

    if (first === "_sim") {
      if (headers.authorization !== `Bearer ${simToken}`) return { status: 401, body: { error: "simulator token required" } };
      if (rest[0] === "put" && req.method === "POST") {
        const records = JSON.parse(raw) as (FakeRecord & { provider: string; resource: string })[];
        for (const record of records) data.put(record.provider, record.resource, record.id, record.object, { account: record.account, updatedAt: new Date(record.updatedAt) });
        return { status: 200, body: { stored: records.length } };
      }
      if (rest[0] === "writes") return { status: 200, body: data.writes };
      if (rest[0] === "health") return { status: 200, body: { ok: true } };
      return { status: 404, body: { error: "unknown simulator call" } };
    }

    const platform = platforms.get(first ?? "");
    if (!platform) return { status: 404, body: { error: `no fake platform "${first}"` } };
    const request: FakeRequest = {
      method: req.method ?? "GET",
      path: `/${rest.join("/")}`,
      query: url.searchParams,
      headers,
      body: parseBody(raw, headers["content-type"]),
      rawBody: raw,
    };
    const context: FakeContext = { data, expectedToken: options.token, baseUrl: `${baseUrl}/${first}` };
    requests[first] = (requests[first] ?? 0) + 1;
    served += 1;

    const bucket = take(first);
    const forced = fail429Every > 0 && served % fail429Every === 0;
    if (bucket.limited || forced) {
      rateLimited[first] = (rateLimited[first] ?? 0) + 1;
      const retryAfterSeconds = bucket.policy.retryAfterSeconds;
      return {
        status: 429,
        headers: platform.rateLimitHeaders({ used: bucket.policy.size, size: bucket.policy.size, retryAfterSeconds, limited: true }),
        body: platform.rateLimitedBody ?? { error: "rate limited" },
      };
    }
    const outage = outages.get(first);
    if (outage && outage.after > 0) outage.after -= 1;
    else if (outage && outage.times > 0) {
      outage.times -= 1;
      return { status: outage.status, body: { error: `injected ${outage.status}` } };
    }
    if (!platform.authorized(request, context)) return { status: 401, body: { error: "unauthorized" } };
    const response = await platform.handle(request, context);
    return {
      ...response,
      headers: { ...platform.rateLimitHeaders({ used: bucket.used, size: bucket.policy.size, retryAfterSeconds: 0, limited: false }), ...response.headers },
    };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      route(req, Buffer.concat(chunks).toString("utf8"))
        .catch((error: unknown) => {
          options.log?.(`fake POS error: ${(error as Error).stack ?? String(error)}`);
          return { status: 500, body: { error: (error as Error).message } } satisfies FakeResponse;
        })
        .then((response: FakeResponse) => {
          const body = response.body === undefined ? "" : typeof response.body === "string" ? response.body : JSON.stringify(response.body);
          res.writeHead(response.status, { "content-type": "application/json", ...response.headers });
          res.end(body);
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${options.host ?? "127.0.0.1"}:${port}`;
  return {
    url: baseUrl,
    port,
    data,
    requests,
    rateLimited,
    setFail429Every(n) {
      fail429Every = n;
    },
    failNext(provider, status, times = 1, after = 0) {
      outages.set(provider, { status, times, after });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
