import type { Role } from "../schema";

/** One demo account per role; listed by `npm start` and in the README. */
export const DEMO_PASSWORD = "vitrine-demo-2026";

export type DemoAccount = { email: string; name: string; role: Role; storeCodes: "all" | string[] };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@vitrine.demo", name: "Alex Admin", role: "admin", storeCodes: "all" },
  { email: "manager@vitrine.demo", name: "Margaux Lefèvre", role: "manager", storeCodes: ["GVA", "LDN"] },
  { email: "buyer@vitrine.demo", name: "Benedikt Brandt", role: "buyer", storeCodes: "all" },
  { email: "associate@vitrine.demo", name: "Aiko Tanaka", role: "associate", storeCodes: ["NYC"] },
];
