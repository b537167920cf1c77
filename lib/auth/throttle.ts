import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { authThrottle } from "@/db/schema";

/**
 * Failed sign-ins are counted per account and per address in Postgres, so every web instance sees
 * the same counts. Reaching the limit inside the window locks the key; each further lockout of the
 * same key doubles the lock, up to a cap.
 */
export const THROTTLE_POLICY = {
  account: { maxFailures: 5, windowMinutes: 15, lockMinutes: 5, maxLockMinutes: 60 },
  ip: { maxFailures: 20, windowMinutes: 15, lockMinutes: 15, maxLockMinutes: 60 },
} as const;

type KeyKind = keyof typeof THROTTLE_POLICY;

export function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}
export function ipKey(ip: string): string {
  return `ip:${ip}`;
}

/** The latest lock among the keys, if any is locked now. */
export async function activeLock(db: Executor, keys: string[]): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: authThrottle.lockedUntil })
    .from(authThrottle)
    .where(inArray(authThrottle.key, keys));
  const now = Date.now();
  const until = rows
    .map((row) => row.lockedUntil)
    .filter((date): date is Date => date !== null && date.getTime() > now)
    .sort((a, b) => b.getTime() - a.getTime());
  return until[0] ?? null;
}

export type FailureOutcome = { lockedKeys: string[]; lockedUntil: Date | null };

/** Counts one failure against each key atomically; returns the keys this failure locked. */
export async function recordFailure(db: Executor, keys: { kind: KeyKind; key: string }[]): Promise<FailureOutcome> {
  const locked: { key: string; until: Date }[] = [];
  for (const { kind, key } of keys) {
    const policy = THROTTLE_POLICY[kind];
    const window = sql`${authThrottle.windowStartedAt} < now() - make_interval(mins => ${policy.windowMinutes})`;
    const [row] = await db
      .insert(authThrottle)
      .values({ key, failures: 1 })
      .onConflictDoUpdate({
        target: authThrottle.key,
        set: {
          failures: sql`case when ${window} then 1 else ${authThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${window} then now() else ${authThrottle.windowStartedAt} end`,
        },
      })
      .returning();
    if (row.failures >= policy.maxFailures) {
      const minutes = Math.min(policy.lockMinutes * 2 ** row.lockouts, policy.maxLockMinutes);
      const [lockedRow] = await db
        .update(authThrottle)
        .set({
          failures: 0,
          lockouts: sql`${authThrottle.lockouts} + 1`,
          windowStartedAt: sql`now()`,
          lockedUntil: sql`now() + make_interval(mins => ${minutes})`,
        })
        .where(sql`${authThrottle.key} = ${key}`)
        .returning();
      locked.push({ key, until: lockedRow.lockedUntil! });
    }
  }
  const lockedUntil = locked.map((l) => l.until).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return { lockedKeys: locked.map((l) => l.key), lockedUntil };
}

/** A successful sign-in clears the account's counter (the address keeps its own). */
export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.delete(authThrottle).where(sql`${authThrottle.key} = ${key}`);
}

export function minutesUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 60_000));
}
