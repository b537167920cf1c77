import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, authThrottle, users } from "@/db/schema";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { THROTTLE_POLICY } from "@/lib/auth/throttle";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast, FIXTURE_PASSWORD, type Cast } from "../fixtures/people";

let t: TestDb;
let cast: Cast;
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.delete(authThrottle);
});

const signIn = (email: string, password: string, ip = freshIp()) => authenticateWithPassword(t.db, { email, password }, { ip });

describe("password sign-in", () => {
  it("signs a user in, case-insensitively, and audits it without the password or e-mail", async () => {
    const outcome = await signIn("Manager.A@Test.Example", FIXTURE_PASSWORD);
    expect(outcome).toMatchObject({ ok: true, user: { id: cast.managerA } });
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in"));
    expect(row).toMatchObject({ actorId: cast.managerA, actorRole: "manager", outcome: "success" });
    expect(JSON.stringify(row)).not.toMatch(/test\.example|horse/);
  });

  it("answers an unknown account exactly like a wrong password", async () => {
    const wrong = await signIn("manager.a@test.example", "not the password");
    const unknown = await signIn("nobody@test.example", "not the password");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    const failures = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in_failed"));
    expect(failures.map((f) => f.details.reason).sort()).toEqual(["unknown_account", "wrong_password"]);
    expect(JSON.stringify(failures)).not.toMatch(/nobody|test\.example/);
  });

  it("refuses a deactivated user with the same answer", async () => {
    const [user] = await t.db
      .insert(users)
      .values({ email: "gone@test.example", name: "Gone", role: "associate", isActive: false, passwordHash: (await t.db.select().from(users).where(eq(users.id, cast.admin)))[0].passwordHash })
      .returning();
    expect(await signIn(user.email, FIXTURE_PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an account after repeated failures from many addresses, even for the right password", async () => {
    const { maxFailures, lockMinutes } = THROTTLE_POLICY.account;
    for (let i = 0; i < maxFailures - 1; i++) expect(await signIn("buyer@test.example", "wrong")).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn("buyer@test.example", "wrong")).toEqual({ ok: false, reason: "locked", retryInMinutes: lockMinutes });
    expect(await signIn("buyer@test.example", FIXTURE_PASSWORD)).toMatchObject({ ok: false, reason: "locked" });
    const lockouts = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.locked_out"));
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0].details).toMatchObject({ keys: ["account"] });
    expect(await t.db.$count(auditLog, eq(auditLog.action, "auth.sign_in_blocked"))).toBe(1);
  });

  it("locks an unknown account the same way, so a lock reveals nothing", async () => {
    for (let i = 0; i < THROTTLE_POLICY.account.maxFailures - 1; i++) await signIn("ghost@test.example", "wrong");
    expect(await signIn("ghost@test.example", "wrong")).toMatchObject({ ok: false, reason: "locked" });
  });

  it("doubles the lock for an account locked again", async () => {
    const { maxFailures, lockMinutes } = THROTTLE_POLICY.account;
    await t.db.insert(authThrottle).values({ key: "account:associate.a@test.example", failures: maxFailures - 1, lockouts: 1 });
    expect(await signIn("associate.a@test.example", "wrong")).toEqual({ ok: false, reason: "locked", retryInMinutes: lockMinutes * 2 });
  });

  it("throttles one address trying many accounts", async () => {
    const ip = "192.0.2.50";
    const { maxFailures } = THROTTLE_POLICY.ip;
    for (let i = 0; i < maxFailures - 1; i++) {
      expect(await signIn(`spray${i}@test.example`, "wrong", ip)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signIn("spray-last@test.example", "wrong", ip)).toMatchObject({ ok: false, reason: "locked" });
    expect(await signIn("admin@test.example", FIXTURE_PASSWORD, ip)).toMatchObject({ ok: false, reason: "locked" });
    expect(await signIn("admin@test.example", FIXTURE_PASSWORD)).toMatchObject({ ok: true });
  });

  it("clears the account's counter after a success", async () => {
    for (let i = 0; i < THROTTLE_POLICY.account.maxFailures - 1; i++) await signIn("manager.b@test.example", "wrong");
    expect(await signIn("manager.b@test.example", FIXTURE_PASSWORD)).toMatchObject({ ok: true });
    expect(await t.db.$count(authThrottle, like(authThrottle.key, "account:manager.b%"))).toBe(0);
  });

  it("upgrades a hash stored with parameters below policy at the next sign-in", async () => {
    const { hash } = await import("@node-rs/argon2");
    const weak = await hash(FIXTURE_PASSWORD, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await t.db.update(users).set({ passwordHash: weak }).where(eq(users.id, cast.managerB));
    expect(await signIn("manager.b@test.example", FIXTURE_PASSWORD)).toMatchObject({ ok: true });
    const [after] = await t.db.select().from(users).where(eq(users.id, cast.managerB));
    expect(after.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
