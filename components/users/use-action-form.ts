"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { ActionResult } from "@/lib/errors";

/**
 * Submits a form to a guarded server action and keeps its result for the form to show.
 * The submit is handled here rather than through `<form action>` so a failed attempt keeps what
 * the admin typed (React resets uncontrolled fields after a form action).
 */
export function useActionForm<T>(run: (form: FormData) => Promise<ActionResult<T>>, onSuccess: (data: T) => void) {
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [isPending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const outcome = await run(form);
      setResult(outcome);
      if (outcome.ok) onSuccess(outcome.data);
    });
  }

  const failure = result && !result.ok ? result : null;
  return {
    onSubmit,
    isPending,
    error: failure?.message ?? null,
    fieldErrors: failure?.fieldErrors ?? ({} as Record<string, string[]>),
  };
}
