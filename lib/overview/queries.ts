import "server-only";
import { and, count, eq, exists, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { customers, inventoryLevels, products, saleLines, sales, serializedItems, serviceTickets } from "@/db/schema";
import type { ProductCategory, TicketStatus } from "@/db/schema";
import { storeCondition, withActiveStore, type Viewer } from "@/lib/auth/viewer";

type Scope = { db: Executor; viewer: Viewer; activeStoreId: string | null };

const OPEN_TICKET_STATUSES: TicketStatus[] = ["open", "in_progress", "waiting_parts", "ready"];
const DAY_MS = 86_400_000;

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

export type SalesTotal = { currency: string; sales: number; revenueMinor: number };
export type WeeklyUnits = {
  /** Monday of each week (UTC), oldest first, yyyy-mm-dd */
  weeks: string[];
  /** categories with at least one unit in the period, most units first */
  categories: ProductCategory[];
  /** units[week][category]; weeks without sales are 0 */
  units: Record<string, Partial<Record<ProductCategory, number>>>;
};
export type InventorySummary = {
  salesLast30Days: SalesTotal[];
  weeklyUnits: WeeklyUnits;
  lowStock: number;
};

/** Monday 00:00 UTC of the week `weeksBack` weeks before the current one. */
function weekStart(now: Date, weeksBack: number): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  return new Date(midnight - (sinceMonday + weeksBack * 7) * DAY_MS);
}

/** For `inventory.read`: sales of the last 30 days, units sold per week and category, and lines out of stock that still sell. */
export async function getInventorySummary({ db, viewer, activeStoreId }: Scope, now = new Date()): Promise<InventorySummary> {
  const saleInScope = withActiveStore(storeCondition(viewer, "inventory.read", sales.storeId), sales.storeId, activeStoreId);
  const levelInScope = withActiveStore(
    storeCondition(viewer, "inventory.read", inventoryLevels.storeId),
    inventoryLevels.storeId,
    activeStoreId,
  );
  const firstWeek = weekStart(now, 11);
  const week = sql<string>`to_char(date_trunc('week', ${sales.completedAt} at time zone 'UTC'), 'YYYY-MM-DD')`;

  const [totals, weekly, [lowStock]] = await Promise.all([
    db
      .select({
        currency: sales.currency,
        sales: count(),
        revenueMinor: sql<string>`coalesce(sum(${sales.totalMinor}), 0)`,
      })
      .from(sales)
      .where(and(saleInScope, gte(sales.completedAt, new Date(now.getTime() - 30 * DAY_MS))))
      .groupBy(sales.currency)
      .orderBy(sales.currency),
    db
      .select({ week, category: products.category, units: sql<string>`sum(${saleLines.quantity})` })
      .from(saleLines)
      .innerJoin(sales, eq(sales.id, saleLines.saleId))
      .innerJoin(products, eq(products.id, saleLines.productId))
      .where(and(saleInScope, gte(sales.completedAt, firstWeek)))
      .groupBy(week, products.category),
    db
      .select({ n: count() })
      .from(inventoryLevels)
      .where(
        and(
          levelInScope,
          lte(inventoryLevels.onHand, 0),
          exists(
            db
              .select({ one: sql`1` })
              .from(saleLines)
              .innerJoin(sales, eq(sales.id, saleLines.saleId))
              .where(
                and(
                  eq(sales.storeId, inventoryLevels.storeId),
                  eq(saleLines.productId, inventoryLevels.productId),
                  gte(sales.completedAt, new Date(now.getTime() - 90 * DAY_MS)),
                ),
              ),
          ),
        ),
      ),
  ]);

  const weeks = Array.from({ length: 12 }, (_, i) => new Date(firstWeek.getTime() + i * 7 * DAY_MS).toISOString().slice(0, 10));
  const units: WeeklyUnits["units"] = Object.fromEntries(weeks.map((w) => [w, {}]));
  const perCategory = new Map<ProductCategory, number>();
  for (const row of weekly) {
    const value = Number(row.units);
    if (!units[row.week]) continue;
    units[row.week][row.category] = value;
    perCategory.set(row.category, (perCategory.get(row.category) ?? 0) + value);
  }
  const categories = [...perCategory.entries()]
    .filter(([, total]) => total !== 0)
    .sort((a, b) => b[1] - a[1])
    .map(([category]) => category);

  return {
    salesLast30Days: totals.map((t) => ({ currency: t.currency, sales: t.sales, revenueMinor: Number(t.revenueMinor) })),
    weeklyUnits: { weeks, categories, units },
    lowStock: lowStock.n,
  };
}
