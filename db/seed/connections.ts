import { inArray } from "drizzle-orm";
import { seal } from "../../lib/crypto/secret-box";
import { credentialsAad } from "../../lib/pos/secrets";
import { demoApiToken, demoFakePosUrl, demoWebhookSecret } from "../../lib/pos/simulate/demo";
import { webhookSecretAad } from "../../lib/sync/receive";
import type { Database } from "../client";
import { posConnections, stores, type PosProvider } from "../schema";
import { Rng } from "./random";

type DemoConnection = {
  provider: PosProvider;
  name: string;
  /** the platform's own location id (Shopify location, Square location, X-Series outlet, R-Series shop, Clover merchant) → store code */
  locations: Record<string, string>;
  /** path under the fake POS where this platform's API lives */
  apiPath: string;
  config: (id: string, appUrl: string) => Record<string, unknown>;
};

/** One connection per platform, each feeding demo stores (a real retailer rarely runs two POS in one store). */
const DEMO_CONNECTIONS: DemoConnection[] = [
  {
    provider: "shopify",
    name: "Shopify POS — London",
    locations: { "71039201537": "LDN" },
    apiPath: "/shopify",
    config: () => ({ shopDomain: "vitrine-london.myshopify.com", serialSource: { kind: "line_item_property", name: "Serial" } }),
  },
  {
    provider: "square",
    name: "Square — New York",
    locations: { LNYC8TF7XGK1Q: "NYC" },
    apiPath: "/square",
    config: (id, appUrl) => ({ notificationUrl: `${appUrl}/api/webhooks/square/${id}` }),
  },
  {
    provider: "lightspeed_x",
    name: "Lightspeed X-Series — Geneva",
    locations: { "0a6f4b1e-7c3d-4e2a-9b51-6d8e2f4a1c01": "GVA" },
    apiPath: "/lightspeed_x",
    config: () => ({ domainPrefix: "vitrine-geneva", signedBytes: "raw_body", currency: "CHF", registerId: "0a6f4b1e-7c3d-4e2a-9b51-6d8e2f4a1c99" }),
  },
  {
    provider: "lightspeed_r",
    name: "Lightspeed R-Series — Dubai workshop",
    locations: { "1": "DXB" },
    apiPath: "/lightspeed_r/API/V3/Account/100001",
    config: () => ({ accountId: "100001", pollMinutes: 60, currency: "AED" }),
  },
  {
    provider: "clover",
    name: "Clover — Dubai",
    locations: { MDXB0001VITRI: "DXB" },
    apiPath: "/clover",
    config: () => ({ appId: "VITRINEDEMOAPP" }),
  },
];

/**
 * The demo's POS connections, with webhook secrets derived from the instance's own credentials key
 * (stable for this instance, unguessable without the key) and sealed at rest.
 */
export async function seedDemoConnections(db: Database, options: { seed: number; appUrl: string }): Promise<number> {
  const key = process.env.VITRINE_CREDENTIALS_KEY;
  if (!key) throw new Error("VITRINE_CREDENTIALS_KEY must be set to seed POS connections (npm start sets it).");
  const rng = new Rng(options.seed, "connections");
  const storeRows = await db.select({ id: stores.id, code: stores.code }).from(stores).where(inArray(stores.code, DEMO_CONNECTIONS.flatMap((c) => Object.values(c.locations))));
  const storeId = (code: string) => storeRows.find((s) => s.code === code)?.id;
  const token = demoApiToken(key);
  const rows = DEMO_CONNECTIONS.map((connection) => {
    const id = rng.uuid();
    return {
      id,
      provider: connection.provider,
      name: connection.name,
      storeMapping: Object.fromEntries(Object.entries(connection.locations).map(([location, code]) => [location, storeId(code)!])),
      // R-Series has no webhooks: it is polled by reconciliation
      webhookSecretEncrypted: connection.provider === "lightspeed_r" ? null : seal(demoWebhookSecret(key, id), webhookSecretAad(id)),
      credentialsEncrypted: seal(JSON.stringify({ accessToken: token }), credentialsAad(id)),
      config: { ...connection.config(id, options.appUrl), apiBaseUrl: `${demoFakePosUrl()}${connection.apiPath}` },
    };
  });
  await db.insert(posConnections).values(rows);
  return rows.length;
}
