"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { Menu, X } from "lucide-react";
import { useState } from "react";
import type { NavigationItem } from "@/lib/navigation";
import { Brand } from "./brand";
import { SidebarNav } from "./sidebar-nav";

/** Below the lg breakpoint the sidebar becomes a sheet behind a menu button. */
export function MobileNav({ items }: { items: NavigationItem[] }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <DialogPrimitive.Root open={isOpen} onOpenChange={setIsOpen}>
      <DialogPrimitive.Trigger className="-ml-1 rounded-md p-2 text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/60 lg:hidden">
        <Menu aria-hidden className="size-5" />
        <span className="sr-only">Open navigation</span>
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-black/40 data-[state=open]:animate-fade-in lg:hidden" />
        <DialogPrimitive.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-6 border-r bg-sidebar p-4 shadow-xl outline-none data-[state=open]:animate-sheet-in lg:hidden">
          <div className="flex items-center justify-between">
            <DialogPrimitive.Title asChild>
              <div>
                <Brand />
              </div>
            </DialogPrimitive.Title>
            <DialogPrimitive.Close className="rounded-md p-2 text-muted-foreground outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/60">
              <X aria-hidden className="size-4" />
              <span className="sr-only">Close navigation</span>
            </DialogPrimitive.Close>
          </div>
          <DialogPrimitive.Description className="sr-only">Sections of Vitrine you can open</DialogPrimitive.Description>
          <nav aria-label="Main">
            <SidebarNav items={items} onNavigate={() => setIsOpen(false)} />
          </nav>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
