import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { baseAuthConfig } from "@/lib/auth/config.base";

const { auth } = NextAuth(baseAuthConfig);

/**
 * Only sends anonymous visitors to the sign-in page (and slides the session's idle expiry).
 * It authorizes nothing: every action, route and page checks permissions against the database.
 */
export default auth((req) => {
  if (req.auth) return NextResponse.next();
  const url = new URL("/sign-in", req.nextUrl);
  if (req.nextUrl.pathname !== "/") url.searchParams.set("from", req.nextUrl.pathname);
  return NextResponse.redirect(url);
});

export const config = {
  // Everything except the sign-in page, Auth.js's own routes, webhooks and static assets.
  matcher: ["/((?!sign-in|api/auth|api/webhooks|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
