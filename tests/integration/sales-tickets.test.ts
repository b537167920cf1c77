import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { custodyEvents, drafts, returns, saleLines, sales, serializedItems, serviceTickets, userStores, users } from "@/db/schema";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { getClientCard } from "@/lib/clienteling/card";
import { getRegistryItem } from "@/lib/registry/item";
import { getReturn } from "@/lib/sales/return";
import { getSale } from "@/lib/sales/sale";
import { getTicket } from "@/lib/tickets/ticket";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast, type Cast } from "../fixtures/people";
import { daysAgo, makeCustomer, makeProduct, recordReturn, recordSale } from "../fixtures/clienteling/world";

let t: TestDb;
let cast: Cast;
let viewers: Record<"admin" | "managerA" | "managerB" | "buyer" | "associateA" | "associateB", Viewer>;
let anna: string;
let ben: string;
let watch: string;
let strap: string;
/** at store A, to Anna: a watch (S-A1, later returned at A) and two straps (one returned at store B) */
let saleA: string;
/** at store B, to Ben */
let saleB: string;
let returnAtA: string;
let returnAtB: string;
let ticketA: string;
let ticketB: string;
let ticketDraft: string;

async function lineId(saleId: string, lineNo: number): Promise<string> {
  const [row] = await t.db.select({ id: saleLines.id }).from(saleLines).where(and(eq(saleLines.saleId, saleId), eq(saleLines.lineNo, lineNo)));
  return row.id;
}

async function itemId(serial: string): Promise<string> {
  const [row] = await t.db.select({ id: serializedItems.id }).from(serializedItems).where(eq(serializedItems.serialNumber, serial));
  return row.id;
}

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  const [assocB] = await t.db.insert(users).values({ email: "associate.b@test.example", name: "associate.b", role: "associate" }).returning({ id: users.id });
  await t.db.insert(userStores).values({ userId: assocB.id, storeId: cast.storeB });
  const [admin, managerA, managerB, buyer, associateA, associateB] = (await Promise.all(
    [cast.admin, cast.managerA, cast.managerB, cast.buyer, cast.associateA, assocB.id].map((id) => loadViewer(t.db, id)),
  )) as Viewer[];
  viewers = { admin, managerA, managerB, buyer, associateA, associateB };

  watch = await makeProduct(t.db, { sku: "AUR-38", brand: "Aurelian", name: "Automatic 38" });
  strap = await makeProduct(t.db, { sku: "AUR-STRAP", brand: "Aurelian", name: "Alligator strap", isSerialized: false, warrantyMonths: 0 });
  anna = await makeCustomer(t.db, { firstName: "Anna", lastName: "Berg", homeStoreId: cast.storeA });
  ben = await makeCustomer(t.db, { firstName: "Ben", lastName: "Cole", homeStoreId: cast.storeB });

  saleA = await recordSale(t.db, {
    storeId: cast.storeA,
    customerId: anna,
    associateId: cast.associateA,
    completedAt: daysAgo(40),
    lines: [
      { productId: watch, sku: "AUR-38", serials: ["S-A1"], priceMinor: 650_000 },
      { productId: strap, sku: "AUR-STRAP", quantity: 2, priceMinor: 30_000 },
    ],
  });
  returnAtA = await recordReturn(t.db, {
    saleId: saleA,
    saleLineId: await lineId(saleA, 1),
    storeId: cast.storeA,
    customerId: anna,
    productId: watch,
    serial: "S-A1",
    returnedAt: daysAgo(30),
    reason: "Case too large for the wrist",
  });
  // one strap comes back at the other store
  [{ id: returnAtB }] = await t.db
    .insert(returns)
    .values({
      saleId: saleA,
      saleLineId: await lineId(saleA, 2),
      storeId: cast.storeB,
      customerId: anna,
      productId: strap,
      quantity: 1,
      refundMinor: 30_000,
      currency: "CHF",
      provider: "shopify",
      externalId: "refund-strap:1",
      origin: "webhook",
      returnedAt: daysAgo(20),
    })
    .returning({ id: returns.id });
  saleB = await recordSale(t.db, { storeId: cast.storeB, customerId: ben, completedAt: daysAgo(10), lines: [{ productId: watch, sku: "AUR-38", serials: ["S-B1"] }] });

  [{ id: ticketDraft }] = await t.db
    .insert(drafts)
    .values({ kind: "service_ticket", status: "executed", storeId: cast.storeA, customerId: anna, dedupeKey: crypto.randomUUID(), output: { kind: "regulation" } })
    .returning({ id: drafts.id });
  [{ id: ticketA }] = await t.db
    .insert(serviceTickets)
    .values({
      storeId: cast.storeA,
      customerId: anna,
      itemId: await itemId("S-A1"),
      kind: "regulation",
      status: "in_progress",
      description: "Regulation check: losing about 12 s a day.",
      dueOn: daysAgo(3).toISOString().slice(0, 10),
      currency: "CHF",
      openedAt: daysAgo(35),
      openedById: cast.managerA,
      sourceDraftId: ticketDraft,
      provider: "shopify",
      externalId: "WO-1001",
    })
    .returning({ id: serviceTickets.id });
  await t.db.insert(custodyEvents).values({ itemId: await itemId("S-A1"), kind: "in_service", occurredAt: daysAgo(35), storeId: cast.storeA, customerId: anna, serviceTicketId: ticketA });
  [{ id: ticketB }] = await t.db
    .insert(serviceTickets)
    .values({ storeId: cast.storeB, customerId: ben, itemId: await itemId("S-B1"), kind: "battery", status: "closed", dueOn: daysAgo(5).toISOString().slice(0, 10), closedAt: daysAgo(4), currency: "USD" })
    .returning({ id: serviceTickets.id });
});
afterAll(() => t.close());

/** Which of the named records each role reaches: stores scope them, whatever the id. */
const REACH = {
  admin: { A: true, B: true },
  managerA: { A: true, B: false },
  managerB: { A: false, B: true },
  buyer: { A: true, B: true },
  associateA: { A: true, B: false },
  associateB: { A: false, B: true },
} as const;

describe("a sale's page", () => {
  it.each(Object.entries(REACH))("is scoped to the stores of a %s", async (role, reach) => {
    const viewer = viewers[role as keyof typeof viewers];
    expect((await getSale({ db: t.db, viewer, saleId: saleA }))?.id ?? null).toBe(reach.A ? saleA : null);
    expect((await getSale({ db: t.db, viewer, saleId: saleB }))?.id ?? null).toBe(reach.B ? saleB : null);
  });

  it("is not found for an unknown id", async () => {
    expect(await getSale({ db: t.db, viewer: viewers.admin, saleId: crypto.randomUUID() })).toBeNull();
  });

  it("reads like the receipt: store, associate, client, lines with serials linked to the registry, totals", async () => {
    const sale = (await getSale({ db: t.db, viewer: viewers.managerA, saleId: saleA }))!;
    expect(sale).toMatchObject({
      provider: "shopify",
      store: { id: cast.storeA, timezone: "Europe/Zurich" },
      associate: { id: cast.associateA, name: "associate.a" },
      customer: { id: anna, name: "Anna Berg" },
      totalMinor: 710_000,
      currency: "CHF",
    });
    expect(sale.lines.map((l) => [l.lineNo, l.sku, l.quantity, l.unitPriceMinor, l.totalMinor, l.returnedQuantity])).toEqual([
      [1, "AUR-38", 1, 650_000, 650_000, 1],
      [2, "AUR-STRAP", 2, 30_000, 60_000, 1],
    ]);
    expect(sale.lines[0].serials).toEqual([{ number: "S-A1", itemId: await itemId("S-A1") }]);
    expect(sale.lines[1].serials).toEqual([]);
  });

  it("hides the client from a buyer, who still sees the lines", async () => {
    const sale = (await getSale({ db: t.db, viewer: viewers.buyer, saleId: saleA }))!;
    expect(sale.customer).toBeUndefined();
    expect(JSON.stringify(sale)).not.toContain("Anna");
    expect(sale.lines).toHaveLength(2);
  });

  it("lists its returns, wherever they were taken, and says how much came back", async () => {
    const sale = (await getSale({ db: t.db, viewer: viewers.managerA, saleId: saleA }))!;
    expect(sale.returns.map((r) => [r.id, r.store.id, r.lineNo, r.quantity])).toEqual([
      [returnAtA, cast.storeA, 1, 1],
      [returnAtB, cast.storeB, 2, 1],
    ]);
    expect(sale.returns[0]).toMatchObject({ serialNumber: "S-A1", reason: "Case too large for the wrist", sku: "AUR-38" });
    expect(sale.state).toBe("partially_returned");
    expect(sale.refundedMinor).toBe(130_000);
  });

  it("is returned once every unit came back, and keeps the POS's voided status", async () => {
    const whole = await recordSale(t.db, { storeId: cast.storeA, customerId: anna, completedAt: daysAgo(9), lines: [{ productId: watch, serials: ["S-A2"] }] });
    await recordReturn(t.db, { saleId: whole, storeId: cast.storeA, customerId: anna, productId: watch, serial: "S-A2", returnedAt: daysAgo(8) });
    expect((await getSale({ db: t.db, viewer: viewers.managerA, saleId: whole }))?.state).toBe("returned");
    await t.db.update(sales).set({ status: "voided" }).where(eq(sales.id, saleB));
    expect((await getSale({ db: t.db, viewer: viewers.managerB, saleId: saleB }))?.state).toBe("voided");
    await t.db.update(sales).set({ status: "completed" }).where(eq(sales.id, saleB));
    expect((await getSale({ db: t.db, viewer: viewers.managerB, saleId: saleB }))?.state).toBe("completed");
  });
});

describe("a return's page", () => {
  it("links back to the sale it refunds, and the sale lists it", async () => {
    const detail = (await getReturn({ db: t.db, viewer: viewers.managerA, returnId: returnAtA }))!;
    expect(detail).toMatchObject({
      store: { id: cast.storeA },
      customer: { id: anna, name: "Anna Berg" },
      serial: { number: "S-A1", itemId: await itemId("S-A1") },
      product: { sku: "AUR-38" },
      refundMinor: 100_000,
      reason: "Case too large for the wrist",
      sale: { id: saleA, lineNo: 1, canOpen: true, store: { id: cast.storeA } },
    });
    const sale = (await getSale({ db: t.db, viewer: viewers.managerA, saleId: detail.sale!.id }))!;
    expect(sale.returns.map((r) => r.id)).toContain(returnAtA);
  });

  it("reaches the store that took it back and the store that sold, not a third", async () => {
    // taken at B against a sale of A: both stores' staff reach it; only A's open the sale
    for (const role of ["admin", "managerA", "managerB", "buyer", "associateA", "associateB"] as const) {
      const detail = await getReturn({ db: t.db, viewer: viewers[role], returnId: returnAtB });
      expect(detail?.id, role).toBe(returnAtB);
      expect(detail?.sale?.canOpen, role).toBe(REACH[role].A);
    }
    // taken at A against a sale of A: store B's staff do not reach it
    for (const role of ["managerB", "associateB"] as const) {
      expect(await getReturn({ db: t.db, viewer: viewers[role], returnId: returnAtA }), role).toBeNull();
    }
    expect(await getReturn({ db: t.db, viewer: viewers.admin, returnId: crypto.randomUUID() })).toBeNull();
  });

  it("hides the client from a buyer", async () => {
    const detail = (await getReturn({ db: t.db, viewer: viewers.buyer, returnId: returnAtA }))!;
    expect(detail.customer).toBeUndefined();
    expect(JSON.stringify(detail)).not.toContain("Anna");
  });
});

describe("a service ticket's page", () => {
  it.each(Object.entries(REACH))("is scoped to the stores of a %s", async (role, reach) => {
    const viewer = viewers[role as keyof typeof viewers];
    expect((await getTicket({ db: t.db, viewer, ticketId: ticketA }))?.id ?? null).toBe(reach.A ? ticketA : null);
    expect((await getTicket({ db: t.db, viewer, ticketId: ticketB }))?.id ?? null).toBe(reach.B ? ticketB : null);
  });

  it("shows the work, the piece, the client, its dates, who opened it, its draft and POS work order", async () => {
    const ticket = (await getTicket({ db: t.db, viewer: viewers.managerA, ticketId: ticketA }))!;
    expect(ticket).toMatchObject({
      kind: "regulation",
      status: "in_progress",
      store: { id: cast.storeA },
      customer: { id: anna, name: "Anna Berg" },
      item: { id: await itemId("S-A1"), serialNumber: "S-A1" },
      product: { brand: "Aurelian", name: "Automatic 38", sku: "AUR-38" },
      description: "Regulation check: losing about 12 s a day.",
      isOverdue: true,
      closedAt: null,
      openedBy: "manager.a",
      sourceDraft: { id: ticketDraft, status: "executed", canOpen: true },
      posReference: { provider: "shopify", externalId: "WO-1001" },
    });
  });

  it("is not overdue once closed, even past its due date", async () => {
    const ticket = (await getTicket({ db: t.db, viewer: viewers.managerB, ticketId: ticketB }))!;
    expect(ticket).toMatchObject({ status: "closed", isOverdue: false, sourceDraft: null, posReference: null });
    expect(ticket.closedAt).toBeInstanceOf(Date);
  });

  it("links the source draft only for those who may read it in the queue", async () => {
    for (const role of ["associateA", "buyer"] as const) {
      const ticket = (await getTicket({ db: t.db, viewer: viewers[role], ticketId: ticketA }))!;
      expect(ticket.sourceDraft, role).toEqual({ id: ticketDraft, status: "executed", canOpen: false });
    }
    expect((await getTicket({ db: t.db, viewer: viewers.admin, ticketId: ticketA }))!.sourceDraft?.canOpen).toBe(true);
  });

  it("hides the client from a buyer, who still sees the piece", async () => {
    const ticket = (await getTicket({ db: t.db, viewer: viewers.buyer, ticketId: ticketA }))!;
    expect(ticket.customer).toBeUndefined();
    expect(JSON.stringify(ticket)).not.toContain("Anna");
    expect(ticket.item?.serialNumber).toBe("S-A1");
    expect(await getTicket({ db: t.db, viewer: viewers.admin, ticketId: crypto.randomUUID() })).toBeNull();
  });
});

describe("links into these pages", () => {
  it("the custody timeline links each step to its sale, return or ticket", async () => {
    const item = (await getRegistryItem({ db: t.db, viewer: viewers.managerA, itemId: await itemId("S-A1") }))!;
    expect(item.custody.map((s) => [s.kind, s.sale?.id ?? null, s.sale?.canOpen ?? null, s.return?.id ?? null, s.return?.canOpen ?? null, s.ticket?.id ?? null, s.ticket?.canOpen ?? null])).toEqual([
      ["sold", saleA, true, null, null, null, null],
      ["in_service", null, null, null, null, ticketA, true],
      ["returned", saleA, true, returnAtA, true, null, null],
    ]);
  });

  it("a step at a store outside the viewer's reach names its sale without a link", async () => {
    const moved = await recordSale(t.db, { storeId: cast.storeB, customerId: ben, completedAt: daysAgo(2), lines: [{ productId: watch, serials: ["S-A1"] }] });
    const item = (await getRegistryItem({ db: t.db, viewer: viewers.managerA, itemId: await itemId("S-A1") }))!;
    const resold = item.custody.find((s) => s.sale?.id === moved)!;
    expect(resold.sale).toMatchObject({ id: moved, canOpen: false });
    const asAdmin = (await getRegistryItem({ db: t.db, viewer: viewers.admin, itemId: await itemId("S-A1") }))!;
    expect(asAdmin.custody.find((s) => s.sale?.id === moved)?.sale?.canOpen).toBe(true);
  });

  it("the client card links purchases and tickets the viewer may open", async () => {
    await recordSale(t.db, { storeId: cast.storeB, customerId: anna, completedAt: daysAgo(1), lines: [{ productId: strap, sku: "AUR-STRAP" }] });
    const card = (await getClientCard({ db: t.db, viewer: viewers.associateA, customerId: anna }))!;
    expect(card.purchases.lines.map((l) => [l.storeCode, l.canOpenSale])).toEqual([
      ["BBB", false],
      ["AAA", true],
    ]);
    expect(card.openTickets.map((x) => [x.id, x.canOpen])).toEqual([[ticketA, true]]);
    const asAdmin = (await getClientCard({ db: t.db, viewer: viewers.admin, customerId: anna }))!;
    expect(asAdmin.purchases.lines.every((l) => l.canOpenSale)).toBe(true);
  });
});
