import { describe, expect, it } from "vitest";
import { signSquare } from "@/lib/pos/signing";
import { webhook } from "@/lib/pos/square/webhook";
import { MalformedDelivery } from "@/lib/pos/types";
import { connectionFor, deliveryOf, fixtureBytes, withOneByteChanged } from "@/tests/fixtures/pos/deliveries";

const HEADER = "x-square-hmacsha256-signature";

/**
 * Vectors from Square's own SDK tests, used as data: square/square-nodejs-sdk,
 * tests/integration/webhooks.test.ts at 46347a5d (MIT). A verifier that reproduces them signs what Square signs.
 */
const sdkVector = {
  requestBody:
    '{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}',
  signatureHeader: "GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=",
  signatureKey: "Ibxx_5AKakO-3qeNVR61Dw",
  notificationUrl: "https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9",
};
const sdkEscapedCharactersVector = {
  requestBody: '{"data":{"type":"webhooks","id":">id<"}}',
  signatureHeader: "Cxt7+aTi4rKgcA0bC4g9EHdVtLSDWdqccmL5MvihU4U=",
  signatureKey: "signature-key",
  notificationUrl: "https://webhook.site/webhooks",
};

const notificationUrl = "https://vitrine.example.com/api/webhooks/square/4f0c2a8e-7d3b-4c1a-9e55-0b6d2f1a8c70";
const signatureKey = "wQ3n9Zr1-Lk5pXv8Ty2Ab0";
const connection = connectionFor("square", signatureKey, { notificationUrl });
const payment = fixtureBytes("square/payment-updated.json");
const signed = (rawBody: Buffer) => ({ [HEADER]: signSquare(notificationUrl, rawBody, signatureKey), "square-environment": "Production" });

describe("Square webhook verification", () => {
  it.each([
    ["the SDK's test notification", sdkVector],
    ["the SDK's body with characters that JSON may escape", sdkEscapedCharactersVector],
  ])("reproduces %s", (_name, vector) => {
    expect(signSquare(vector.notificationUrl, vector.requestBody, vector.signatureKey)).toBe(vector.signatureHeader);
    const delivery = deliveryOf(vector.requestBody, { [HEADER]: vector.signatureHeader });
    const vectorConnection = connectionFor("square", vector.signatureKey, { notificationUrl: vector.notificationUrl });
    expect(webhook.verify(delivery, vectorConnection)).toEqual({ ok: true });
  });

  it("rejects the SDK's vector for the body pretty-printed, a URL one character off, or another key", () => {
    const delivery = deliveryOf(JSON.stringify(JSON.parse(sdkVector.requestBody), null, 4), { [HEADER]: sdkVector.signatureHeader });
    const vectorConnection = connectionFor("square", sdkVector.signatureKey, { notificationUrl: sdkVector.notificationUrl });
    expect(webhook.verify(delivery, vectorConnection)).toEqual({ ok: false, reason: "bad_signature" });

    const original = deliveryOf(sdkVector.requestBody, { [HEADER]: sdkVector.signatureHeader });
    const otherUrl = connectionFor("square", sdkVector.signatureKey, { notificationUrl: "https://webhook.site/79a4f3a-dcfa-49ee-bac5-9d0edad886b9" });
    expect(webhook.verify(original, otherUrl)).toEqual({ ok: false, reason: "bad_signature" });
    const otherKey = connectionFor("square", "MCmhFRxGX82xMwg5FsaoQA", { notificationUrl: sdkVector.notificationUrl });
    expect(webhook.verify(original, otherKey)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("accepts a delivery signed for the configured notification URL", () => {
    expect(webhook.verify(deliveryOf(payment, signed(payment)), connection)).toEqual({ ok: true });
  });

  it("rejects a delivery signed for a different notification URL", () => {
    const headers = { [HEADER]: signSquare(`${notificationUrl}/`, payment, signatureKey) };
    expect(webhook.verify(deliveryOf(payment, headers), connection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("never takes the notification URL from the request", () => {
    const forged = "https://attacker.example.net/hook";
    const headers = { [HEADER]: signSquare(forged, payment, signatureKey), host: "attacker.example.net", "x-forwarded-host": "attacker.example.net" };
    expect(webhook.verify(deliveryOf(payment, headers), connection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a body changed by one byte", () => {
    expect(webhook.verify(deliveryOf(withOneByteChanged(payment), signed(payment)), connection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a signature made with another key", () => {
    const headers = { [HEADER]: signSquare(notificationUrl, payment, "another-subscription-key") };
    expect(webhook.verify(deliveryOf(payment, headers), connection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a delivery without the SHA-256 signature header, even with the legacy SHA-1 one", () => {
    const delivery = deliveryOf(payment, { "x-square-signature": "1z2n3DEJJiUPKcPzQo1ftvbxGdw=" });
    expect(webhook.verify(delivery, connection)).toEqual({ ok: false, reason: "missing_signature" });
  });

  it.each([
    ["no signature key", connectionFor("square", "", { notificationUrl })],
    ["no notification URL", connectionFor("square", signatureKey)],
    ["a notification URL that is not a string", connectionFor("square", signatureKey, { notificationUrl: 42 })],
  ])("refuses to verify with %s", (_name, misconfigured) => {
    expect(webhook.verify(deliveryOf(payment, signed(payment)), misconfigured)).toEqual({ ok: false, reason: "missing_secret" });
  });

  it("rejects, without throwing, a signature of another length", () => {
    const valid = signSquare(notificationUrl, payment, signatureKey);
    for (const signature of [valid.slice(0, 12), `${valid}${valid}`, "1z2n3DEJJiUPKcPzQo1ftvbxGdw="]) {
      expect(webhook.verify(deliveryOf(payment, { [HEADER]: signature }), connection)).toEqual({ ok: false, reason: "bad_signature" });
    }
  });
});

describe("Square webhook events", () => {
  it("reads a payment.updated envelope", () => {
    const events = webhook.events(deliveryOf(payment, signed(payment)), connection);
    expect(events).toEqual([
      {
        eventId: "5f3c1c9e-8d0b-4f1e-9a57-2e6c0b1d4a93",
        topic: "payment.updated",
        account: "ML8M1AQ1GQG2K",
        payload: JSON.parse(payment.toString("utf8")),
      },
    ]);
    expect(events[0].payload).toMatchObject({
      data: { object: { payment: { order_id: "pV7kLq2mN8sXcR4tY6wZ0aBdEfGhJ", amount_money: { amount: 1245000, currency: "USD" } } } },
    });
  });

  it("yields the same event id for a retried delivery", () => {
    const first = webhook.events(deliveryOf(payment, signed(payment)), connection);
    const retry = webhook.events(deliveryOf(payment, { ...signed(payment), "square-retry-number": "1", "square-retry-reason": "timeout" }), connection);
    expect(retry.map((event) => event.eventId)).toEqual(first.map((event) => event.eventId));
  });

  it("reads the SDK's test notification too", () => {
    expect(webhook.events(deliveryOf(sdkVector.requestBody), connection)[0]).toMatchObject({
      eventId: "ac3ac95b-f97d-458c-a6e6-18981597e05f",
      topic: "webhooks.test_notification",
      account: "MLEFBHHSJGVHD",
    });
  });

  it.each([
    ["invalid JSON", '{"event_id": "e1", '],
    ["an empty body", ""],
    ["a JSON array", "[]"],
    ["a body without event_id", '{"merchant_id":"M1","type":"payment.updated","data":{}}'],
    ["a body without type", '{"merchant_id":"M1","event_id":"e1","data":{}}'],
    ["an event_id that is not a string", '{"merchant_id":"M1","type":"payment.updated","event_id":7}'],
  ])("throws MalformedDelivery for %s", (_name, body) => {
    expect(() => webhook.events(deliveryOf(body), connection)).toThrow(MalformedDelivery);
  });
});
