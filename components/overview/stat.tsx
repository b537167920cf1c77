import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

/** One figure on the overview: what it counts, the number, and a line of context. */
export function Stat({ icon: Icon, label, value, detail }: { icon: LucideIcon; label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <Card className="gap-3 px-5">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm text-muted-foreground">{label}</h3>
        <Icon aria-hidden className="size-4 text-gold-foreground" strokeWidth={1.5} />
      </div>
      <p className="font-serif text-3xl font-medium tracking-tight tabular-nums">{value}</p>
      {detail ? <p className="text-xs text-muted-foreground">{detail}</p> : null}
    </Card>
  );
}
