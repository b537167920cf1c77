import { asc, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, stores } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createTestDb, type TestDb } from "../fixtures/db";

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.close());

const entry = (n: number) => ({
  actorType: "system" as const,
  action: "test.appended",
  targetType: "test",
  targetId: String(n),
  details: { n, note: "a:b=c;d%" },
});

describe("the audit log is append-only, whoever asks", () => {
  beforeAll(async () => {
    for (let n = 0; n < 3; n++) await appendAudit(t.db, entry(n));
  });

  it.each([
    ["UPDATE", sql`update audit_log set action = 'x'`],
    ["DELETE", sql`delete from audit_log`],
    ["TRUNCATE", sql`truncate audit_log`],
  ])("refuses %s even for the owning superuser", async (_op, statement) => {
    await expect(t.db.execute(statement)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    expect(await t.db.$count(auditLog)).toBeGreaterThanOrEqual(3);
  });

  it("refuses UPDATE and DELETE to an ordinary role with every table privilege it could be granted", async () => {
    // roles are server-wide: a name of this database's own, so parallel or crashed runs never collide
    const role = `probe_${new URL(t.url).pathname.slice(1)}`;
    await t.db.execute(sql.raw(`create role ${role} login password 'probe-password'`));
    await t.db.execute(sql.raw(`grant select, insert, update, delete on all tables in schema public to ${role}`));
    const url = new URL(t.url);
    url.username = role;
    url.password = "probe-password";
    const probe = postgres(url.toString(), { max: 1, onnotice: () => undefined });
    try {
      await expect(probe`update audit_log set action = 'x'`).rejects.toThrow(/append-only/);
      await expect(probe`delete from audit_log`).rejects.toThrow(/append-only/);
      await expect(probe`truncate audit_log`).rejects.toThrow(/permission denied|append-only/);
      await expect(probe.unsafe("alter table audit_log disable trigger all")).rejects.toThrow(/must be owner/);
    } finally {
      await probe.end();
      await t.db.execute(sql.raw(`drop owned by ${role}`));
      await t.db.execute(sql.raw(`drop role ${role}`));
    }
  });
});

describe("the hash chain", () => {
  it("verifies an untouched chain", async () => {
    const report = await verifyAuditChain(t.db);
    expect(report).toMatchObject({ isValid: true, firstBreak: null });
    expect(report.checked).toBe(await t.db.$count(auditLog));
  });

  it("stays one linear chain under 20 concurrent appends", async () => {
    const before = await t.db.$count(auditLog);
    await Promise.all(Array.from({ length: 20 }, (_, n) => appendAudit(t.db, entry(100 + n))));
    const rows = await t.db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(rows).toHaveLength(before + 20);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(rows.length);
    expect((await verifyAuditChain(t.db)).isValid).toBe(true);
  });

  it("commits with the change it records, or not at all", async () => {
    const before = await t.db.$count(auditLog);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.insert(stores).values({ code: "RBK", name: "Rollback", timezone: "UTC", currency: "EUR", city: "Nowhere" });
        await appendAudit(tx, { actorType: "system", action: "store.created" });
        throw new Error("failure after the state change");
      }),
    ).rejects.toThrow("failure after the state change");
    expect(await t.db.$count(auditLog)).toBe(before);
    expect(await t.db.$count(stores, eq(stores.code, "RBK"))).toBe(0);
  });

  describe("tampering (done as a superuser who switches the guard triggers off)", () => {
    async function tamper(statement: ReturnType<typeof sql>) {
      await t.db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
        await tx.execute(statement);
        await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
      });
    }

    it("names the first entry whose contents were changed", async () => {
      const [victim] = await t.db.select().from(auditLog).orderBy(asc(auditLog.id)).offset(5).limit(1);
      await tamper(sql`update audit_log set details = '{"n": 999}' where id = ${victim.id}`);
      const report = await verifyAuditChain(t.db);
      expect(report).toMatchObject({ isValid: false, firstBreak: { id: victim.id, reason: "content" } });
      expect(report.checked).toBe(5);
    });

    it("names the entry after a deleted one", async () => {
      const rows = await t.db.select().from(auditLog).orderBy(asc(auditLog.id));
      await tamper(sql`delete from audit_log where id = ${rows[2].id}`);
      const report = await verifyAuditChain(t.db);
      expect(report).toMatchObject({ isValid: false, firstBreak: { id: rows[3].id, reason: "link" } });
    });
  });
});
