import type { ReactNode } from "react";
import { GlobalSearch } from "@/components/search/global-search";
import { Brand } from "@/components/shell/brand";
import { MobileNav } from "@/components/shell/mobile-nav";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { StoreSwitcher } from "@/components/shell/store-switcher";
import { UserMenu } from "@/components/shell/user-menu";
import { ToastProvider } from "@/components/ui/toast";
import { getActiveStoreId, requireViewer } from "@/lib/auth/session";
import { navigationFor } from "@/lib/navigation";
import { searchPlaceholder } from "@/lib/search/placeholder";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const activeStoreId = await getActiveStoreId(viewer);
  const items = navigationFor(viewer);
  const hasSeveralStores = viewer.stores.length > 1;

  return (
    <ToastProvider>
      <a
        href="#main"
        className="fixed top-2 left-2 z-[70] -translate-y-16 rounded-md bg-primary px-3 py-2 text-sm text-primary-foreground transition-transform outline-none focus:translate-y-0 focus-visible:ring-[3px] focus-visible:ring-ring/60"
      >
        Skip to content
      </a>
      <div className="flex min-h-dvh">
        <aside className="sticky top-0 hidden h-dvh w-60 shrink-0 flex-col gap-8 border-r border-sidebar-border bg-sidebar px-3 py-5 lg:flex">
          <Brand className="px-3" />
          <nav aria-label="Main">
            <SidebarNav items={items} />
          </nav>
          <p className="mt-auto px-3 text-xs leading-relaxed text-muted-foreground">
            Every action in Vitrine is recorded in the audit trail.
          </p>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b bg-background/85 px-4 backdrop-blur supports-[backdrop-filter]:bg-background/70 lg:px-8">
            <MobileNav items={items} />
            <Brand className="hidden sm:inline-flex lg:hidden" />
            <div className="flex flex-1 justify-center">
              {searchPlaceholder(viewer) ? <GlobalSearch placeholder={searchPlaceholder(viewer)!} /> : null}
            </div>
            {hasSeveralStores ? (
              <StoreSwitcher stores={viewer.stores} activeStoreId={activeStoreId} />
            ) : viewer.stores[0] ? (
              <span className="hidden text-sm text-muted-foreground sm:inline">{viewer.stores[0].name}</span>
            ) : null}
            <UserMenu name={viewer.name} email={viewer.email} role={viewer.role} />
          </header>
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 outline-none lg:px-8 lg:py-8">
            {children}
          </main>
        </div>
      </div>
    </ToastProvider>
  );
}
