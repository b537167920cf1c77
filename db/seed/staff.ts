import type { Role } from "../schema";
import { DEMO_ACCOUNTS } from "./accounts";
import type { StoreCode } from "./stores";

export type StaffMember = { email: string; name: string; role: Role; storeCodes: "all" | StoreCode[] };

/** The people behind each counter, besides the demo accounts: one manager and two or three associates per store. */
const STORE_STAFF: readonly StaffMember[] = [
  { email: "laurent.bonvin@vitrine.demo", name: "Laurent Bonvin", role: "manager", storeCodes: ["GVA"] },
  { email: "noemie.favre@vitrine.demo", name: "Noémie Favre", role: "associate", storeCodes: ["GVA"] },
  { email: "luca.bernasconi@vitrine.demo", name: "Luca Bernasconi", role: "associate", storeCodes: ["GVA"] },
  { email: "soren.oberg@vitrine.demo", name: "Søren Øberg", role: "associate", storeCodes: ["GVA"] },
  { email: "charlotte.pemberton@vitrine.demo", name: "Charlotte Pemberton", role: "manager", storeCodes: ["LDN"] },
  { email: "rohan.mehta@vitrine.demo", name: "Rohan Mehta", role: "associate", storeCodes: ["LDN"] },
  { email: "imogen.hargreaves@vitrine.demo", name: "Imogen Hargreaves", role: "associate", storeCodes: ["LDN"] },
  { email: "daniel.goldberg@vitrine.demo", name: "Daniel Goldberg", role: "manager", storeCodes: ["NYC"] },
  { email: "sofia.nunez@vitrine.demo", name: "Sofía Núñez", role: "associate", storeCodes: ["NYC"] },
  { email: "marcus.bennett@vitrine.demo", name: "Marcus Bennett", role: "associate", storeCodes: ["NYC"] },
  { email: "layla.haddad@vitrine.demo", name: "Layla Haddad", role: "manager", storeCodes: ["DXB"] },
  { email: "omar.alsuwaidi@vitrine.demo", name: "Omar Al Suwaidi", role: "associate", storeCodes: ["DXB"] },
  { email: "priya.nair@vitrine.demo", name: "Priya Nair", role: "associate", storeCodes: ["DXB"] },
  { email: "anastasia.volkova@vitrine.demo", name: "Anastasia Volkova", role: "associate", storeCodes: ["DXB"] },
];

/** Demo accounts first (their store lists come from accounts.ts), then the store staff. */
export function allStaff(): StaffMember[] {
  const demo = DEMO_ACCOUNTS.map((account) => ({
    ...account,
    storeCodes: account.storeCodes === "all" ? ("all" as const) : (account.storeCodes as StoreCode[]),
  }));
  return [...demo, ...STORE_STAFF];
}

/** Who rings up sales and looks after clients: associates mostly, managers now and then. */
export function sellingWeight(role: Role): number {
  switch (role) {
    case "associate":
      return 1;
    case "manager":
      return 0.3;
    case "admin":
    case "buyer":
      return 0;
  }
}
