import type { PosProvider } from "@/db/schema/enums";
import { webhook as clover } from "./clover/webhook";
import { webhook as lightspeedR } from "./lightspeed-r/webhook";
import { webhook as lightspeedX } from "./lightspeed-x/webhook";
import { webhook as shopify } from "./shopify/webhook";
import { webhook as square } from "./square/webhook";
import type { WebhookConnector } from "./types";

export const webhookConnectors: Record<PosProvider, WebhookConnector> = {
  shopify,
  square,
  lightspeed_x: lightspeedX,
  lightspeed_r: lightspeedR,
  clover,
};
