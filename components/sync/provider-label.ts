import type { PosProvider } from "@/db/schema/enums";

const LABELS: Record<PosProvider, string> = {
  shopify: "Shopify POS",
  square: "Square",
  lightspeed_x: "Lightspeed X-Series",
  lightspeed_r: "Lightspeed R-Series",
  clover: "Clover",
};

export function providerLabel(provider: PosProvider): string {
  return LABELS[provider];
}
