import { encode, decode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { baseAuthConfig } from "@/lib/auth/config.base";

const secret = "session-expiry-test-secret-session-expiry";
const salt = "authjs.session-token";
type JwtCallback = (params: { token: Record<string, unknown>; user?: Record<string, unknown> }) => Record<string, unknown> | null;
const jwt = baseAuthConfig.callbacks.jwt as unknown as JwtCallback;

afterEach(() => {
  vi.useRealTimers();
});

describe("session expiry", () => {
  it("lets a session token lapse after 60 idle minutes", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-26T09:00:00Z") });
    const maxAge = baseAuthConfig.session.maxAge;
    expect(maxAge).toBe(3600);
    const token = await encode({ token: { sub: "u1" }, secret, salt, maxAge });
    vi.setSystemTime(new Date("2026-11-26T09:59:00Z"));
    expect(await decode({ token, secret, salt })).toMatchObject({ sub: "u1" });
    vi.setSystemTime(new Date("2026-11-26T10:01:00Z"));
    await expect(decode({ token, secret, salt })).rejects.toThrow(/exp/);
  });

  it("signs out an active session 12 hours after sign-in, however busy", () => {
    vi.useFakeTimers({ now: new Date("2026-11-26T08:00:00Z") });
    const token = jwt({ token: { sub: "u1" }, user: { id: "u1", sessionVersion: 3 } })!;
    expect(token).toMatchObject({ sub: "u1", sv: 3, authTime: Date.parse("2026-11-26T08:00:00Z") / 1000 });
    vi.setSystemTime(new Date("2026-11-26T19:59:00Z"));
    expect(jwt({ token: { ...token } })).toMatchObject({ sub: "u1" });
    vi.setSystemTime(new Date("2026-11-26T20:00:01Z"));
    expect(jwt({ token: { ...token } })).toBeNull();
  });
});
