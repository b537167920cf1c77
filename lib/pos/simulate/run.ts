import { and, eq, isNotNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { posConnections, products, stores, type PosProvider } from "@/db/schema";
import { open } from "@/lib/crypto/secret-box";
import type { FakePosData, FakeRecord } from "@/lib/pos/fake/data";
import { webhookSecretAad } from "@/lib/sync/receive";
import { Scenario, type SimProduct } from "./generate";
import { platformSimulators } from "./platforms";
import type { SimConnection, SimDelivery, SimEvent } from "./scenario";

/**
 * A shop's traffic against a running Vitrine: events from `Scenario`, recorded in the fake POS (what a
 * re-fetch or a backfill will find) and delivered as each platform sends them, signed. Duplicates are
 * re-sent (the platforms retry) and some deliveries are held back and sent later (out of order).
 */

export type SimTarget = { provider: PosProvider; connection: SimConnection; scenario: Scenario };

export type SimulationOptions = {
  data: FakePosData;
  targets: SimTarget[];
  /** sends one delivery; returns the HTTP status */
  send: (target: SimTarget, delivery: SimDelivery) => Promise<number>;
  duplicateRatio?: number;
  outOfOrderRatio?: number;
  seed?: number;
  /** every shop event as it happens (tests compute the expected final state from these) */
  onEvent?: (target: SimTarget, event: SimEvent) => void;
};

export type SimulationStats = { events: number; deliveries: number; duplicates: number; held: number; accepted: number; refused: number; byProvider: Record<string, number> };

export class Simulation {
  readonly stats: SimulationStats = { events: 0, deliveries: 0, duplicates: 0, held: 0, accepted: 0, refused: 0, byProvider: {} };
  private readonly held: { target: SimTarget; delivery: SimDelivery; releaseAfter: number }[] = [];
  private turn = 0;
  private sent = 0;
  private state: number;

  constructor(private readonly options: SimulationOptions) {
    if (options.targets.length === 0) throw new Error("no POS connections to simulate");
    this.state = (options.seed ?? 7) >>> 0;
  }

  private random(): number {
    // xorshift32: deterministic for a seed
    this.state ^= this.state << 13;
    this.state ^= this.state >>> 17;
    this.state ^= this.state << 5;
    return (this.state >>> 0) / 4294967296;
  }

  /** One shop event on the next connection: recorded in the fake POS, then delivered. */
  async step(): Promise<void> {
    const target = this.options.targets[this.turn++ % this.options.targets.length];
    const simulator = platformSimulators[target.provider];
    const event = target.scenario.next();
    this.options.onEvent?.(target, event);
    simulator.record(this.options.data, event, target.connection);
    this.stats.events += 1;
    this.stats.byProvider[target.provider] = (this.stats.byProvider[target.provider] ?? 0) + 1;
    for (const delivery of simulator.deliveries(event, target.connection, this.options.data)) {
      if (this.random() < (this.options.outOfOrderRatio ?? 0)) {
        this.held.push({ target, delivery, releaseAfter: this.sent + 2 + Math.floor(this.random() * 20) });
        this.stats.held += 1;
      } else {
        await this.deliver(target, delivery);
      }
      if (this.random() < (this.options.duplicateRatio ?? 0)) {
        // a platform retry: the same event again, a little later
        this.held.push({ target, delivery, releaseAfter: this.sent + 1 + Math.floor(this.random() * 10) });
        this.stats.duplicates += 1;
      }
    }
    await this.release(false);
  }

  /** Sends everything still held back. */
  async flush(): Promise<void> {
    await this.release(true);
  }

  private async release(all: boolean): Promise<void> {
    for (let index = 0; index < this.held.length; ) {
      const entry = this.held[index];
      if (all || entry.releaseAfter <= this.sent) {
        this.held.splice(index, 1);
        await this.deliver(entry.target, entry.delivery);
      } else {
        index += 1;
      }
    }
  }

  private async deliver(target: SimTarget, delivery: SimDelivery): Promise<void> {
    const status = await this.options.send(target, delivery);
    this.sent += 1;
    this.stats.deliveries += 1;
    this.stats[status >= 200 && status < 300 ? "accepted" : "refused"] += 1;
  }
}

/** Records put into a FakePosData, so a simulator in one process can feed a fake POS in another. */
export function capturePuts(data: FakePosData, sink: (record: FakeRecord & { provider: string; resource: string }) => void): FakePosData {
  const put = data.put.bind(data);
  data.put = ((provider, resource, id, object, options) => {
    const record = put(provider, resource, id, object, options);
    sink({ ...record, provider, resource });
    return record;
  }) as FakePosData["put"];
  return data;
}

/** The demo catalogue, as the simulator sells it. */
export async function simProducts(db: Database, limit = 120): Promise<SimProduct[]> {
  const rows = await db
    .select({ sku: products.sku, productId: products.id, name: products.name, brand: products.brand, priceMinor: products.priceMinor, serialized: products.isSerialized })
    .from(products)
    .where(eq(products.isActive, true))
    .orderBy(products.sku)
    .limit(limit);
  return rows;
}

/**
 * One simulation target per active connection with a webhook secret (R-Series, which has no webhooks,
 * is fed through the fake POS only and reaches Vitrine by polling).
 */
export async function simTargets(db: Database, options: { appUrl: string; seed: number; start: Date; products: SimProduct[]; stepSeconds?: number }): Promise<SimTarget[]> {
  const rows = await db
    .select()
    .from(posConnections)
    .where(and(eq(posConnections.isActive, true), isNotNull(posConnections.storeMapping)));
  const storeRows = await db.select({ id: stores.id, currency: stores.currency }).from(stores);
  const currencyOf = new Map(storeRows.map((row) => [row.id, row.currency]));
  return rows
    .filter((row) => Object.keys(row.storeMapping).length > 0)
    .map((row, index) => {
      const locations = Object.keys(row.storeMapping);
      const currency = (row.config.currency as string | undefined) ?? currencyOf.get(row.storeMapping[locations[0]]) ?? "USD";
      return {
        provider: row.provider,
        connection: {
          id: row.id,
          secret: row.webhookSecretEncrypted ? open(row.webhookSecretEncrypted, webhookSecretAad(row.id)) : "",
          config: row.config,
          webhookUrl: `${options.appUrl.replace(/\/+$/, "")}/api/webhooks/${row.provider}/${row.id}`,
        },
        scenario: new Scenario({
          seed: options.seed + index,
          products: options.products,
          locations,
          currency,
          start: options.start,
          stepSeconds: options.stepSeconds,
          namespace: `${row.provider.slice(0, 2)}${options.seed.toString(36)}`,
        }),
      };
    });
}
