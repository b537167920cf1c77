"use client";

import { useActionState, useState } from "react";
import { signInAction, type SignInState } from "@/app/(auth)/sign-in/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export function SignInForm({ from }: { from?: string }) {
  const [state, formAction, isPending] = useActionState<SignInState, FormData>(signInAction, {});
  // controlled, so a failed attempt keeps the e-mail (React resets uncontrolled fields after an action)
  const [email, setEmail] = useState("");
  return (
    <form action={formAction} className="flex flex-col gap-4" aria-describedby={state.error ? "sign-in-error" : undefined}>
      {state.error ? (
        <p
          role="alert"
          id="sign-in-error"
          className="rounded-lg border border-destructive/30 bg-destructive/5 px-3 py-2.5 text-sm text-destructive"
        >
          {state.error}
        </p>
      ) : null}
      {from ? <input type="hidden" name="from" value={from} /> : null}
      <div className="flex flex-col gap-2">
        <Label htmlFor="email">Email</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={state.error ? true : undefined}
        />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="password">Password</Label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={state.error ? true : undefined}
        />
      </div>
      <Button type="submit" disabled={isPending} aria-disabled={isPending} className="mt-2 w-full">
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
