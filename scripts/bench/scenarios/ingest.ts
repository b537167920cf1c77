import autocannon from "autocannon";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { posConnections } from "../../../db/schema";
import { seal } from "../../../lib/crypto/secret-box";
import { webhookSecretAad } from "../../../lib/sync/receive";
import { compared, defineScenario, type Figure } from "../harness";

const APP_PORT = 3410;
const BARE_PORT = 3411;
const INGRESS_PORT = 3412;
const SECONDS = 10;

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { method: "POST", body: "{}" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Signed Shopify order deliveries, each its own event, generated ahead so signing stays out of the timing. */
function deliveries(secret: string, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const body = JSON.stringify({
      id: 820982911946154500 + i,
      name: `#B${i}`,
      source_name: "pos",
      currency: "GBP",
      total_price: "12450.00",
      line_items: [{ id: 466157049 + i, sku: "AUR-CHR-41-STL", quantity: 1, price: "12450.00", properties: [{ name: "Serial", value: `AU${700000 + i}` }] }],
    });
    return {
      body,
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": "orders/create",
        "x-shopify-shop-domain": "bench.myshopify.com",
        "x-shopify-event-id": `bench-${i}`,
        "x-shopify-webhook-id": `d-${i}`,
        "x-shopify-api-version": "2025-01",
        "x-shopify-hmac-sha256": crypto.createHmac("sha256", secret).update(body).digest("base64"),
      },
    };
  });
}

type Load = { rate?: number; label: string };

async function fire(url: string, pool: ReturnType<typeof deliveries>, load: Load) {
  let next = 0;
  const result = await autocannon({
    url,
    method: "POST",
    connections: 200,
    duration: SECONDS,
    ...(load.rate ? { overallRate: load.rate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const delivery = pool[next++ % pool.length];
          return { ...request, method: "POST", body: delivery.body, headers: delivery.headers };
        },
      },
    ],
  });
  return { accepted: result["2xx"] / SECONDS, failed: result.non2xx + result.errors + result.timeouts, p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * The webhook receiver (the Next.js route, and the same receiver as its own ingress process) under
 * load from a second process on loopback (autocannon), against a bare
 * node:http handler doing the same verify + insert, in the same run and database.
 */
export default defineScenario({
  name: "ingest",
  description: "webhook receiver: closed loop at 200 connections and open loop at 500/s, vs a bare node:http verify + insert",
  async run({ db, url, log }) {
    process.env.VITRINE_CREDENTIALS_KEY ??= crypto.randomBytes(32).toString("base64");
    const secret = crypto.randomBytes(24).toString("base64url");
    const [connection] = await db.insert(posConnections).values({ provider: "shopify", name: "bench" }).returning({ id: posConnections.id });
    await db.update(posConnections).set({ webhookSecretEncrypted: seal(secret, webhookSecretAad(connection.id)) }).where(sql`id = ${connection.id}`);

    if (!fs.existsSync(path.join(".next", "BUILD_ID"))) {
      log("no Next.js build yet: building (about a minute)");
      if (spawnSync(path.join("node_modules", ".bin", "next"), ["build"], { stdio: "inherit" }).status !== 0) throw new Error("next build failed");
    }
    const env = {
      ...process.env,
      DATABASE_URL: url,
      AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      BENCH_CONNECTION_ID: connection.id,
      BENCH_SECRET: secret,
    };
    const bin = (name: string) => path.join("node_modules", ".bin", name);
    const app = spawn(bin("next"), ["start", "-p", String(APP_PORT)], { env, stdio: "ignore" });
    const bare = spawn(bin("tsx"), ["scripts/bench/bare-webhook-server.ts", String(BARE_PORT)], { env, stdio: "ignore" });
    const ingress = spawn(bin("tsx"), ["scripts/ingress.ts", String(INGRESS_PORT)], { env: { ...env, INGRESS_PORT: String(INGRESS_PORT) }, stdio: "ignore" });
    try {
      const appUrl = `http://127.0.0.1:${APP_PORT}/api/webhooks/shopify/${connection.id}`;
      const bareUrl = `http://127.0.0.1:${BARE_PORT}/`;
      const ingressUrl = `http://127.0.0.1:${INGRESS_PORT}/api/webhooks/shopify/${connection.id}`;
      await Promise.all([waitFor(appUrl, 60_000), waitFor(bareUrl, 30_000), waitFor(ingressUrl, 30_000)]);
      const pool = deliveries(secret, 50_000);
      const results: Record<string, Awaited<ReturnType<typeof fire>>> = {};
      for (const [name, target] of [
        ["bare", bareUrl],
        ["vitrine", appUrl],
        ["ingress", ingressUrl],
      ] as const) {
        // warm up: JIT, connection pools, Next's route compilation cache
        await autocannon({ url: target, method: "POST", connections: 10, amount: 500, requests: [{ setupRequest: (r) => ({ ...r, ...pool[0], method: "POST" }) }] });
        await db.execute(sql`truncate pos_events`);
        log(`${name}: closed loop, 200 connections, ${SECONDS} s`);
        results[`${name}-closed`] = await fire(target, pool, { label: "closed" });
        await db.execute(sql`truncate pos_events`);
        log(`${name}: open loop, 500/s, ${SECONDS} s`);
        results[`${name}-open`] = await fire(target, pool, { label: "open", rate: 500 });
      }
      const stored = await db.execute<{ n: string }>(sql`select count(*) as n from pos_events`);
      log(`inbox rows after the last run: ${stored[0].n}; failed requests: ${Object.entries(results).map(([k, r]) => `${k}=${r.failed}`).join(", ")}`);
      const figures: Figure[] = [
        compared("accepted deliveries/s, closed loop 200 conns", results["vitrine-closed"].accepted, results["bare-closed"].accepted, "req/s"),
        compared("p50 latency at 500/s", results["vitrine-open"].p50, results["bare-open"].p50, "ms"),
        compared("p99 latency at 500/s", results["vitrine-open"].p99, results["bare-open"].p99, "ms"),
        compared("p99 latency, closed loop 200 conns", results["vitrine-closed"].p99, results["bare-closed"].p99, "ms"),
        compared("ingress process: accepted deliveries/s, closed loop 200 conns", results["ingress-closed"].accepted, results["bare-closed"].accepted, "req/s"),
        compared("ingress process: p50 latency at 500/s", results["ingress-open"].p50, results["bare-open"].p50, "ms"),
        compared("ingress process: p99 latency at 500/s", results["ingress-open"].p99, results["bare-open"].p99, "ms"),
      ];
      return figures;
    } finally {
      await Promise.all([stop(app), stop(bare), stop(ingress)]);
    }
  },
});
