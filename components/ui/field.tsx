import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";
import { Input } from "./input";
import { Label } from "./label";

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

/**
 * A labelled text input with its hint and errors wired to it (aria-invalid, aria-describedby): the
 * pattern every form here repeats, said once.
 */
export function TextField({
  id,
  label,
  hint,
  errors,
  ...input
}: { id: string; label: ReactNode; hint?: ReactNode; errors?: string[] } & Omit<ComponentProps<typeof Input>, "id">) {
  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, { hint: hint !== undefined, errors })} {...input} />
      {hint !== undefined ? <FieldHint id={id}>{hint}</FieldHint> : null}
      <FieldError id={id} errors={errors} />
    </div>
  );
}
