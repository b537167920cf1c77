import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { seedDemo } from "../../../db/seed";
import { resolveModel } from "../../../lib/ai";
import { drainDomainEvents } from "../../../lib/drafting";
import { FakePosData } from "../../../lib/pos/fake/data";
import { Scenario } from "../../../lib/pos/simulate/generate";
import { platformSimulators } from "../../../lib/pos/simulate/platforms";
import { simProducts, simTargets } from "../../../lib/pos/simulate/run";
import { syncConnectors } from "../../../lib/pos/sync-connectors";
import { createIngressServer } from "../../../lib/sync/ingress";
import { drainOnce } from "../../../lib/sync/process";
import { compared, defineScenario, type Figure } from "../harness";

/**
 * Drafting with the offline model over the demo data:
 * - throughput: live `sale.completed` events → drafts per second (guards, context from the database,
 *   the model call through the AI layer, drafts + audit written). Baseline: the same draft rows bulk
 *   inserted into a copy of the table, so the ratio is what everything before the INSERT costs.
 * - end to end: signed Shopify deliveries at a steady rate into the webhook ingress, with a worker
 *   draining inbox and domain events, and the time from a delivery's arrival to its sale's first
 *   visible draft (p50 / p95), from the rows' own timestamps.
 */
export default defineScenario({
  name: "drafts",
  description: "offline-model drafts per second over demo sales, and webhook → visible draft latency (p50/p95)",
  async run({ db, scale, log, percentile }) {
    process.env.VITRINE_CREDENTIALS_KEY ??= crypto.randomBytes(32).toString("base64");
    log("seeding the demo data");
    await seedDemo(db, { scale: Math.min(scale, 1), log: () => undefined });
    const model = resolveModel({});
    const n = Math.round(300 * scale);

    // Throughput: the newest sales with a client, made live (completed an hour ago), one event each.
    await db.execute(sql`
      with picked as (select id from sales where customer_id is not null order by completed_at desc limit ${n})
      update sales s set completed_at = now() - interval '1 hour' from picked where s.id = picked.id`);
    await db.execute(sql`
      insert into domain_events (id, type, origin, store_id, customer_id, sale_id, occurred_at)
      select 'sale.completed:' || id, 'sale.completed', 'webhook', store_id, customer_id, id, completed_at
        from sales where completed_at > now() - interval '2 hours'
      on conflict (id) do nothing`);
    log(`${n} live sales → drafts (offline model)`);
    const started = performance.now();
    let created = 0;
    for (;;) {
      const result = await drainDomainEvents(db, { model: model.model, modelId: model.id, batchSize: 50, clientMessageCap: 100, log: () => undefined });
      created += result.created;
      if (result.claimed === 0) break;
    }
    const seconds = (performance.now() - started) / 1000;

    await db.execute(sql`create table drafts_bare (like drafts including defaults)`);
    const bareStarted = performance.now();
    await db.execute(sql`
      insert into drafts_bare (id, kind, status, store_id, customer_id, sale_id, dedupe_key, output, rationale, model_id, prompt_id, prompt_version, input_hash)
      select gen_random_uuid(), kind, status, store_id, customer_id, sale_id, dedupe_key, output, rationale, model_id, prompt_id, prompt_version, input_hash from drafts`);
    const bareSeconds = (performance.now() - bareStarted) / 1000;

    // End to end: deliveries into the ingress while a worker drains inbox and domain events.
    const server = createIngressServer(db, () => undefined);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const products = await simProducts(db);
    const [target] = (await simTargets(db, { appUrl: base, seed: 5, start: new Date(), products })).filter((t) => t.provider === "shopify");
    const [{ mapping }] = await db.execute<{ mapping: Record<string, string> }>(sql`select store_mapping as mapping from pos_connections where id = ${target.connection.id}`);
    const scenario = new Scenario({ seed: 5, products, locations: Object.keys(mapping), currency: "GBP", start: new Date(), namespace: "e2e" });
    let running = true;
    const worker = (async () => {
      while (running) {
        const drained = await drainOnce(db, { connectors: syncConnectors, log: () => undefined });
        const drafted = await drainDomainEvents(db, { model: model.model, modelId: model.id, clientMessageCap: 100, log: () => undefined });
        if (drained.claimed === 0 && drafted.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const deliveries = Math.round(100 * scale);
    const rate = 10;
    const fakePos = new FakePosData();
    try {
      log(`${deliveries} Shopify sales at ${rate}/s → ingress → worker → drafts`);
      for (let i = 0; i < deliveries; i++) {
        const event = { kind: "sale" as const, sale: scenario.sale() };
        platformSimulators.shopify.record(fakePos, event, target.connection);
        const [delivery] = platformSimulators.shopify.deliveries(event, target.connection, fakePos);
        const response = await fetch(`${base}/api/webhooks/shopify/${target.connection.id}`, { method: "POST", headers: delivery.headers, body: new Uint8Array(delivery.body) });
        if (!response.ok) throw new Error(`the ingress answered ${response.status}`);
        await new Promise((resolve) => setTimeout(resolve, 1000 / rate));
      }
      // let the worker catch up
      for (let waited = 0; waited < 30_000; waited += 250) {
        const [{ pending }] = await db.execute<{ pending: number }>(sql`select count(*)::int as pending from domain_events where consumed_at is null`);
        if (pending === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      running = false;
      await worker;
      server.close();
    }
    const latencies = (
      await db.execute<{ ms: number }>(sql`
        select extract(epoch from (min(d.created_at) - min(e.received_at))) * 1000 as ms
          from pos_events e
          join sales s on s.connection_id = e.connection_id and s.external_id = e.payload->>'id'
          join drafts d on d.sale_id = s.id
         where e.connection_id = ${target.connection.id}
         group by s.id`)
    ).map((row) => Number(row.ms));
    if (latencies.length === 0) throw new Error("no sale from the end-to-end run reached a draft");

    const figures: Figure[] = [
      compared("drafts written (offline model, guards, audit)", created / seconds, created / bareSeconds, "drafts/s"),
      { name: "live sales drafted", value: n / seconds, unit: "sales/s" },
      { name: "webhook → first visible draft, p50", value: percentile(latencies, 50), unit: "ms" },
      { name: "webhook → first visible draft, p95", value: percentile(latencies, 95), unit: "ms" },
      { name: "sales measured end to end", value: latencies.length, unit: "sales" },
    ];
    return figures;
  },
});
