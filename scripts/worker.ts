/**
 * The sync worker on its own (`npm run worker`): drains the POS inbox, runs backfills and the hourly
 * reconciliation. `npm start` runs one inside its own process; run more of these against the same
 * database to scale out. Uses DATABASE_URL and VITRINE_CREDENTIALS_KEY (to open POS credentials).
 */
import { createDb } from "../db/client";
import { syncConnectors } from "../lib/pos/sync-connectors";
import { startSyncWorker } from "../lib/sync/worker";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start runs a worker itself; this script is for extra workers).");
  if (!process.env.VITRINE_CREDENTIALS_KEY) throw new Error("VITRINE_CREDENTIALS_KEY is not set: the worker needs it to open POS credentials.");
  const db = createDb(url, { max: 6 });
  const worker = await startSyncWorker({ db, connectors: syncConnectors });
  console.log(JSON.stringify({ msg: "sync worker started" }));
  const stop = async () => {
    await worker.stop();
    await db.$client.end({ timeout: 5 });
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
