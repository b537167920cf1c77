import Link from "next/link";
import { ArrowDownToLine, Handshake, PackageCheck, RotateCcw, ShoppingBag, Stamp, Truck, Wrench } from "lucide-react";
import type { LucideIcon } from "lucide-react";
import { formatDateTime, formatMoney } from "@/components/format";
import type { CustodyKind } from "@/db/schema/enums";
import { CUSTODY_KIND_LABEL, SERVICE_KIND_LABEL, TICKET_STATUS_LABEL } from "@/lib/clienteling/labels";
import type { CustodyStep } from "@/lib/registry/item";
import type { ItemFlag } from "@/lib/registry/flags";
import { FLAG_LABEL } from "@/lib/registry/flag-labels";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";

const ICON: Record<CustodyKind, LucideIcon> = {
  received: ArrowDownToLine,
  sold: ShoppingBag,
  resold: ShoppingBag,
  registered: Stamp,
  in_service: Wrench,
  service_completed: PackageCheck,
  returned: RotateCcw,
  consigned: Handshake,
  transferred: Truck,
};

/** What caused a step, linked to its page when the viewer may open it (a step may have happened at another store). */
function CauseLink({ href, children }: { href: string | null; children: React.ReactNode }) {
  if (!href) return <>{children}</>;
  return (
    <Link href={href} className="text-foreground underline underline-offset-4">
      {children}
    </Link>
  );
}

/** The item's chain of custody, oldest first; each step names what caused it and carries its flags. */
export function CustodyTimeline({ steps, flags }: { steps: CustodyStep[]; flags: ItemFlag[] }) {
  if (steps.length === 0) return <p className="text-sm text-muted-foreground">No step recorded yet.</p>;
  return (
    <ol className="relative ml-3 border-l" aria-label="Chain of custody">
      {steps.map((step) => {
        const Icon = ICON[step.kind];
        const stepFlags = flags.filter((f) => f.custodyEventId === step.id);
        return (
          <li key={step.id} id={`step-${step.id}`} className="relative pb-6 pl-6 last:pb-0">
            <span
              className={cn(
                "absolute top-0 -left-3 flex size-6 items-center justify-center rounded-full border bg-card",
                stepFlags.length > 0 && "border-destructive text-destructive",
              )}
            >
              <Icon aria-hidden className="size-3.5" />
            </span>
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm font-medium">{CUSTODY_KIND_LABEL[step.kind]}</span>
              <time className="text-xs text-muted-foreground tabular-nums" dateTime={step.occurredAt.toISOString()}>
                {formatDateTime(step.occurredAt, step.store?.timezone)}
              </time>
              {step.store ? <span className="text-xs text-muted-foreground">· {step.store.name}</span> : null}
              {stepFlags.map((f) => (
                <Badge key={f.kind} variant="destructive">
                  {FLAG_LABEL[f.kind].title}
                </Badge>
              ))}
            </div>
            <p className="mt-0.5 text-sm text-muted-foreground">
              {step.sale ? (
                <span>
                  <CauseLink href={step.sale.canOpen ? `/sales/${step.sale.id}` : null}>
                    Sale <span className="font-mono text-xs">{step.sale.externalId}</span>
                  </CauseLink>{" "}
                  · {formatMoney(step.sale.totalMinor, step.sale.currency)}
                </span>
              ) : null}
              {step.return ? (
                <span>
                  {step.sale ? " · " : ""}
                  <CauseLink href={step.return.canOpen ? `/sales/returns/${step.return.id}` : null}>
                    Return <span className="font-mono text-xs">{step.return.externalId}</span>
                  </CauseLink>
                  {step.return.reason ? ` (${step.return.reason})` : ""}
                </span>
              ) : null}
              {step.ticket ? (
                <span>
                  <CauseLink href={step.ticket.canOpen ? `/tickets/${step.ticket.id}` : null}>
                    Ticket: {SERVICE_KIND_LABEL[step.ticket.kind]}
                  </CauseLink>
                  , {TICKET_STATUS_LABEL[step.ticket.status]}
                </span>
              ) : null}
              {step.customer ? (
                <span>
                  {" "}
                  ·{" "}
                  <Link href={`/clients/${step.customer.id}`} className="underline-offset-4 hover:underline">
                    {step.customer.name}
                  </Link>
                </span>
              ) : null}
              {step.note && !step.return ? <span className="block text-xs">{step.note}</span> : null}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
