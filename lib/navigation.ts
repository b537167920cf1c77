import type { Role } from "@/db/schema/enums";
import { scopeOf, type Permission } from "@/lib/auth/permissions";

// Shared by the server (which items to render) and the browser (which one is current), so it
// reads the permission table directly rather than through the server-only viewer module.

export type NavigationItem = {
  href: string;
  label: string;
  /** null: every signed-in user */
  permission: Permission | null;
  /** names an icon in the shell; lib/ stays free of UI imports */
  icon: "overview" | "clients" | "inventory" | "sync" | "audit" | "users" | "connections";
};

export const NAVIGATION: readonly NavigationItem[] = [
  { href: "/", label: "Overview", permission: null, icon: "overview" },
  { href: "/clients", label: "Clients", permission: "customers.read", icon: "clients" },
  { href: "/inventory", label: "Inventory", permission: "inventory.read", icon: "inventory" },
  { href: "/sync", label: "Sync", permission: "sync.read", icon: "sync" },
  { href: "/audit", label: "Audit", permission: "audit.read", icon: "audit" },
  { href: "/admin/users", label: "Users", permission: "users.manage", icon: "users" },
  { href: "/admin/connections", label: "Connections", permission: "connections.manage", icon: "connections" },
];

/** The items a viewer may open; the pages check the same permission again on the server. */
export function navigationFor(viewer: { role: Role }): NavigationItem[] {
  return NAVIGATION.filter((item) => item.permission === null || scopeOf(viewer.role, item.permission) !== null);
}

/** Whether `href` is the current section: "/" only on itself, others on themselves and their sub-pages. */
export function isCurrentSection(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
