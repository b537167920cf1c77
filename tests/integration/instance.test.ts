import { describe, expect, it } from "vitest";
import { assertReachable, DatabaseUnreachableError } from "@/lib/runtime/instance";

describe("starting against a database that cannot be reached", () => {
  it("explains in one line which setting to fix", async () => {
    const attempt = assertReachable("postgres://postgres@127.0.0.1:1/vitrine", "DATABASE_URL");
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnreachableError);
    const message = await attempt.catch((error: Error) => error.message);
    expect(message).toMatch(/^Cannot reach the database at 127\.0\.0\.1:1\/vitrine \(.+\)\. Check DATABASE_URL/);
    expect(message).not.toContain("\n");
  });
});
