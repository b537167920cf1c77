import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, userStores, users } from "@/db/schema";
import type { GuardContext } from "@/lib/auth/guard";
import { loadViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { createUser, resetPassword, setUserActive, updateUser } from "@/lib/users/service";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast, type Cast } from "../fixtures/people";

let t: TestDb;
let cast: Cast;
let ctx: GuardContext;

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  ctx = { db: t.db, viewer: (await loadViewer(t.db, cast.admin))!, request: { ip: "127.0.0.1", requestId: null } };
});
afterAll(() => t.close());

describe("user administration", () => {
  it("creates a user with role and stores, audited without the password", async () => {
    const { id } = await createUser(ctx, {
      email: "new.manager@test.example",
      name: "New Manager",
      role: "manager",
      storeIds: [cast.storeA, cast.storeB],
      password: "a long enough password",
    });
    const links = await t.db.select().from(userStores).where(eq(userStores.userId, id));
    expect(links.map((l) => l.storeId).sort()).toEqual([cast.storeA, cast.storeB].sort());
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "user.created"), eq(auditLog.targetId, id)));
    expect(entry).toMatchObject({ actorId: cast.admin, details: { role: "manager" } });
    expect(JSON.stringify(entry)).not.toContain("long enough");
  });

  it("refuses a duplicate e-mail and a store-scoped role without stores", async () => {
    const input = { email: "ADMIN@test.example", name: "Dup", role: "buyer" as const, storeIds: [cast.storeA], password: "a long enough password" };
    await expect(createUser(ctx, input)).rejects.toMatchObject({ code: "conflict" });
    await expect(createUser(ctx, { ...input, email: "x@test.example", role: "associate", storeIds: [] })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("records role and store changes with before and after", async () => {
    await updateUser(ctx, { userId: cast.managerB, role: "associate", storeIds: [cast.storeA] });
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.targetId, cast.managerB));
    expect(entries.map((e) => [e.action, e.details])).toEqual([
      ["user.role_changed", { before: "manager", after: "associate" }],
      ["user.stores_changed", { before: [cast.storeB], after: [cast.storeA] }],
    ]);
  });

  it("never demotes or deactivates the last active admin", async () => {
    await expect(updateUser(ctx, { userId: cast.admin, role: "manager", storeIds: [cast.storeA] })).rejects.toBeInstanceOf(AppError);
    await expect(setUserActive(ctx, { userId: cast.admin, isActive: false })).rejects.toMatchObject({ code: "conflict" });
    const [admin] = await t.db.select().from(users).where(eq(users.id, cast.admin));
    expect(admin).toMatchObject({ role: "admin", isActive: true });
  });

  it("keeps one admin when two admins demote each other at the same moment", async () => {
    const second = await createUser(ctx, { email: "admin2@test.example", name: "Admin Two", role: "admin", storeIds: [], password: "a long enough password" });
    const ctxSecond = { ...ctx, viewer: (await loadViewer(t.db, second.id))! };
    const results = await Promise.allSettled([
      updateUser(ctx, { userId: second.id, role: "buyer", storeIds: [cast.storeA] }),
      updateUser(ctxSecond, { userId: cast.admin, role: "buyer", storeIds: [cast.storeA] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await t.db.$count(users, and(eq(users.role, "admin"), eq(users.isActive, true)))).toBe(1);
  });

  it("ends a user's sessions on deactivation and on password reset", async () => {
    const [before] = await t.db.select().from(users).where(eq(users.id, cast.associateA));
    await resetPassword(ctx, { userId: cast.associateA, password: "another long password" });
    await setUserActive(ctx, { userId: cast.associateA, isActive: false });
    const [after] = await t.db.select().from(users).where(eq(users.id, cast.associateA));
    expect(after.sessionVersion).toBe(before.sessionVersion + 2);
    expect(after.isActive).toBe(false);
    expect(await loadViewer(t.db, cast.associateA)).toBeNull();
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.targetId, cast.associateA))).map((e) => e.action);
    expect(actions).toEqual(["user.password_reset", "user.deactivated"]);
  });
});
