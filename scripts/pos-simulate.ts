/**
 * A POS you can run here: realistic, correctly signed deliveries from every platform to a running
 * Vitrine, using the demo connections (their secrets opened with the instance's key).
 *
 *   npm run pos:simulate -- --url http://localhost:3000 --duration 60 --rate 5 [--duplicates 0.1] [--out-of-order 0.05] [--seed n]
 *
 * The objects behind each delivery go to the fake POS API the connections point at (the one `npm start`
 * runs), so Square, Clover and X-Series notifications can be re-fetched; if none is running, this script
 * serves one itself for as long as it runs (plus --linger seconds). Settings come from the environment,
 * or from the local instance (.vitrine) when DATABASE_URL is not set.
 */
import { parseArgs } from "node:util";
import { createDb } from "../db/client";
import { FakePosData, type FakeRecord } from "../lib/pos/fake/data";
import { fakePlatforms } from "../lib/pos/fake/platforms";
import { startFakePos } from "../lib/pos/fake/server";
import { demoApiToken, demoFakePosUrl } from "../lib/pos/simulate/demo";
import { capturePuts, Simulation, simProducts, simTargets } from "../lib/pos/simulate/run";
import { instanceEnvironment } from "./instance-env";

const USAGE = "Usage: npm run pos:simulate -- --url <Vitrine URL> --duration <seconds> --rate <deliveries/s> [--duplicates 0.1] [--out-of-order 0.05] [--seed n] [--linger s]";

function number(raw: string | undefined, fallback: number, name: string, valid: (n: number) => boolean): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!valid(value)) throw new Error(`--${name} must be a valid number, got "${raw}".\n${USAGE}`);
  return value;
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      duration: { type: "string" },
      rate: { type: "string" },
      duplicates: { type: "string" },
      "out-of-order": { type: "string" },
      seed: { type: "string" },
      linger: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return console.log(USAGE);
  const url = (values.url ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
  const duration = number(values.duration, 30, "duration", (n) => n > 0);
  const rate = number(values.rate, 5, "rate", (n) => n > 0 && n <= 2_000);
  const duplicateRatio = number(values.duplicates, 0.1, "duplicates", (n) => n >= 0 && n <= 1);
  const outOfOrderRatio = number(values["out-of-order"], 0.05, "out-of-order", (n) => n >= 0 && n <= 1);
  const seed = number(values.seed, Date.now() % 100_000, "seed", Number.isInteger);
  const linger = number(values.linger, 60, "linger", (n) => n >= 0);

  const env = await instanceEnvironment();
  // the connections' secrets are opened with this key (lib/crypto/secret-box.ts reads it from the environment)
  process.env.VITRINE_CREDENTIALS_KEY = env.VITRINE_CREDENTIALS_KEY;
  const db = createDb(env.DATABASE_URL, { max: 2 });
  const token = demoApiToken(env.VITRINE_CREDENTIALS_KEY);
  const products = await simProducts(db);
  const targets = await simTargets(db, { appUrl: url, seed, start: new Date(), products, stepSeconds: 1 / rate });
  if (targets.length === 0) throw new Error("No active POS connections with a store mapping: add one in Admin → Connections.");

  // The fake POS: the running one (npm start) if it answers, else our own for the length of the run.
  const fakeUrl = demoFakePosUrl();
  const running = await fetch(`${fakeUrl}/_sim/health`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.ok, () => false);
  const pending: (FakeRecord & { provider: string; resource: string })[] = [];
  let data = new FakePosData();
  let ownServer: Awaited<ReturnType<typeof startFakePos>> | null = null;
  if (running) {
    data = capturePuts(data, (record) => pending.push(record));
  } else {
    ownServer = await startFakePos({ platforms: fakePlatforms, token, data, port: Number(new URL(fakeUrl).port) });
    console.log(`No fake POS was running: serving one at ${ownServer.url} while simulating.`);
  }
  const pushPending = async () => {
    if (pending.length === 0) return;
    const batch = pending.splice(0, pending.length);
    const response = await fetch(`${fakeUrl}/_sim/put`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(batch) });
    if (!response.ok) throw new Error(`the fake POS refused the simulated objects: ${response.status}`);
  };

  const statuses: Record<string, number> = {};
  const simulation = new Simulation({
    data,
    targets,
    duplicateRatio,
    outOfOrderRatio,
    seed,
    send: async (target, delivery) => {
      await pushPending();
      const response = await fetch(`${url}/api/webhooks/${target.provider}/${target.connection.id}`, { method: "POST", headers: delivery.headers, body: new Uint8Array(delivery.body) }).catch((error: Error) => {
        throw new Error(`Vitrine at ${url} did not answer (${error.message}). Is it running?`);
      });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      return response.status;
    },
  });

  console.log(`Simulating ${targets.map((t) => t.provider).join(", ")} → ${url} for ${duration} s at ${rate}/s (duplicates ${duplicateRatio}, out of order ${outOfOrderRatio}, seed ${seed}).`);
  const started = Date.now();
  let nextAt = started;
  let lastReport = started;
  while (Date.now() - started < duration * 1000) {
    await simulation.step();
    nextAt += 1000 / rate;
    const wait = nextAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (Date.now() - lastReport >= 5_000) {
      lastReport = Date.now();
      console.log(`  ${simulation.stats.events} events, ${simulation.stats.deliveries} deliveries (${JSON.stringify(statuses)})`);
    }
  }
  await simulation.flush();
  await pushPending();
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `Done: ${simulation.stats.events} shop events, ${simulation.stats.deliveries} deliveries in ${seconds.toFixed(1)} s (${(simulation.stats.deliveries / seconds).toFixed(1)}/s); ` +
      `${simulation.stats.duplicates} repeats, ${simulation.stats.held} sent late; answers ${JSON.stringify(statuses)}; by platform ${JSON.stringify(simulation.stats.byProvider)}.`,
  );
  await db.$client.end();
  if (ownServer) {
    console.log(`Keeping the fake POS up ${linger} s more so Vitrine can re-fetch what it was told about…`);
    await new Promise((resolve) => setTimeout(resolve, linger * 1000));
    await ownServer.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
