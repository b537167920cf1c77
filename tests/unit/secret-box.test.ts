import { describe, expect, it } from "vitest";
import { open, seal } from "@/lib/crypto/secret-box";

describe("secrets at rest", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = seal("shpss_0123456789abcdef", "connection-1");
    expect(sealed).not.toContain("shpss");
    expect(open(sealed, "connection-1")).toBe("shpss_0123456789abcdef");
    expect(seal("same", "c")).not.toBe(seal("same", "c"));
  });

  it("refuses a tampered value or one moved to another row", () => {
    const sealed = seal("secret", "connection-1");
    expect(() => open(sealed, "connection-2")).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => open(parts.join("."), "connection-1")).toThrow();
  });
});
