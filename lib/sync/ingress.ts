import http from "node:http";
import type { Database } from "@/db/client";
import { webhookConnectors } from "@/lib/pos/connectors";
import { webhookBodyLimit } from "./body";
import { receiveWebhook } from "./receive";

/**
 * The webhook ingress as a process of its own: the same `POST /api/webhooks/<provider>/<connectionId>`
 * and the same `receiveWebhook` as the Next.js route, on a bare node:http server. A reverse proxy sends
 * `/api/webhooks/` here, so a burst of POS deliveries never queues behind page renders, and the
 * receiver keeps to the platforms' 5 s deadline with room to spare (see `npm run bench -- ingest`).
 */

const ROUTE = /^\/api\/webhooks\/([^/]+)\/([^/?#]+)\/?$/;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function createIngressServer(db: Database, log: (entry: Record<string, unknown>) => void = (entry) => console.warn(JSON.stringify(entry))): http.Server {
  const limit = webhookBodyLimit();
  return http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (req.method === "GET" && url === "/healthz") return send(res, 200, { ok: true });
    const match = ROUTE.exec(url);
    if (!match) return send(res, 404, { error: "not found" });
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      return send(res, 405, { error: "method not allowed" });
    }
    void (async () => {
      const rawBody = await readBody(req, limit);
      if (!rawBody) return send(res, 413, { error: "payload too large" });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
      const outcome = await receiveWebhook(db, webhookConnectors, { provider: decodeURIComponent(match[1]), connectionId: decodeURIComponent(match[2]), rawBody, headers }, log);
      send(res, outcome.status, outcome.body);
    })().catch((error: unknown) => {
      log({ msg: "webhook ingress error", error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) send(res, 500, { error: "internal error" });
    });
  });
}
