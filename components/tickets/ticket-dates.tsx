import { formatDateTime, formatDay } from "@/components/format";
import { Fact } from "@/components/registry/fact-list";
import { Badge } from "@/components/ui/badge";
import type { TicketDetail } from "@/lib/tickets/ticket";

/** Opened, due (with the overdue state a counter needs to see at once) and closed, in the store's time zone. */
export function TicketDates({ ticket }: { ticket: TicketDetail }) {
  const { timezone } = ticket.store;
  return (
    <>
      <Fact label="Opened">
        <time dateTime={ticket.openedAt.toISOString()}>{formatDateTime(ticket.openedAt, timezone)}</time>
        {ticket.openedBy ? <span className="block text-xs text-muted-foreground">by {ticket.openedBy}</span> : null}
      </Fact>
      <Fact label="Due">
        {ticket.dueOn ? (
          <span className="inline-flex flex-wrap items-center gap-2">
            <time dateTime={ticket.dueOn} className={ticket.isOverdue ? "font-medium text-destructive" : undefined}>
              {formatDay(ticket.dueOn)}
            </time>
            {ticket.isOverdue ? <Badge variant="destructive">Overdue</Badge> : null}
          </span>
        ) : (
          <span className="text-muted-foreground">No due date</span>
        )}
      </Fact>
      <Fact label="Closed">
        {ticket.closedAt ? (
          <time dateTime={ticket.closedAt.toISOString()}>{formatDateTime(ticket.closedAt, timezone)}</time>
        ) : (
          <span className="text-muted-foreground">Still open</span>
        )}
      </Fact>
    </>
  );
}
