import type { Role } from "@/db/schema/enums";

/**
 * The one permission vocabulary. A grant's scope says which rows the permission reaches:
 * `all` stores, the user's `own` assigned stores, or only the user's `self` (their own actions).
 */
export const PERMISSIONS = [
  "drafts.review.client_message",
  "drafts.review.service_ticket",
  "drafts.review.clienteling_note",
  "drafts.review.purchase_recommendation",
  "drafts.read.purchase_recommendation",
  "customers.read",
  "customers.note",
  "customers.merge",
  "suggestions.feedback",
  "inventory.read",
  "forecast.read",
  "purchase_orders.manage",
  "sync.read",
  "sync.retry",
  "sync.run",
  "audit.read",
  "users.manage",
  "stores.manage",
  "connections.manage",
  "rules.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type Scope = "all" | "own" | "self";
export const ROLES = ["admin", "manager", "buyer", "associate"] as const satisfies readonly Role[];

const everything = Object.fromEntries(PERMISSIONS.map((p) => [p, "all"])) as Record<Permission, Scope>;

export const GRANTS: Record<Role, Partial<Record<Permission, Scope>>> = {
  admin: everything,
  manager: {
    "drafts.review.client_message": "own",
    "drafts.review.service_ticket": "own",
    "drafts.review.clienteling_note": "own",
    "drafts.read.purchase_recommendation": "own",
    "customers.read": "own",
    "customers.note": "own",
    "customers.merge": "own",
    "suggestions.feedback": "own",
    "inventory.read": "own",
    "forecast.read": "own",
    "sync.read": "own",
    "sync.retry": "own",
    "audit.read": "own",
  },
  buyer: {
    "drafts.review.purchase_recommendation": "all",
    "drafts.read.purchase_recommendation": "all",
    "inventory.read": "all",
    "forecast.read": "all",
    "purchase_orders.manage": "all",
    "audit.read": "self",
  },
  associate: {
    "customers.read": "own",
    "customers.note": "own",
    "suggestions.feedback": "own",
  },
};

export function scopeOf(role: Role, permission: Permission): Scope | null {
  return GRANTS[role][permission] ?? null;
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
