import type { Metadata } from "next";
import Link from "next/link";
import { CalendarClock, Gem, PackageX, Receipt, Wrench } from "lucide-react";
import { getDb } from "@/db/client";
import { productCategoryEnum } from "@/db/schema/enums";
import { categoryLabel, formatMoney, formatNumber, formatShortDay } from "@/components/format";
import { PageHeader } from "@/components/shell/page-header";
import { Stat } from "@/components/overview/stat";
import { UnitsSoldChart } from "@/components/overview/units-sold-chart";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getActiveStoreId, requireViewer } from "@/lib/auth/session";
import { can, scopeFor, type Viewer } from "@/lib/auth/viewer";
import { getClientSummary, getInventorySummary, type InventorySummary } from "@/lib/overview/queries";

export const metadata: Metadata = { title: "Overview" };

function scopeLabel(viewer: Viewer, activeStoreId: string | null): string {
  const active = viewer.stores.find((s) => s.id === activeStoreId);
  if (active) return active.name;
  if (scopeFor(viewer, "customers.read") === "all" || scopeFor(viewer, "inventory.read") === "all") return "all stores";
  return viewer.stores.length === 1 ? viewer.stores[0].name : `your ${viewer.stores.length} stores`;
}

export default async function OverviewPage() {
  const viewer = await requireViewer();
  const activeStoreId = await getActiveStoreId(viewer);
  const scope = { db: getDb(), viewer, activeStoreId };
  const canReadClients = can(viewer, "customers.read");
  const canReadInventory = can(viewer, "inventory.read");

  const [clients, inventory] = await Promise.all([
    canReadClients ? getClientSummary(scope) : null,
    canReadInventory ? getInventorySummary(scope) : null,
  ]);
  const firstName = viewer.name.split(" ")[0];

  return (
    <>
      <PageHeader title={`Welcome, ${firstName}`} description={<>Figures for {scopeLabel(viewer, activeStoreId)}.</>} />

      {!clients && !inventory ? (
        <EmptyState
          icon={Gem}
          title="Nothing to show here yet"
          description="Your role has no figures on the overview. The sections in the menu are the ones open to you."
        />
      ) : null}

      {clients ? (
        <section aria-labelledby="overview-clients" className="mb-8">
          <h2 id="overview-clients" className="mb-3 text-xs font-medium tracking-[0.14em] text-muted-foreground uppercase">
            Clients and after-sales
          </h2>
          <div className="grid gap-4 sm:grid-cols-3">
            <Stat
              icon={Gem}
              label="Clients"
              value={formatNumber(clients.clients)}
              detail={
                <Link href="/clients" className="underline decoration-gold/60 underline-offset-4 hover:decoration-gold">
                  Open the client list
                </Link>
              }
            />
            <Stat icon={CalendarClock} label="Services due in 30 days" value={formatNumber(clients.servicesDueSoon)} detail="Pieces owned by your clients" />
            <Stat icon={Wrench} label="Open service tickets" value={formatNumber(clients.openServiceTickets)} detail="Open, in progress, waiting for parts or ready" />
          </div>
        </section>
      ) : null}

      {inventory ? (
        <section aria-labelledby="overview-sales" className="mb-8">
          <h2 id="overview-sales" className="mb-3 text-xs font-medium tracking-[0.14em] text-muted-foreground uppercase">
            Sales and stock
          </h2>
          <div className="grid gap-4 lg:grid-cols-3">
            <SalesCard totals={inventory.salesLast30Days} />
            <Stat
              icon={PackageX}
              label="Out of stock, still selling"
              value={formatNumber(inventory.lowStock)}
              detail={
                <Link href="/inventory" className="underline decoration-gold/60 underline-offset-4 hover:decoration-gold">
                  Nothing on hand, sold in the last 90 days
                </Link>
              }
            />
          </div>
          <UnitsSoldCard weekly={inventory.weeklyUnits} />
        </section>
      ) : null}
    </>
  );
}

/** Revenue per currency: amounts in different currencies are never added together. */
function SalesCard({ totals }: { totals: InventorySummary["salesLast30Days"] }) {
  const count = totals.reduce((sum, t) => sum + t.sales, 0);
  return (
    <Card className="gap-3 px-5 lg:col-span-2">
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-sm text-muted-foreground">Sales, last 30 days</h3>
        <Receipt aria-hidden className="size-4 text-gold-foreground" strokeWidth={1.5} />
      </div>
      {totals.length === 0 ? (
        <p className="text-sm text-muted-foreground">No sales in this period.</p>
      ) : (
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-4">
          {totals.map((t) => (
            <div key={t.currency} className="flex flex-col gap-0.5">
              <dt className="sr-only">{t.currency}</dt>
              <dd className="font-serif text-2xl font-medium tracking-tight tabular-nums">{formatMoney(t.revenueMinor, t.currency, { compact: true })}</dd>
              <dd className="text-xs text-muted-foreground">
                {formatNumber(t.sales)} sale{t.sales === 1 ? "" : "s"} in {t.currency}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="text-xs text-muted-foreground">
        {formatNumber(count)} sale{count === 1 ? "" : "s"} in total, each counted in the currency it was rung up in.
      </p>
    </Card>
  );
}

function UnitsSoldCard({ weekly }: { weekly: InventorySummary["weeklyUnits"] }) {
  const colorIndex = (category: string) => (productCategoryEnum.enumValues as readonly string[]).indexOf(category) + 1;
  return (
    <Card className="mt-4">
      <CardHeader>
        <h3 className="font-serif text-lg font-medium tracking-tight">Units sold per week</h3>
        <CardDescription>By category over the last 12 weeks; weeks start on Monday (UTC) and the last one is the week so far. Returns are netted out.</CardDescription>
      </CardHeader>
      <CardContent>
        {weekly.categories.length === 0 ? (
          <EmptyState icon={Receipt} title="No sales in the last 12 weeks" description="Sales appear here as soon as the POS sends them." className="border-0" />
        ) : (
          <UnitsSoldChart
            series={weekly.categories.map((c) => ({ key: c, label: categoryLabel(c), colorIndex: colorIndex(c) }))}
            weeks={weekly.weeks.map((week) => ({
              label: formatShortDay(week),
              units: Object.fromEntries(weekly.categories.map((c) => [c, weekly.units[week]?.[c] ?? 0])),
            }))}
          />
        )}
      </CardContent>
    </Card>
  );
}
