import { MalformedDelivery, type WebhookConnector } from "@/lib/pos/types";

/** R-Series has no webhook API (shared/pos README §4.1): it is polled, and nothing it is sent is trusted. */
export const webhook: WebhookConnector = {
  provider: "lightspeed_r",
  verify: () => ({ ok: false, reason: "missing_signature" }),
  events: () => {
    throw new MalformedDelivery("R-Series has no webhooks; it is polled");
  },
};
