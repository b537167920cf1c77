import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { webhookConnectors } from "@/lib/pos/connectors";
import {
  lightspeedXSignatureHeader,
  sha256Hex,
  signLightspeedX,
  signShopify,
  signSquare,
  timingSafeEqualBase64,
  timingSafeEqualHex,
  timingSafeEqualStrings,
} from "@/lib/pos/signing";
import { connectionFor, deliveryOf } from "@/tests/fixtures/pos/deliveries";

describe("signing helpers", () => {
  it("compute the documented HMACs (RFC 4231 test case 2 key and message)", () => {
    // HMAC-SHA256(key "Jefe", "what do ya want for nothing?") from RFC 4231 §4.3.
    const hex = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    const base64 = Buffer.from(hex, "hex").toString("base64");
    expect(signShopify("what do ya want for nothing?", "Jefe")).toBe(base64);
    expect(signSquare("what do ya ", "want for nothing?", "Jefe")).toBe(base64);
    expect(signLightspeedX("what do ya want for nothing?", "Jefe")).toBe(hex);
    expect(lightspeedXSignatureHeader("what do ya want for nothing?", "Jefe")).toBe(`signature=${hex}, algorithm=HMAC-SHA256`);
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("compare strings, hex and base64 without throwing on a length mismatch", () => {
    expect(timingSafeEqualStrings("abc", "abc")).toBe(true);
    expect(timingSafeEqualStrings("abc", "abcd")).toBe(false);
    expect(timingSafeEqualStrings("é", "ee")).toBe(false);
    expect(timingSafeEqualHex("ABCDEF", "abcdef")).toBe(true);
    expect(timingSafeEqualHex("abcd", "abcdef")).toBe(false);
    expect(timingSafeEqualHex("abc", "abc")).toBe(false);
    expect(timingSafeEqualHex("zz", "zz")).toBe(false);
    expect(timingSafeEqualBase64("q83v", "q83v")).toBe(true);
    expect(timingSafeEqualBase64("q83v", "q83vAA==")).toBe(false);
    expect(timingSafeEqualBase64("q8 3v", "q83v")).toBe(false);
    expect(timingSafeEqualBase64("q83v!", "q83v")).toBe(false);
  });

  it("go through crypto.timingSafeEqual when lengths match, and skip it when they cannot", () => {
    const spy = vi.spyOn(crypto, "timingSafeEqual");
    const body = Buffer.from('{"id":1}');
    const shopify = webhookConnectors.shopify;
    const connection = connectionFor("shopify", "secret");

    const sameLengthWrong = signShopify(body, "other-secret");
    expect(shopify.verify(deliveryOf(body, { "x-shopify-hmac-sha256": sameLengthWrong }), connection)).toEqual({ ok: false, reason: "bad_signature" });
    expect(spy).toHaveBeenCalledTimes(1);

    expect(shopify.verify(deliveryOf(body, { "x-shopify-hmac-sha256": "q83v" }), connection)).toEqual({ ok: false, reason: "bad_signature" });
    expect(spy).toHaveBeenCalledTimes(1);
  });
});
