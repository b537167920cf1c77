import "server-only";
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { burnVerifyTime, hashPassword, needsRehash, PASSWORD_MAX_LENGTH, verifyPassword } from "./password";
import { recordSignIn } from "./sign-in-record";
import { accountKey, activeLock, clearFailures, ipKey, minutesUntil, recordFailure } from "./throttle";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export type SignInOutcome =
  | { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryInMinutes: number };

/** Staff e-mails of unknown accounts are not kept in the audit log; a hash still groups repeated attempts. */
function emailDigest(email: string): string {
  return crypto.createHash("sha256").update(email).digest("hex").slice(0, 16);
}

/**
 * Checks a password sign-in: throttled per account and per address, the same answer for an unknown
 * account and a wrong password, and every success, failure and lockout audited.
 */
export async function authenticateWithPassword(
  db: Database,
  input: unknown,
  context: { ip: string; requestId?: string | null },
): Promise<SignInOutcome> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const keys = [accountKey(email), ipKey(context.ip)];
  const audit = { ip: context.ip, requestId: context.requestId ?? null };

  const lockedUntil = await activeLock(db, keys);
  if (lockedUntil) {
    await burnVerifyTime(password);
    await appendAudit(db, {
      actorType: "user",
      action: "auth.sign_in_blocked",
      outcome: "failure",
      details: { emailDigest: emailDigest(email) },
      ...audit,
    });
    return { ok: false, reason: "locked", retryInMinutes: minutesUntil(lockedUntil) };
  }

  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email)).limit(1);
  const isValid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : (await burnVerifyTime(password), false);

  if (!user || !isValid || !user.isActive) {
    const reason = !user ? "unknown_account" : !isValid ? "wrong_password" : "inactive";
    const outcome = await recordFailure(db, [
      { kind: "account", key: keys[0] },
      { kind: "ip", key: keys[1] },
    ]);
    await appendAudit(db, {
      actorType: "user",
      actorId: user?.id ?? null,
      action: "auth.sign_in_failed",
      outcome: "failure",
      targetType: user ? "user" : null,
      targetId: user?.id ?? null,
      details: { reason, emailDigest: emailDigest(email) },
      ...audit,
    });
    if (outcome.lockedUntil) {
      await appendAudit(db, {
        actorType: "system",
        action: "auth.locked_out",
        outcome: "failure",
        targetType: user ? "user" : null,
        targetId: user?.id ?? null,
        details: {
          keys: outcome.lockedKeys.map((key) => (key.startsWith("account:") ? "account" : "ip")),
          emailDigest: emailDigest(email),
          lockedUntil: outcome.lockedUntil.toISOString(),
        },
        ...audit,
      });
      return { ok: false, reason: "locked", retryInMinutes: minutesUntil(outcome.lockedUntil) };
    }
    return { ok: false, reason: "invalid" };
  }

  await clearFailures(db, keys[0]);
  const rehash = needsRehash(user.passwordHash!) ? await hashPassword(password) : null;
  await recordSignIn(db, user, { method: "password", ...audit, newPasswordHash: rehash });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
