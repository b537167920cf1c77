"use client";

import { useRouter } from "next/navigation";
import { useTransition, type ComponentProps, type FormEvent } from "react";
import { cn } from "./cn";

/**
 * A GET form whose filters live in the URL. Without JavaScript it submits natively; with it, empty
 * fields are dropped so links stay short, and the navigation keeps the page interactive.
 */
export function FilterForm({ action, className, children, ...props }: Omit<ComponentProps<"form">, "action" | "method"> & { action: string }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") query.append(key, value.trim());
    }
    const text = query.toString();
    startTransition(() => router.push(text ? `${action}?${text}` : action));
  }

  return (
    <form method="get" action={action} onSubmit={onSubmit} aria-busy={isPending} className={cn(isPending && "opacity-80", className)} {...props}>
      {children}
    </form>
  );
}
