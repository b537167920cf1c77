import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { auditLog, customers, users, type Role } from "@/db/schema";
import { runGuarded, type Session } from "@/lib/auth/guard";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { loadViewer, storeCondition } from "@/lib/auth/viewer";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast, type Cast } from "../fixtures/people";

/**
 * The matrix from DESIGN.md, written out by hand (not derived from the code under test):
 * A = all stores, O = own stores, S = own actions only, - = denied.
 */
const EXPECTED: Record<Permission, Record<Role, "A" | "O" | "S" | "-">> = {
  "drafts.review.client_message": { admin: "A", manager: "O", buyer: "-", associate: "-" },
  "drafts.review.service_ticket": { admin: "A", manager: "O", buyer: "-", associate: "-" },
  "drafts.review.clienteling_note": { admin: "A", manager: "O", buyer: "-", associate: "-" },
  "drafts.review.purchase_recommendation": { admin: "A", manager: "-", buyer: "A", associate: "-" },
  "drafts.read.purchase_recommendation": { admin: "A", manager: "O", buyer: "A", associate: "-" },
  "customers.read": { admin: "A", manager: "O", buyer: "-", associate: "O" },
  "customers.note": { admin: "A", manager: "O", buyer: "-", associate: "O" },
  "customers.merge": { admin: "A", manager: "O", buyer: "-", associate: "-" },
  "suggestions.feedback": { admin: "A", manager: "O", buyer: "-", associate: "O" },
  "inventory.read": { admin: "A", manager: "O", buyer: "A", associate: "-" },
  "forecast.read": { admin: "A", manager: "O", buyer: "A", associate: "-" },
  "purchase_orders.manage": { admin: "A", manager: "-", buyer: "A", associate: "-" },
  "sync.read": { admin: "A", manager: "O", buyer: "-", associate: "-" },
  "sync.retry": { admin: "A", manager: "O", buyer: "-", associate: "-" },
  "sync.run": { admin: "A", manager: "-", buyer: "-", associate: "-" },
  "audit.read": { admin: "A", manager: "O", buyer: "S", associate: "-" },
  "users.manage": { admin: "A", manager: "-", buyer: "-", associate: "-" },
  "stores.manage": { admin: "A", manager: "-", buyer: "-", associate: "-" },
  "connections.manage": { admin: "A", manager: "-", buyer: "-", associate: "-" },
  "rules.manage": { admin: "A", manager: "-", buyer: "-", associate: "-" },
};

let t: TestDb;
let cast: Cast;
const request = { ip: "203.0.113.7", requestId: null };
const roleUser = (role: Role) => ({ admin: cast.admin, manager: cast.managerA, buyer: cast.buyer, associate: cast.associateA })[role];

function guarded(session: Session, permission: Permission | "authenticated", raw: unknown = {}) {
  return runGuarded(
    { db: t.db, session, permission, schema: z.object({ note: z.string().max(5).optional() }), request },
    raw,
    async (input, ctx) => ({ ran: true, as: ctx.viewer.id, input }),
  );
}

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
});
afterAll(() => t.close());

describe("the role × permission matrix", () => {
  it("covers every permission in the vocabulary", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PERMISSIONS].sort());
  });

  const cases = PERMISSIONS.flatMap((permission) =>
    (["admin", "manager", "buyer", "associate"] as Role[]).map((role) => ({ permission, role, expected: EXPECTED[permission][role] })),
  );

  it.each(cases)("$role → $permission is $expected", async ({ permission, role, expected }) => {
    const before = await t.db.$count(auditLog, eq(auditLog.action, "authz.denied"));
    const result = await guarded({ userId: roleUser(role) }, permission);
    if (expected === "-") {
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
      const denials = await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "authz.denied"), eq(auditLog.actorId, roleUser(role))));
      expect(denials.at(-1)?.details).toEqual({ permission });
      expect(await t.db.$count(auditLog, eq(auditLog.action, "authz.denied"))).toBe(before + 1);
    } else {
      expect(result).toEqual({ ok: true, data: { ran: true, as: roleUser(role), input: {} } });
    }
  });

  it("denies an anonymous caller before anything runs", async () => {
    expect(await guarded(null, "authenticated")).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await guarded(null, "customers.read")).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("rejects input that does not parse, after the permission check", async () => {
    const result = await guarded({ userId: cast.admin }, "users.manage", { note: "far too long" });
    expect(result).toMatchObject({ ok: false, code: "invalid_input" });
    expect(result.ok ? null : result.fieldErrors?.note).toBeTruthy();
  });
});

describe("scoping rows in the query", () => {
  beforeAll(async () => {
    await t.db.insert(customers).values([
      { firstName: "Noël", lastName: "Aubert", currency: "CHF", homeStoreId: cast.storeA },
      { firstName: "Ingrid", lastName: "Lindqvist", currency: "USD", homeStoreId: cast.storeB },
    ]);
  });

  async function visibleCustomers(userId: string) {
    const viewer = (await loadViewer(t.db, userId))!;
    const rows = await t.db
      .select({ lastName: customers.lastName })
      .from(customers)
      .where(storeCondition(viewer, "customers.read", customers.homeStoreId))
      .orderBy(customers.lastName);
    return rows.map((r) => r.lastName);
  }

  it("gives each role exactly the customers it may see", async () => {
    expect(await visibleCustomers(cast.admin)).toEqual(["Aubert", "Lindqvist"]);
    expect(await visibleCustomers(cast.managerA)).toEqual(["Aubert"]);
    expect(await visibleCustomers(cast.managerB)).toEqual(["Lindqvist"]);
    expect(await visibleCustomers(cast.associateA)).toEqual(["Aubert"]);
    expect(await visibleCustomers(cast.buyer)).toEqual([]);
  });
});

describe("changes take effect on the next call", () => {
  it("denies a manager demoted to associate on the very next call, with no new sign-in", async () => {
    const session = { userId: cast.managerB, sessionVersion: 0 };
    expect(await guarded(session, "drafts.review.client_message")).toMatchObject({ ok: true });
    await t.db.update(users).set({ role: "associate" }).where(eq(users.id, cast.managerB));
    expect(await guarded(session, "drafts.review.client_message")).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("drops a store from scope as soon as it is unassigned", async () => {
    const viewer = (await loadViewer(t.db, cast.associateA))!;
    expect(viewer.storeIds).toEqual([cast.storeA]);
    await t.db.execute(sql`delete from user_stores where user_id = ${cast.associateA}`);
    const after = (await loadViewer(t.db, cast.associateA))!;
    expect(after.storeIds).toEqual([]);
    const rows = await t.db.select().from(customers).where(storeCondition(after, "customers.read", customers.homeStoreId));
    expect(rows).toEqual([]);
  });

  it("treats a deactivated user, or a token from before a password reset, as signed out", async () => {
    const session = { userId: cast.buyer, sessionVersion: 0 };
    expect(await guarded(session, "inventory.read")).toMatchObject({ ok: true });
    await t.db.update(users).set({ sessionVersion: 1 }).where(eq(users.id, cast.buyer));
    expect(await guarded(session, "inventory.read")).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await guarded({ userId: cast.buyer, sessionVersion: 1 }, "inventory.read")).toMatchObject({ ok: true });
    await t.db.update(users).set({ isActive: false }).where(eq(users.id, cast.buyer));
    expect(await guarded({ userId: cast.buyer, sessionVersion: 1 }, "inventory.read")).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
  });
});
