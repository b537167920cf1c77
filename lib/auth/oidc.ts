import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accounts, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { recordSignIn } from "./sign-in-record";

/** OpenID Connect is optional: configured when issuer, client id and secret are all set. */
export function oidcSettings() {
  const issuer = process.env.OIDC_ISSUER;
  const clientId = process.env.OIDC_CLIENT_ID;
  const clientSecret = process.env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: process.env.OIDC_NAME ?? "Single sign-on" };
}

/**
 * Maps an identity from the provider to an existing, active Vitrine user: by a previous link, else
 * by verified e-mail (then linked). Nobody gets an account, or a role, just by signing in.
 */
export async function resolveOidcUser(
  db: Database,
  identity: { providerAccountId: string; email?: string | null; emailVerified?: boolean },
  context: { ip: string },
): Promise<{ id: string; sessionVersion: number } | null> {
  const [linked] = await db
    .select({ user: users })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, "oidc"), eq(accounts.providerAccountId, identity.providerAccountId)))
    .limit(1);
  let user = linked?.user;
  if (!user && identity.email && identity.emailVerified !== false) {
    [user] = await db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, identity.email.trim().toLowerCase()))
      .limit(1);
    if (user) {
      await db
        .insert(accounts)
        .values({ userId: user.id, type: "oidc", provider: "oidc", providerAccountId: identity.providerAccountId })
        .onConflictDoNothing();
    }
  }
  if (!user || !user.isActive) {
    await appendAudit(db, {
      actorType: "user",
      actorId: user?.id ?? null,
      action: "auth.sign_in_failed",
      outcome: "failure",
      details: { method: "oidc", reason: user ? "inactive" : "no_matching_user" },
      ip: context.ip,
    });
    return null;
  }
  await recordSignIn(db, user, { method: "oidc", ip: context.ip });
  return { id: user.id, sessionVersion: user.sessionVersion };
}
