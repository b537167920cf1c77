import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database } from "@/db/client";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, seedDemo, type SeedSummary } from "@/db/seed";
import { verifyPassword } from "@/lib/auth/password";
import { createTestDb, type TestDb } from "../fixtures/db";

const NOW = new Date("2026-03-15T12:00:00Z");
const SEED = 42;
const SEEDING_TIMEOUT_MS = 240_000;

/** Every table the seed writes, with the columns that must come out identical for one seed. */
const DETERMINISTIC_TABLES: Record<string, string> = {
  stores: "t::text",
  users: "row(t.id, t.email, t.name, t.role, t.is_active, t.created_at)::text", // Argon2 salts are random
  user_stores: "t::text",
  products: "t::text",
  customers: "t::text",
  customer_notes: "t::text",
  sales: "t::text",
  sale_lines: "t::text",
  serialized_items: "t::text",
  custody_events: "t::text",
  returns: "t::text",
  service_tickets: "t::text",
  inventory_levels: "t::text",
};

let first: TestDb;
let second: TestDb;
let summary: SeedSummary;

async function rows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  return (await db.execute<T>(query)) as unknown as T[];
}

async function one<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T> {
  const [row] = await rows<T>(db, query);
  return row;
}

async function tableDigests(db: Database): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const [table, expression] of Object.entries(DETERMINISTIC_TABLES)) {
    const row = await one<{ digest: string; count: number }>(
      db,
      sql.raw(`select md5(coalesce(string_agg(${expression}, E'\\n' order by ${expression}), '')) as digest, count(*)::int as count from ${table} t`),
    );
    digests[table] = `${row.count}:${row.digest}`;
  }
  return digests;
}

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDb({ asAppDatabase: false }), createTestDb({ asAppDatabase: false })]);
  summary = await seedDemo(first.db, { seed: SEED, scale: 1, now: NOW });
  await seedDemo(second.db, { seed: SEED, scale: 1, now: NOW });
}, SEEDING_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
});

describe("seedDemo at scale 1", () => {
  it("creates stores in distinct time zones and currencies, some live for more than 90 days and one recent", async () => {
    const stores = await rows<{ code: string; timezone: string; currency: string; go_live_date: string; rollout_phase: number }>(
      first.db,
      sql`select code, timezone, currency, go_live_date::text, rollout_phase from stores order by code`,
    );
    expect(stores.map((s) => s.code)).toEqual(["DXB", "GVA", "LDN", "NYC"]);
    expect(new Set(stores.map((s) => s.timezone)).size).toBe(4);
    expect(new Set(stores.map((s) => s.currency))).toEqual(new Set(["CHF", "GBP", "USD", "AED"]));
    expect(new Set(stores.map((s) => s.rollout_phase))).toEqual(new Set([1, 2, 3]));
    const daysLive = stores.map((s) => (NOW.getTime() - Date.parse(s.go_live_date)) / 86_400_000);
    expect(daysLive.filter((days) => days > 90).length).toBeGreaterThanOrEqual(2);
    expect(daysLive.filter((days) => days < 90)).toHaveLength(1);
  });

  it("creates every demo account with its role, stores and the demo password", async () => {
    for (const account of DEMO_ACCOUNTS) {
      const user = await one<{ role: string; password_hash: string; store_codes: string[] }>(
        first.db,
        sql`select u.role, u.password_hash, array_agg(s.code order by s.code) as store_codes
            from users u join user_stores us on us.user_id = u.id join stores s on s.id = us.store_id
            where u.email = ${account.email} group by u.id`,
      );
      expect(user, account.email).toBeDefined();
      expect(user.role).toBe(account.role);
      expect(user.store_codes).toEqual(account.storeCodes === "all" ? ["DXB", "GVA", "LDN", "NYC"] : [...account.storeCodes].sort());
    }
    const admin = await one<{ password_hash: string }>(first.db, sql`select password_hash from users where email = ${DEMO_ACCOUNTS[0].email}`);
    expect(await verifyPassword(admin.password_hash, DEMO_PASSWORD)).toBe(true);
  });

  it("staffs every store with a manager and at least two associates", async () => {
    const staffing = await rows<{ code: string; managers: number; associates: number }>(
      first.db,
      sql`select s.code, count(*) filter (where u.role = 'manager')::int as managers, count(*) filter (where u.role = 'associate')::int as associates
          from stores s join user_stores us on us.store_id = s.id join users u on u.id = us.user_id group by s.code`,
    );
    expect(staffing).toHaveLength(4);
    for (const store of staffing) {
      expect(store.managers, store.code).toBeGreaterThanOrEqual(1);
      expect(store.associates, store.code).toBeGreaterThanOrEqual(2);
    }
  });

  it("creates at least 2,000 clients with normalized contact data, consents and tiers", async () => {
    const clients = await one<{ total: number; bad_emails: number; bad_phones: number; do_not_contact: number; email_consent: number; tiers: number; with_associate: number }>(
      first.db,
      sql`select count(*)::int as total,
                 count(*) filter (where email is not null and email_normalized <> lower(trim(email)))::int as bad_emails,
                 count(*) filter (where phone is not null and phone_normalized !~ '^[+][1-9][0-9]{7,14}$')::int as bad_phones,
                 count(*) filter (where do_not_contact)::int as do_not_contact,
                 count(*) filter (where consent_email)::int as email_consent,
                 count(distinct tier)::int as tiers,
                 count(preferred_associate_id)::int as with_associate
          from customers`,
    );
    expect(clients.total).toBeGreaterThanOrEqual(2_000);
    expect(clients.bad_emails).toBe(0);
    expect(clients.bad_phones).toBe(0);
    expect(clients.do_not_contact).toBeGreaterThan(0);
    expect(clients.email_consent).toBeGreaterThan(0);
    expect(clients.email_consent).toBeLessThan(clients.total);
    expect(clients.tiers).toBe(4);
    expect(clients.with_associate).toBeGreaterThan(clients.total / 2);
    const accented = await one<{ count: number }>(first.db, sql`select count(*)::int as count from customers where first_name || last_name ~ '[À-ž]'`);
    expect(accented.count).toBeGreaterThan(0);
  });

  it("gives the top fifth of clients most of the revenue", async () => {
    const { share } = await one<{ share: number }>(
      first.db,
      sql`with ranked as (
            select lifetime_value_minor * case currency when 'CHF' then 1 / 0.94 when 'GBP' then 1 / 0.85 when 'USD' then 1 / 1.08 when 'AED' then 1 / 3.97 else 1 end as eur,
                   ntile(5) over (order by lifetime_value_minor * case currency when 'CHF' then 1 / 0.94 when 'GBP' then 1 / 0.85 when 'USD' then 1 / 1.08 when 'AED' then 1 / 3.97 else 1 end desc) as fifth
            from customers where lifetime_value_minor > 0)
          select (sum(eur) filter (where fifth = 1) / sum(eur))::float8 as share from ranked`,
    );
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.8);
  });

  it("creates at least 300 products in every category with 40–55 % margins", async () => {
    const categories = await rows<{ category: string; count: number; worst_margin: number; best_margin: number }>(
      first.db,
      sql`select category, count(*)::int as count, min(1 - cost_minor::float8 / price_minor)::float8 as worst_margin, max(1 - cost_minor::float8 / price_minor)::float8 as best_margin
          from products group by category`,
    );
    expect(categories.map((c) => c.category).sort()).toEqual(
      ["electronics", "fine_jewellery", "gold_jewellery", "mechanical_watch", "pearls", "quartz_watch", "smart_watch"],
    );
    expect(categories.reduce((sum, c) => sum + c.count, 0)).toBeGreaterThanOrEqual(300);
    for (const category of categories) {
      expect(category.worst_margin, category.category).toBeGreaterThanOrEqual(0.39);
      expect(category.best_margin, category.category).toBeLessThanOrEqual(0.56);
    }
  });

  it("creates at least 20,000 sale lines over the last two years, in each store's currency, with consistent totals", async () => {
    const lines = await one<{ count: number }>(
      first.db,
      sql`select count(*)::int as count from sale_lines l join sales s on s.id = l.sale_id
          where s.completed_at > ${NOW.toISOString()}::timestamptz - interval '2 years' and s.completed_at <= ${NOW.toISOString()}::timestamptz`,
    );
    expect(lines.count).toBeGreaterThanOrEqual(20_000);
    const checks = await one<{ sales: number; with_client: number; wrong_currency: number; wrong_total: number; not_seed: number }>(
      first.db,
      sql`with line_sums as (select sale_id, sum(total_minor) as lines_total from sale_lines group by sale_id)
          select count(*)::int as sales,
                 count(s.customer_id)::int as with_client,
                 count(*) filter (where s.currency <> st.currency)::int as wrong_currency,
                 count(*) filter (where s.subtotal_minor - s.discount_minor <> ls.lines_total
                                   or s.total_minor <> ls.lines_total + case when st.code = 'NYC' then s.tax_minor else 0 end)::int as wrong_total,
                 count(*) filter (where s.provider <> 'seed' or s.origin <> 'seed')::int as not_seed
          from sales s join stores st on st.id = s.store_id join line_sums ls on ls.sale_id = s.id`,
    );
    expect(checks.wrong_currency).toBe(0);
    expect(checks.wrong_total).toBe(0);
    expect(checks.not_seed).toBe(0);
    expect(checks.with_client / checks.sales).toBeGreaterThan(0.8);
  });

  it("peaks in December", async () => {
    const months = await rows<{ month: number; sales: number }>(
      first.db,
      sql`select extract(month from completed_at)::int as month, count(*)::int as sales from sales
          where completed_at >= '2025-01-01' and completed_at < '2026-01-01' group by 1 order by 2 desc`,
    );
    expect(months[0].month).toBe(12);
  });

  it("gives every serialized item a chain of custody that matches its status", async () => {
    const items = await one<{ total: number; without_events: number; sold_without_sale: number; sold_without_owner_warranty: number; in_stock: number; in_service: number }>(
      first.db,
      sql`select count(*)::int as total,
                 count(*) filter (where not exists (select 1 from custody_events e where e.item_id = i.id))::int as without_events,
                 count(*) filter (where i.status = 'sold' and not exists (
                   select 1 from custody_events e where e.item_id = i.id and e.kind in ('sold', 'resold') and e.sale_id is not null))::int as sold_without_sale,
                 count(*) filter (where i.status = 'sold' and (i.warranty_ends_on is null or i.sold_at is null))::int as sold_without_owner_warranty,
                 count(*) filter (where i.status = 'in_stock')::int as in_stock,
                 count(*) filter (where i.status = 'in_service')::int as in_service
          from serialized_items i`,
    );
    expect(items.total).toBeGreaterThan(0);
    expect(items.without_events).toBe(0);
    expect(items.sold_without_sale).toBe(0);
    expect(items.sold_without_owner_warranty).toBe(0);
    expect(items.in_stock).toBeGreaterThan(0);
    expect(items.in_service).toBeGreaterThan(0);

    const returned = await one<{ returns: number; serial_returns: number; unlinked: number }>(
      first.db,
      sql`select count(*)::int as returns,
                 count(r.serial_number)::int as serial_returns,
                 count(*) filter (where r.serial_number is not null and not exists (
                   select 1 from custody_events e where e.return_id = r.id and e.kind = 'returned'))::int as unlinked
          from returns r`,
    );
    expect(returned.returns).toBeGreaterThan(0);
    expect(returned.serial_returns).toBeGreaterThan(0);
    expect(returned.unlinked).toBe(0);

    const tickets = await one<{ total: number; statuses: number; active_items_not_in_service: number }>(
      first.db,
      sql`select count(*)::int as total, count(distinct t.status)::int as statuses,
                 count(*) filter (where t.status in ('open', 'in_progress', 'waiting_parts', 'ready') and i.status <> 'in_service')::int as active_items_not_in_service
          from service_tickets t left join serialized_items i on i.id = t.item_id`,
    );
    expect(tickets.total).toBeGreaterThanOrEqual(200);
    expect(tickets.statuses).toBeGreaterThanOrEqual(4);
    expect(tickets.active_items_not_in_service).toBe(0);
  });

  it("stocks every store × product with realistic lead times", async () => {
    const stock = await one<{ rows: number; expected: number; bad_lead_time: number }>(
      first.db,
      sql`select count(*)::int as rows,
                 ((select count(*) from stores) * (select count(*) from products))::int as expected,
                 count(*) filter (where (p.category = 'mechanical_watch' and l.lead_time_days not between 60 and 120)
                                     or (p.category = 'fine_jewellery' and l.lead_time_days not between 21 and 45)
                                     or (p.category = 'electronics' and l.lead_time_days not between 7 and 14))::int as bad_lead_time
          from inventory_levels l join products p on p.id = l.product_id`,
    );
    expect(stock.rows).toBe(stock.expected);
    expect(stock.bad_lead_time).toBe(0);
  });

  it("gives every row an RFC 9562 version-4 UUID, as the app's input schemas expect", async () => {
    const uuid = z.string().uuid();
    for (const table of ["stores", "users", "customers", "products", "sales", "serialized_items"]) {
      const ids = await rows<{ id: string }>(first.db, sql.raw(`select id::text as id from ${table} order by id limit 200`));
      expect(ids.length, table).toBeGreaterThan(0);
      for (const { id } of ids) expect(uuid.safeParse(id).success, `${table} ${id}`).toBe(true);
    }
  });

  it("writes no audit rows and reports what it loaded", async () => {
    const audit = await one<{ count: number }>(first.db, sql`select count(*)::int as count from audit_log`);
    expect(audit.count).toBe(0);
    const saleLines = summary.tables.find((load) => load.table === "sale_lines");
    expect(saleLines?.rows).toBeGreaterThanOrEqual(20_000);
    expect(summary.totalRows).toBe(summary.tables.reduce((sum, load) => sum + load.rows, 0));
  });

  it("refuses to seed a database that already has stores", async () => {
    expect(await isSeeded(first.db)).toBe(true);
    await expect(seedDemo(first.db, { seed: SEED, now: NOW })).rejects.toThrow(/already has stores/);
  });

  it("writes identical rows for the same seed and `now`", async () => {
    const [a, b] = await Promise.all([tableDigests(first.db), tableDigests(second.db)]);
    expect(b).toEqual(a);
  }, 60_000);
});

describe("seedDemo with another seed", () => {
  let other: TestDb;
  beforeAll(async () => {
    other = await createTestDb({ asAppDatabase: false });
  });
  afterAll(() => other?.close());

  it("writes different rows", async () => {
    await seedDemo(other.db, { seed: SEED + 1, scale: 0.05, now: NOW });
    const storeIds = (db: Database) => rows<{ id: string }>(db, sql`select id from stores order by code`).then((r) => r.map((row) => row.id));
    const [theirs, ours] = await Promise.all([storeIds(other.db), storeIds(first.db)]);
    expect(theirs).toHaveLength(4);
    expect(theirs.filter((id) => ours.includes(id))).toEqual([]);
  }, 60_000);
});
