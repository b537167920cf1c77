import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import type { CustomerTier, ItemStatus } from "@/db/schema";
import { can, type Viewer } from "@/lib/auth/viewer";
import { canLookUpItems, customerInScope, itemInScope } from "@/lib/clienteling/scope";

export const SEARCH_MIN_LENGTH = 3;
export const SEARCH_MAX_LENGTH = 100;

export type ClientHit = {
  id: string;
  firstName: string;
  lastName: string;
  tier: CustomerTier;
  email: string | null;
  phone: string | null;
  loyaltyId: string | null;
  homeStoreCode: string | null;
};

export type ItemHit = {
  id: string;
  serialNumber: string;
  status: ItemStatus;
  brand: string;
  productName: string;
  /** null when there is none, or when the viewer may not see who owns it */
  owner: { id: string; name: string } | null;
};

export type SearchResults = { query: string; clients: ClientHit[]; items: ItemHit[] };

/** Trimmed, spaces collapsed; too short a query finds nothing (a trigram index needs three characters). */
export function normalizeQuery(raw: string): string | null {
  const query = raw.trim().replace(/\s+/g, " ").slice(0, SEARCH_MAX_LENGTH);
  return query.length >= SEARCH_MIN_LENGTH ? query : null;
}

function likeContains(value: string): string {
  return `%${value.toLowerCase().replaceAll("\\", "\\\\").replaceAll("%", "\\%").replaceAll("_", "\\_")}%`;
}

/** A phone number typed with spaces, dashes or brackets is matched on its digits. */
function phoneDigits(query: string): string | null {
  const digits = query.replace(/[\s\-().+/]/g, "");
  return /^\d{4,}$/.test(digits) && digits !== query ? digits : null;
}

const CUSTOMER_TEXT = sql.raw(
  `vitrine_customer_search_text(customers.first_name, customers.last_name, customers.email, customers.phone_normalized, customers.loyalty_id)`,
);

/**
 * Clients by name, e-mail, phone or loyalty id: a substring (accents and case ignored) or a close
 * word match (typos), best first. Only clients the viewer's `customers.read` reaches, in the `where`.
 */
export async function searchClients({ db, viewer, query, limit = 6 }: { db: Executor; viewer: Viewer; query: string; limit?: number }): Promise<ClientHit[]> {
  if (!can(viewer, "customers.read")) return [];
  const q = sql`lower(vitrine_unaccent(${query}))`;
  const digits = phoneDigits(query);
  const matches = digits
    ? sql`(${CUSTOMER_TEXT} like lower(vitrine_unaccent(${likeContains(query)})) or ${CUSTOMER_TEXT} like ${likeContains(digits)} or ${q} <% ${CUSTOMER_TEXT})`
    : sql`(${CUSTOMER_TEXT} like lower(vitrine_unaccent(${likeContains(query)})) or ${q} <% ${CUSTOMER_TEXT})`;
  const rows = await db.execute<{
    id: string;
    first_name: string;
    last_name: string;
    tier: CustomerTier;
    email: string | null;
    phone: string | null;
    loyalty_id: string | null;
    home_store_code: string | null;
  }>(sql`
    select customers.id, customers.first_name, customers.last_name, customers.tier, customers.email, customers.phone,
           customers.loyalty_id, home.code as home_store_code
    from customers
    left join stores home on home.id = customers.home_store_id
    where customers.erased_at is null and customers.merged_into_id is null
      and ${matches}
      and ${customerInScope(viewer)}
    order by word_similarity(${q}, ${CUSTOMER_TEXT}) desc, customers.last_name, customers.first_name, customers.id
    limit ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    tier: r.tier,
    email: r.email,
    phone: r.phone,
    loyaltyId: r.loyalty_id,
    homeStoreCode: r.home_store_code,
  }));
}

/**
 * Serialized items whose serial contains the query (the last digits are enough), exact and ending
 * matches first. The owner is named only to a viewer whose `customers.read` reaches that client: a
 * buyer finds the item, never who owns it.
 */
export async function searchItems({ db, viewer, query, limit = 6 }: { db: Executor; viewer: Viewer; query: string; limit?: number }): Promise<ItemHit[]> {
  if (!canLookUpItems(viewer)) return [];
  const lowered = query.toLowerCase();
  const ownerVisible = can(viewer, "customers.read") ? customerInScope(viewer) : sql`false`;
  const rows = await db.execute<{
    id: string;
    serial_number: string;
    status: ItemStatus;
    brand: string;
    product_name: string;
    owner_id: string | null;
    owner_name: string | null;
  }>(sql`
    select i.id, i.serial_number, i.status, p.brand, p.name as product_name,
           case when ${ownerVisible} then customers.id end as owner_id,
           case when ${ownerVisible} then customers.first_name || ' ' || customers.last_name end as owner_name
    from serialized_items i
    join products p on p.id = i.product_id
    left join customers on customers.id = i.current_owner_id and customers.erased_at is null
    where lower(i.serial_number) like ${likeContains(query)}
      and ${itemInScope(viewer, { id: sql`i.id`, storeId: sql`i.current_store_id` })}
    order by lower(i.serial_number) = ${lowered} desc, right(lower(i.serial_number), ${lowered.length}) = ${lowered} desc,
             i.serial_number, i.id
    limit ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    serialNumber: r.serial_number,
    status: r.status,
    brand: r.brand,
    productName: r.product_name,
    owner: r.owner_id && r.owner_name ? { id: r.owner_id, name: r.owner_name } : null,
  }));
}

/** Search-as-you-type: clients and serials in one round of two parallel queries. */
export async function searchEverything({ db, viewer, query: raw }: { db: Executor; viewer: Viewer; query: string }): Promise<SearchResults> {
  const query = normalizeQuery(raw);
  if (!query) return { query: raw.trim(), clients: [], items: [] };
  const [clients, items] = await Promise.all([searchClients({ db, viewer, query }), searchItems({ db, viewer, query })]);
  return { query, clients, items };
}
