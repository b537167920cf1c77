/**
 * The baseline for `bench ingest`: a bare node:http handler doing the same work as Vitrine's
 * receiver (read the body, verify the Shopify HMAC in constant time, insert into the inbox once),
 * with nothing else. Run as its own process: tsx scripts/bench/bare-webhook-server.ts <port>
 */
import crypto from "node:crypto";
import http from "node:http";
import postgres from "postgres";

const port = Number(process.argv[2]);
const { DATABASE_URL, BENCH_CONNECTION_ID, BENCH_SECRET } = process.env as Record<string, string>;
const sql = postgres(DATABASE_URL, { max: 10, onnotice: () => undefined });

http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const expected = crypto.createHmac("sha256", BENCH_SECRET).update(body).digest();
      const given = Buffer.from(String(req.headers["x-shopify-hmac-sha256"] ?? ""), "base64");
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
        res.writeHead(401).end();
        return;
      }
      const sha = crypto.createHash("sha256").update(body).digest("hex");
      await sql`insert into pos_events (connection_id, provider, event_id, topic, raw_body, body_sha256, payload)
        values (${BENCH_CONNECTION_ID}, 'shopify', ${String(req.headers["x-shopify-event-id"])}, ${String(req.headers["x-shopify-topic"])}, ${body.toString("utf8")}, ${sha}, ${JSON.parse(body.toString("utf8"))})
        on conflict do nothing`;
      res.writeHead(200, { "content-type": "application/json" }).end('{"received":1}');
    });
  })
  .listen(port, "127.0.0.1", () => console.log(`bare receiver on ${port}`));
