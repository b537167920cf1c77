import { describe, expect, it } from "vitest";
import { webhook } from "@/lib/pos/clover/webhook";
import { MalformedDelivery } from "@/lib/pos/types";
import { connectionFor, deliveryOf, fixtureBytes } from "@/tests/fixtures/pos/deliveries";

const authCode = "8c1f2e4d-6a7b-4c3d-9e0f-1a2b3c4d5e6f";
const connection = connectionFor("clover", authCode);
const batch = fixtureBytes("clover/batch.json");
const verification = Buffer.from('{"verificationCode":"ce7643c1-4a9b-4f0e-8d21-7b5e2c9a1f30"}');

describe("Clover webhook verification", () => {
  it("accepts a delivery carrying the app's auth code", () => {
    expect(webhook.verify(deliveryOf(batch, { "x-clover-auth": authCode }), connection)).toEqual({ ok: true });
  });

  it("rejects a wrong auth code", () => {
    const delivery = deliveryOf(batch, { "x-clover-auth": "8c1f2e4d-6a7b-4c3d-9e0f-1a2b3c4d5e60" });
    expect(webhook.verify(delivery, connection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects, without throwing, an auth code of another length", () => {
    for (const code of [authCode.slice(0, -1), `${authCode}0`, "é".repeat(authCode.length)]) {
      expect(webhook.verify(deliveryOf(batch, { "x-clover-auth": code }), connection)).toEqual({ ok: false, reason: "bad_signature" });
    }
  });

  it("rejects a delivery without the auth header", () => {
    expect(webhook.verify(deliveryOf(batch), connection)).toEqual({ ok: false, reason: "missing_signature" });
    expect(webhook.verify(deliveryOf(batch, { "x-clover-auth": "" }), connection)).toEqual({ ok: false, reason: "missing_signature" });
  });

  it("refuses to verify before the auth code is known", () => {
    expect(webhook.verify(deliveryOf(batch, { "x-clover-auth": "" }), connectionFor("clover", ""))).toEqual({ ok: false, reason: "missing_secret" });
    expect(webhook.verify(deliveryOf(verification), connectionFor("clover", ""))).toEqual({ ok: false, reason: "missing_secret" });
  });
});

describe("Clover webhook events", () => {
  it("splits a batch into one event per merchant notification", () => {
    expect(webhook.events(deliveryOf(batch, { "x-clover-auth": authCode }), connection)).toEqual([
      {
        eventId: "SJ925KT2ZRR3C:O:GHIVJT2ABCRSC:CREATE:1746891751000",
        topic: "O:CREATE",
        account: "SJ925KT2ZRR3C",
        payload: { appId: "DRKVJT2ZRRRSC", merchantId: "SJ925KT2ZRR3C", objectId: "O:GHIVJT2ABCRSC", type: "CREATE", ts: 1746891751000 },
      },
      {
        eventId: "SJ925KT2ZRR3C:P:3V1T7QX8N9K2M:UPDATE:1746891752350",
        topic: "P:UPDATE",
        account: "SJ925KT2ZRR3C",
        payload: { appId: "DRKVJT2ZRRRSC", merchantId: "SJ925KT2ZRR3C", objectId: "P:3V1T7QX8N9K2M", type: "UPDATE", ts: 1746891752350 },
      },
      {
        eventId: "K0PXW4D6R8BNE:C:7YH2QF5M0TZ1A:UPDATE:1746891760120",
        topic: "C:UPDATE",
        account: "K0PXW4D6R8BNE",
        payload: { appId: "DRKVJT2ZRRRSC", merchantId: "K0PXW4D6R8BNE", objectId: "C:7YH2QF5M0TZ1A", type: "UPDATE", ts: 1746891760120 },
      },
    ]);
  });

  it("yields the same event ids for a repeat delivery, even batched differently", () => {
    const first = webhook.events(deliveryOf(batch), connection).map((event) => event.eventId);
    const rebatched = JSON.stringify({
      appId: "DRKVJT2ZRRRSC",
      merchants: { K0PXW4D6R8BNE: [{ objectId: "C:7YH2QF5M0TZ1A", type: "UPDATE", ts: 1746891760120 }] },
    });
    expect(webhook.events(deliveryOf(rebatched), connection).map((event) => event.eventId)).toEqual([first[2]]);
    expect(webhook.events(deliveryOf(Buffer.from(batch)), connection).map((event) => event.eventId)).toEqual(first);
  });

  it("turns the verification handshake into one verification event", () => {
    const expected = {
      eventId: "verification:ce7643c1-4a9b-4f0e-8d21-7b5e2c9a1f30",
      topic: "verification",
      account: null,
      payload: { verificationCode: "ce7643c1-4a9b-4f0e-8d21-7b5e2c9a1f30" },
    };
    expect(webhook.events(deliveryOf(verification), connection)).toEqual([expected]);
    expect(webhook.handshake?.(deliveryOf(verification))).toEqual(expected);
  });

  it.each([
    ["a notification batch", batch],
    ["invalid JSON", Buffer.from('{"verificationCode":')],
    ["a code beside other fields", Buffer.from('{"verificationCode":"abc","merchants":{}}')],
    ["a code that is not a plain token", Buffer.from('{"verificationCode":"<script>alert(1)</script>"}')],
    ["a code that is too long", Buffer.from(JSON.stringify({ verificationCode: "a".repeat(129) }))],
  ])("sees no handshake in %s", (_name, body) => {
    expect(webhook.handshake?.(deliveryOf(body))).toBeNull();
  });

  it("reads a batch without an appId", () => {
    const body = '{"merchants":{"SJ925KT2ZRR3C":[{"objectId":"I:ZX81QW3E5R7TY","type":"DELETE","ts":1746891799000}]}}';
    expect(webhook.events(deliveryOf(body), connection)[0]).toMatchObject({ topic: "I:DELETE", payload: { appId: null } });
  });

  it.each([
    ["invalid JSON", '{"appId":"A","merchants":'],
    ["an empty body", ""],
    ["no merchants", '{"appId":"A"}'],
    ["merchants as a list", '{"appId":"A","merchants":[]}'],
    ["an unknown notification type", '{"appId":"A","merchants":{"M1":[{"objectId":"O:1","type":"MODIFY","ts":1}]}}'],
    ["an objectId without a prefix", '{"appId":"A","merchants":{"M1":[{"objectId":"GHIVJT2ABCRSC","type":"UPDATE","ts":1}]}}'],
    ["a ts that is a string", '{"appId":"A","merchants":{"M1":[{"objectId":"O:1","type":"UPDATE","ts":"1746891751000"}]}}'],
    ["a notification without objectId", '{"appId":"A","merchants":{"M1":[{"type":"UPDATE","ts":1}]}}'],
  ])("throws MalformedDelivery for %s", (_name, body) => {
    expect(() => webhook.events(deliveryOf(body), connection)).toThrow(MalformedDelivery);
  });
});
