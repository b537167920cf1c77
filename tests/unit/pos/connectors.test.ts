import { describe, expect, it } from "vitest";
import { posProviderEnum } from "@/db/schema/enums";
import { webhookConnectors } from "@/lib/pos/connectors";

describe("webhook connectors", () => {
  it("cover every POS provider, each under its own name", () => {
    expect(Object.keys(webhookConnectors).sort()).toEqual([...posProviderEnum.enumValues].sort());
    for (const [provider, connector] of Object.entries(webhookConnectors)) expect(connector.provider).toBe(provider);
  });

  it("only Clover answers a set-up handshake", () => {
    const handshakes = Object.values(webhookConnectors).filter((connector) => connector.handshake);
    expect(handshakes.map((connector) => connector.provider)).toEqual(["clover"]);
  });
});
