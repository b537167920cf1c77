import { describe, expect, it } from "vitest";
import { formDataToObject } from "@/lib/auth/guard";
import { ARGON2_POLICY, hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";
import { clientIp } from "@/lib/auth/request-context";
import { isPastAbsoluteLimit, sessionPolicy } from "@/lib/auth/session-policy";

describe("password hashing", () => {
  it("stores Argon2id at or above the OWASP parameters", async () => {
    const phc = await hashPassword("a long enough password");
    const [, m, t, p] = /\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc)!.map(Number);
    expect(m).toBeGreaterThanOrEqual(19_456);
    expect(t).toBeGreaterThanOrEqual(2);
    expect(p).toBeGreaterThanOrEqual(1);
    expect(ARGON2_POLICY).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    expect(needsRehash(phc)).toBe(false);
  });

  it("round-trips a 64-character unicode password without truncation", async () => {
    const password = "ñ".repeat(32) + "密码".repeat(16);
    expect(password).toHaveLength(64);
    const phc = await hashPassword(password);
    expect(await verifyPassword(phc, password)).toBe(true);
    expect(await verifyPassword(phc, password.slice(0, 63))).toBe(false);
  });

  it("flags weaker stored parameters and garbage for re-hashing", () => {
    expect(needsRehash("$argon2id$v=19$m=4096,t=1,p=1$c2FsdA$aGFzaA")).toBe(true);
    expect(needsRehash("$2b$10$notargon")).toBe(true);
  });

  it("answers false, not an exception, for a corrupt hash", async () => {
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
});

describe("session limits", () => {
  it("defaults to 60 minutes idle and 12 hours in all, configurable by environment", () => {
    expect(sessionPolicy()).toEqual({ idleSeconds: 3600, absoluteSeconds: 43_200 });
    process.env.SESSION_IDLE_MINUTES = "15";
    process.env.SESSION_MAX_HOURS = "8";
    try {
      expect(sessionPolicy()).toEqual({ idleSeconds: 900, absoluteSeconds: 28_800 });
    } finally {
      delete process.env.SESSION_IDLE_MINUTES;
      delete process.env.SESSION_MAX_HOURS;
    }
  });

  it("ends an active session once it outlives the absolute limit", () => {
    const start = 1_000_000;
    expect(isPastAbsoluteLimit(start, start + 43_200, 43_200)).toBe(false);
    expect(isPastAbsoluteLimit(start, start + 43_201, 43_200)).toBe(true);
    expect(isPastAbsoluteLimit(undefined, start, 43_200)).toBe(true);
  });
});

describe("request context", () => {
  it("takes the hop the nearest proxy added, not one a client wrote", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});

describe("form data", () => {
  it("turns repeated and [] keys into arrays and drops Next's action keys", () => {
    const form = new FormData();
    form.append("$ACTION_ID_abc", "");
    form.append("name", "Ada");
    form.append("storeIds[]", "a");
    form.append("tags", "x");
    form.append("tags", "y");
    expect(formDataToObject(form)).toEqual({ name: "Ada", storeIds: ["a"], tags: ["x", "y"] });
  });
});
