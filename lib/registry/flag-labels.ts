import type { FlagKind } from "./flags";

export const FLAG_LABEL: Record<FlagKind, { title: string; description: string }> = {
  sold_twice: { title: "Sold twice", description: "Sold again with no return, receipt or consignment since the previous sale." },
  unknown_at_sale: { title: "Unknown at sale", description: "The serial was not in stock in the registry when it was sold." },
  serial_on_products: { title: "Serial on two products", description: "The same serial number is recorded on another product." },
};
