import crypto from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { draftExecutions, drafts, inventoryLevels, posConnections, productRefs, products, purchaseOrders, stores, type PosProvider } from "@/db/schema";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { seal } from "@/lib/crypto/secret-box";
import { fakePlatforms } from "@/lib/pos/fake/platforms";
import { startFakePos, type FakePosServer } from "@/lib/pos/fake/server";
import { R_RESOURCES } from "@/lib/pos/lightspeed-r/fake";
import { X_RESOURCES } from "@/lib/pos/lightspeed-x/fake";
import { credentialsAad } from "@/lib/pos/secrets";
import { SHOPIFY_RESOURCES } from "@/lib/pos/shopify/fake";
import { SQUARE_RESOURCES } from "@/lib/pos/square/fake";
import { decideDraft } from "@/lib/review/decide";
import { drainExecutions, retryExecution, type DrainExecutionsOptions } from "@/lib/review/execute";
import { getPurchaseOrder, listPurchaseOrders } from "@/lib/review/execute/queries";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createProduct, PRODUCTS } from "../fixtures/drafting/sales";
import { createCast, type Cast } from "../fixtures/people";

/**
 * Approved transfer recommendations sent to the POS as transfers, against the fake POS over loopback
 * HTTP: each platform's documented request, idempotent retries, 5xx retried, 4xx permanent and shown,
 * and the reasons a transfer stays in Vitrine (stores not on one connection, Clover, unknown product).
 */

const TOKEN = "pos-transfer-test-token";
const quiet = () => undefined;

let t: TestDb;
let cast: Cast;
let pos: FakePosServer;
let buyer: Viewer;
let strap: string;
let strapSku: string;
let watch: string;
const connections = {} as Record<PosProvider, string>;

/** Each platform's location ids for Store A (receiving) and Store B (sending), and the strap's id there. */
const PLATFORM = {
  square: { to: "LGENEVA01", from: "LNEWYORK01", strap: "VARIATION-STRAP-20" },
  shopify: { to: "64301154321", from: "64301154999", strap: "44927511101" },
  lightspeed_x: { to: "06e35f89-3d1c-11e8-ed64-000000000a0a", from: "06e35f89-3d1c-11e8-ed64-000000000b0b", strap: "0242ac12-0002-11e9-e8c4-659494e33119" },
  lightspeed_r: { to: "1", from: "2", strap: "210" },
  clover: { to: "MERCHANTGENEVA", from: "MERCHANTNEWYORK", strap: "CLOVERSTRAP1" },
} satisfies Record<PosProvider, { to: string; from: string; strap: string }>;

let clock = Date.now();
const later = () => new Date((clock += 2 * 3_600_000));

function drain(options: DrainExecutionsOptions = {}) {
  return drainExecutions(t.db, { mailer: null, now: later(), backoffBaseMs: 1_000, log: quiet, httpOverrides: { sleep: async () => undefined, maxAttempts: 1 }, ...options });
}

async function connect(provider: PosProvider, mapping: Record<string, string>, apiPath: string = provider): Promise<string> {
  const [row] = await t.db
    .insert(posConnections)
    .values({ provider, name: `${provider} test`, storeMapping: mapping, isActive: false, config: { apiBaseUrl: `${pos.url}/${apiPath}`, currency: "CHF" } })
    .returning({ id: posConnections.id });
  await t.db.update(posConnections).set({ credentialsEncrypted: seal(JSON.stringify({ accessToken: TOKEN }), credentialsAad(row.id)) }).where(eq(posConnections.id, row.id));
  return row.id;
}

/** Only this connection is active, so it is the one both stores share. */
async function use(...ids: string[]) {
  await t.db.update(posConnections).set({ isActive: false });
  if (ids.length) await t.db.update(posConnections).set({ isActive: true }).where(inArray(posConnections.id, ids));
}

async function approvedTransfer(quantity = 2, productId = strap): Promise<string> {
  // approving re-checks that the sending store still holds the pieces
  await t.db.insert(inventoryLevels).values({ storeId: cast.storeB, productId, onHand: 50 }).onConflictDoNothing();
  const [draft] = await t.db
    .insert(drafts)
    .values({
      kind: "purchase_recommendation",
      storeId: cast.storeA,
      dedupeKey: `purchase_recommendation:transfer-test:${crypto.randomUUID()}`,
      output: { type: "transfer", supplier: null, fromStoreId: cast.storeB, currency: "CHF", lines: [{ productId, sku: "S", name: "Strap", quantity, unitCostMinor: 22_550 }], rationale: "Excess in Store B" },
      rationale: "test",
    })
    .returning({ id: drafts.id });
  expect(await decideDraft(t.db, { type: "user", viewer: buyer }, { id: draft.id, version: 1, decision: "approve" })).toMatchObject({ ok: true, executionQueued: true });
  return draft.id;
}

async function stateOf(draftId: string) {
  const [execution] = await t.db.select().from(draftExecutions).where(eq(draftExecutions.draftId, draftId));
  const [draft] = await t.db.select({ status: drafts.status }).from(drafts).where(eq(drafts.id, draftId));
  const orders = await t.db.select().from(purchaseOrders).where(eq(purchaseOrders.sourceDraftId, draftId));
  expect(orders).toHaveLength(1);
  const listed = (await listPurchaseOrders(t.db, buyer)).find((row) => row.id === orders[0].id)!;
  return { execution, draft, order: orders[0], pos: listed.pos };
}

const writesOf = (provider: string) => pos.data.writes.filter((write) => write.provider === provider && write.kind === "inventory_transfer");

/** The executor running again for a done execution (a worker that crashed after committing). */
async function runAgain(draftId: string) {
  await t.db.update(draftExecutions).set({ status: "queued", nextAttemptAt: new Date(0) }).where(eq(draftExecutions.draftId, draftId));
  expect(await drain()).toMatchObject({ claimed: 1, executed: 1 });
}

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  await t.db.update(stores).set({ rolloutPhase: 2, goLiveDate: "2025-01-06" }).where(inArray(stores.id, [cast.storeA, cast.storeB]));
  buyer = (await loadViewer(t.db, cast.buyer))!;
  strap = await createProduct(t.db, PRODUCTS.strap);
  watch = await createProduct(t.db, PRODUCTS.mechanical);
  [{ sku: strapSku }] = await t.db.select({ sku: products.sku }).from(products).where(eq(products.id, strap));
  pos = await startFakePos({ platforms: fakePlatforms, token: TOKEN });

  for (const provider of Object.keys(PLATFORM) as PosProvider[]) {
    const { to, from, strap: externalId } = PLATFORM[provider];
    connections[provider] = await connect(provider, { [to]: cast.storeA, [from]: cast.storeB }, provider === "lightspeed_r" ? "lightspeed_r/API/V3/Account/4242" : provider);
    await t.db.insert(productRefs).values({ connectionId: connections[provider], externalId, productId: strap });
  }
  pos.data.put("square", SQUARE_RESOURCES.catalog, PLATFORM.square.strap, { id: PLATFORM.square.strap, type: "ITEM_VARIATION", item_variation_data: { sku: strapSku } });
  pos.data.put("shopify", SHOPIFY_RESOURCES.variants, PLATFORM.shopify.strap, { id: PLATFORM.shopify.strap, product_id: "8011", sku: strapSku, inventory_item_id: "47110" });
  pos.data.put("lightspeed_x", X_RESOURCES.products, PLATFORM.lightspeed_x.strap, { id: PLATFORM.lightspeed_x.strap, sku: strapSku, name: "Alligator strap 20 mm" });
  pos.data.put("lightspeed_r", R_RESOURCES.Item, PLATFORM.lightspeed_r.strap, { itemID: PLATFORM.lightspeed_r.strap, customSku: strapSku }, { account: "4242" });
});
afterAll(async () => {
  await pos?.close();
  await t?.close();
});

describe("Square", () => {
  beforeEach(() => use(connections.square));

  it("sends one BatchChangeInventory TRANSFER keyed by the request, records the transfer on it, and never sends it twice", async () => {
    const draftId = await approvedTransfer(2);
    expect(await drain()).toMatchObject({ claimed: 1, executed: 1 });
    const { order, execution, pos: shown } = await stateOf(draftId);
    const [write] = writesOf("square");
    expect(writesOf("square")).toHaveLength(1);
    expect(write.body).toMatchObject({
      idempotency_key: `vitrine-transfer-${order.id}`,
      transfer: {
        reference_id: order.number,
        state: "IN_STOCK",
        from_location_id: PLATFORM.square.from,
        to_location_id: PLATFORM.square.to,
        catalog_object_id: PLATFORM.square.strap,
        quantity: "2",
        occurred_at: order.createdAt.toISOString(),
      },
    });
    expect(order).toMatchObject({ type: "transfer", provider: "square", externalId: write.id, status: "sent" });
    expect(execution.result).toMatchObject({ purchaseOrderId: order.id, posTransfer: { status: "sent", provider: "square", connectionId: connections.square, externalId: write.id } });
    expect(shown).toEqual({ state: "sent", provider: "square", externalId: write.id });
    expect((await getPurchaseOrder(t.db, buyer, order.id))!.pos).toEqual(shown);

    await runAgain(draftId);
    expect(writesOf("square")).toHaveLength(1);

    // The answer lost after Square moved the stock (nothing recorded in Vitrine): the retry carries the
    // same idempotency key and body, so Square replays the first transfer instead of moving stock twice.
    await t.db.update(purchaseOrders).set({ provider: null, externalId: null, status: "open" }).where(eq(purchaseOrders.id, order.id));
    await t.db.update(draftExecutions).set({ result: { purchaseOrderId: order.id } }).where(eq(draftExecutions.draftId, draftId));
    await runAgain(draftId);
    expect(writesOf("square")).toHaveLength(1);
    expect((await stateOf(draftId)).order).toMatchObject({ provider: "square", externalId: write.id });
  });

  it("a 5xx is retried by the execution's backoff: one transfer request, one POS transfer", async () => {
    const before = writesOf("square").length;
    const draftId = await approvedTransfer(1);
    pos.failNext("square", 503);
    expect(await drain()).toMatchObject({ claimed: 1, failed: 1 });
    let state = await stateOf(draftId);
    expect(state.execution).toMatchObject({ status: "failed", attempts: 1 });
    expect(state.execution.lastError).toMatch(/503/);
    expect(state.order).toMatchObject({ provider: null, externalId: null, status: "open" });
    expect(state.pos).toMatchObject({ state: "retrying", attempts: 1 });
    expect(state.draft.status).toBe("approved");

    expect(await drain()).toMatchObject({ claimed: 1, executed: 1 });
    state = await stateOf(draftId);
    expect(writesOf("square").length - before).toBe(1);
    expect(state.order).toMatchObject({ provider: "square", status: "sent" });
    expect(state.draft.status).toBe("executed");
  });

  it("a 4xx is permanent and shown on the request; after the cause is fixed, Retry sends it", async () => {
    const before = writesOf("square").length;
    // Square no longer knows the variation Vitrine has for the watch: it refuses the change (400).
    await t.db.insert(productRefs).values({ connectionId: connections.square, externalId: "VARIATION-GONE", productId: watch });
    const draftId = await approvedTransfer(1, watch);
    expect(await drain()).toMatchObject({ claimed: 1, dead: 1 });
    const state = await stateOf(draftId);
    expect(state.execution.status).toBe("dead");
    expect(state.execution.lastError).toMatch(/refused the transfer.*400.*VARIATION-GONE/s);
    expect(state.draft.status).toBe("execution_failed");
    expect(state.pos).toMatchObject({ state: "failed", draftId, lastError: state.execution.lastError });
    expect(writesOf("square").length).toBe(before);

    pos.data.put("square", SQUARE_RESOURCES.catalog, "VARIATION-GONE", { id: "VARIATION-GONE", type: "ITEM_VARIATION" });
    await retryExecution(t.db, buyer, draftId);
    expect(await drain()).toMatchObject({ claimed: 1, executed: 1 });
    expect((await stateOf(draftId)).pos).toMatchObject({ state: "sent", provider: "square" });
    expect(writesOf("square").length - before).toBe(1);
  });
});

describe("Shopify", () => {
  beforeEach(() => use(connections.shopify));

  it("creates an inventory transfer ready to ship from the variant's inventory item, once per request", async () => {
    const draftId = await approvedTransfer(3);
    expect(await drain()).toMatchObject({ executed: 1 });
    const { order } = await stateOf(draftId);
    const writes = writesOf("shopify");
    expect(writes).toHaveLength(1);
    expect(writes[0].body).toEqual({
      key: `vitrine-transfer-${order.id}`,
      input: {
        originLocationId: `gid://shopify/Location/${PLATFORM.shopify.from}`,
        destinationLocationId: `gid://shopify/Location/${PLATFORM.shopify.to}`,
        lineItems: [{ inventoryItemId: "gid://shopify/InventoryItem/47110", quantity: 3 }],
        referenceName: order.number,
        dateCreated: order.createdAt.toISOString(),
      },
    });
    expect(order).toMatchObject({ provider: "shopify", externalId: writes[0].id });

    // lost answer: the @idempotent key returns the same transfer
    await t.db.update(purchaseOrders).set({ provider: null, externalId: null }).where(eq(purchaseOrders.id, order.id));
    await t.db.update(draftExecutions).set({ result: { purchaseOrderId: order.id } }).where(eq(draftExecutions.draftId, draftId));
    await runAgain(draftId);
    expect(writesOf("shopify")).toHaveLength(1);
    expect((await stateOf(draftId)).order.externalId).toBe(writes[0].id);
  });
});

describe("Lightspeed X-Series", () => {
  beforeEach(() => use(connections.lightspeed_x));

  it("sends an OUTLET consignment; a failure after it was created resumes the same consignment", async () => {
    const draftId = await approvedTransfer(2);
    // create passes, the next call (reading its products) fails: the consignment exists, still OPEN
    pos.failNext("lightspeed_x", 502, 1, 1);
    expect(await drain()).toMatchObject({ failed: 1 });
    let consignments = pos.data.list("lightspeed_x", X_RESOURCES.consignments);
    expect(consignments).toHaveLength(1);
    const id = consignments[0].id;
    expect(consignments[0].object).toMatchObject({ type: "OUTLET", status: "OPEN", outlet_id: PLATFORM.lightspeed_x.to, source_outlet_id: PLATFORM.lightspeed_x.from, products: [] });
    expect((await stateOf(draftId)).execution.result).toMatchObject({ posTransfer: { status: "started", provider: "lightspeed_x", externalId: id } });

    expect(await drain()).toMatchObject({ executed: 1 });
    consignments = pos.data.list("lightspeed_x", X_RESOURCES.consignments);
    expect(consignments).toHaveLength(1);
    const { order } = await stateOf(draftId);
    expect(consignments[0].object).toMatchObject({ name: order.number, status: "SENT", products: [{ product_id: PLATFORM.lightspeed_x.strap, count: "2.00000" }] });
    expect(order).toMatchObject({ provider: "lightspeed_x", externalId: id, status: "sent" });
    expect(writesOf("lightspeed_x")).toHaveLength(1);

    await runAgain(draftId);
    expect(pos.data.list("lightspeed_x", X_RESOURCES.consignments)).toHaveLength(1);
    expect(writesOf("lightspeed_x")).toHaveLength(1);
  });
});

describe("Lightspeed R-Series", () => {
  beforeEach(() => use(connections.lightspeed_r));

  it("creates an inventory transfer between the shops with its items and sends it, once", async () => {
    const draftId = await approvedTransfer(4);
    // the send call fails once (5xx): the retry finds the open transfer and its item, and only sends it
    pos.failNext("lightspeed_r", 500, 1, 3);
    expect(await drain()).toMatchObject({ failed: 1 });
    expect(await drain()).toMatchObject({ executed: 1 });
    const transfers = pos.data.list("lightspeed_r", R_RESOURCES.Transfer, "4242");
    expect(transfers).toHaveLength(1);
    const { order } = await stateOf(draftId);
    expect(transfers[0].object).toMatchObject({
      sendingShopID: PLATFORM.lightspeed_r.from,
      receivingShopID: PLATFORM.lightspeed_r.to,
      note: order.number,
      status: "sent",
      TransferItems: [{ itemID: PLATFORM.lightspeed_r.strap, toSend: "4", sent: "4" }],
    });
    expect(order).toMatchObject({ provider: "lightspeed_r", externalId: transfers[0].id });
    await runAgain(draftId);
    expect(pos.data.list("lightspeed_r", R_RESOURCES.Transfer, "4242")).toHaveLength(1);
    expect(writesOf("lightspeed_r")).toHaveLength(1);
  });
});

describe("transfers that stay in Vitrine", () => {
  it("Clover has no transfers: the request is raised and marked to be moved by hand", async () => {
    await use(connections.clover);
    const before = pos.data.writes.length;
    const draftId = await approvedTransfer(1);
    expect(await drain()).toMatchObject({ executed: 1 });
    const state = await stateOf(draftId);
    expect(state.pos).toEqual({ state: "skipped", reason: "unsupported", provider: "clover", skus: [] });
    expect(state.order).toMatchObject({ provider: null, externalId: null, status: "open" });
    expect(state.draft.status).toBe("executed");
    expect(pos.data.writes.length).toBe(before);
  });

  it("stores that are not locations of one connection are skipped with the reason", async () => {
    const onlyA = await connect("square", { [PLATFORM.square.to]: cast.storeA });
    const onlyB = await connect("square", { [PLATFORM.square.from]: cast.storeB });
    await use(onlyA, onlyB);
    let draftId = await approvedTransfer(1);
    expect(await drain()).toMatchObject({ executed: 1 });
    expect((await stateOf(draftId)).pos).toMatchObject({ state: "skipped", reason: "different_connections" });

    await use(onlyA);
    draftId = await approvedTransfer(1);
    expect(await drain()).toMatchObject({ executed: 1 });
    expect((await stateOf(draftId)).pos).toMatchObject({ state: "skipped", reason: "no_connection" });
  });

  it("a product the POS does not know is skipped, naming its SKU", async () => {
    await use(connections.lightspeed_r);
    const unknown = await createProduct(t.db, PRODUCTS.quartz);
    const [{ sku }] = await t.db.select({ sku: products.sku }).from(products).where(eq(products.id, unknown));
    const draftId = await approvedTransfer(1, unknown);
    expect(await drain()).toMatchObject({ executed: 1 });
    expect((await stateOf(draftId)).pos).toEqual({ state: "skipped", reason: "product_not_in_pos", provider: "lightspeed_r", skus: [sku] });
    expect(await t.db.select().from(productRefs).where(eq(productRefs.productId, unknown))).toEqual([]);
  });
});
