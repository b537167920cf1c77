import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userStores, users } from "@/db/schema";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { searchEverything } from "@/lib/search/search";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast, type Cast } from "../fixtures/people";
import { daysAgo, makeCustomer, makeProduct, recordSale } from "../fixtures/clienteling/world";

let t: TestDb;
let cast: Cast;
let admin: Viewer;
let managerA: Viewer;
let managerB: Viewer;
let buyer: Viewer;
let associateA: Viewer;
let associateB: Viewer;
let noel: string;
let lindqvist: string;
let boughtInB: string;

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  const [assocB] = await t.db.insert(users).values({ email: "associate.b@test.example", name: "associate.b", role: "associate" }).returning({ id: users.id });
  await t.db.insert(userStores).values({ userId: assocB.id, storeId: cast.storeB });
  [admin, managerA, managerB, buyer, associateA, associateB] = (await Promise.all(
    [cast.admin, cast.managerA, cast.managerB, cast.buyer, cast.associateA, assocB.id].map((id) => loadViewer(t.db, id)),
  )) as Viewer[];

  noel = await makeCustomer(t.db, { firstName: "Noël", lastName: "Aubert", email: "noel.aubert@example.com", emailNormalized: "noel.aubert@example.com", homeStoreId: cast.storeA, loyaltyId: "LOY-778812" });
  lindqvist = await makeCustomer(t.db, { firstName: "Ingrid", lastName: "Lindqvist", phone: "+46 70 123 45 67", phoneNormalized: "+46701234567", homeStoreId: cast.storeA });
  await makeCustomer(t.db, { firstName: "Zoé", lastName: "Marchetti", homeStoreId: cast.storeB });
  // home store A, but a purchase in B: B's staff find her too
  boughtInB = await makeCustomer(t.db, { firstName: "Astrid", lastName: "Lindgren-Berg", homeStoreId: cast.storeA });
  const watch = await makeProduct(t.db, { sku: "AUR-38", brand: "Aurelian", name: "Automatic 38" });
  await recordSale(t.db, { storeId: cast.storeA, customerId: noel, lines: [{ productId: watch, serials: ["AUR-2024-00481921"] }], completedAt: daysAgo(30) });
  await recordSale(t.db, { storeId: cast.storeB, customerId: boughtInB, lines: [{ productId: watch, serials: ["AUR-2024-00999001"] }], completedAt: daysAgo(10) });
});
afterAll(() => t.close());

const search = (viewer: Viewer, query: string) => searchEverything({ db: t.db, viewer, query });

describe("tolerance", () => {
  it("ignores accents: Noel finds Noël", async () => {
    const { clients } = await search(managerA, "Noel");
    expect(clients.map((c) => c.id)).toContain(noel);
  });

  it("forgives a typo: lindqvst finds Lindqvist", async () => {
    const { clients } = await search(managerA, "lindqvst");
    expect(clients[0]?.id).toBe(lindqvist);
  });

  it("finds partial input in a name, an e-mail, a loyalty id and a phone number typed with spaces", async () => {
    expect((await search(managerA, "auber")).clients.map((c) => c.id)).toContain(noel);
    expect((await search(managerA, "noel.aubert@")).clients.map((c) => c.id)).toEqual([noel]);
    expect((await search(managerA, "778812")).clients.map((c) => c.id)).toEqual([noel]);
    expect((await search(managerA, "123 45 67")).clients.map((c) => c.id)).toEqual([lindqvist]);
  });

  it("finds a serial by its last digits", async () => {
    const { items } = await search(managerA, "481921");
    expect(items.map((i) => i.serialNumber)).toEqual(["AUR-2024-00481921"]);
  });

  it("finds nothing for under three characters", async () => {
    expect(await search(admin, "No")).toEqual({ query: "No", clients: [], items: [] });
  });

  it("does not match unrelated names", async () => {
    expect((await search(admin, "xylophone")).clients).toEqual([]);
  });
});

describe("scoping", () => {
  it("an associate of store B does not find store A's clients", async () => {
    expect((await search(associateB, "Noel")).clients).toEqual([]);
    expect((await search(associateB, "lindqvst")).clients).toEqual([]);
    expect((await search(managerB, "Noel")).clients).toEqual([]);
  });

  it("a client who bought in store B is found by store B's staff, and by store A's as her home store", async () => {
    expect((await search(associateB, "Lindgren")).clients.map((c) => c.id)).toEqual([boughtInB]);
    expect((await search(associateA, "Lindgren")).clients.map((c) => c.id)).toEqual([boughtInB]);
  });

  it("store B's associate does not find store A's serials; admin finds everything", async () => {
    expect((await search(associateB, "481921")).items).toEqual([]);
    expect((await search(admin, "481921")).items).toHaveLength(1);
    expect((await search(admin, "Marchetti")).clients).toHaveLength(1);
  });

  it("a buyer finds items but never their owners, and no clients", async () => {
    const results = await search(buyer, "481921");
    expect(results.items).toHaveLength(1);
    expect(results.items[0].owner).toBeNull();
    expect(JSON.stringify(results)).not.toMatch(/Aubert|Noël/);
    expect((await search(buyer, "Noel")).clients).toEqual([]);
  });

  it("a manager sees the owner of an item in their store", async () => {
    const { items } = await search(managerA, "481921");
    expect(items[0].owner).toEqual({ id: noel, name: "Noël Aubert" });
  });
});
