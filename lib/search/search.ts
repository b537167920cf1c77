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

type ClientRow = {
  id: string;
  first_name: string;
  last_name: string;
  tier: CustomerTier;
  email: string | null;
  phone: string | null;
  loyalty_id: string | null;
  home_store_code: string | null;
};

const CLIENT_COLUMNS = sql.raw(`customers.id, customers.first_name, customers.last_name, customers.tier, customers.email,
  customers.phone, customers.loyalty_id, home.code as home_store_code`);
const LIVE = sql.raw(`customers.erased_at is null and customers.merged_into_id is null`);
const NAME_WORDS = sql.raw(`vitrine_name_words(customers.first_name, customers.last_name)`);

/**
 * The name words a query can mean, per word of the query (unaccented, lower-cased like the index):
 * the word itself, longer words it begins (for the word being typed, the last one), or else, with four
 * letters or more, the closest words by trigram similarity (a typo).
 */
async function candidateWords(db: Executor, query: string): Promise<string[][]> {
  const rows = await db.execute<{ n: number; words: string[] | null }>(sql`
    with tokens as (
      select t.word, t.n::int as n, t.n = count(*) over () as is_last
      from unnest(vitrine_name_words(${query}, null)) with ordinality t(word, n)
    )
    select tokens.n, coalesce(exact.words, fuzzy.words) as words
    from tokens
    left join lateral (
      select array_agg(w.word) as words from (
        select v.word from customer_search_words v
        where v.word = tokens.word or (tokens.is_last and v.word like tokens.word || '%')
        order by v.word = tokens.word desc, length(v.word), v.word
        limit 40) w
    ) exact on true
    left join lateral (
      select array_agg(w.word) as words from (
        select v.word from customer_search_words v
        where length(tokens.word) >= 4 and tokens.word % v.word
        order by similarity(tokens.word, v.word) desc, v.word
        limit 5) w
    ) fuzzy on exact.words is null
    order by tokens.n`);
  return rows.map((r) => r.words ?? []);
}

async function clientsByName(db: Executor, viewer: Viewer, query: string, limit: number): Promise<ClientRow[]> {
  const perWord = await candidateWords(db, query);
  if (perWord.length === 0 || perWord.some((words) => words.length === 0)) return [];
  // name words are letters and digits only (split on anything else), so the array literal needs no escaping
  const overlaps = perWord.map((words) => sql`${NAME_WORDS} && ${`{${words.join(",")}}`}::text[]`);
  return db.execute<ClientRow>(sql`
    with matches as materialized (
      select customers.id from customers
      where ${LIVE} and ${sql.join(overlaps, sql` and `)})
    select ${CLIENT_COLUMNS}
    from matches m
    join customers on customers.id = m.id
    left join stores home on home.id = customers.home_store_id
    where ${customerInScope(viewer)}
    limit ${limit}`);
}

async function clientsByContact(db: Executor, viewer: Viewer, query: string, limit: number): Promise<ClientRow[]> {
  const pattern = likeContains(query);
  const digits = phoneDigits(query);
  return db.execute<ClientRow>(sql`
    with matches as materialized (
      select customers.id from customers
      where ${LIVE}
        and (customers.email_normalized like ${pattern} or customers.phone_normalized like ${digits ? likeContains(digits) : pattern}
             or lower(customers.loyalty_id) like ${pattern}))
    select ${CLIENT_COLUMNS}
    from matches m
    join customers on customers.id = m.id
    left join stores home on home.id = customers.home_store_id
    where ${customerInScope(viewer)}
    limit ${limit}`);
}

/**
 * Clients by name (accents and case ignored, the last word as a prefix, typos forgiven), e-mail, phone
 * or loyalty id (any part). Only clients the viewer's `customers.read` reaches, in the `where`. Each
 * path stops at a few rows instead of ranking every match, so a three-letter prefix costs what a full
 * name does; name matches come first.
 */
export async function searchClients({ db, viewer, query, limit = 6 }: { db: Executor; viewer: Viewer; query: string; limit?: number }): Promise<ClientHit[]> {
  if (!can(viewer, "customers.read")) return [];
  const [byName, byContact] = await Promise.all([clientsByName(db, viewer, query, limit), clientsByContact(db, viewer, query, limit)]);
  const seen = new Set<string>();
  const rows = [...byName.sort(byLastName), ...byContact.sort(byLastName)].filter((r) => !seen.has(r.id) && seen.add(r.id));
  return rows.slice(0, limit).map((r) => ({
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

function byLastName(a: ClientRow, b: ClientRow): number {
  return a.last_name.localeCompare(b.last_name) || a.first_name.localeCompare(b.first_name) || a.id.localeCompare(b.id);
}

/**
 * Serialized items whose serial contains the query (the last digits are enough), exact and ending
 * matches first among a bounded set (a short query stops early instead of ranking every serial). The owner is named only to a viewer whose `customers.read` reaches that client: a
 * buyer finds the item, never who owns it. That check runs on the bounded set, after its LIMIT: in
 * the same select, the planner expects every match and hashes the store's whole sales table for it
 * (some 70 ms for "000" among 100,000 serials).
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
    with matches as materialized (
      select i.id from serialized_items i
      where lower(i.serial_number) like ${likeContains(query)}),
    found as (
      select i.id, i.serial_number, i.status, i.product_id, i.current_owner_id
      from matches m
      join serialized_items i on i.id = m.id
      where ${itemInScope(viewer, { id: sql`i.id`, storeId: sql`i.current_store_id` })}
      limit ${limit * 8})
    select f.id, f.serial_number, f.status, p.brand, p.name as product_name,
           case when owner.visible then customers.id end as owner_id,
           case when owner.visible then customers.first_name || ' ' || customers.last_name end as owner_name
    from found f
    join products p on p.id = f.product_id
    left join customers on customers.id = f.current_owner_id and customers.erased_at is null
    cross join lateral (select ${ownerVisible} as visible) owner`);
  const rank = (serial: string) => (serial.toLowerCase() === lowered ? 0 : serial.toLowerCase().endsWith(lowered) ? 1 : 2);
  rows.sort((a, b) => rank(a.serial_number) - rank(b.serial_number) || a.serial_number.localeCompare(b.serial_number));
  return rows.slice(0, limit).map((r) => ({
    id: r.id,
    serialNumber: r.serial_number,
    status: r.status,
    brand: r.brand,
    productName: r.product_name,
    owner: r.owner_id && r.owner_name ? { id: r.owner_id, name: r.owner_name } : null,
  }));
}

/**
 * Runs the search statements with sequential scans disabled. Postgres estimates `like '%…%'` to match a
 * large share of a table, so under a small LIMIT it prefers a scan that "stops early" — and reads every
 * row when the text is rare (1.3 s over 500,000 clients). The matches are also planned apart from their
 * LIMIT (a MATERIALIZED CTE, read lazily: only as many rows as the LIMIT takes), so the trigram and word
 * indexes are always the path, and a common prefix still stops after a few rows.
 */
async function withIndexScans<T>(db: Executor, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    return fn(tx);
  });
}

/** Search-as-you-type: clients and serials in one round of two parallel queries. */
export async function searchEverything({ db, viewer, query: raw }: { db: Executor; viewer: Viewer; query: string }): Promise<SearchResults> {
  const query = normalizeQuery(raw);
  if (!query) return { query: raw.trim(), clients: [], items: [] };
  const [clients, items] = await Promise.all([
    withIndexScans(db, (tx) => searchClients({ db: tx, viewer, query })),
    withIndexScans(db, (tx) => searchItems({ db: tx, viewer, query })),
  ]);
  return { query, clients, items };
}
