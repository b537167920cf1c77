import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Button } from "@/components/ui/button";
import { isOidcConfigured, oidcProviderName } from "@/lib/auth";
import { getViewer } from "@/lib/auth/session";
import { oidcSignInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

/** Auth.js sends SSO failures back here as `?error=`; say what happened without detail an attacker could use. */
const SSO_ERRORS: Record<string, string> = {
  AccessDenied: "Your single sign-on account is not linked to an active Vitrine user. Ask an administrator.",
  Configuration: "Single sign-on is unavailable right now. Try again in a moment, or use your password.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ from?: string; error?: string }> }) {
  if (await getViewer()) redirect("/");
  const { from, error } = await searchParams;
  const ssoError = error ? (SSO_ERRORS[error] ?? SSO_ERRORS.Configuration) : null;

  return (
    <main className="relative flex min-h-dvh items-center justify-center overflow-hidden px-4 py-12">
      <div
        aria-hidden
        className="pointer-events-none absolute inset-0 bg-[radial-gradient(ellipse_at_top,color-mix(in_oklch,var(--gold)_12%,transparent),transparent_60%)]"
      />
      <div className="relative w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <span aria-hidden className="flex size-11 items-center justify-center rounded-full border border-gold/60 font-serif text-lg text-gold-foreground">
            V
          </span>
          <p className="font-serif text-sm tracking-[0.3em] text-muted-foreground uppercase">Vitrine</p>
        </div>
        <section aria-labelledby="sign-in-title" className="rounded-xl border bg-card p-7 shadow-sm">
          <h1 id="sign-in-title" className="mb-1 font-serif text-2xl font-medium tracking-tight">
            Sign in to Vitrine
          </h1>
          <p className="mb-6 text-sm text-muted-foreground">Use the account your administrator gave you.</p>
          {ssoError ? (
            <p role="alert" className="mb-4 rounded-lg border border-destructive/30 bg-destructive/5 px-3 py-2.5 text-sm text-destructive">
              {ssoError}
            </p>
          ) : null}
          <SignInForm from={from} />
          {isOidcConfigured ? (
            <>
              <div className="my-5 flex items-center gap-3 text-xs text-muted-foreground" aria-hidden>
                <span className="h-px flex-1 bg-border" />
                or
                <span className="h-px flex-1 bg-border" />
              </div>
              <form action={oidcSignInAction}>
                <Button type="submit" variant="outline" className="w-full">
                  Continue with {oidcProviderName}
                </Button>
              </form>
            </>
          ) : null}
        </section>
        <p className="mt-6 text-center text-xs text-muted-foreground">Sign-ins are recorded in the audit trail.</p>
      </div>
    </main>
  );
}
