import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { formatMoney } from "@/components/format";
import { queueHref } from "@/components/queue/queue-href";
import { Fact, FactList } from "@/components/registry/fact-list";
import { posSourceLabel } from "@/components/sales/pos-source";
import { PageHeader } from "@/components/shell/page-header";
import { TicketDates } from "@/components/tickets/ticket-dates";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireViewer } from "@/lib/auth/session";
import { DRAFT_STATUS_LABEL, pieceName, SERVICE_KIND_LABEL, TICKET_STATUS_LABEL } from "@/lib/clienteling/labels";
import { canLookUpItems } from "@/lib/clienteling/scope";
import { getTicket, type TicketDetail } from "@/lib/tickets/ticket";

export const metadata: Metadata = { title: "Service ticket" };

function SourceDraft({ draft }: { draft: NonNullable<TicketDetail["sourceDraft"]> }) {
  const label = `Approved draft · ${DRAFT_STATUS_LABEL[draft.status]}`;
  if (!draft.canOpen) return <span>{label}</span>;
  return (
    <Link href={queueHref({ kind: "service_ticket", status: draft.status, sort: "priority" }, { draft: draft.id })} className="underline underline-offset-4">
      {label}
    </Link>
  );
}

/** A service ticket: the work on a piece, for whom, by when, and where it came from. */
export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  if (!canLookUpItems(viewer)) forbidden();
  const id = z.uuid().safeParse((await params).id);
  const ticket = id.success ? await getTicket({ db: getDb(), viewer, ticketId: id.data }) : null;
  if (!ticket) notFound();
  const piece = ticket.product ? pieceName(ticket.product.brand, ticket.product.name) : null;
  const isClosed = ticket.status === "closed" || ticket.status === "cancelled";

  return (
    <>
      <PageHeader
        title={piece ? `${SERVICE_KIND_LABEL[ticket.kind]} · ${piece}` : SERVICE_KIND_LABEL[ticket.kind]}
        description={`Service ticket at ${ticket.store.name}`}
        actions={
          <>
            {ticket.isOverdue ? <Badge variant="destructive">Overdue</Badge> : null}
            <Badge variant={isClosed ? "neutral" : "gold"}>
              <span className="inline-block first-letter:uppercase">{TICKET_STATUS_LABEL[ticket.status]}</span>
            </Badge>
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,24rem)_minmax(0,1fr)]">
        <Card aria-labelledby="ticket-facts">
          <CardHeader>
            <CardTitle id="ticket-facts">The ticket</CardTitle>
          </CardHeader>
          <CardContent>
            <FactList>
              <Fact label="Service">{SERVICE_KIND_LABEL[ticket.kind]}</Fact>
              <Fact label="Status">
                <span className="inline-block first-letter:uppercase">{TICKET_STATUS_LABEL[ticket.status]}</span>
              </Fact>
              <Fact label="Store">{ticket.store.name}</Fact>
              {ticket.customer !== undefined ? (
                <Fact label="Client">
                  {ticket.customer ? (
                    <Link href={`/clients/${ticket.customer.id}`} className="underline-offset-4 hover:underline">
                      {ticket.customer.name}
                    </Link>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </Fact>
              ) : null}
              <Fact label="Piece">
                {piece ?? <span className="text-muted-foreground">—</span>}
                {ticket.product ? <span className="block text-xs text-muted-foreground">{ticket.product.sku}</span> : null}
              </Fact>
              <Fact label="Serial">
                {ticket.item?.id ? (
                  <Link href={`/items/${ticket.item.id}`} className="font-mono underline underline-offset-4">
                    {ticket.item.serialNumber}
                  </Link>
                ) : (
                  <span className="font-mono">{ticket.item?.serialNumber ?? "—"}</span>
                )}
              </Fact>
              <TicketDates ticket={ticket} />
              <Fact label="Estimate">
                {ticket.estimateMinor === null ? (
                  <span className="text-muted-foreground">—</span>
                ) : ticket.estimateMinor === 0 ? (
                  "Complimentary"
                ) : (
                  formatMoney(ticket.estimateMinor, ticket.currency)
                )}
              </Fact>
              <Fact label="Source">
                {ticket.sourceDraft ? <SourceDraft draft={ticket.sourceDraft} /> : <span className="text-muted-foreground">Not from a draft</span>}
              </Fact>
              <Fact label="POS work order">
                {ticket.posReference ? (
                  <>
                    {posSourceLabel(ticket.posReference.provider)} <span className="font-mono text-xs break-all">{ticket.posReference.externalId}</span>
                  </>
                ) : (
                  <span className="text-muted-foreground">Not written back</span>
                )}
              </Fact>
            </FactList>
          </CardContent>
        </Card>
        <Card aria-labelledby="ticket-work" className="self-start">
          <CardHeader>
            <CardTitle id="ticket-work">The work</CardTitle>
          </CardHeader>
          <CardContent>
            {ticket.description ? (
              <p className="text-sm whitespace-pre-wrap">{ticket.description}</p>
            ) : (
              <p className="text-sm text-muted-foreground">No description was recorded.</p>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
