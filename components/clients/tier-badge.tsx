import type { CustomerTier } from "@/db/schema/customers";
import { Badge } from "@/components/ui/badge";

const TIERS: Record<CustomerTier, { label: string; variant: "solid" | "gold" | "outline" | "neutral" }> = {
  platinum: { label: "Platinum", variant: "solid" },
  gold: { label: "Gold", variant: "gold" },
  silver: { label: "Silver", variant: "outline" },
  client: { label: "Client", variant: "neutral" },
};

export function TierBadge({ tier }: { tier: CustomerTier }) {
  const { label, variant } = TIERS[tier] ?? TIERS.client;
  return <Badge variant={variant}>{label}</Badge>;
}
