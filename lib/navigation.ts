import type { Role } from "@/db/schema/enums";
import { scopeOf, type Permission } from "@/lib/auth/permissions";

// Shared by the server (which items to render) and the browser (which one is current), so it
// reads the permission table directly rather than through the server-only viewer module.

export type NavigationItem = {
  href: string;
  label: string;
  /** null: every signed-in user; a list: any one of them */
  permission: Permission | readonly Permission[] | null;
  /** names an icon in the shell; lib/ stays free of UI imports */
  icon: "overview" | "queue" | "outbox" | "orders" | "clients" | "inventory" | "registry" | "replenishment" | "sync" | "audit" | "users" | "connections" | "stores" | "rules";
};

export const NAVIGATION: readonly NavigationItem[] = [
  { href: "/", label: "Overview", permission: null, icon: "overview" },
  {
    href: "/queue",
    label: "Review queue",
    permission: [
      "drafts.review.client_message",
      "drafts.review.service_ticket",
      "drafts.review.clienteling_note",
      "drafts.read.purchase_recommendation",
    ],
    icon: "queue",
  },
  { href: "/outbox", label: "Outbox", permission: "drafts.review.client_message", icon: "outbox" },
  { href: "/purchase-orders", label: "Purchase orders", permission: "purchase_orders.manage", icon: "orders" },
  { href: "/clients", label: "Clients", permission: "customers.read", icon: "clients" },
  { href: "/inventory", label: "Inventory", permission: "inventory.read", icon: "inventory" },
  { href: "/items/flags", label: "Serial integrity", permission: "inventory.read", icon: "registry" },
  { href: "/replenishment", label: "Replenishment", permission: "forecast.read", icon: "replenishment" },
  { href: "/sync", label: "Sync", permission: "sync.read", icon: "sync" },
  { href: "/audit", label: "Audit", permission: "audit.read", icon: "audit" },
  { href: "/admin/users", label: "Users", permission: "users.manage", icon: "users" },
  { href: "/admin/connections", label: "Connections", permission: "connections.manage", icon: "connections" },
  { href: "/admin/stores", label: "Stores & rollout", permission: "stores.manage", icon: "stores" },
  { href: "/admin/rules", label: "Automation rules", permission: "rules.manage", icon: "rules" },
];

/** The items a viewer may open; the pages check the same permission again on the server. */
export function navigationFor(viewer: { role: Role }): NavigationItem[] {
  return NAVIGATION.filter((item) => {
    if (item.permission === null) return true;
    const any: readonly Permission[] = typeof item.permission === "string" ? [item.permission] : item.permission;
    return any.some((p) => scopeOf(viewer.role, p) !== null);
  });
}

/** Whether `href` is the current section: "/" only on itself, others on themselves and their sub-pages. */
export function isCurrentSection(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
