import crypto from "node:crypto";
import { inArray } from "drizzle-orm";
import { seal } from "../../lib/crypto/secret-box";
import { webhookSecretAad } from "../../lib/sync/receive";
import type { Database } from "../client";
import { posConnections, stores, type PosProvider } from "../schema";
import { Rng } from "./random";

type DemoConnection = { provider: PosProvider; name: string; storeCodes: string[]; config: (id: string, appUrl: string) => Record<string, unknown> };

/** One connection per platform, each feeding demo stores (a real retailer rarely runs two POS in one store). */
const DEMO_CONNECTIONS: DemoConnection[] = [
  { provider: "shopify", name: "Shopify POS — London", storeCodes: ["LDN"], config: () => ({ shopDomain: "vitrine-london.myshopify.com", serialSource: { kind: "line_item_property", name: "Serial" } }) },
  { provider: "square", name: "Square — New York", storeCodes: ["NYC"], config: (id, appUrl) => ({ notificationUrl: `${appUrl}/api/webhooks/square/${id}` }) },
  { provider: "lightspeed_x", name: "Lightspeed X-Series — Geneva", storeCodes: ["GVA"], config: () => ({ domainPrefix: "vitrine-geneva", signedBytes: "raw_body" }) },
  { provider: "lightspeed_r", name: "Lightspeed R-Series — Geneva workshop", storeCodes: ["GVA"], config: () => ({ accountId: "100001", pollMinutes: 60 }) },
  { provider: "clover", name: "Clover — Dubai", storeCodes: ["DXB"], config: () => ({ appId: "VITRINEDEMOAPP", merchants: { MDXB0001VITRINE: "DXB" } }) },
];

/**
 * The demo's POS connections, with webhook secrets derived from the instance's own credentials key
 * (stable for this instance, unguessable without the key) and sealed at rest.
 */
export async function seedDemoConnections(db: Database, options: { seed: number; appUrl: string }): Promise<number> {
  const key = process.env.VITRINE_CREDENTIALS_KEY;
  if (!key) throw new Error("VITRINE_CREDENTIALS_KEY must be set to seed POS connections (npm start sets it).");
  const rng = new Rng(options.seed, "connections");
  const storeRows = await db.select({ id: stores.id, code: stores.code }).from(stores).where(inArray(stores.code, DEMO_CONNECTIONS.flatMap((c) => c.storeCodes)));
  const storeId = (code: string) => storeRows.find((s) => s.code === code)?.id;
  const rows = DEMO_CONNECTIONS.map((connection) => {
    const id = rng.uuid();
    const secret = crypto.createHmac("sha256", Buffer.from(key, "base64")).update(`demo-webhook-secret:${id}`).digest("base64url");
    return {
      id,
      provider: connection.provider,
      name: connection.name,
      storeMapping: Object.fromEntries(connection.storeCodes.map((code) => [`location-${code.toLowerCase()}`, storeId(code)!])),
      webhookSecretEncrypted: connection.provider === "lightspeed_r" ? null : seal(secret, webhookSecretAad(id)),
      config: connection.config(id, options.appUrl),
    };
  });
  await db.insert(posConnections).values(rows);
  return rows.length;
}
