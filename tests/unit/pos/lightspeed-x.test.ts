import { describe, expect, it } from "vitest";
import { webhook } from "@/lib/pos/lightspeed-x/webhook";
import { lightspeedXSignatureHeader, signLightspeedX } from "@/lib/pos/signing";
import { MalformedDelivery } from "@/lib/pos/types";
import { connectionFor, deliveryOf, fixtureBytes, lightspeedXFormBody, withOneByteChanged } from "@/tests/fixtures/pos/deliveries";

const clientSecret = "lsx_cs_8d2f6a1b9c0e4d7f";
const fields = JSON.parse(fixtureBytes("lightspeed-x/sale-update.json").toString("utf8")) as Record<string, unknown>;
const sale = fields.payload as Record<string, unknown>;
const body = lightspeedXFormBody(fields);
const payloadText = new URLSearchParams(body.toString("utf8")).get("payload")!;

const rawBodyConnection = connectionFor("lightspeed_x", clientSecret);
const payloadConnection = connectionFor("lightspeed_x", clientSecret, { signedBytes: "payload" });
const signedRaw = (rawBody: Buffer) => ({ "x-signature": lightspeedXSignatureHeader(rawBody, clientSecret), "content-type": "application/x-www-form-urlencoded" });

describe("Lightspeed X-Series webhook verification, signing the raw form body (the default)", () => {
  it("accepts a delivery signed with the client secret", () => {
    expect(webhook.verify(deliveryOf(body, signedRaw(body)), rawBodyConnection)).toEqual({ ok: true });
    expect(webhook.verify(deliveryOf(body, signedRaw(body)), connectionFor("lightspeed_x", clientSecret, { signedBytes: "raw_body" }))).toEqual({ ok: true });
  });

  it("accepts upper-case hex, the algorithm first, and no algorithm at all", () => {
    const hex = signLightspeedX(body, clientSecret);
    for (const header of [`signature=${hex.toUpperCase()}, algorithm=HMAC-SHA256`, `algorithm=hmac-sha256,signature=${hex}`, `signature=${hex}`]) {
      expect(webhook.verify(deliveryOf(body, { "x-signature": header }), rawBodyConnection)).toEqual({ ok: true });
    }
  });

  it("rejects a body changed by one byte", () => {
    expect(webhook.verify(deliveryOf(withOneByteChanged(body), signedRaw(body)), rawBodyConnection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a signature made with another secret", () => {
    const headers = { "x-signature": lightspeedXSignatureHeader(body, "someone-elses-secret") };
    expect(webhook.verify(deliveryOf(body, headers), rawBodyConnection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a signature over the payload field when the raw body is what is signed", () => {
    const headers = { "x-signature": lightspeedXSignatureHeader(payloadText, clientSecret) };
    expect(webhook.verify(deliveryOf(body, headers), rawBodyConnection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a delivery without the signature header", () => {
    expect(webhook.verify(deliveryOf(body), rawBodyConnection)).toEqual({ ok: false, reason: "missing_signature" });
  });

  it.each([
    ["another algorithm", (hex: string) => `signature=${hex}, algorithm=MD5`],
    ["no signature field", () => "algorithm=HMAC-SHA256"],
    ["a bare hex value", (hex: string) => hex],
    ["a truncated signature", (hex: string) => `signature=${hex.slice(0, 32)}, algorithm=HMAC-SHA256`],
    ["a longer signature", (hex: string) => `signature=${hex}00, algorithm=HMAC-SHA256`],
    ["an odd-length signature", (hex: string) => `signature=${hex}0, algorithm=HMAC-SHA256`],
    ["a signature that is not hex", (hex: string) => `signature=${hex.slice(0, -2)}zz, algorithm=HMAC-SHA256`],
  ])("rejects, without throwing, a header with %s", (_name, header) => {
    const delivery = deliveryOf(body, { "x-signature": header(signLightspeedX(body, clientSecret)) });
    expect(webhook.verify(delivery, rawBodyConnection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it.each([
    ["no client secret", connectionFor("lightspeed_x", "")],
    ["an unknown signedBytes setting", connectionFor("lightspeed_x", clientSecret, { signedBytes: "md5" })],
  ])("refuses to verify with %s", (_name, misconfigured) => {
    expect(webhook.verify(deliveryOf(body, signedRaw(body)), misconfigured)).toEqual({ ok: false, reason: "missing_secret" });
  });
});

describe("Lightspeed X-Series webhook verification, signing the decoded payload field", () => {
  const signedPayload = { "x-signature": lightspeedXSignatureHeader(payloadText, clientSecret) };

  it("accepts a delivery whose payload field is signed", () => {
    expect(webhook.verify(deliveryOf(body, signedPayload), payloadConnection)).toEqual({ ok: true });
  });

  it("ignores the other form fields, which the signature does not cover", () => {
    const fewerFields = lightspeedXFormBody({ payload: sale, environment: "prod" });
    expect(webhook.verify(deliveryOf(fewerFields, signedPayload), payloadConnection)).toEqual({ ok: true });
  });

  it("rejects a payload changed by one byte", () => {
    const changed = lightspeedXFormBody({ ...fields, payload: { ...sale, total_price: 7083.34 } });
    expect(webhook.verify(deliveryOf(changed, signedPayload), payloadConnection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a signature over the raw body", () => {
    expect(webhook.verify(deliveryOf(body, signedRaw(body)), payloadConnection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a signature made with another secret", () => {
    const headers = { "x-signature": lightspeedXSignatureHeader(payloadText, "someone-elses-secret") };
    expect(webhook.verify(deliveryOf(body, headers), payloadConnection)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects a form without a payload field", () => {
    const noPayload = Buffer.from("environment=prod&domain_prefix=maisonlumiere");
    expect(webhook.verify(deliveryOf(noPayload, { "x-signature": lightspeedXSignatureHeader("", clientSecret) }), payloadConnection)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });
});

describe("Lightspeed X-Series webhook events", () => {
  it("reads a sale.update form: topic from the type field, identity from id and version", () => {
    expect(webhook.events(deliveryOf(body, signedRaw(body)), rawBodyConnection)).toEqual([
      { eventId: "0a6f4a9c-2d1b-11ef-b3e4-06b1c3f0a7d2:8126455021", topic: "sale.update", account: "maisonlumiere", payload: sale },
    ]);
  });

  it("yields the same event id for a repeat delivery, and a new one for the next version", () => {
    const first = webhook.events(deliveryOf(body), rawBodyConnection)[0].eventId;
    expect(webhook.events(deliveryOf(Buffer.from(body)), rawBodyConnection)[0].eventId).toBe(first);
    const next = lightspeedXFormBody({ ...fields, payload: { ...sale, version: 8126455022, status: "VOIDED" } });
    expect(webhook.events(deliveryOf(next), rawBodyConnection)[0].eventId).not.toBe(first);
  });

  it("takes the topic from config.defaultTopic when no type field is sent", () => {
    const { type: _type, ...withoutType } = fields;
    const delivery = deliveryOf(lightspeedXFormBody(withoutType));
    const connection = connectionFor("lightspeed_x", clientSecret, { defaultTopic: "register_closure.create" });
    expect(webhook.events(delivery, connection)[0].topic).toBe("register_closure.create");
  });

  it.each([
    ["sale.update", sale],
    ["inventory.update", { id: "inv-1", product_id: "p-1", outlet_id: "o-1", count: 2, version: 3 }],
    ["product.update", { id: "p-1", handle: "pearl-strand-akoya", sku: "AK-7.5-45", version: 12 }],
    ["customer.update", { id: "c-1", customer_code: "ISABELLA-M", first_name: "Isabella", version: 4 }],
  ])("guesses %s from the payload's shape when nothing says the type", (topic, payload) => {
    const delivery = deliveryOf(lightspeedXFormBody({ payload }));
    expect(webhook.events(delivery, rawBodyConnection)[0]).toMatchObject({ topic, account: null });
  });

  it("takes the account from config.domainPrefix when the form leaves domain_prefix out", () => {
    const { domain_prefix: _prefix, ...withoutPrefix } = fields;
    const delivery = deliveryOf(lightspeedXFormBody(withoutPrefix));
    const connection = connectionFor("lightspeed_x", clientSecret, { domainPrefix: "maisonlumiere-geneve" });
    expect(webhook.events(delivery, connection)[0].account).toBe("maisonlumiere-geneve");
    expect(webhook.events(deliveryOf(body), connection)[0].account).toBe("maisonlumiere");
  });

  it("falls back to a marked hash of the body when the payload has no version", () => {
    const { version: _version, ...unversioned } = sale;
    const unversionedBody = lightspeedXFormBody({ ...fields, payload: unversioned });
    const [event] = webhook.events(deliveryOf(unversionedBody), rawBodyConnection);
    expect(event.eventId).toMatch(/^body:[0-9a-f]{64}$/);
    expect(webhook.events(deliveryOf(Buffer.from(unversionedBody)), rawBodyConnection)[0].eventId).toBe(event.eventId);
  });

  it("keeps a version above 2^53 exactly", () => {
    const form = new URLSearchParams({ type: "product.update", payload: '{"id":"p-1","sku":"X","version":9007199254740993}' });
    const [event] = webhook.events(deliveryOf(form.toString()), rawBodyConnection);
    expect(event.eventId).toBe("p-1:9007199254740993");
  });

  it.each([
    ["a form without a payload field", "environment=prod&domain_prefix=maisonlumiere"],
    ["an empty body", ""],
    ["invalid JSON in payload", new URLSearchParams({ type: "sale.update", payload: '{"id": "s-1",' }).toString()],
    ["a payload that is a JSON array", new URLSearchParams({ type: "sale.update", payload: "[]" }).toString()],
    ["a payload without an id", new URLSearchParams({ type: "sale.update", payload: '{"version": 3}' }).toString()],
    ["a payload whose version is not a number", new URLSearchParams({ type: "sale.update", payload: '{"id":"s-1","version":"v3"}' }).toString()],
    ["a payload of unknown shape and no type", new URLSearchParams({ payload: '{"id":"x-1","version":1}' }).toString()],
  ])("throws MalformedDelivery for %s", (_name, rawBody) => {
    expect(() => webhook.events(deliveryOf(rawBody), rawBodyConnection)).toThrow(MalformedDelivery);
  });
});
