import { formatDay } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import type { WarrantyStatus } from "@/lib/clienteling/warranty";

const LABEL: Record<WarrantyStatus, { text: string; variant: "success" | "warning" | "neutral" | "outline" }> = {
  active: { text: "Under warranty", variant: "success" },
  expiring: { text: "Warranty ending", variant: "warning" },
  expired: { text: "Warranty ended", variant: "neutral" },
  none: { text: "No warranty", variant: "outline" },
};

export function WarrantyBadge({ status, endsOn }: { status: WarrantyStatus; endsOn: string | null }) {
  const { text, variant } = LABEL[status];
  return (
    <span className="inline-flex flex-col gap-0.5">
      <Badge variant={variant}>{text}</Badge>
      {endsOn ? <span className="text-xs text-muted-foreground tabular-nums">until {formatDay(endsOn)}</span> : null}
    </span>
  );
}
