import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn";

export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  className,
  tone = "neutral",
}: {
  icon: LucideIcon;
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
  tone?: "neutral" | "error";
}) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed bg-card/50 px-6 py-14 text-center",
        className,
      )}
    >
      <div
        className={cn(
          "flex size-11 items-center justify-center rounded-full border bg-background",
          tone === "error" ? "border-destructive/30 text-destructive" : "text-gold-foreground",
        )}
      >
        <Icon aria-hidden className="size-5" strokeWidth={1.5} />
      </div>
      <div className="max-w-sm space-y-1">
        <p className="font-serif text-lg font-medium">{title}</p>
        {description ? <div className="text-sm text-muted-foreground">{description}</div> : null}
      </div>
      {action ? <div className="pt-1">{action}</div> : null}
    </div>
  );
}
