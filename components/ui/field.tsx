import type { ReactNode } from "react";
import { cn } from "./cn";

/** Ids that tie a control to its hint and its error message (aria-describedby). */
export function fieldIds(id: string) {
  return { hint: `${id}-hint`, error: `${id}-error` };
}

export function describedBy(id: string, options: { hint?: boolean; errors?: string[] }): string | undefined {
  const ids = fieldIds(id);
  const parts = [options.hint ? ids.hint : null, options.errors?.length ? ids.error : null].filter(Boolean);
  return parts.length ? parts.join(" ") : undefined;
}

export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={fieldIds(id).hint} className="text-xs text-muted-foreground">
      {children}
    </p>
  );
}

export function FieldError({ id, errors, className }: { id: string; errors?: string[]; className?: string }) {
  if (!errors?.length) return null;
  return (
    <p id={fieldIds(id).error} className={cn("text-xs font-medium text-destructive", className)}>
      {errors.join(" ")}
    </p>
  );
}
