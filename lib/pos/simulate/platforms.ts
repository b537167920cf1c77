import type { PosProvider } from "@/db/schema/enums";
import { simulator as clover } from "../clover/simulate";
import { simulator as lightspeedR } from "../lightspeed-r/simulate";
import { simulator as lightspeedX } from "../lightspeed-x/simulate";
import { simulator as shopify } from "../shopify/simulate";
import { simulator as square } from "../square/simulate";
import type { PlatformSimulator } from "./scenario";

export const platformSimulators: Record<PosProvider, PlatformSimulator> = {
  shopify,
  square,
  lightspeed_x: lightspeedX,
  lightspeed_r: lightspeedR,
  clover,
};
