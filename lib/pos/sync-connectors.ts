import type { PosProvider } from "@/db/schema/enums";
import { sync as clover } from "./clover/sync";
import { sync as lightspeedR } from "./lightspeed-r/sync";
import { sync as lightspeedX } from "./lightspeed-x/sync";
import { sync as shopify } from "./shopify/sync";
import { sync as square } from "./square/sync";
import type { SyncConnector } from "./types";

/** What each platform does after a delivery is inboxed: map, re-fetch, backfill, write back. */
export const syncConnectors: Record<PosProvider, SyncConnector> = {
  shopify,
  square,
  lightspeed_x: lightspeedX,
  lightspeed_r: lightspeedR,
  clover,
};
