import { CircleAlert, CircleCheck, Info } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

const tones = {
  error: { icon: CircleAlert, className: "border-destructive/30 bg-destructive/5 text-destructive", role: "alert" },
  success: { icon: CircleCheck, className: "border-success/30 bg-success/5 text-success", role: "status" },
  info: { icon: Info, className: "border-border bg-muted/60 text-muted-foreground", role: "status" },
} as const;

/** An inline message: errors are announced at once (role="alert"), the rest politely. */
export function Notice({ tone, children, className }: { tone: keyof typeof tones; children: ReactNode; className?: string }) {
  const { icon: Icon, className: toneClass, role } = tones[tone];
  return (
    <div role={role} className={cn("flex items-start gap-2.5 rounded-lg border px-3 py-2.5 text-sm", toneClass, className)}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 text-foreground/90">{children}</div>
    </div>
  );
}
