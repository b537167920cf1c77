import { describe, expect, it } from "vitest";
import { webhook } from "@/lib/pos/lightspeed-r/webhook";
import { MalformedDelivery } from "@/lib/pos/types";
import { connectionFor, deliveryOf } from "@/tests/fixtures/pos/deliveries";

describe("Lightspeed R-Series webhook connector", () => {
  const connection = connectionFor("lightspeed_r", "any-secret");
  const delivery = deliveryOf('{"Sale":{"saleID":"1"}}', { "x-signature": "anything" });

  it("accepts nothing: R-Series is polled", () => {
    expect(webhook.verify(delivery, connection)).toEqual({ ok: false, reason: "missing_signature" });
  });

  it("has no events to read", () => {
    expect(() => webhook.events(delivery, connection)).toThrow(MalformedDelivery);
  });
});
