import "server-only";
import { describe, expect, it } from "vitest";
import { withDatabase } from "@/lib/runtime/instance";

describe("unit test infrastructure", () => {
  it("imports modules marked server-only", async () => {
    const marker = await import("server-only");
    expect(Object.keys(marker)).toEqual([]);
  });

  it("resolves the @/ alias to the repository root", () => {
    expect(withDatabase("postgres://u@h:1/postgres", "vitrine")).toBe("postgres://u@h:1/vitrine");
  });

  it("runs with the fixed test secrets and no database", () => {
    expect(process.env.AUTH_SECRET).toBe("vitrine-test-auth-secret-not-for-production-use");
    expect(Buffer.from(process.env.VITRINE_CREDENTIALS_KEY ?? "", "base64")).toHaveLength(32);
    expect(process.env.DATABASE_URL).toBeUndefined();
  });
});
