import "server-only";
import { and, asc, eq, gte, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { customers, sales, stores, type CustomerTier } from "@/db/schema";
import { storeCondition, withActiveStore, type Viewer } from "@/lib/auth/viewer";

export const CLIENTS_PAGE_SIZE = 50;

export type ClientRow = {
  id: string;
  firstName: string;
  lastName: string;
  tier: CustomerTier;
  homeStore: { code: string; name: string } | null;
  lifetimeValueMinor: number;
  currency: string;
  consent: { email: boolean; sms: boolean; phone: boolean; mail: boolean };
  doNotContact: boolean;
  /** the most recent sale anywhere, with the time zone of the store that made it */
  lastPurchase: { at: Date; timezone: string } | null;
};

export type ClientCursor = { lastName: string; id: string };

/** `?after=<lastName|id>`: the last row of the previous page. Ids are uuids, so the last "|" splits. */
export function parseClientCursor(value: string | undefined): ClientCursor | null {
  if (!value) return null;
  const at = value.lastIndexOf("|");
  if (at < 0) return null;
  const id = value.slice(at + 1);
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return { lastName: value.slice(0, at), id };
}

export function formatClientCursor(row: Pick<ClientRow, "lastName" | "id">): string {
  return `${row.lastName}|${row.id}`;
}

function escapeLike(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll("%", "\\%").replaceAll("_", "\\_");
}

/**
 * Clients whose home store is in the viewer's scope (and the active store, when one is chosen),
 * by last name then id, keyset-paginated: a page costs the same at any depth and nothing counts
 * the whole table. `query` is a case-insensitive prefix of the last or the first name.
 */
export async function listClients({
  db,
  viewer,
  activeStoreId,
  query,
  after,
  limit = CLIENTS_PAGE_SIZE,
}: {
  db: Executor;
  viewer: Viewer;
  activeStoreId: string | null;
  query?: string;
  after?: ClientCursor | null;
  limit?: number;
}): Promise<{ rows: ClientRow[]; nextCursor: string | null }> {
  const conditions: SQL[] = [
    withActiveStore(storeCondition(viewer, "customers.read", customers.homeStoreId), customers.homeStoreId, activeStoreId),
    isNull(customers.erasedAt),
  ];
  const prefix = query?.trim();
  if (prefix) {
    const pattern = `${escapeLike(prefix)}%`;
    conditions.push(or(ilike(customers.lastName, pattern), ilike(customers.firstName, pattern)) as SQL);
  }
  if (after) {
    // the row comparison is the keyset; the plain bound lets the planner start from the last-name index
    conditions.push(gte(customers.lastName, after.lastName));
    conditions.push(sql`(${customers.lastName}, ${customers.id}) > (${after.lastName}, ${after.id}::uuid)`);
  }

  const lastSale = db
    .select({ at: sales.completedAt, timezone: stores.timezone })
    .from(sales)
    .innerJoin(stores, eq(stores.id, sales.storeId))
    .where(eq(sales.customerId, customers.id))
    .orderBy(sql`${sales.completedAt} desc`)
    .limit(1)
    .as("last_sale");

  const rows = await db
    .select({
      id: customers.id,
      firstName: customers.firstName,
      lastName: customers.lastName,
      tier: customers.tier,
      homeStoreCode: stores.code,
      homeStoreName: stores.name,
      lifetimeValueMinor: customers.lifetimeValueMinor,
      currency: customers.currency,
      consentEmail: customers.consentEmail,
      consentSms: customers.consentSms,
      consentPhone: customers.consentPhone,
      consentMail: customers.consentMail,
      doNotContact: customers.doNotContact,
      lastPurchaseAt: lastSale.at,
      lastPurchaseTimezone: lastSale.timezone,
    })
    .from(customers)
    .leftJoin(stores, eq(stores.id, customers.homeStoreId))
    .leftJoinLateral(lastSale, sql`true`)
    .where(and(...conditions))
    .orderBy(asc(customers.lastName), asc(customers.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit).map(
    (r): ClientRow => ({
      id: r.id,
      firstName: r.firstName,
      lastName: r.lastName,
      tier: r.tier,
      homeStore: r.homeStoreCode && r.homeStoreName ? { code: r.homeStoreCode, name: r.homeStoreName } : null,
      lifetimeValueMinor: r.lifetimeValueMinor,
      currency: r.currency,
      consent: { email: r.consentEmail, sms: r.consentSms, phone: r.consentPhone, mail: r.consentMail },
      doNotContact: r.doNotContact,
      lastPurchase: r.lastPurchaseAt && r.lastPurchaseTimezone ? { at: r.lastPurchaseAt, timezone: r.lastPurchaseTimezone } : null,
    }),
  );
  return { rows: page, nextCursor: rows.length > limit ? formatClientCursor(page[page.length - 1]) : null };
}
