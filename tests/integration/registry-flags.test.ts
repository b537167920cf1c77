import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { flagsForItem, listFlags } from "@/lib/registry/flags";
import { getRegistryItem } from "@/lib/registry/item";
import { serializedItems } from "@/db/schema";
import { and, eq } from "drizzle-orm";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast, type Cast } from "../fixtures/people";
import { daysAgo, makeCustomer, makeProduct, receiveItem, recordReturn, recordSale } from "../fixtures/clienteling/world";

let t: TestDb;
let cast: Cast;
let admin: Viewer;
let managerA: Viewer;
let managerB: Viewer;
let buyer: Viewer;
let watch: string;
let ring: string;
let anna: string;
let ben: string;

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  [admin, managerA, managerB, buyer] = (await Promise.all([cast.admin, cast.managerA, cast.managerB, cast.buyer].map((id) => loadViewer(t.db, id)))) as Viewer[];
  watch = await makeProduct(t.db, { sku: "AUR-38", brand: "Aurelian", name: "Automatic 38" });
  ring = await makeProduct(t.db, { sku: "CAS-RING", brand: "Castellane", name: "Solitaire", category: "fine_jewellery" });
  anna = await makeCustomer(t.db, { firstName: "Anna", lastName: "Berg", homeStoreId: cast.storeA });
  ben = await makeCustomer(t.db, { firstName: "Ben", lastName: "Cole", homeStoreId: cast.storeA });
});
afterAll(() => t.close());

async function itemId(productId: string, serial: string): Promise<string> {
  const [row] = await t.db.select({ id: serializedItems.id }).from(serializedItems).where(and(eq(serializedItems.productId, productId), eq(serializedItems.serialNumber, serial)));
  return row.id;
}
const kinds = async (id: string) => (await flagsForItem(t.db, id)).map((f) => f.kind);

describe("integrity flags on crafted sequences", () => {
  it("received, then sold: no flag", async () => {
    const id = await receiveItem(t.db, { productId: watch, serial: "S-CLEAN", storeId: cast.storeA, at: daysAgo(100) });
    await recordSale(t.db, { storeId: cast.storeA, customerId: anna, completedAt: daysAgo(90), lines: [{ productId: watch, serials: ["S-CLEAN"] }] });
    expect(await kinds(id)).toEqual([]);
  });

  it("sold twice without a return in between: flagged on the second sale", async () => {
    await receiveItem(t.db, { productId: watch, serial: "S-TWICE", storeId: cast.storeA, at: daysAgo(100) });
    await recordSale(t.db, { storeId: cast.storeA, customerId: anna, completedAt: daysAgo(90), lines: [{ productId: watch, serials: ["S-TWICE"] }] });
    const second = await recordSale(t.db, { storeId: cast.storeB, customerId: ben, completedAt: daysAgo(10), lines: [{ productId: watch, serials: ["S-TWICE"] }] });
    const flags = await flagsForItem(t.db, await itemId(watch, "S-TWICE"));
    expect(flags.map((f) => [f.kind, f.saleId, f.storeId])).toEqual([["sold_twice", second, cast.storeB]]);
  });

  it("sold, returned, resold: no flag", async () => {
    await receiveItem(t.db, { productId: watch, serial: "S-RESOLD", storeId: cast.storeA, at: daysAgo(100) });
    const first = await recordSale(t.db, { storeId: cast.storeA, customerId: anna, completedAt: daysAgo(90), lines: [{ productId: watch, serials: ["S-RESOLD"] }] });
    await recordReturn(t.db, { saleId: first, storeId: cast.storeA, customerId: anna, productId: watch, serial: "S-RESOLD", returnedAt: daysAgo(80) });
    await recordSale(t.db, { storeId: cast.storeA, customerId: ben, completedAt: daysAgo(70), lines: [{ productId: watch, serials: ["S-RESOLD"] }] });
    const id = await itemId(watch, "S-RESOLD");
    expect(await kinds(id)).toEqual([]);
    const item = await getRegistryItem({ db: t.db, viewer: managerA, itemId: id });
    expect(item?.custody.map((s) => s.kind)).toEqual(["received", "sold", "returned", "resold"]);
    expect(item?.custody[2].return).not.toBeNull();
    expect(item?.custody[3].sale?.id).toBeDefined();
    expect(item?.owner).toEqual({ id: ben, name: "Ben Cole" });
  });

  it("sold, returned, sold, sold: only the last sale is flagged", async () => {
    await receiveItem(t.db, { productId: watch, serial: "S-MIX", storeId: cast.storeA, at: daysAgo(100) });
    const first = await recordSale(t.db, { storeId: cast.storeA, customerId: anna, completedAt: daysAgo(90), lines: [{ productId: watch, serials: ["S-MIX"] }] });
    await recordReturn(t.db, { saleId: first, storeId: cast.storeA, customerId: anna, productId: watch, serial: "S-MIX", returnedAt: daysAgo(80) });
    await recordSale(t.db, { storeId: cast.storeA, customerId: ben, completedAt: daysAgo(70), lines: [{ productId: watch, serials: ["S-MIX"] }] });
    const last = await recordSale(t.db, { storeId: cast.storeA, customerId: anna, completedAt: daysAgo(60), lines: [{ productId: watch, serials: ["S-MIX"] }] });
    const flags = await flagsForItem(t.db, await itemId(watch, "S-MIX"));
    expect(flags.map((f) => [f.kind, f.saleId])).toEqual([["sold_twice", last]]);
  });

  it("a serial unknown to inventory at sale time: flagged", async () => {
    const sale = await recordSale(t.db, { storeId: cast.storeA, customerId: anna, completedAt: daysAgo(5), lines: [{ productId: watch, serials: ["S-UNKNOWN"] }] });
    const flags = await flagsForItem(t.db, await itemId(watch, "S-UNKNOWN"));
    expect(flags.map((f) => [f.kind, f.saleId])).toEqual([["unknown_at_sale", sale]]);
  });

  it("a serial reported on two products: both flagged", async () => {
    await receiveItem(t.db, { productId: watch, serial: "S-SHARED", storeId: cast.storeA, at: daysAgo(50) });
    await receiveItem(t.db, { productId: ring, serial: "S-SHARED", storeId: cast.storeA, at: daysAgo(40) });
    expect(await kinds(await itemId(watch, "S-SHARED"))).toEqual(["serial_on_products"]);
    expect(await kinds(await itemId(ring, "S-SHARED"))).toEqual(["serial_on_products"]);
  });
});

describe("the flags list", () => {
  it("is scoped to the manager's stores", async () => {
    const inA = await listFlags({ db: t.db, viewer: managerA });
    expect(inA.map((f) => f.serialNumber).sort()).toEqual(["S-MIX", "S-SHARED", "S-SHARED", "S-UNKNOWN"]);
    const inB = await listFlags({ db: t.db, viewer: managerB });
    expect(inB.map((f) => [f.serialNumber, f.kind])).toEqual([["S-TWICE", "sold_twice"]]);
    expect(await listFlags({ db: t.db, viewer: admin })).toHaveLength(5);
  });

  it("shows a buyer the item but never its owner", async () => {
    const id = await itemId(watch, "S-RESOLD");
    const item = await getRegistryItem({ db: t.db, viewer: buyer, itemId: id });
    expect(item?.serialNumber).toBe("S-RESOLD");
    expect(item).not.toHaveProperty("owner");
    expect(item?.custody.every((s) => s.customer === null)).toBe(true);
    expect(JSON.stringify(item)).not.toMatch(/Cole|Berg/);
  });

  it("does not show store B's manager an item that never passed through store B", async () => {
    expect(await getRegistryItem({ db: t.db, viewer: managerB, itemId: await itemId(watch, "S-CLEAN") })).toBeNull();
  });
});
