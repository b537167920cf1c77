import { Check, X } from "lucide-react";
import type { ReactNode } from "react";
import { TierBadge } from "@/components/clients/tier-badge";
import { formatDateTime, formatMoney, formatNumber } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import type { CustomerTier } from "@/db/schema/customers";
import type { DraftDetail } from "@/lib/review/queue";

export function PaneSection({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section aria-label={title} className="border-t pt-4">
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h3 className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{title}</h3>
        {aside}
      </div>
      {children}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-3 py-0.5 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="text-right">{children}</dd>
    </div>
  );
}

export function SourceSale({ sale, timeZone }: { sale: NonNullable<DraftDetail["sale"]>; timeZone: string }) {
  return (
    <PaneSection title="Source sale" aside={<span className="font-mono text-xs text-muted-foreground">{sale.externalId}</span>}>
      <p className="mb-2 text-sm text-muted-foreground">
        {formatDateTime(sale.completedAt, timeZone)} · {formatMoney(sale.totalMinor, sale.currency)}
        {sale.status === "completed" ? null : <> · {sale.status}</>}
      </p>
      <table className="w-full text-sm">
        <caption className="sr-only">Lines of the sale</caption>
        <thead className="text-xs text-muted-foreground">
          <tr className="border-b">
            <th scope="col" className="py-1.5 text-left font-medium">Item</th>
            <th scope="col" className="py-1.5 text-left font-medium">Serial</th>
            <th scope="col" className="py-1.5 text-right font-medium">Amount</th>
          </tr>
        </thead>
        <tbody>
          {sale.lines.map((line) => (
            <tr key={line.lineNo} className="border-b align-top last:border-0">
              <td className="py-1.5 pr-2">
                {line.brand ? <span className="font-medium">{line.brand} </span> : null}
                {line.name ?? line.sku}
                {line.quantity > 1 ? <span className="text-muted-foreground"> × {line.quantity}</span> : null}
                <div className="font-mono text-xs text-muted-foreground">{line.sku}</div>
              </td>
              <td className="py-1.5 pr-2 font-mono text-xs">{line.serialNumbers.length ? line.serialNumbers.join(", ") : "—"}</td>
              <td className="py-1.5 text-right tabular-nums">{formatMoney(line.totalMinor, sale.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PaneSection>
  );
}

function Consent({ label, isGiven }: { label: string; isGiven: boolean }) {
  return (
    <span className="inline-flex items-center gap-1">
      {isGiven ? <Check aria-hidden className="size-3.5 text-success" /> : <X aria-hidden className="size-3.5 text-muted-foreground" />}
      {label}
      <span className="sr-only">{isGiven ? " allowed" : " not allowed"}</span>
    </span>
  );
}

export function ClientSummary({ client, timeZone }: { client: NonNullable<DraftDetail["client"]>; timeZone: string }) {
  return (
    <PaneSection title="Client">
      <div className="mb-1 flex flex-wrap items-center gap-2">
        <span className="font-medium">{client.name}</span>
        <TierBadge tier={client.tier as CustomerTier} />
        {client.doNotContact ? <Badge variant="destructive">Do not contact</Badge> : null}
      </div>
      <dl>
        <Fact label="Lifetime value">{formatMoney(client.lifetimeValueMinor, client.currency)}</Fact>
        <Fact label="Purchases">
          {formatNumber(client.purchases)}
          {client.lastPurchaseAt ? <span className="text-muted-foreground"> · last {formatDateTime(client.lastPurchaseAt, timeZone)}</span> : null}
        </Fact>
        <Fact label="Open service tickets">{formatNumber(client.openTickets)}</Fact>
        <Fact label="Contact">
          <span className="inline-flex gap-3">
            <Consent label="E-mail" isGiven={client.consentEmail} />
            <Consent label="SMS" isGiven={client.consentSms} />
          </span>
        </Fact>
      </dl>
    </PaneSection>
  );
}

export function ModelFacts({ detail }: { detail: DraftDetail }) {
  return (
    <PaneSection title="How it was drafted">
      <dl>
        <Fact label="Model">
          <span className="font-mono text-xs">{detail.modelId ?? "—"}</span>
        </Fact>
        <Fact label="Prompt">
          <span className="font-mono text-xs">
            {detail.promptId ?? "—"}
            {detail.promptVersion ? ` v${detail.promptVersion}` : ""}
          </span>
        </Fact>
        <Fact label="Latency">{detail.latencyMs !== null ? `${formatNumber(detail.latencyMs)} ms` : "—"}</Fact>
        {detail.usage ? <Fact label="Tokens">{formatNumber(detail.usage.totalTokens)}</Fact> : null}
        {detail.sourceTransactionId ? (
          <Fact label="POS transaction">
            <span className="font-mono text-xs">{detail.sourceTransactionId}</span>
          </Fact>
        ) : null}
      </dl>
    </PaneSection>
  );
}

const ACTIONS: Record<string, string> = {
  "draft.created": "drafted",
  "draft.claimed": "opened it for review",
  "draft.edited": "edited the text",
  "draft.approved": "approved",
  "draft.rejected": "rejected",
  "draft.approval_blocked": "tried to approve; blocked",
  "draft.expired": "expired",
  "draft.cancelled": "cancelled",
  "draft.executed": "executed",
  "draft.execution_failed": "execution failed",
};

export function DraftHistory({ history, timeZone }: { history: DraftDetail["history"]; timeZone: string }) {
  return (
    <PaneSection title="History">
      {history.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nothing recorded yet.</p>
      ) : (
        <ol className="relative space-y-2.5 border-l pl-4">
          {history.map((entry) => (
            <li key={entry.id} className="text-sm">
              <span aria-hidden className={`absolute -left-[4.5px] mt-1.5 size-2 rounded-full ${entry.outcome === "failure" ? "bg-destructive" : "bg-gold"}`} />
              <span className="font-medium">{entry.actorName}</span> {ACTIONS[entry.action] ?? entry.action}
              {typeof entry.details.reason === "string" && entry.action !== "draft.rejected" ? <span className="text-muted-foreground">: {entry.details.reason}</span> : null}
              <div className="text-xs text-muted-foreground">{formatDateTime(entry.at, timeZone)}</div>
            </li>
          ))}
        </ol>
      )}
    </PaneSection>
  );
}
