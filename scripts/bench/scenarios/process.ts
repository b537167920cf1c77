import { sql } from "drizzle-orm";
import { posConnections, posEvents, products, stores } from "../../../db/schema";
import type { CanonicalChange, CanonicalSale } from "../../../lib/sync/canonical";
import type { PosProvider } from "../../../db/schema";
import type { SyncConnector } from "../../../lib/pos/types";
import { drainAll } from "../../../lib/sync/process";
import { compared, defineScenario, type Figure } from "../harness";

/**
 * Inbox → canonical: how many sale events per second the drain turns into sales, lines, clients,
 * serialized items, custody steps and domain events. Baseline (DESIGN.md): a bare bulk INSERT of the
 * same sale and line rows into unconstrained copies of the tables, in the same batch size.
 *
 * The connector here hands over canonical changes as stored, so the figure is the processing core
 * (claim, apply, mark), not a platform's JSON mapping.
 */

const DATE_KEYS = new Set(["updatedAt", "completedAt", "returnedAt"]);
function revive(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((item) => revive(item));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v, k)]));
  return DATE_KEYS.has(key) && typeof value === "string" ? new Date(value) : value;
}
const canonical: SyncConnector = {
  provider: "shopify",
  authHeaders: () => ({}),
  changes: async (event) => revive((event.payload as { changes: unknown }).changes) as CanonicalChange[],
  backfillResources: [],
  backfillPage: async () => ({ changes: [], next: null }),
};
const connectors = { shopify: canonical, square: canonical, lightspeed_x: canonical, lightspeed_r: canonical, clover: canonical } satisfies Record<PosProvider, SyncConnector>;

function saleOf(n: number, run: string): CanonicalSale {
  const serialized = n % 3 === 0;
  const price = serialized ? 1_250_000 : 48_000;
  const lines = [{ externalId: "1", sku: serialized ? "BENCH-WATCH" : "BENCH-RING", productExternalId: null, name: "Piece", brand: "Maison", quantity: 1, unitPriceMinor: price, discountMinor: 0, totalMinor: price, serialNumbers: serialized ? [`${run}-SN-${n}`] : [] }];
  if (n % 4 === 0) lines.push({ ...lines[0], externalId: "2", sku: "BENCH-RING", unitPriceMinor: 48_000, totalMinor: 48_000, serialNumbers: [] });
  const total = lines.reduce((sum, line) => sum + line.totalMinor, 0);
  return {
    externalId: `${run}-${n}`,
    updatedAt: new Date(Date.UTC(2026, 10, 1) + n * 1000),
    version: null,
    locationId: "loc-1",
    status: "completed",
    completedAt: new Date(Date.UTC(2026, 10, 1) + n * 1000),
    currency: "CHF",
    subtotalMinor: total,
    discountMinor: 0,
    taxMinor: 0,
    totalMinor: total,
    // a third of sales are returning clients
    customer: {
      externalId: `${run}-c-${n % 3 === 1 ? n % 500 : n}`,
      updatedAt: null,
      version: null,
      firstName: "Client",
      lastName: `N${n}`,
      email: `client.${run}.${n % 3 === 1 ? n % 500 : n}@example.com`,
      phone: null,
      addressLine: null,
      city: "Geneva",
      postalCode: null,
      country: "CH",
    },
    customerExternalId: null,
    associateExternalId: null,
    lines,
  };
}

export default defineScenario({
  name: "process",
  description: "inbox → canonical sale events per second (1 and 2 workers) vs a bare bulk INSERT of the same rows",
  async run({ db, scale, log }) {
    const n = Math.round(4_000 * scale);
    const [store] = await db.insert(stores).values({ code: "BEN", name: "Bench", timezone: "Europe/Zurich", currency: "CHF", city: "Geneva" }).returning();
    const [connection] = await db.insert(posConnections).values({ provider: "shopify", name: "Bench", storeMapping: { "loc-1": store.id } }).returning();
    await db.insert(products).values([
      { sku: "BENCH-WATCH", brand: "Maison", name: "Watch", category: "mechanical_watch", priceMinor: 1_250_000, costMinor: 1, currency: "CHF", isSerialized: true, warrantyMonths: 24, serviceIntervalMonths: 48 },
      { sku: "BENCH-RING", brand: "Maison", name: "Ring", category: "fine_jewellery", priceMinor: 48_000, costMinor: 1, currency: "CHF" },
    ]);

    const fill = async (run: string) => {
      for (let start = 0; start < n; start += 500) {
        const rows = Array.from({ length: Math.min(500, n - start) }, (_, k) => {
          const sale = saleOf(start + k, run);
          return { connectionId: connection.id, provider: "shopify" as const, eventId: sale.externalId, topic: "orders/paid", rawBody: "{}", bodySha256: sale.externalId, payload: JSON.parse(JSON.stringify({ changes: [{ kind: "sale", sale }] })) };
        });
        await db.insert(posEvents).values(rows);
      }
    };

    const drainRate = async (run: string, workers: number) => {
      await fill(run);
      await db.execute(sql`vacuum analyze pos_events`);
      const started = performance.now();
      await Promise.all(Array.from({ length: workers }, () => drainAll(db, { connectors, batchSize: 200, log: () => undefined })));
      const seconds = (performance.now() - started) / 1000;
      const [{ done }] = (await db.execute(sql`select count(*)::int as done from sales where external_id like ${`${run}-%`}`)) as unknown as { done: number }[];
      if (done !== n) throw new Error(`expected ${n} sales from run ${run}, found ${done}`);
      return n / seconds;
    };

    log(`${n} sale events, 1 worker`);
    const one = await drainRate("w1", 1);
    log(`${n} sale events, 2 workers`);
    const two = await drainRate("w2", 2);

    log(`${n} sales bulk-inserted (baseline)`);
    await db.execute(sql`create table sales_bare (like sales including defaults)`);
    await db.execute(sql`create table sale_lines_bare (like sale_lines including defaults)`);
    // a Postgres array literal, so each column travels as one parameter
    const p = (values: unknown[]) => `{${values.map((value) => `"${String(value).replaceAll('"', '\\"')}"`).join(",")}}`;
    const started = performance.now();
    for (let start = 0; start < n; start += 200) {
      const batch = Array.from({ length: Math.min(200, n - start) }, (_, k) => saleOf(start + k, "bare"));
      const saleRows = batch.map((sale) => ({ id: crypto.randomUUID(), sale }));
      await db.transaction(async (tx) => {
        await tx.execute(sql`insert into sales_bare (id, store_id, provider, external_id, origin, subtotal_minor, total_minor, currency, completed_at)
          select * from unnest(${p(saleRows.map((r) => r.id))}::uuid[], ${p(saleRows.map(() => store.id))}::uuid[], ${p(saleRows.map(() => "shopify"))}::text[],
            ${p(saleRows.map((r) => r.sale.externalId))}::text[], ${p(saleRows.map(() => "webhook"))}::origin[], ${p(saleRows.map((r) => r.sale.subtotalMinor))}::bigint[],
            ${p(saleRows.map((r) => r.sale.totalMinor))}::bigint[], ${p(saleRows.map(() => "CHF"))}::char(3)[], ${p(saleRows.map((r) => r.sale.completedAt!.toISOString()))}::timestamptz[])`);
        const lines = saleRows.flatMap((r) => r.sale.lines.map((line, index) => ({ saleId: r.id, lineNo: index + 1, line })));
        await tx.execute(sql`insert into sale_lines_bare (id, sale_id, line_no, sku, quantity, unit_price_minor, total_minor, currency)
          select gen_random_uuid(), * from unnest(${p(lines.map((l) => l.saleId))}::uuid[], ${p(lines.map((l) => l.lineNo))}::smallint[], ${p(lines.map((l) => l.line.sku))}::text[],
            ${p(lines.map((l) => l.line.quantity))}::int[], ${p(lines.map((l) => l.line.unitPriceMinor))}::bigint[], ${p(lines.map((l) => l.line.totalMinor))}::bigint[], ${p(lines.map(() => "CHF"))}::char(3)[])`);
      });
    }
    const bare = n / ((performance.now() - started) / 1000);

    const figures: Figure[] = [
      compared("inbox → canonical, 1 worker", one, bare, "sale events/s"),
      compared("inbox → canonical, 2 workers", two, bare, "sale events/s"),
      { name: "bare bulk INSERT of the same sales + lines", value: bare, unit: "sales/s" },
    ];
    return figures;
  },
});
