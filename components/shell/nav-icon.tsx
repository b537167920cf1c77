import {
  ArrowLeftRight,
  Boxes,
  ClipboardCheck,
  Gem,
  LayoutDashboard,
  Plug,
  ScrollText,
  Send,
  ShieldAlert,
  Store,
  TrendingUp,
  Truck,
  UsersRound,
  Workflow,
  type LucideIcon,
} from "lucide-react";
import type { NavigationItem } from "@/lib/navigation";

const ICONS: Record<NavigationItem["icon"], LucideIcon> = {
  overview: LayoutDashboard,
  queue: ClipboardCheck,
  outbox: Send,
  orders: Truck,
  stores: Store,
  rules: Workflow,
  clients: Gem,
  inventory: Boxes,
  replenishment: TrendingUp,
  registry: ShieldAlert,
  sync: ArrowLeftRight,
  audit: ScrollText,
  users: UsersRound,
  connections: Plug,
};

export function NavIcon({ name, className }: { name: NavigationItem["icon"]; className?: string }) {
  const Icon = ICONS[name];
  return <Icon aria-hidden className={className} strokeWidth={1.75} />;
}
