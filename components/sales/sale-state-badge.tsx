import { Badge } from "@/components/ui/badge";
import type { SaleState } from "@/lib/sales/sale";

const STATE: Record<SaleState, { text: string; variant: "success" | "warning" | "neutral" | "destructive" }> = {
  completed: { text: "Completed", variant: "success" },
  open: { text: "Open (parked)", variant: "neutral" },
  voided: { text: "Voided", variant: "destructive" },
  partially_returned: { text: "Partially returned", variant: "warning" },
  returned: { text: "Returned", variant: "warning" },
};

export function SaleStateBadge({ state }: { state: SaleState }) {
  return <Badge variant={STATE[state].variant}>{STATE[state].text}</Badge>;
}
