import type { NextAuthConfig } from "next-auth";
import { isPastAbsoluteLimit, sessionPolicy } from "./session-policy";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    /** users.session_version the token was issued under; the DAL refuses an outdated one */
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    /** seconds since epoch when the user signed in; the absolute session limit counts from here */
    authTime?: number;
    /** users.session_version when the token was issued */
    sv?: number;
  }
}

const policy = sessionPolicy();

/**
 * The part of the Auth.js configuration that needs no database: the proxy uses it to decode the
 * session cookie (and slide its idle expiry). Authorization never happens here.
 */
export const baseAuthConfig = {
  trustHost: true,
  // JWT sessions: the cookie is re-issued on each request, so maxAge is the idle timeout.
  session: { strategy: "jwt", maxAge: policy.idleSeconds },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      const now = Math.floor(Date.now() / 1000);
      if (user) {
        token.authTime = now;
        token.sv = user.sessionVersion ?? 0;
        return token;
      }
      if (isPastAbsoluteLimit(token.authTime, now, policy.absoluteSeconds)) return null;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionVersion = token.sv ?? 0;
      return session;
    },
  },
} satisfies NextAuthConfig;
