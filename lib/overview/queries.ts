import "server-only";
import { and, count, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { customers, serializedItems, serviceTickets } from "@/db/schema";
import type { TicketStatus } from "@/db/schema";
import { storeCondition, withActiveStore, type Viewer } from "@/lib/auth/viewer";

type Scope = { db: Executor; viewer: Viewer; activeStoreId: string | null };

const OPEN_TICKET_STATUSES: TicketStatus[] = ["open", "in_progress", "waiting_parts", "ready"];

export type ClientSummary = { clients: number; servicesDueSoon: number; openServiceTickets: number };

/** For `customers.read`: clients whose home store is in scope, their pieces due a service soon, open tickets. */
export async function getClientSummary({ db, viewer, activeStoreId }: Scope): Promise<ClientSummary> {
  const homeStoreInScope = withActiveStore(storeCondition(viewer, "customers.read", customers.homeStoreId), customers.homeStoreId, activeStoreId);
  const ticketInScope = withActiveStore(storeCondition(viewer, "customers.read", serviceTickets.storeId), serviceTickets.storeId, activeStoreId);

  const [[clients], [dueSoon], [tickets]] = await Promise.all([
    db.select({ n: count() }).from(customers).where(and(homeStoreInScope, isNull(customers.erasedAt))),
    db
      .select({ n: count() })
      .from(serializedItems)
      .innerJoin(customers, eq(customers.id, serializedItems.currentOwnerId))
      .where(
        and(
          homeStoreInScope,
          eq(serializedItems.status, "sold"),
          gte(serializedItems.nextServiceDueOn, sql`current_date`),
          lte(serializedItems.nextServiceDueOn, sql`current_date + 30`),
        ),
      ),
    db
      .select({ n: count() })
      .from(serviceTickets)
      .where(and(ticketInScope, inArray(serviceTickets.status, OPEN_TICKET_STATUSES))),
  ]);
  return { clients: clients.n, servicesDueSoon: dueSoon.n, openServiceTickets: tickets.n };
}
