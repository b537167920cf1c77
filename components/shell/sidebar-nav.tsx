"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { isCurrentSection, type NavigationItem } from "@/lib/navigation";
import { NavIcon } from "./nav-icon";

export function SidebarNav({ items, onNavigate }: { items: NavigationItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col gap-0.5">
      {items.map((item) => {
        const isCurrent = isCurrentSection(pathname, item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isCurrent ? "page" : undefined}
              onClick={onNavigate}
              className={cn(
                "group relative flex h-9 items-center gap-3 rounded-md px-3 text-sm text-muted-foreground transition-colors outline-none hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/60",
                isCurrent && "bg-accent font-medium text-foreground",
              )}
            >
              <span
                aria-hidden
                className={cn(
                  "absolute top-2 bottom-2 left-0 w-0.5 rounded-full bg-gold transition-opacity",
                  isCurrent ? "opacity-100" : "opacity-0",
                )}
              />
              <NavIcon name={item.icon} className={cn("size-4", isCurrent ? "text-gold-foreground" : "")} />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
