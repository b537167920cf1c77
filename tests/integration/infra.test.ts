import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import { createTestDb, type TestDb } from "../fixtures/db";

let testDb: TestDb;

beforeAll(async () => {
  testDb = await createTestDb();
});

afterAll(async () => {
  await testDb.close();
});

describe("integration test infrastructure", () => {
  it("gives each file its own copy of the migrated template", async () => {
    const [row] = await testDb.db.execute<{ name: string }>(sql`select current_database() as name`);
    expect(row.name).toMatch(/^vitrine_t_[0-9a-f]{12}$/);

    const tables = await testDb.db.execute<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_schema = 'public'`,
    );
    expect(tables.map((table) => table.name)).toContain("audit_log");
  });

  it("points getDb() at the test database", async () => {
    expect(process.env.DATABASE_URL).toBe(testDb.url);
    const [row] = await getDb().execute<{ name: string }>(sql`select current_database() as name`);
    expect(testDb.url.endsWith(`/${row.name}`)).toBe(true);
  });

  it("refuses DELETE and TRUNCATE on audit_log", async () => {
    await testDb.db.insert(auditLog).values({
      occurredAt: new Date("2026-01-01T00:00:00Z"),
      actorType: "system",
      action: "test.infra",
      outcome: "success",
      prevHash: "0".repeat(64),
      hash: "1".repeat(64),
    });

    // Drizzle wraps the driver error; the database's own message is its cause.
    const refusal = { cause: { code: "42501", message: expect.stringMatching(/append-only/) } };
    await expect(testDb.db.execute(sql`delete from audit_log`)).rejects.toMatchObject(refusal);
    await expect(testDb.db.execute(sql`truncate audit_log`)).rejects.toMatchObject(refusal);
    const [row] = await testDb.db.execute<{ count: number }>(sql`select count(*)::int as count from audit_log`);
    expect(row.count).toBe(1);
  });
});
