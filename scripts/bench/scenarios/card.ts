import postgres from "postgres";
import { sql } from "drizzle-orm";
import { loadViewer, type Viewer } from "../../../lib/auth/viewer";
import { getClientCard } from "../../../lib/clienteling/card";
import { searchEverything } from "../../../lib/search/search";
import { compared, defineScenario, type Figure } from "../harness";

const STORES = 10;
const FIRST_NAMES = ["Noël", "Zoé", "Élodie", "Søren", "Jürgen", "Ana", "Marie", "Luca", "Ingrid", "Olivier", "Chloé", "Mateo", "Anaïs", "Björn", "Inès", "Hugo", "Léa", "Pierre", "Sofia", "Yuki", "Amélie", "Ravi", "Nora", "Emil", "Clara", "Felix", "Irène", "Jonas", "Maëlle", "Oscar"];
const NAME_STARTS = ["Lind", "Berg", "Dal", "Ström", "Hof", "Mar", "Fontaine", "Beau", "Rossi", "Bianc", "Koch", "Weiß", "Sand", "Holm", "Nord", "Vald", "Castel", "Moreau", "Lefèb", "Ny"];
const NAME_ENDS = ["qvist", "mann", "gren", "berg", "ström", "chal", "ier", "vre", "lund", "hard", "elli", "ani", "oni", "ez", "ard", "ova", "sen", "dahl", "feld", "mont"];

/**
 * The clienteling card and search-as-you-type over 500,000 clients (scale 1) in 10 stores: one client
 * with 1,000 purchase lines, 50 of them serialized items (custody, service tickets), drafts and notes;
 * 300,000 other sales, 100,000 other serialized items.
 * - server time: getClientCard (what the card page waits for) and searchEverything (the route handler's work);
 * - baseline: the same statements as bare SQL on postgres.js, run the same way (in parallel), same run.
 */
export default defineScenario({
  name: "card",
  description: "clienteling card (1,000 purchase lines, 50 items) and search-as-you-type over 500k clients: p95 server time vs bare SQL",
  async run({ db, url, scale, log, timeIt, percentile }) {
    const clients = Math.round(500_000 * scale);
    const otherSales = Math.round(300_000 * scale);
    const otherItems = Math.round(100_000 * scale);
    log(`stores, users, 200 products, ${clients} clients`);
    await db.execute(sql`
      insert into stores (code, name, timezone, currency, city)
      select 'S' || lpad(g::text, 2, '0'), 'Store ' || g, 'Europe/Zurich', 'CHF', 'City ' || g from generate_series(1, ${STORES}) g`);
    await db.execute(sql`
      insert into users (email, name, role) values ('admin@bench.example', 'Admin', 'admin'), ('associate@bench.example', 'Associate', 'associate')`);
    await db.execute(sql`insert into user_stores (user_id, store_id) select u.id, s.id from users u, stores s where u.role = 'associate' and s.code = 'S01'`);
    await db.execute(sql`
      insert into products (sku, brand, name, category, price_minor, cost_minor, currency, is_serialized, warranty_months, service_interval_months)
      select 'P' || g, (array['Aurelian','Maison Velour','Nordlicht','Castellane'])[1 + g % 4], 'Model ' || g,
             (case when g % 2 = 0 then 'mechanical_watch' else 'gold_jewellery' end)::product_category,
             100000 + g * 1000, 40000 + g * 400, 'CHF', g % 2 = 0, case when g % 2 = 0 then 36 else 12 end, case when g % 2 = 0 then 12 end
        from generate_series(1, 200) g`);
    await db.execute(sql`insert into inventory_levels (store_id, product_id, on_hand) select s.id, p.id, (hashtext(s.code || p.sku)::bigint & 3) from stores s, products p`);
    const started = performance.now();
    await db.execute(sql`
      with s as (select array_agg(id order by code) ids from stores),
           f as (select ${textArray(FIRST_NAMES)}::text[] a), st as (select ${textArray(NAME_STARTS)}::text[] a), en as (select ${textArray(NAME_ENDS)}::text[] a)
      insert into customers (first_name, last_name, email, email_normalized, phone, phone_normalized, loyalty_id, currency, tier, home_store_id, lifetime_value_minor)
      select fn, ln, lower(fn) || '.' || lower(ln) || g || '@example.com', lower(fn) || '.' || lower(ln) || g || '@example.com',
             '+41 79 ' || lpad(g::text, 7, '0'), '+4179' || lpad(g::text, 7, '0'), 'LOY-' || lpad(g::text, 7, '0'), 'CHF',
             (array['client','client','client','silver','gold','platinum'])[1 + g % 6], s.ids[1 + g % ${STORES}], (g % 997) * 10000
        from generate_series(1, ${clients}) g, s, f, st, en,
             lateral (select f.a[1 + (hashint4(g)::bigint & 2147483647) % 30] as fn) x1,
             lateral (select st.a[1 + (hashint4(g + 1)::bigint & 2147483647) % 20] || en.a[1 + (hashint4(g + 2)::bigint & 2147483647) % 20] as ln) x2`);
    log(`  clients ${((performance.now() - started) / 1000).toFixed(1)} s; ${otherSales} other sales, ${otherItems} other items`);
    // the bulk of the background sales: one statement, customers picked by id order
    await db.execute(sql`
      with s as (select array_agg(id order by code) ids from stores),
           c as (select id, row_number() over () as n from customers)
      insert into sales (store_id, customer_id, provider, external_id, origin, subtotal_minor, total_minor, currency, completed_at)
      select s.ids[1 + n % ${STORES}], c.id, 'seed', 'bulk-' || n, 'seed', 250000, 250000, 'CHF', now() - (n % 1500) * interval '1 day'
        from c, s where n <= ${otherSales}`);
    await db.execute(sql`
      with p as (select array_agg(id order by sku) ids from products where not is_serialized)
      insert into sale_lines (sale_id, line_no, product_id, sku, quantity, unit_price_minor, total_minor, currency)
      select sales.id, 1, p.ids[1 + (hashtext(sales.external_id)::bigint & 2147483647) % 100], 'P', 1, 250000, 250000, 'CHF' from sales, p`);
    await db.execute(sql`
      with p as (select array_agg(id order by sku) ids from products where is_serialized), s as (select array_agg(id order by code) ids from stores)
      insert into serialized_items (product_id, serial_number, status, current_store_id, warranty_ends_on)
      select p.ids[1 + g % 100], 'SN' || lpad(g::text, 9, '0'), 'in_stock', s.ids[1 + g % ${STORES}], null from generate_series(1, ${otherItems}) g, p, s`);
    await db.execute(sql`insert into custody_events (item_id, kind, occurred_at, store_id) select id, 'received', now() - interval '400 days', current_store_id from serialized_items`);

    log("the client: 250 sales × 4 lines, 50 serialized items, tickets, drafts, notes");
    const [{ id: clientId }] = await db.execute<{ id: string }>(sql`
      insert into customers (first_name, last_name, email, email_normalized, phone, phone_normalized, loyalty_id, currency, tier, home_store_id, lifetime_value_minor, consent_email)
      select 'Noël', 'Lindqvist', 'noel.lindqvist@example.com', 'noel.lindqvist@example.com', '+41 79 555 77 12', '+41795557712', 'LOY-BENCH', 'CHF', 'platinum', id, 98700000, true
        from stores where code = 'S01' returning id`);
    await db.execute(sql`
      insert into sales (store_id, customer_id, provider, external_id, origin, subtotal_minor, total_minor, currency, completed_at)
      select (select id from stores where code = 'S01'), ${clientId}, 'seed', 'client-' || g, 'seed', 400000, 400000, 'CHF', now() - g * interval '3 days'
        from generate_series(1, 250) g`);
    await db.execute(sql`
      with p as (select array_agg(id order by sku) ids, array_agg(sku order by sku) skus from products where not is_serialized),
           q as (select array_agg(id order by sku) ids, array_agg(sku order by sku) skus from products where is_serialized),
           cs as (select id, row_number() over (order by completed_at) n from sales where customer_id = ${clientId})
      insert into sale_lines (sale_id, line_no, product_id, sku, quantity, unit_price_minor, total_minor, currency, serial_numbers)
      select cs.id, l, case when (cs.n - 1) * 4 + l <= 50 then q.ids[l] else p.ids[1 + ((cs.n * 4 + l) % 100)] end,
             case when (cs.n - 1) * 4 + l <= 50 then q.skus[l] else p.skus[1 + ((cs.n * 4 + l) % 100)] end, 1, 100000, 100000, 'CHF',
             case when (cs.n - 1) * 4 + l <= 50 then array['CLI-' || lpad(((cs.n - 1) * 4 + l)::text, 6, '0')] else '{}'::text[] end
        from cs, p, q, generate_series(1, 4) l`);
    await db.execute(sql`
      insert into serialized_items (product_id, serial_number, status, current_owner_id, current_store_id, sold_at, warranty_ends_on)
      select l.product_id, l.serial_numbers[1], 'sold', ${clientId}, s.store_id, s.completed_at, (s.completed_at + interval '36 months')::date
        from sale_lines l join sales s on s.id = l.sale_id where s.customer_id = ${clientId} and cardinality(l.serial_numbers) = 1`);
    await db.execute(sql`
      insert into custody_events (item_id, kind, occurred_at, store_id, customer_id, sale_id)
      select i.id, 'sold', s.completed_at, s.store_id, ${clientId}, s.id
        from serialized_items i join sale_lines l on l.serial_numbers[1] = i.serial_number join sales s on s.id = l.sale_id
       where i.current_owner_id = ${clientId}`);
    await db.execute(sql`
      insert into service_tickets (store_id, customer_id, item_id, product_id, kind, status, currency, opened_at, closed_at)
      select current_store_id, ${clientId}, id, product_id, 'regulation', case when row_number() over () % 5 = 0 then 'open' else 'closed' end::ticket_status, 'CHF',
             now() - interval '100 days', case when row_number() over () % 5 = 0 then null else now() - interval '90 days' end
        from serialized_items where current_owner_id = ${clientId}`);
    await db.execute(sql`
      insert into drafts (kind, status, store_id, customer_id, dedupe_key, output, created_at)
      select (array['client_message','service_ticket','clienteling_note'])[1 + g % 3]::draft_kind,
             (case when g % 3 = 2 then 'approved' else 'pending' end)::draft_status, (select id from stores where code = 'S01'), ${clientId}, 'card-bench:' || g,
             jsonb_build_object('note', 'Talking point ' || g, 'nextBestActions',
               jsonb_build_array(jsonb_build_object('brand', 'Aurelian', 'name', 'Model 4', 'reason', 'r'), jsonb_build_object('brand', 'Nordlicht', 'name', 'Model 6', 'reason', 'r'))),
             now() - g * interval '2 days'
        from generate_series(1, 30) g`);
    await db.execute(sql`
      insert into customer_notes (customer_id, store_id, body, created_at)
      select ${clientId}, (select id from stores where code = 'S01'), 'Note ' || g, now() - g * interval '5 days' from generate_series(1, 40) g`);
    log(`  analyze`);
    await db.execute(sql`analyze`);

    const [adminRow] = await db.execute<{ id: string }>(sql`select id from users where role = 'admin'`);
    const [associateRow] = await db.execute<{ id: string }>(sql`select id from users where role = 'associate'`);
    const admin = (await loadViewer(db, adminRow.id)) as Viewer;
    const associate = (await loadViewer(db, associateRow.id)) as Viewer;

    const bare = postgres(url, { max: 10, onnotice: () => undefined });
    const figures: Figure[] = [];
    const iterations = 60;
    try {
      for (const [who, viewer] of [["associate", associate], ["admin", admin]] as const) {
        log(`${who}: card`);
        const stores = viewer.role === "admin" ? null : viewer.storeIds;
        const cardTimes = await timeIt(() => getClientCard({ db, viewer, customerId: clientId }), { iterations, warmup: 5 });
        const bareTimes = await timeIt(() => bareCard(bare, clientId, stores), { iterations, warmup: 5 });
        figures.push(compared(`${who}, card (1,000 lines, 50 items): server time p95 (vs bare SQL)`, percentile(cardTimes, 95), percentile(bareTimes, 95), "ms"));

        // as you type: every prefix from three characters on, of a typo'd name, an accent-less name, an e-mail and a serial's last digits
        const typed = ["lindqvst", "noel lind", "noel.lindqvist@", "000481", "5557712"].flatMap((word) =>
          Array.from({ length: word.length - 2 }, (_, i) => word.slice(0, i + 3)),
        );
        log(`${who}: search as you type (${typed.length} keystrokes)`);
        let at = 0;
        const searchTimes = await timeIt(() => searchEverything({ db, viewer, query: typed[at++ % typed.length] }), { iterations: typed.length * 3, warmup: 5 });
        at = 0;
        const bareSearchTimes = await timeIt(() => bareSearch(bare, typed[at++ % typed.length], stores), { iterations: typed.length * 3, warmup: 5 });
        const slowest = searchTimes
          .map((ms, i) => ({ ms, query: typed[(i + 5) % typed.length] }))
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 4);
        log(`  slowest keystrokes: ${slowest.map((s) => `"${s.query}" ${s.ms.toFixed(1)} ms`).join(", ")}`);
        figures.push(compared(`${who}, search as you type: server time p95 (vs bare SQL)`, percentile(searchTimes, 95), percentile(bareSearchTimes, 95), "ms"));
        figures.push({ name: `${who}, search as you type: server time p50`, value: percentile(searchTimes, 50), unit: "ms" });
      }
    } finally {
      await bare.end({ timeout: 5 });
    }
    return figures;
  },
});

type Bare = postgres.Sql;

/** One text[] parameter (drizzle would expand a JS array into a row). */
function textArray(values: string[]): string {
  return `{${values.map((v) => `"${v}"`).join(",")}}`;
}

/** The card's statements as bare SQL, in parallel, as getClientCard runs them. */
async function bareCard(bare: Bare, id: string, stores: string[] | null) {
  const scope = stores
    ? bare`and (c.home_store_id = any(${stores}::uuid[]) or exists (select 1 from sales s where s.customer_id = c.id and s.store_id = any(${stores}::uuid[])))`
    : bare``;
  const [client] = await bare`
    select c.*, h.code, h.name, a.name as associate from customers c left join stores h on h.id = c.home_store_id
    left join users a on a.id = c.preferred_associate_id where c.id = ${id} and c.erased_at is null ${scope}`;
  if (!client) throw new Error("bench client not found");
  return Promise.all([
    bare`select i.*, p.brand, p.name, sold.occurred_at, st.code, services.list from serialized_items i join products p on p.id = i.product_id
         left join lateral (select e.occurred_at, e.sale_id, e.store_id from custody_events e where e.item_id = i.id and e.kind in ('sold','resold') order by e.occurred_at desc limit 1) sold on true
         left join stores st on st.id = coalesce(sold.store_id, i.current_store_id)
         left join lateral (select json_agg(json_build_object('id', t.id, 'kind', t.kind, 'status', t.status) order by t.opened_at desc) list from service_tickets t where t.item_id = i.id) services on true
         where i.current_owner_id = ${id}`,
    bare`select s.id, l.line_no, s.completed_at, st.code, p.brand, p.name, l.sku, l.quantity, l.total_minor from sales s join sale_lines l on l.sale_id = s.id
         join stores st on st.id = s.store_id left join products p on p.id = l.product_id
         where s.customer_id = ${id} and s.status = 'completed' and cardinality(l.serial_numbers) = 0 order by s.completed_at desc, s.id, l.line_no limit 50`,
    bare`select count(*) from sales s join sale_lines l on l.sale_id = s.id where s.customer_id = ${id} and s.status = 'completed' and cardinality(l.serial_numbers) = 0`,
    bare`select t.* from service_tickets t where t.customer_id = ${id} and t.status not in ('closed', 'cancelled')`,
    bare`select d.id, d.kind, d.status from drafts d where d.customer_id = ${id} ${stores ? bare`and d.store_id = any(${stores}::uuid[])` : bare``}
         and (d.status = 'pending' or d.created_at > now() - interval '30 days') order by d.status = 'pending' desc, d.created_at desc limit 20`,
    bare`select n.* from customer_notes n where n.customer_id = ${id} order by n.created_at desc limit 30`,
    bare`select d.id, s.value, stock.available from (select id, coalesce(edited_output, output) o from drafts where customer_id = ${id} and kind = 'clienteling_note'
           and status in ('approved','executed','held') order by created_at desc limit 5) d
         left join lateral jsonb_array_elements(d.o->'nextBestActions') s(value) on true
         left join lateral (select sum(il.on_hand - il.reserved) available from products p join inventory_levels il on il.product_id = p.id
           ${stores ? bare`and il.store_id = any(${stores}::uuid[])` : bare``} where lower(p.brand) = lower(s.value->>'brand') and lower(p.name) = lower(s.value->>'name')) stock on true`,
  ]);
}

/** The search's statements as bare SQL, run as searchEverything runs them (name words first, then three in parallel). */
async function bareSearch(bare: Bare, query: string, stores: string[] | null) {
  return Promise.all([bare.begin((tx) => bareClients(tx, query, stores)), bare.begin((tx) => bareItems(tx, query, stores))]);
}

async function bareClients(bare: postgres.TransactionSql, query: string, stores: string[] | null) {
  await bare`set local enable_seqscan = off`;
  const like = `%${query.toLowerCase()}%`;
  const scope = stores
    ? bare`and (c.home_store_id = any(${stores}::uuid[]) or exists (select 1 from sales s where s.customer_id = c.id and s.store_id = any(${stores}::uuid[])))`
    : bare``;
  const words = await bare<{ words: string[] | null }[]>`
    with tokens as (select t.word, t.n, t.n = count(*) over () as is_last from unnest(vitrine_name_words(${query}, null)) with ordinality t(word, n))
    select coalesce(exact.words, fuzzy.words) as words from tokens
    left join lateral (select array_agg(w.word) words from (select v.word from customer_search_words v
      where v.word = tokens.word or (tokens.is_last and v.word like tokens.word || '%') order by v.word = tokens.word desc, length(v.word), v.word limit 40) w) exact on true
    left join lateral (select array_agg(w.word) words from (select v.word from customer_search_words v
      where length(tokens.word) >= 4 and tokens.word % v.word order by similarity(tokens.word, v.word) desc, v.word limit 5) w) fuzzy on exact.words is null
    order by tokens.n`;
  const byName =
    words.length > 0 && words.every((w) => w.words?.length)
      ? bare`with m as materialized (select c.id from customers c where c.erased_at is null and c.merged_into_id is null
               ${words.map((w) => bare`and vitrine_name_words(c.first_name, c.last_name) && ${w.words!}::text[]`)})
             select c.id, c.first_name, c.last_name, h.code from m join customers c on c.id = m.id left join stores h on h.id = c.home_store_id
             where true ${scope} limit 6`
      : Promise.resolve([]);
  return Promise.all([
    byName,
    bare`with m as materialized (select c.id from customers c where c.erased_at is null and c.merged_into_id is null
           and (c.email_normalized like ${like} or c.phone_normalized like ${like} or lower(c.loyalty_id) like ${like}))
         select c.id, c.first_name, c.last_name, h.code from m join customers c on c.id = m.id left join stores h on h.id = c.home_store_id
         where true ${scope} limit 6`,
  ]);
}

async function bareItems(bare: postgres.TransactionSql, query: string, stores: string[] | null) {
  const like = `%${query.toLowerCase()}%`;
  await bare`set local enable_seqscan = off`;
  return bare`with m as materialized (select i.id from serialized_items i where lower(i.serial_number) like ${like})
         select i.id, i.serial_number, p.brand, p.name from m join serialized_items i on i.id = m.id join products p on p.id = i.product_id
         where true
           ${stores ? bare`and (i.current_store_id = any(${stores}::uuid[]) or exists (select 1 from custody_events e where e.item_id = i.id and e.store_id = any(${stores}::uuid[])))` : bare``}
         limit 48`;
}
