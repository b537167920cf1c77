import Link from "next/link";
import { formatDate, formatDay } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ClientCard } from "@/lib/clienteling/card";
import { DRAFT_KIND_LABEL, DRAFT_STATUS_LABEL, SERVICE_KIND_LABEL, TICKET_STATUS_LABEL } from "@/lib/clienteling/labels";

/** What is open about the client: service tickets, and drafts waiting for (or recently given) a decision. */
export function OpenWork({ tickets, drafts }: { tickets: ClientCard["openTickets"]; drafts: ClientCard["drafts"] }) {
  return (
    <Card aria-labelledby="client-open">
      <CardHeader>
        <CardTitle id="client-open">What is open</CardTitle>
      </CardHeader>
      <CardContent className="space-y-5">
        <section aria-labelledby="client-tickets">
          <h3 id="client-tickets" className="mb-2 text-xs font-medium text-muted-foreground uppercase">
            Service tickets
          </h3>
          {tickets.length === 0 ? (
            <p className="text-sm text-muted-foreground">No open ticket.</p>
          ) : (
            <ul className="divide-y text-sm">
              {tickets.map((t) => (
                <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    {t.canOpen ? (
                      <Link href={`/tickets/${t.id}`} className="font-medium underline-offset-4 hover:underline">
                        {SERVICE_KIND_LABEL[t.kind]}
                      </Link>
                    ) : (
                      SERVICE_KIND_LABEL[t.kind]
                    )}
                    {t.serialNumber && t.itemId ? (
                      <Link href={`/items/${t.itemId}`} className="ml-1.5 font-mono text-xs text-muted-foreground underline-offset-4 hover:underline">
                        {t.serialNumber}
                      </Link>
                    ) : null}
                  </span>
                  <span className="flex items-center gap-2 text-xs text-muted-foreground">
                    {t.storeCode} · {t.dueOn ? `due ${formatDay(t.dueOn)}` : `opened ${formatDate(t.openedAt)}`}
                    <Badge variant={t.kind === "complaint" ? "destructive" : "outline"}>{TICKET_STATUS_LABEL[t.status]}</Badge>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="client-drafts">
          <h3 id="client-drafts" className="mb-2 text-xs font-medium text-muted-foreground uppercase">
            Drafts
          </h3>
          {drafts.length === 0 ? (
            <p className="text-sm text-muted-foreground">No pending or recent draft.</p>
          ) : (
            <ul className="divide-y text-sm">
              {drafts.map((d) => (
                <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  {d.canReview ? (
                    <Link href={`/queue?kind=${d.kind}&draft=${d.id}`} className="font-medium underline-offset-4 hover:underline">
                      {DRAFT_KIND_LABEL[d.kind]}
                    </Link>
                  ) : (
                    <span className="font-medium">{DRAFT_KIND_LABEL[d.kind]}</span>
                  )}
                  <span className="flex items-center gap-2 text-xs text-muted-foreground">
                    {d.storeCode} · {formatDate(d.createdAt)}
                    <Badge variant={d.status === "pending" ? "gold" : "neutral"}>{DRAFT_STATUS_LABEL[d.status]}</Badge>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </CardContent>
    </Card>
  );
}
