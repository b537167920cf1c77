import type postgres from "postgres";
import { hashPassword } from "../../lib/auth/password";
import type { Database } from "../client";
import { stores, users, userStores } from "../schema";
import { DEMO_PASSWORD } from "./accounts";
import { withConstraintsDeferred } from "./bulk";
import { buildCatalog, productsTarget } from "./catalog";
import { seedDemoConnections } from "./connections";
import type { SeedContext, SeededStore, SeededUser } from "./context";
import { CopyBuffer, CopyLoader, copyLines, copyTarget, type CopyBatch, type TableLoad } from "./copy";
import { customersTarget, generateClients, type ClientBook } from "./customers";
import { inventoryTarget, stockStores } from "./inventory";
import { convertMinor } from "./money";
import { notesTarget } from "./notes";
import { Rng } from "./random";
import { SalesSimulation } from "./sales";
import { allStaff, sellingWeight } from "./staff";
import { STORES } from "./stores";
import { DAY_MS, ZoneClock, dateString, dayNumberOf, iso } from "./time";

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./accounts";

export const DEFAULT_SEED = 42;

export type SeedOptions = {
  /** Same seed + same `now` = the same rows (password hashes aside: Argon2 salts are random). */
  seed?: number;
  /** 1 = four stores, ~2,500 clients, ~22,000 sale lines; clients and sales grow linearly. */
  scale?: number;
  /** The reference instant: sales cover the two years before it. Defaults to the current time. */
  now?: Date;
  log?: (line: string) => void;
  /** Where the app is served, for webhook URLs that must be signed as configured (Square). */
  appUrl?: string;
};

export type SeedSummary = {
  seed: number;
  scale: number;
  now: string;
  /** Rows and COPY time per table, in load order. */
  tables: TableLoad[];
  totalRows: number;
  elapsedMs: number;
};

/** Clients, sale lines and catalog references at scale 1. */
const CLIENTS_PER_SCALE = 2_500;
const SALE_LINES_PER_SCALE = 22_000;
const MAX_CATALOG_MULTIPLIER = 20;

/** Every table the seed writes, in load order. */
const SEEDED_TABLES = [
  "stores", "users", "user_stores", "products", "customers", "customer_notes", "sales", "sale_lines",
  "serialized_items", "returns", "service_tickets", "custody_events", "inventory_levels",
] as const;

const storesTarget = copyTarget(stores, ["id", "code", "name", "timezone", "currency", "city", "posLocationRefs", "goLiveDate", "rolloutPhase", "createdAt", "updatedAt"] as const);
const usersTarget = copyTarget(users, ["id", "email", "name", "role", "passwordHash", "isActive", "sessionVersion", "createdAt", "updatedAt"] as const);
const userStoresTarget = copyTarget(userStores, ["userId", "storeId"] as const);

/** True once the database holds any store: the demo data (or real data) is there. */
export async function isSeeded(db: Database): Promise<boolean> {
  const rows = await db.select({ id: stores.id }).from(stores).limit(1);
  return rows.length > 0;
}

/**
 * Loads a deterministic demo retailer into an empty, migrated database with COPY, in one
 * transaction: stores, staff, catalog, clients, two years of sales with their serialized items,
 * custody, returns and service tickets, and current stock. Writes no audit rows.
 */
export async function seedDemo(db: Database, options: SeedOptions = {}): Promise<SeedSummary> {
  const startedAt = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  const nowMs = (options.now ?? new Date()).getTime();
  const log = options.log ?? (() => undefined);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!(scale > 0 && Number.isFinite(scale))) throw new Error(`scale must be a positive number, got ${scale}`);
  if (!Number.isFinite(nowMs)) throw new Error("now is not a valid date");
  if (await isSeeded(db)) {
    throw new Error("The database already has stores: the demo seed only loads into an empty, migrated database.");
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const tables = await db.$client.begin((tx) =>
    withConstraintsDeferred(tx, SEEDED_TABLES, async () => {
      const loader = new CopyLoader(tx);
      try {
        await generate(seed, scale, nowMs, passwordHash, loader, tx, log);
      } catch (error) {
        // let a COPY in flight finish before the transaction rolls back
        await loader.drain().catch(() => undefined);
        throw error;
      }
      log("rebuilding indexes and checking foreign keys");
      return [...loader.loads.values()];
    }),
  );

  log("analyzing");
  await db.$client.unsafe(`analyze ${SEEDED_TABLES.join(", ")}`);
  if (process.env.VITRINE_CREDENTIALS_KEY) {
    const appUrl = options.appUrl ?? process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
    log(`POS connections: ${await seedDemoConnections(db, { seed, appUrl })}`);
  } else {
    log("POS connections skipped: VITRINE_CREDENTIALS_KEY is not set, so their secrets could not be sealed");
  }
  const totalRows = tables.reduce((sum, load) => sum + load.rows, 0);
  const elapsedMs = Math.round(performance.now() - startedAt);
  log(`loaded ${totalRows.toLocaleString("en")} rows in ${(elapsedMs / 1000).toFixed(1)} s`);
  return { seed, scale, now: iso(nowMs), tables, totalRows, elapsedMs };
}

/** Everything, in dependency order; `loader` takes each batch while the next is generated. */
async function generate(
  seed: number,
  scale: number,
  nowMs: number,
  passwordHash: string,
  loader: CopyLoader,
  tx: postgres.TransactionSql,
  log: (line: string) => void,
): Promise<void> {
  const flush = async (batches: CopyBatch[]) => {
    await loader.drain();
    void loader.enqueue(batches.filter((batch) => batch.lines.length > 0));
  };
  const ctx = await seedFoundations(seed, scale, nowMs, passwordHash, flush, log);

  const clientCount = Math.max(50, Math.round(CLIENTS_PER_SCALE * scale));
  const book = await generateClients(new Rng(seed, "clients"), ctx, clientCount, new CopyBuffer(customersTarget), new CopyBuffer(notesTarget));
  log(`clients: ${clientCount.toLocaleString("en")}`);

  const simulation = new SalesSimulation(new Rng(seed, "sales"), ctx, book);
  const { ledger } = await simulation.run(Math.max(500, Math.round(SALE_LINES_PER_SCALE * scale)));
  await stockStores(new Rng(seed, "stock"), ctx, ledger, new CopyBuffer(inventoryTarget));
  await loader.drain();
  await writeLifetimeValues(tx, ctx, book);
}

/** Stores, users and their store assignments, and the catalog. */
async function seedFoundations(
  seed: number,
  scale: number,
  nowMs: number,
  passwordHash: string,
  flush: SeedContext["flush"],
  log: (line: string) => void,
): Promise<SeedContext> {
  const rng = new Rng(seed, "foundations");
  const today = dayNumberOf(nowMs);
  const storeRows = new CopyBuffer(storesTarget);
  const seededStores: SeededStore[] = STORES.map((def) => {
    const store = { def, id: rng.uuid(), clock: new ZoneClock(def.timezone) };
    const createdAt = iso(nowMs - (def.goLiveDaysAgo + 60) * DAY_MS);
    storeRows.push({
      id: store.id,
      code: def.code,
      name: def.name,
      timezone: def.timezone,
      currency: def.currency,
      city: def.city,
      posLocationRefs: {},
      goLiveDate: dateString(today - def.goLiveDaysAgo),
      rolloutPhase: def.rolloutPhase,
      createdAt,
      updatedAt: createdAt,
    });
    return store;
  });

  const userRows = new CopyBuffer(usersTarget);
  const assignmentRows = new CopyBuffer(userStoresTarget);
  const seededUsers: SeededUser[] = allStaff().map((member) => {
    const storeIndexes = seededStores.flatMap((store, index) => (member.storeCodes === "all" || member.storeCodes.includes(store.def.code) ? [index] : []));
    const user: SeededUser = { id: rng.uuid(), name: member.name, role: member.role, storeIndexes };
    const joinedDaysAgo = Math.max(...storeIndexes.map((index) => seededStores[index].def.goLiveDaysAgo)) + rng.int(14, 60);
    const createdAt = iso(nowMs - joinedDaysAgo * DAY_MS);
    userRows.push({
      id: user.id,
      email: member.email,
      name: member.name,
      role: member.role,
      passwordHash,
      isActive: true,
      sessionVersion: 0,
      createdAt,
      updatedAt: createdAt,
    });
    for (const index of storeIndexes) assignmentRows.push({ userId: user.id, storeId: seededStores[index].id });
    return user;
  });
  const sellers = seededStores.map((_, storeIndex) =>
    seededUsers.flatMap((user, userIndex) => (user.storeIndexes.includes(storeIndex) && sellingWeight(user.role) > 0 ? [{ userIndex, weight: sellingWeight(user.role) }] : [])),
  );

  const productRows = new CopyBuffer(productsTarget);
  const catalog = buildCatalog(new Rng(seed, "catalog"), Math.min(MAX_CATALOG_MULTIPLIER, Math.max(1, Math.round(scale))), nowMs, productRows);
  await flush([storeRows.take(), userRows.take(), assignmentRows.take(), productRows.take()]);
  log(`stores: ${seededStores.length}, users: ${seededUsers.length}, products: ${catalog.products.length}`);
  return { nowMs, stores: seededStores, users: seededUsers, sellers, catalog, flush, log };
}

const TIERS = [
  ["platinum", 0.03],
  ["gold", 0.12],
  ["silver", 0.3],
] as const;

/** Lifetime value and tier, known only once the sales are written: ranked in EUR across currencies. */
async function writeLifetimeValues(tx: postgres.TransactionSql, ctx: SeedContext, book: ClientBook): Promise<void> {
  const buyers: number[] = [];
  const valueEur = new Float64Array(book.count);
  for (let i = 0; i < book.count; i++) {
    book.lifetimeValueMinor[i] = Math.max(0, book.lifetimeValueMinor[i]);
    if (book.lifetimeValueMinor[i] === 0) continue;
    valueEur[i] = convertMinor(book.lifetimeValueMinor[i], ctx.stores[book.homeStore[i]].def.currency, "EUR");
    buyers.push(i);
  }
  buyers.sort((a, b) => valueEur[b] - valueEur[a] || a - b);
  const lines = buyers.map((client, rank) => {
    const tier = TIERS.find(([, share]) => rank < Math.ceil(share * buyers.length))?.[0] ?? "client";
    return `${book.ids[client]}\t${book.lifetimeValueMinor[client]}\t${tier}`;
  });
  await tx`create temporary table seed_client_values (id uuid primary key, lifetime_value_minor bigint not null, tier text not null) on commit drop`;
  await copyLines(tx, "copy seed_client_values (id, lifetime_value_minor, tier) from stdin", lines);
  await tx`
    update customers c
    set lifetime_value_minor = v.lifetime_value_minor, tier = v.tier, updated_at = ${iso(ctx.nowMs)}
    from seed_client_values v
    where c.id = v.id`;
  ctx.log(`lifetime values: ${buyers.length.toLocaleString("en")} clients with purchases`);
}
