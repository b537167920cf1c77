import postgres from "postgres";
import { sql } from "drizzle-orm";
import { loadViewer, type Viewer } from "../../../lib/auth/viewer";
import { listQueue, parseQueueParams, queueCounts, type QueueParams } from "../../../lib/review/queue";
import { compared, defineScenario, type Figure } from "../harness";

const STORES = 40;
const DEEP = 20_000;
const PAGE = 50;

/**
 * The review queue at 1,000,000 drafts over 40 stores (scale 1): the first page, a page 20,000
 * rows deep (keyset) and a filtered page, for an admin (every store) and a manager (2 stores).
 * - database time: the page query alone (listQueue: one statement through drizzle);
 * - server time: what the page's server component waits for (the page query and the tab counts);
 * - baseline: the same page query as bare SQL on postgres.js in the same run, and OFFSET for depth.
 */
export default defineScenario({
  name: "queue",
  description: "review queue over 1M drafts / 40 stores: first, 20,000-deep and filtered page, p95 db and server time vs bare SQL",
  async run({ db, url, scale, log, timeIt, percentile }) {
    const total = Math.round(1_000_000 * scale);
    log(`creating 40 stores, users and ${Math.round(total / 20)} clients`);
    await db.execute(sql`
      insert into stores (code, name, timezone, currency, city)
      select 'S' || lpad(g::text, 2, '0'), 'Store ' || g, 'Europe/Zurich', 'CHF', 'City ' || g from generate_series(1, ${STORES}) g`);
    await db.execute(sql`
      insert into users (email, name, role) values ('admin@bench.example', 'Admin', 'admin'), ('manager@bench.example', 'Manager', 'manager')`);
    await db.execute(sql`
      insert into user_stores (user_id, store_id)
      select u.id, s.id from users u, stores s where u.role = 'manager' and s.code in ('S07', 'S21')`);
    await db.execute(sql`
      insert into customers (first_name, last_name, currency, tier, home_store_id)
      select 'First' || g, 'Last' || g, 'CHF', (array['client','client','client','silver','gold','platinum'])[1 + g % 6], null
        from generate_series(1, ${Math.round(total / 20)}) g`);

    log(`inserting ${total} drafts (one statement; the counters' statement trigger folds them)`);
    const started = performance.now();
    await db.execute(sql`
      with s as (select array_agg(id order by code) ids from stores),
           c as (select array_agg(id) ids from customers)
      insert into drafts (kind, status, store_id, customer_id, dedupe_key, output, rationale, priority, created_at, model_id, prompt_id, prompt_version)
      select (array['client_message','service_ticket','clienteling_note','purchase_recommendation'])[1 + g % 4]::draft_kind,
             (case when g % 10 < 3 then 'pending' when g % 10 < 7 then 'approved' when g % 10 < 9 then 'rejected' else 'expired' end)::draft_status,
             s.ids[1 + (hashint4(g)::bigint & 2147483647) % ${STORES}],
             case when g % 4 = 3 then null else c.ids[1 + (hashint4(g + 7)::bigint & 2147483647) % array_length(c.ids, 1)] end,
             'bench:' || g,
             jsonb_build_object('subject', 'Caring for your piece ' || g, 'body', repeat('Care text. ', 30), 'channel', 'email'),
             'Bench rationale',
             ((g * 31) % 101)::smallint,
             now() - ((g % 259200) || ' minutes')::interval - ((g % 1000) || ' milliseconds')::interval,
             'vitrine-offline-drafter@1', 'bench', '2026-11-27.1'
        from generate_series(1, ${total}) g, s, c`);
    log(`  ${((performance.now() - started) / 1000).toFixed(1)} s; analyze`);
    await db.execute(sql`analyze`);

    const [adminRow] = await db.execute<{ id: string }>(sql`select id from users where role = 'admin'`);
    const [managerRow] = await db.execute<{ id: string }>(sql`select id from users where role = 'manager'`);
    const admin = (await loadViewer(db, adminRow.id)) as Viewer;
    const manager = (await loadViewer(db, managerRow.id)) as Viewer;

    const bare = postgres(url, { max: 2, onnotice: () => undefined });
    const figures: Figure[] = [];
    try {
      const iterations = 60;
      for (const [who, viewer] of [["admin", admin], ["manager", manager]] as const) {
        const storeIds = viewer.role === "admin" ? null : viewer.storeIds;
        const bareFirst = (cursor: { p: number; c: string; i: string } | null, extra?: { tier?: string; priority?: [number, number] }) =>
          bare`
            select d.id, d.kind, d.status, d.version, d.priority, d.created_at, d.created_at::text as created_key, d.expires_at,
                   coalesce(d.edited_output, d.output) as output, st.code, st.name, st.currency,
                   c.first_name, c.last_name, c.erased_at, c.tier, d.value_minor, d.flags, d.blocked_reason, d.claimed_by_id, d.claimed_until, u.name as claimer
              from drafts d
              join stores st on st.id = d.store_id
              ${extra?.tier ? bare`join customers c on c.id = d.customer_id` : bare`left join customers c on c.id = d.customer_id`}
              left join users u on u.id = d.claimed_by_id
             where d.kind = 'client_message' and d.status = 'pending'
               ${storeIds ? bare`and d.store_id = any(${storeIds}::uuid[])` : bare``}
               ${extra?.tier ? bare`and c.tier = ${extra.tier}` : bare``}
               ${extra?.priority ? bare`and d.priority between ${extra.priority[0]} and ${extra.priority[1]}` : bare``}
               ${cursor ? bare`and (d.priority, d.created_at, d.id) < (${cursor.p}, ${cursor.c}::timestamptz, ${cursor.i})` : bare``}
             order by d.priority desc, d.created_at desc, d.id desc
             limit ${PAGE + 1}`;

        // the cursor of the row `depth` rows in (found once, outside the timing); a small scale caps it at the end
        const [{ n: available }] = await bare<{ n: number }[]>`
          select count(*)::int as n from drafts where kind = 'client_message' and status = 'pending' ${storeIds ? bare`and store_id = any(${storeIds}::uuid[])` : bare``}`;
        const depth = Math.max(1, Math.min(Math.round(DEEP * Math.min(1, scale * 20)), available - PAGE));
        const [deepRow] = await bare<{ priority: number; key: string; id: string }[]>`
          select priority, created_at::text as key, id from drafts
           where kind = 'client_message' and status = 'pending' ${storeIds ? bare`and store_id = any(${storeIds}::uuid[])` : bare``}
           order by priority desc, created_at desc, id desc offset ${depth - 1} limit 1`;
        const deepCursorRaw = { p: deepRow.priority, c: deepRow.key, i: deepRow.id };
        const deepCursor = Buffer.from(JSON.stringify(deepCursorRaw)).toString("base64url");

        const cases: { name: string; params: QueryParamsInput; bareRun: () => Promise<unknown> }[] = [
          { name: "first page", params: { kind: "client_message" }, bareRun: () => bareFirst(null) },
          { name: `page ${depth.toLocaleString("en")} deep`, params: { kind: "client_message", cursor: deepCursor }, bareRun: () => bareFirst(deepCursorRaw) },
          { name: "filtered (gold clients, high priority)", params: { kind: "client_message", tier: "gold", priority: "high" }, bareRun: () => bareFirst(null, { tier: "gold", priority: [60, 79] }) },
        ];
        for (const c of cases) {
          const params = parseQueueParams(c.params);
          log(`${who}: ${c.name}`);
          const dbTimes = await timeIt(() => listQueue(db, viewer, params), { iterations, warmup: 5 });
          const serverTimes = await timeIt(() => loadPage(db, viewer, params), { iterations, warmup: 5 });
          const bareTimes = await timeIt(() => c.bareRun(), { iterations, warmup: 5 });
          figures.push(compared(`${who}, ${c.name}: db time p95 (vs bare SQL)`, percentile(dbTimes, 95), percentile(bareTimes, 95), "ms"));
          figures.push(compared(`${who}, ${c.name}: server time p95 (vs bare SQL)`, percentile(serverTimes, 95), percentile(bareTimes, 95), "ms"));
        }
        const first = figures.find((f) => f.name === `${who}, first page: server time p95 (vs bare SQL)`)!;
        const deep = figures.find((f) => f.name === `${who}, page ${depth.toLocaleString("en")} deep: server time p95 (vs bare SQL)`)!;
        figures.push(compared(`${who}: deep page ÷ first page (server p95)`, deep.value, first.value, "ms"));

        const offsetTimes = await timeIt(
          () =>
            bare`select d.id from drafts d where d.kind = 'client_message' and d.status = 'pending' ${storeIds ? bare`and d.store_id = any(${storeIds}::uuid[])` : bare``}
                 order by d.priority desc, d.created_at desc, d.id desc offset ${depth} limit ${PAGE}`,
          { iterations: 20, warmup: 2 },
        );
        figures.push({ name: `${who}: the same deep page by OFFSET (for comparison) p95`, value: percentile(offsetTimes, 95), unit: "ms" });
      }
    } finally {
      await bare.end({ timeout: 5 });
    }
    return figures;
  },
});

type QueryParamsInput = Record<string, string>;

/** What the queue page's server component waits for: the page and the tab counts, together. */
async function loadPage(db: Parameters<typeof listQueue>[0], viewer: Viewer, params: QueueParams) {
  return Promise.all([listQueue(db, viewer, params), queueCounts(db, viewer)]);
}
