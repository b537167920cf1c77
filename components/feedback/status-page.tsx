import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** The frame shared by the 403, 404 and error pages: a code, a sentence, a way back. */
export function StatusPage({
  icon: Icon,
  code,
  title,
  description,
  actions,
}: {
  icon: LucideIcon;
  code?: string;
  title: string;
  description: ReactNode;
  actions: ReactNode;
}) {
  return (
    <div className="flex min-h-[60dvh] items-center justify-center px-4 py-16">
      <div className="flex max-w-md flex-col items-center gap-4 text-center">
        <div className="flex size-12 items-center justify-center rounded-full border border-gold/50 text-gold-foreground">
          <Icon aria-hidden className="size-5" strokeWidth={1.5} />
        </div>
        {code ? <p className="font-mono text-xs tracking-[0.3em] text-muted-foreground">{code}</p> : null}
        <h1 className="font-serif text-2xl font-medium tracking-tight">{title}</h1>
        <div className="text-sm text-muted-foreground">{description}</div>
        <div className="mt-2 flex flex-wrap items-center justify-center gap-2">{actions}</div>
      </div>
    </div>
  );
}
