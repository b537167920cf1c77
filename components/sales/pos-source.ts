import { posProviderEnum, type PosProvider } from "@/db/schema/enums";
import { providerLabel } from "@/components/sync/provider-label";

function isPosProvider(provider: string): provider is PosProvider {
  return (posProviderEnum.enumValues as readonly string[]).includes(provider);
}

/** Where a sale, return or work order was recorded: a POS by name, or the demo data set. */
export function posSourceLabel(provider: string): string {
  if (isPosProvider(provider)) return providerLabel(provider);
  return provider === "seed" ? "Demo data" : provider;
}
