/**
 * `npm run ingress`: the webhook receiver as its own process (lib/sync/ingress.ts), on
 * INGRESS_PORT (default 3001). Point the reverse proxy's `/api/webhooks/` at it; the Next.js app
 * serves the same route for setups without a proxy. Uses DATABASE_URL and VITRINE_CREDENTIALS_KEY.
 */
import { createDb } from "../db/client";
import { createIngressServer } from "../lib/sync/ingress";

const url = process.env.DATABASE_URL;
if (!url || !process.env.VITRINE_CREDENTIALS_KEY) {
  console.error("DATABASE_URL and VITRINE_CREDENTIALS_KEY must be set (the same as the app's).");
  process.exit(1);
}
const port = Number(process.env.INGRESS_PORT ?? process.argv[2] ?? 3001);
const db = createDb(url, { max: 10 });
const server = createIngressServer(db);
server.keepAliveTimeout = 65_000;
server.listen(port, "0.0.0.0", () => console.log(JSON.stringify({ msg: "webhook ingress listening", port })));
const stop = () => server.close(() => void db.$client.end({ timeout: 5 }).then(() => process.exit(0)));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
