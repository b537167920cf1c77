/**
 * npm start — runs Vitrine with demo data, zero setup.
 *
 * Without DATABASE_URL it starts the embedded Postgres under .vitrine/pg (kept between runs);
 * with it, it uses that server. It generates the secrets on first start (.vitrine/secrets.json),
 * applies migrations, loads the demo data into an empty database, builds the app when the sources
 * changed, and serves it on PORT (default 3000). Beside the app it runs the sync worker (inbox drain,
 * backfills, hourly reconciliation) and the demo's fake POS API on loopback (VITRINE_FAKE_POS_PORT,
 * default 54455), which the demo connections point at. VITRINE_SIMULATE=<deliveries per second> also
 * runs the POS simulator against the app. Ctrl-C stops everything, the embedded server last.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/db/seed/accounts";
import { isSeeded, seedDemo } from "@/db/seed";
import { queueReplenishmentRun } from "@/lib/replenishment";
import { fakePlatforms } from "@/lib/pos/fake/platforms";
import { startFakePos, type FakePosServer } from "@/lib/pos/fake/server";
import { DEMO_FAKE_POS_PORT, demoApiToken } from "@/lib/pos/simulate/demo";
import { syncConnectors } from "@/lib/pos/sync-connectors";
import { DatabaseUnreachableError, INSTANCE_DIR, loadOrCreateSecrets, resolveDatabase } from "@/lib/runtime/instance";
import { startSyncWorker, type RunningWorker } from "@/lib/sync/worker";
import { APP_DATABASE, EMBEDDED_DATA_DIR, EMBEDDED_PORT } from "./instance-settings";

const port = Number(process.env.PORT ?? 3000);
const log = (line: string) => console.log(`[vitrine] ${line}`);

async function main() {
  const secrets = loadOrCreateSecrets();
  // the seed seals the demo POS connections' secrets with this key, so it must match the app's
  process.env.VITRINE_CREDENTIALS_KEY ??= secrets.credentialsKey;
  log(process.env.DATABASE_URL ? "Using the database in DATABASE_URL." : `Starting the embedded Postgres (${path.relative(process.cwd(), INSTANCE_DIR)}/${EMBEDDED_DATA_DIR}, port ${EMBEDDED_PORT})…`);
  const database = await resolveDatabase({
    envUrl: process.env.DATABASE_URL,
    dataDirName: EMBEDDED_DATA_DIR,
    port: EMBEDDED_PORT,
    database: APP_DATABASE,
  });
  let app: ChildProcess | undefined;
  let simulator: ChildProcess | undefined;
  let worker: RunningWorker | undefined;
  let workerDb: ReturnType<typeof createDb> | undefined;
  let fakePos: FakePosServer | undefined;
  let stopping = false;
  let firstStart = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    simulator?.kill("SIGTERM");
    // the worker first: it must not start a batch against a database that is about to stop
    const stoppingWorker = worker?.stop().catch(() => undefined);
    if (app && app.exitCode === null) {
      app.kill("SIGTERM");
      await new Promise((resolve) => app!.once("exit", resolve));
    }
    await stoppingWorker;
    await workerDb?.$client.end({ timeout: 5 }).catch(() => undefined);
    await fakePos?.close();
    if (database.isEmbedded) log("Stopping the embedded Postgres…");
    await database.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  try {
    await runMigrations(database.url);
    const db = createDb(database.url, { max: 4 });
    try {
      if (!(await isSeeded(db))) {
        firstStart = true;
        log("First start: loading the demo data…");
        const summary = await seedDemo(db, { seed: 42, scale: 1 });
        log(`Demo data loaded in ${(summary.elapsedMs / 1000).toFixed(1)} s.`);
        // the buyer's first morning: a replenishment run over the demo's two years of sales (the worker runs it)
        await queueReplenishmentRun(db, { trigger: "manual" });
      }
    } finally {
      await db.$client.end();
    }

    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      AUTH_SECRET: process.env.AUTH_SECRET ?? secrets.authSecret,
      VITRINE_CREDENTIALS_KEY: process.env.VITRINE_CREDENTIALS_KEY ?? secrets.credentialsKey,
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
    };
    buildIfChanged(env);

    fakePos = await startFakePos({ platforms: fakePlatforms, token: demoApiToken(env.VITRINE_CREDENTIALS_KEY), port: DEMO_FAKE_POS_PORT }).catch((error: Error) => {
      log(`The demo POS API could not listen on ${DEMO_FAKE_POS_PORT} (${error.message}); demo re-fetches and backfills will fail until it can.`);
      return undefined;
    });
    workerDb = createDb(database.url, { max: 6 });
    worker = await startSyncWorker({ db: workerDb, connectors: syncConnectors, log: (entry) => console.log(JSON.stringify({ worker: true, ...entry })) });
    log(`Sync worker running${fakePos ? `; demo POS API at ${fakePos.url}` : ""}.`);

    app = spawn(nextBin(), ["start", "-p", String(port)], { env, stdio: ["ignore", "pipe", "inherit"] });
    app.stdout!.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      process.stdout.write(text);
      if (/Ready in|started server/i.test(text)) {
        printWelcome(database.isEmbedded);
        const rate = Number(process.env.VITRINE_SIMULATE ?? 0);
        if (rate > 0 && !simulator) {
          simulator = spawn(process.execPath, ["--import", "tsx", "scripts/pos-simulate.ts", "--url", `http://localhost:${port}`, "--duration", "86400", "--rate", String(rate)], { env, stdio: "inherit" });
        } else if (firstStart && process.env.VITRINE_DEMO_BURST !== "0" && !simulator) {
          // The seed is history, which drafts nothing by design. A first start opens the day with a
          // short burst of live sales through the demo POS webhooks, so the review queue has real
          // drafts (written by the same path as production) to work through.
          log("Opening the demo day: 60 live sales through the POS webhooks (VITRINE_DEMO_BURST=0 skips this)…");
          simulator = spawn(process.execPath, ["--import", "tsx", "scripts/pos-simulate.ts", "--url", `http://localhost:${port}`, "--duration", "20", "--rate", "3"], {
            env,
            stdio: ["ignore", "ignore", "inherit"],
          });
          simulator.on("exit", () => log("Demo sales delivered: the review queue fills as the worker drafts them."));
        }
      }
    });
    app.on("exit", (code) => void stop(code ?? 0));
  } catch (error) {
    await database.stop();
    throw error;
  }
}

function nextBin(): string {
  return path.join(process.cwd(), "node_modules", ".bin", "next");
}

/** Builds when there is no build yet or a source file changed since the last one. */
function buildIfChanged(env: NodeJS.ProcessEnv) {
  const stampFile = path.join(INSTANCE_DIR, "build-fingerprint");
  const fingerprint = sourceFingerprint();
  const hasBuild = fs.existsSync(path.join(".next", "BUILD_ID"));
  if (hasBuild && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === fingerprint) return;
  log("Building the app (first start or sources changed)…");
  const result = spawnSync(nextBin(), ["build"], { env, stdio: "inherit" });
  if (result.status !== 0) throw new Error("next build failed: see the output above.");
  fs.writeFileSync(stampFile, fingerprint);
}

function sourceFingerprint(): string {
  const hash = crypto.createHash("sha256");
  const roots = ["app", "components", "lib", "db", "proxy.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];
  const walk = (entry: string) => {
    if (!fs.existsSync(entry)) return;
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(entry).sort()) walk(path.join(entry, child));
    } else {
      hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  roots.forEach(walk);
  return hash.digest("hex");
}

function printWelcome(isEmbedded: boolean) {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.role.length));
  console.log(
    [
      "",
      `  Vitrine is running at http://localhost:${port}`,
      "",
      `  Demo accounts (password: ${DEMO_PASSWORD})`,
      ...DEMO_ACCOUNTS.map((a) => `    ${a.role.padEnd(width)}  ${a.email}`),
      "",
      isEmbedded ? "  Data: embedded Postgres in .vitrine/ (kept between runs). Ctrl-C stops everything." : "  Data: DATABASE_URL. Ctrl-C stops the app.",
      "",
    ].join("\n"),
  );
}

main().catch((error) => {
  if (error instanceof DatabaseUnreachableError) console.error(`[vitrine] ${error.message}`);
  else console.error("[vitrine] Could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
