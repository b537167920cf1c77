import Link from "next/link";
import { AlertTriangle, Boxes, CheckCircle2, Clock, Gem, PlugZap, ShoppingBag, Truck, Wrench } from "lucide-react";
import type { ReactNode } from "react";
import { formatDay, formatMoney, formatNumber } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { BacklogRow, HighValueSale, SyncSummary, TicketsDue } from "@/lib/overview/attention";
import type { MoneyTotal, StockRisk } from "@/lib/overview/buying";
import { AGE_COUNT_CAP, HIGH_VALUE_HISTORY_DAYS, HIGH_VALUE_MULTIPLE, REVIEW_TARGET_HOURS } from "@/lib/overview/attention";
import { KIND_LABEL } from "@/lib/review/kinds";
import { formatAge } from "./format";

function Panel({ icon: Icon, title, action, children, className }: { icon: typeof Clock; title: string; action?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <Card className={cn("gap-4 px-5", className)}>
      <div className="flex items-center justify-between gap-2">
        <h3 className="flex items-center gap-2 text-sm font-medium">
          <Icon aria-hidden className="size-4 text-gold-foreground" strokeWidth={1.5} />
          {title}
        </h3>
        {action}
      </div>
      {children}
    </Card>
  );
}

const linkClass = "text-xs text-muted-foreground underline decoration-gold/60 underline-offset-4 hover:text-foreground hover:decoration-gold";
const capped = (n: number) => (n >= AGE_COUNT_CAP ? `${formatNumber(AGE_COUNT_CAP)}+` : formatNumber(n));

/** Drafts waiting per kind, split by age against the review target: within, past it, past three times it. */
export function ReviewBacklogPanel({ rows, now }: { rows: BacklogRow[]; now: Date }) {
  const waiting = rows.reduce((s, r) => s + r.pending, 0);
  const late = rows.reduce((s, r) => s + r.overTarget, 0);
  return (
    <Panel icon={Clock} title="Waiting for review" action={<Link href="/queue" className={linkClass}>Open the queue</Link>} className="lg:col-span-2">
      <div className="flex items-baseline gap-3">
        <p className="font-serif text-4xl font-medium tracking-tight tabular-nums">{formatNumber(waiting)}</p>
        <p className="text-sm text-muted-foreground">
          {late === 0 ? (
            <span className="inline-flex items-center gap-1 text-success">
              <CheckCircle2 aria-hidden className="size-4" /> all within {REVIEW_TARGET_HOURS} h
            </span>
          ) : (
            <>
              <span className="font-medium text-warning">{capped(late)}</span> past the {REVIEW_TARGET_HOURS} h target
            </>
          )}
        </p>
      </div>
      <ul className="flex flex-col gap-3">
        {rows.map((row) => {
          const within = Math.max(0, row.pending - row.overTarget);
          const pastTarget = Math.max(0, row.overTarget - row.overThreeTargets);
          const total = Math.max(1, row.pending);
          return (
            <li key={row.kind} className="grid grid-cols-[minmax(0,9.5rem)_1fr_auto] items-center gap-3 text-sm">
              <Link href={`/queue?kind=${row.kind}`} className="truncate hover:underline">
                {KIND_LABEL[row.kind].replace("Purchase recommendations", "Recommendations")}
              </Link>
              <div
                className="flex h-2.5 overflow-hidden rounded-full bg-muted"
                role="img"
                aria-label={`${formatNumber(row.pending)} waiting: ${formatNumber(within)} within ${REVIEW_TARGET_HOURS} h, ${capped(pastTarget)} past it, ${capped(row.overThreeTargets)} past ${REVIEW_TARGET_HOURS * 3} h`}
              >
                <span className="bg-success/70" style={{ width: `${(within / total) * 100}%` }} />
                <span className="bg-warning" style={{ width: `${(pastTarget / total) * 100}%` }} />
                <span className="bg-destructive" style={{ width: `${(row.overThreeTargets / total) * 100}%` }} />
              </div>
              <span className="w-32 text-right text-xs whitespace-nowrap text-muted-foreground tabular-nums">
                <span className="font-medium text-foreground">{formatNumber(row.pending)}</span>
                {row.oldestCreatedAt ? ` · oldest ${formatAge(row.oldestCreatedAt, now)}` : ""}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" aria-hidden>
        <span className="flex items-center gap-1.5"><span className="size-2 rounded-full bg-success/70" />within {REVIEW_TARGET_HOURS} h</span>
        <span className="flex items-center gap-1.5"><span className="size-2 rounded-full bg-warning" />past {REVIEW_TARGET_HOURS} h</span>
        <span className="flex items-center gap-1.5"><span className="size-2 rounded-full bg-destructive" />past {REVIEW_TARGET_HOURS * 3} h</span>
      </p>
    </Panel>
  );
}

export function HighValueSalesPanel({ sales }: { sales: HighValueSale[] }) {
  return (
    <Panel icon={Gem} title="High-value sales today">
      <p className="-mt-2 text-xs text-muted-foreground">
        At least {HIGH_VALUE_MULTIPLE}× the store&apos;s average sale of the last {HIGH_VALUE_HISTORY_DAYS} days.
      </p>
      {sales.length === 0 ? (
        <p className="text-sm text-muted-foreground">None yet today.</p>
      ) : (
        <ul className="flex flex-col divide-y">
          {sales.map((s) => (
            <li key={s.id} className="flex items-center justify-between gap-3 py-2 text-sm first:pt-0 last:pb-0">
              <span className="min-w-0">
                <span className="block truncate">{s.clientName ?? "Walk-in client"}</span>
                <span className="text-xs text-muted-foreground">
                  {s.storeCode} · {new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: s.timezone }).format(s.completedAt)}
                  {s.averageMinor ? ` · ${(s.totalMinor / s.averageMinor).toFixed(1)}× average` : null}
                </span>
              </span>
              <span className="font-serif text-base font-medium tabular-nums">{formatMoney(s.totalMinor, s.currency)}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function TicketsDuePanel({ tickets }: { tickets: TicketsDue }) {
  return (
    <Panel icon={Wrench} title="Service tickets due">
      <div className="flex gap-6">
        <div>
          <p className={cn("font-serif text-3xl font-medium tabular-nums", tickets.overdue > 0 && "text-destructive")}>{formatNumber(tickets.overdue)}</p>
          <p className="text-xs text-muted-foreground">overdue</p>
        </div>
        <div>
          <p className="font-serif text-3xl font-medium tabular-nums">{formatNumber(tickets.dueSoon)}</p>
          <p className="text-xs text-muted-foreground">due within 7 days</p>
        </div>
      </div>
      {tickets.next.length > 0 ? (
        <ul className="flex flex-col gap-1.5 text-sm">
          {tickets.next.map((t) => (
            <li key={t.id} className="flex items-center justify-between gap-2">
              <span className="min-w-0 truncate">
                {t.clientName ?? "Walk-in"} <span className="text-xs text-muted-foreground">· {t.kind.replaceAll("_", " ")} · {t.storeCode}</span>
              </span>
              <Badge variant={t.isOverdue ? "destructive" : "neutral"}>{formatDay(t.dueOn)}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}

const STATE_BADGE = { healthy: "success", lagging: "warning", failing: "destructive", inactive: "neutral" } as const;

export function SyncPanel({ sync, showAll }: { sync: SyncSummary; showAll: boolean }) {
  const rows = showAll ? sync.rows : sync.rows.slice(0, 4);
  return (
    <Panel icon={PlugZap} title={showAll ? "POS connections" : "Sync health"} action={<Link href="/sync" className={linkClass}>Sync</Link>}>
      {sync.connections === 0 ? (
        <p className="text-sm text-muted-foreground">No POS connection feeds these stores yet.</p>
      ) : (
        <>
          <p className="text-sm">
            <span className="font-serif text-3xl font-medium tabular-nums">{sync.healthy}</span>
            <span className="text-muted-foreground"> of {sync.connections} healthy</span>
            {sync.failing > 0 ? <Badge variant="destructive" className="ml-2"><AlertTriangle /> {sync.failing} failing</Badge> : null}
            {sync.lagging > 0 ? <Badge variant="warning" className="ml-2">{sync.lagging} lagging</Badge> : null}
          </p>
          <ul className="flex flex-col gap-1.5 text-sm">
            {rows.map((c) => (
              <li key={c.id} className="flex items-center justify-between gap-2">
                <span className="min-w-0 truncate">
                  {c.name} <span className="text-xs text-muted-foreground">· {c.storeCodes.join(", ") || "no store"}</span>
                </span>
                <Badge variant={STATE_BADGE[c.state]}>{c.state}</Badge>
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}

function MoneyList({ totals, empty }: { totals: MoneyTotal[]; empty: string }) {
  if (totals.length === 0) return <p className="text-sm text-muted-foreground">{empty}</p>;
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-2">
      {totals.map((t) => (
        <div key={t.currency}>
          <dt className="sr-only">{t.currency}</dt>
          <dd className="font-serif text-2xl font-medium tracking-tight tabular-nums">{formatMoney(t.amountMinor, t.currency, { compact: true })}</dd>
          <dd className="text-xs text-muted-foreground">
            {formatNumber(t.count)} in {t.currency}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function PendingRecommendationsPanel({ totals }: { totals: MoneyTotal[] }) {
  return (
    <Panel icon={ShoppingBag} title="Recommendations to decide" action={<Link href="/queue?kind=purchase_recommendation" className={linkClass}>Review</Link>}>
      <MoneyList totals={totals} empty="No purchase recommendation is waiting." />
    </Panel>
  );
}

export function PurchaseOrdersPanel({ orders }: { orders: { totals: MoneyTotal[]; open: number } }) {
  return (
    <Panel icon={Truck} title="Purchase orders this month" action={<Link href="/purchase-orders" className={linkClass}>Orders</Link>}>
      <MoneyList totals={orders.totals} empty="No order placed this month yet." />
      <p className="text-xs text-muted-foreground">{formatNumber(orders.open)} still open or sent, not yet received.</p>
    </Panel>
  );
}

export function StockRiskPanel({ risks }: { risks: { total: number; rows: StockRisk[] } }) {
  return (
    <Panel icon={Boxes} title="At risk of stock-out" action={<Link href="/inventory" className={linkClass}>Inventory</Link>} className="lg:col-span-2">
      {risks.rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">Every selling line covers its lead time.</p>
      ) : (
        <>
          <p className="text-sm text-muted-foreground">
            <span className="font-medium text-foreground">{formatNumber(risks.total)}</span> store × SKU lines last less than their lead time at the last 28 days&apos; rate.
          </p>
          <table className="w-full text-sm">
            <thead className="text-xs text-muted-foreground">
              <tr className="text-left">
                <th scope="col" className="w-1/2 pb-1.5 font-normal">Item</th>
                <th scope="col" className="pb-1.5 font-normal">Store</th>
                <th scope="col" className="pb-1.5 text-right font-normal">Available</th>
                <th scope="col" className="pb-1.5 text-right font-normal">Sold, 28 days</th>
                <th scope="col" className="pb-1.5 text-right font-normal">Cover</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {risks.rows.map((r) => (
                <tr key={`${r.storeCode}:${r.productId}`} className="border-t">
                  <th scope="row" className="max-w-0 truncate py-1.5 pr-2 text-left font-normal">
                    {r.name.startsWith(r.brand) ? r.name : `${r.brand} ${r.name}`} <span className="text-xs text-muted-foreground">{r.sku}</span>
                  </th>
                  <td className="py-1.5">{r.storeCode}</td>
                  <td className="py-1.5 text-right">{formatNumber(r.available)}</td>
                  <td className="py-1.5 text-right">{formatNumber(r.unitsSold)}</td>
                  <td className="py-1.5 text-right">
                    <Badge variant={r.daysOfCover < r.leadTimeDays / 2 ? "destructive" : "warning"}>
                      {Math.floor(r.daysOfCover)} of {r.leadTimeDays} d
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}
