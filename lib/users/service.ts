import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Executor, Transaction } from "@/db/client";
import { stores, userStores, users, type Role, type User } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import type { GuardContext } from "@/lib/auth/guard";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import type { CreateUserInput, UpdateUserInput } from "./schemas";

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  isActive: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
  stores: { id: string; code: string; name: string }[];
};

export async function listUsers(db: Executor): Promise<UserRow[]> {
  const rows = await db.select().from(users).orderBy(asc(users.name));
  const links = await db
    .select({ userId: userStores.userId, id: stores.id, code: stores.code, name: stores.name })
    .from(userStores)
    .innerJoin(stores, eq(stores.id, userStores.storeId))
    .orderBy(asc(stores.code));
  return rows.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    isActive: user.isActive,
    lastSignInAt: user.lastSignInAt,
    createdAt: user.createdAt,
    stores: links.filter((l) => l.userId === user.id).map(({ id, code, name }) => ({ id, code, name })),
  }));
}

export async function listStoreOptions(db: Executor) {
  return db.select({ id: stores.id, code: stores.code, name: stores.name }).from(stores).orderBy(asc(stores.name));
}

function auditBase(ctx: GuardContext) {
  return {
    actorType: "user" as const,
    actorId: ctx.viewer.id,
    actorRole: ctx.viewer.role,
    ip: ctx.request.ip,
    requestId: ctx.request.requestId,
  };
}

/** Store-scoped roles need at least one store; admins reach every store without rows. */
async function validStoreIds(tx: Executor, role: Role, storeIds: string[]): Promise<string[]> {
  if (role === "admin") return [];
  const unique = [...new Set(storeIds)];
  if (unique.length === 0) {
    throw new AppError("invalid_input", "Choose at least one store.", { storeIds: ["Choose at least one store."] });
  }
  const found = await tx.select({ id: stores.id }).from(stores).where(inArray(stores.id, unique));
  if (found.length !== unique.length) throw new AppError("invalid_input", "One of the stores no longer exists.");
  return unique.sort();
}

export async function createUser(ctx: GuardContext, input: CreateUserInput): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  const email = input.email.trim().toLowerCase();
  const duplicate = () => new AppError("conflict", "A user with this e-mail already exists.", { email: ["Already in use."] });
  return ctx.db.transaction(async (tx) => {
    const storeIds = await validStoreIds(tx, input.role, input.storeIds);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email));
    if (existing) throw duplicate();
    const [created] = await tx
      .insert(users)
      .values({ email, name: input.name, role: input.role, passwordHash })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created) throw duplicate(); // created concurrently by another admin
    if (storeIds.length > 0) await tx.insert(userStores).values(storeIds.map((storeId) => ({ userId: created.id, storeId })));
    await appendAudit(tx, {
      ...auditBase(ctx),
      action: "user.created",
      targetType: "user",
      targetId: created.id,
      details: { role: input.role, storeIds },
    });
    return created;
  });
}

/** User changes are rare: serializing them makes "the last admin" checks race-free without deadlocks. */
const USER_ADMIN_LOCK = 7_426_002;

async function lockUser(tx: Transaction, userId: string): Promise<User> {
  await tx.execute(sql`select pg_advisory_xact_lock(${USER_ADMIN_LOCK})`);
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user) throw new AppError("not_found", "That user no longer exists.");
  return user;
}

/** The last active admin can be neither demoted nor deactivated: someone must be able to manage users. */
async function assertAnotherActiveAdmin(tx: Transaction, userId: string): Promise<void> {
  const others = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.isActive, true), ne(users.id, userId)));
  if (others.length === 0) {
    throw new AppError("conflict", "This is the last active admin: make someone else an admin first.");
  }
}

export async function updateUser(ctx: GuardContext, input: UpdateUserInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const user = await lockUser(tx, input.userId);
    if (user.role === "admin" && input.role !== "admin" && user.isActive) await assertAnotherActiveAdmin(tx, user.id);
    const storeIds = await validStoreIds(tx, input.role, input.storeIds);
    const before = (await tx.select({ storeId: userStores.storeId }).from(userStores).where(eq(userStores.userId, user.id)))
      .map((r) => r.storeId)
      .sort();
    if (user.role !== input.role) {
      await tx.update(users).set({ role: input.role, updatedAt: new Date() }).where(eq(users.id, user.id));
      await appendAudit(tx, {
        ...auditBase(ctx),
        action: "user.role_changed",
        targetType: "user",
        targetId: user.id,
        details: { before: user.role, after: input.role },
      });
    }
    if (before.join() !== storeIds.join()) {
      await tx.delete(userStores).where(eq(userStores.userId, user.id));
      if (storeIds.length > 0) await tx.insert(userStores).values(storeIds.map((storeId) => ({ userId: user.id, storeId })));
      await appendAudit(tx, {
        ...auditBase(ctx),
        action: "user.stores_changed",
        targetType: "user",
        targetId: user.id,
        details: { before, after: storeIds },
      });
    }
  });
}

export async function setUserActive(ctx: GuardContext, input: { userId: string; isActive: boolean }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const user = await lockUser(tx, input.userId);
    if (user.isActive === input.isActive) return;
    if (!input.isActive && user.role === "admin") await assertAnotherActiveAdmin(tx, user.id);
    await tx
      .update(users)
      .set({
        isActive: input.isActive,
        // deactivation ends every session the user has, at their next request
        sessionVersion: input.isActive ? user.sessionVersion : user.sessionVersion + 1,
        updatedAt: new Date(),
      })
      .where(eq(users.id, user.id));
    await appendAudit(tx, {
      ...auditBase(ctx),
      action: input.isActive ? "user.reactivated" : "user.deactivated",
      targetType: "user",
      targetId: user.id,
    });
  });
}

export async function resetPassword(ctx: GuardContext, input: { userId: string; password: string }): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction(async (tx) => {
    const user = await lockUser(tx, input.userId);
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: user.sessionVersion + 1, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await appendAudit(tx, {
      ...auditBase(ctx),
      action: "user.password_reset",
      targetType: "user",
      targetId: user.id,
      details: { sessionsEnded: true },
    });
  });
}
