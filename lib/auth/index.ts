import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { baseAuthConfig } from "./config.base";
import { authenticateWithPassword } from "./credentials";
import { oidcSettings, resolveOidcUser } from "./oidc";
import { clientIp, requestId } from "./request-context";

/** Thrown to Auth.js so the sign-in form can say how long the lock lasts; the same for any account. */
export class LockedOutError extends CredentialsSignin {
  constructor(minutes: number) {
    super();
    this.code = `locked:${minutes}`;
  }
}

const oidc = oidcSettings();

/** Expected refusals are already audited; anything else is logged on one line, never with a stack to the client. */
const QUIET_ERRORS = new Set(["CredentialsSignin", "AccessDenied"]);

const config: NextAuthConfig = {
  ...baseAuthConfig,
  logger: {
    error(error) {
      if (QUIET_ERRORS.has(error.name) || QUIET_ERRORS.has((error as { type?: string }).type ?? "")) return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const outcome = await authenticateWithPassword(getDb(), credentials, {
          ip: clientIp(request.headers),
          requestId: requestId(request.headers),
        });
        if (outcome.ok) return outcome.user;
        if (outcome.reason === "locked") throw new LockedOutError(outcome.retryInMinutes);
        return null;
      },
    }),
    ...(oidc
      ? [
          {
            id: "oidc",
            name: oidc.name,
            type: "oidc" as const,
            issuer: oidc.issuer,
            clientId: oidc.clientId,
            clientSecret: oidc.clientSecret,
            checks: ["pkce", "state", "nonce"] as ("pkce" | "state" | "nonce")[],
          },
        ]
      : []),
  ],
  callbacks: {
    ...baseAuthConfig.callbacks,
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      const resolved = await resolveOidcUser(
        getDb(),
        {
          providerAccountId: account.providerAccountId,
          email: typeof profile?.email === "string" ? profile.email : null,
          emailVerified: typeof profile?.email_verified === "boolean" ? profile.email_verified : undefined,
        },
        { ip: clientIp(await headers()) },
      );
      if (!resolved) return false;
      // The token's subject becomes the Vitrine user, not the provider's account id.
      user.id = resolved.id;
      user.sessionVersion = resolved.sessionVersion;
      return true;
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(config);
export const isOidcConfigured = oidc !== null;
export const oidcProviderName = oidc?.name ?? null;
