"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn, signOut } from "@/lib/auth";
import { action } from "@/lib/auth/action";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";

export type SignInState = { error?: string };

const GENERIC_ERROR = "The e-mail or password is not right.";

/** Only a path on this site: never `//host` or a full URL, which would make sign-in an open redirect. */
function safeReturnPath(value: FormDataEntryValue | null): string {
  return typeof value === "string" && /^\/(?![/\\])[\w\-./?=&%]*$/.test(value) ? value : "/";
}

/** Public by nature (it is how a session starts): throttled and audited in lib/auth/credentials.ts. */
export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  try {
    await signIn("credentials", {
      email: String(formData.get("email") ?? ""),
      password: String(formData.get("password") ?? ""),
      redirectTo: safeReturnPath(formData.get("from")),
    });
    return {};
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const locked = /^locked:(\d+)$/.exec(error.code ?? "");
      if (locked) {
        const minutes = Number(locked[1]);
        return { error: `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
      }
      return { error: GENERIC_ERROR };
    }
    if (error instanceof AuthError) return { error: "Sign-in is unavailable right now. Try again in a moment." };
    throw error; // the success redirect travels as an error
  }
}

/** Public like signInAction: it only starts the provider's sign-in flow. */
export async function oidcSignInAction(): Promise<void> {
  await signIn("oidc", { redirectTo: "/" });
}

export const signOutAction = action({ schema: z.unknown(), permission: "authenticated" }, async (_input, ctx) => {
  await appendAudit(ctx.db, {
    actorType: "user",
    actorId: ctx.viewer.id,
    actorRole: ctx.viewer.role,
    action: "auth.sign_out",
    targetType: "user",
    targetId: ctx.viewer.id,
    ip: ctx.request.ip,
    requestId: ctx.request.requestId,
  });
  await signOut({ redirectTo: "/sign-in" });
});
