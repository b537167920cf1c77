import crypto from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  customerDuplicates,
  customerMerges,
  customerNotes,
  customerRefs,
  customers,
  custodyEvents,
  drafts,
  products,
  returns,
  sales,
  serializedItems,
  serviceTickets,
  type NewCustomer,
} from "@/db/schema";
import { runGuarded } from "@/lib/auth/guard";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { listDuplicates, listRecentMerges } from "@/lib/customers/duplicates";
import { dismissDuplicate, mergeCustomers, revertMerge } from "@/lib/customers/merge";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast, type Cast } from "../fixtures/people";

let t: TestDb;
let cast: Cast;
let admin: Viewer;
let managerA: Viewer;
let managerB: Viewer;
let productId: string;
let serial = 0;

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  admin = (await loadViewer(t.db, cast.admin))!;
  managerA = (await loadViewer(t.db, cast.managerA))!;
  managerB = (await loadViewer(t.db, cast.managerB))!;
  const [product] = await t.db
    .insert(products)
    .values({ sku: "W-1", brand: "Maison", name: "Automatic 38", category: "mechanical_watch", priceMinor: 500_000, costMinor: 200_000, currency: "CHF", isSerialized: true })
    .returning({ id: products.id });
  productId = product.id;
});
afterAll(() => t.close());

async function customer(values: Partial<NewCustomer> & { firstName: string; lastName: string }): Promise<string> {
  const [row] = await t.db
    .insert(customers)
    .values({ currency: "CHF", homeStoreId: cast.storeA, ...values })
    .returning({ id: customers.id });
  return row.id;
}

async function sale(
  customerId: string,
  totalMinor: number,
  { storeId = cast.storeA, status = "completed" }: { storeId?: string; status?: "completed" | "open" | "voided" } = {},
) {
  const [row] = await t.db
    .insert(sales)
    .values({
      storeId,
      customerId,
      provider: "shopify",
      externalId: crypto.randomUUID(),
      origin: "webhook",
      status,
      subtotalMinor: totalMinor,
      totalMinor,
      currency: "CHF",
      completedAt: new Date(),
    })
    .returning({ id: sales.id });
  return row.id;
}

async function pair(x: string, y: string, reason = "same name and city"): Promise<string> {
  const [a, b] = [x, y].sort();
  const [row] = await t.db.insert(customerDuplicates).values({ customerAId: a, customerBId: b, reason }).returning({ id: customerDuplicates.id });
  return row.id;
}

/** Two records of one person; the second owns one row of every kind. */
async function scenario(tag: string) {
  const keep = await customer({
    firstName: "Hélène",
    lastName: `Marchand-${tag}`,
    email: `helene.${tag}@example.com`,
    emailNormalized: `helene.${tag}@example.com`,
    consentEmail: true,
    consentSms: true,
    consentPhone: false,
    preferences: { brands: ["Maison"] },
  });
  const other = await customer({
    firstName: "Helene",
    lastName: `Marchand-${tag}`,
    phone: "+41 79 555 01 23",
    phoneNormalized: "+41795550123",
    city: "Genève",
    consentEmail: false,
    consentSms: true,
    consentPhone: true,
    doNotContact: false,
    tier: "gold",
    preferences: { ringSize: "52" },
  });
  const keptSale = await sale(keep, 100_000);
  const saleOne = await sale(other, 300_000);
  const saleTwo = await sale(other, 50_000);
  const voided = await sale(other, 999_999, { status: "voided" });
  const [ret] = await t.db
    .insert(returns)
    .values({ saleId: saleTwo, storeId: cast.storeA, customerId: other, quantity: 1, refundMinor: 20_000, currency: "CHF", provider: "shopify", externalId: crypto.randomUUID(), origin: "webhook", returnedAt: new Date() })
    .returning({ id: returns.id });
  const [item] = await t.db
    .insert(serializedItems)
    .values({ productId, serialNumber: `SN-${tag}-${++serial}`, status: "sold", currentOwnerId: other, currentStoreId: cast.storeA })
    .returning({ id: serializedItems.id });
  const [custody] = await t.db
    .insert(custodyEvents)
    .values({ itemId: item.id, kind: "sold", occurredAt: new Date(), storeId: cast.storeA, customerId: other, saleId: saleOne })
    .returning({ id: custodyEvents.id });
  const [ticket] = await t.db
    .insert(serviceTickets)
    .values({ storeId: cast.storeA, customerId: other, itemId: item.id, kind: "regulation", currency: "CHF" })
    .returning({ id: serviceTickets.id });
  const [draft] = await t.db
    .insert(drafts)
    .values({ kind: "client_message", storeId: cast.storeA, customerId: other, dedupeKey: `thanks:${tag}:${crypto.randomUUID()}` })
    .returning({ id: drafts.id });
  const [note] = await t.db.insert(customerNotes).values({ customerId: other, storeId: cast.storeA, body: "Prefers morning visits" }).returning({ id: customerNotes.id });
  const connectionId = crypto.randomUUID();
  await t.db.insert(customerRefs).values([
    { customerId: other, provider: "shopify", connectionId, externalId: `shop-${tag}` },
    { customerId: other, provider: "square", connectionId, externalId: `sq-${tag}` },
  ]);
  const duplicateId = await pair(keep, other);
  return {
    keep,
    other,
    duplicateId,
    keptSale,
    rows: {
      sales: [saleOne, saleTwo, voided].sort(),
      returns: [ret.id],
      serialized_items: [item.id],
      custody_events: [custody.id],
      service_tickets: [ticket.id],
      drafts: [draft.id],
      customer_notes: [note.id],
      customer_refs: [`${connectionId}:shop-${tag}`, `${connectionId}:sq-${tag}`].sort(),
    },
  };
}

async function ownerOf(table: "sales" | "returns" | "drafts" | "customer_notes" | "service_tickets" | "custody_events", ids: string[]) {
  const column = {
    sales: [sales, sales.id, sales.customerId],
    returns: [returns, returns.id, returns.customerId],
    drafts: [drafts, drafts.id, drafts.customerId],
    customer_notes: [customerNotes, customerNotes.id, customerNotes.customerId],
    service_tickets: [serviceTickets, serviceTickets.id, serviceTickets.customerId],
    custody_events: [custodyEvents, custodyEvents.id, custodyEvents.customerId],
  } as const;
  const [table_, id, owner] = column[table];
  const rows = await t.db.select({ owner }).from(table_).where(inArray(id, ids));
  return [...new Set(rows.map((r) => r.owner))];
}

async function customerRow(id: string) {
  const [row] = await t.db.select().from(customers).where(eq(customers.id, id));
  return row;
}

describe("listing probable duplicates", () => {
  it("shows a pair to the managers who can see one of its clients, masked, with what would move", async () => {
    const s = await scenario("list");
    const forA = await listDuplicates(t.db, managerA);
    const listed = forA.pairs.find((p) => p.id === s.duplicateId);
    expect(listed).toBeDefined();
    const other = listed!.a.id === s.other ? listed!.a : listed!.b;
    expect(other).toMatchObject({ phone: "••• 0123", city: "Genève", purchases: 2, providers: ["shopify", "square"] });
    expect(other.moves).toMatchObject({ purchases: 3, returns: 1, serializedItems: 1, posRecords: 2, notes: 1 });
    expect(listed!.differences).toEqual(expect.arrayContaining(["name", "email", "phone", "city"]));
    expect(JSON.stringify(listed)).not.toContain("helene.list@example.com");

    expect((await listDuplicates(t.db, managerB)).pairs.map((p) => p.id)).not.toContain(s.duplicateId);
    // a purchase at store B makes the client one of store B's too
    await sale(s.other, 10_000, { storeId: cast.storeB });
    expect((await listDuplicates(t.db, managerB)).pairs.map((p) => p.id)).toContain(s.duplicateId);
  });

  it("pages by creation time without losing or repeating a pair", async () => {
    const seen: string[] = [];
    let cursor = null;
    for (let page = 0; page < 10; page++) {
      const result: Awaited<ReturnType<typeof listDuplicates>> = await listDuplicates(t.db, admin, { cursor, limit: 1 });
      seen.push(...result.pairs.map((p) => p.id));
      if (!result.nextCursor) break;
      const at = result.nextCursor.lastIndexOf("|");
      cursor = { createdAt: result.nextCursor.slice(0, at), id: result.nextCursor.slice(at + 1) };
    }
    const all = await t.db.select({ id: customerDuplicates.id }).from(customerDuplicates).where(eq(customerDuplicates.status, "open"));
    expect(seen.sort()).toEqual(all.map((r) => r.id).sort());
  });
});

describe("merging two records", () => {
  it("moves every row of the merged client, records them, fills blanks and keeps the stricter consent", async () => {
    const s = await scenario("merge");
    const result = await mergeCustomers(t.db, managerA, { duplicateId: s.duplicateId, survivorId: s.keep });
    expect(result.moved).toMatchObject({ sales: 3, returns: 1, serialized_items: 1, custody_events: 1, service_tickets: 1, drafts: 1, customer_notes: 1, customer_refs: 2 });

    for (const table of ["sales", "returns", "drafts", "customer_notes", "service_tickets", "custody_events"] as const) {
      expect(await ownerOf(table, s.rows[table])).toEqual([s.keep]);
    }
    const [item] = await t.db.select().from(serializedItems).where(eq(serializedItems.id, s.rows.serialized_items[0]));
    expect(item.currentOwnerId).toBe(s.keep);
    expect(await t.db.$count(customerRefs, eq(customerRefs.customerId, s.keep))).toBe(2);

    const [merge] = await t.db.select().from(customerMerges).where(eq(customerMerges.id, result.mergeId));
    expect(merge.moved).toMatchObject(s.rows);

    const kept = await customerRow(s.keep);
    expect(kept).toMatchObject({
      firstName: "Hélène",
      email: "helene.merge@example.com",
      phone: "+41 79 555 01 23",
      phoneNormalized: "+41795550123",
      city: "Genève",
      consentEmail: false, // withdrawn on one record: withdrawn
      consentSms: true,
      consentPhone: false, // never given on the kept record
      tier: "gold",
      preferences: { brands: ["Maison"], ringSize: "52" },
      // 1000 + 3000 + 500 completed, the voided sale left out, minus the 200 refund
      lifetimeValueMinor: 100_000 + 300_000 + 50_000 - 20_000,
    });
    const gone = await customerRow(s.other);
    expect(gone).toMatchObject({ mergedIntoId: s.keep, lifetimeValueMinor: 0 });
    const [duplicate] = await t.db.select().from(customerDuplicates).where(eq(customerDuplicates.id, s.duplicateId));
    expect(duplicate).toMatchObject({ status: "merged", decidedById: cast.managerA });
  });

  it("sets do-not-contact when either record asked for it", async () => {
    const keep = await customer({ firstName: "Ines", lastName: "Roth", consentEmail: true });
    const other = await customer({ firstName: "Ines", lastName: "Roth", consentEmail: true, doNotContact: true });
    await mergeCustomers(t.db, admin, { duplicateId: await pair(keep, other), survivorId: keep });
    expect(await customerRow(keep)).toMatchObject({ doNotContact: true, consentEmail: true });
  });

  it("audits ids and counts, never a name or contact", async () => {
    const s = await scenario("audit");
    const { mergeId } = await mergeCustomers(t.db, managerA, { duplicateId: s.duplicateId, survivorId: s.keep });
    await revertMerge(t.db, managerA, { mergeId });
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(inArray(auditLog.action, ["customer.merged", "customer.merge_reverted"]), inArray(auditLog.targetId, [s.keep, s.other])));
    expect(entries.map((e) => e.action).sort()).toEqual(["customer.merge_reverted", "customer.merged"]);
    const merged = entries.find((e) => e.action === "customer.merged")!;
    expect(merged).toMatchObject({
      actorId: cast.managerA,
      targetId: s.keep,
      details: { mergeId, survivorId: s.keep, mergedId: s.other, duplicateId: s.duplicateId, moved: { sales: 3, customer_refs: 2 } },
    });
    const text = JSON.stringify(entries).toLowerCase();
    for (const pii of ["hélène", "helene", "marchand", "example.com", "555", "genève", "prefers morning"]) expect(text).not.toContain(pii);
  });

  it("re-points the merged record's other open pairs to the survivor, and puts them back on undo", async () => {
    const s = await scenario("chain");
    const third = await customer({ firstName: "Helene", lastName: "Marchand-chain", city: "Lausanne" });
    const otherPair = await pair(s.other, third);
    const { mergeId } = await mergeCustomers(t.db, admin, { duplicateId: s.duplicateId, survivorId: s.keep });
    const [moved] = await t.db.select().from(customerDuplicates).where(eq(customerDuplicates.id, otherPair));
    expect([moved.customerAId, moved.customerBId].sort()).toEqual([s.keep, third].sort());
    expect(moved.status).toBe("open");

    await revertMerge(t.db, admin, { mergeId });
    const [back] = await t.db.select().from(customerDuplicates).where(eq(customerDuplicates.id, otherPair));
    expect([back.customerAId, back.customerBId].sort()).toEqual([s.other, third].sort());
  });

  it("lets exactly one of two simultaneous merges of a pair win", async () => {
    const s = await scenario("race");
    const results = await Promise.allSettled([
      mergeCustomers(t.db, managerA, { duplicateId: s.duplicateId, survivorId: s.keep }),
      mergeCustomers(t.db, admin, { duplicateId: s.duplicateId, survivorId: s.other }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [failure] = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failure.reason).toMatchObject({ code: "conflict" });
    expect(await t.db.$count(customerMerges, eq(customerMerges.duplicateId, s.duplicateId))).toBe(1);
    const both = await t.db.select({ mergedIntoId: customers.mergedIntoId }).from(customers).where(inArray(customers.id, [s.keep, s.other]));
    expect(both.filter((c) => c.mergedIntoId !== null)).toHaveLength(1);
  });

  it("refuses a pair that was already decided, and a survivor outside the pair", async () => {
    const s = await scenario("decided");
    await expect(mergeCustomers(t.db, admin, { duplicateId: s.duplicateId, survivorId: crypto.randomUUID() })).rejects.toMatchObject({ code: "invalid_input" });
    await dismissDuplicate(t.db, managerA, { duplicateId: s.duplicateId });
    await expect(mergeCustomers(t.db, admin, { duplicateId: s.duplicateId, survivorId: s.keep })).rejects.toMatchObject({ code: "conflict" });
    await expect(dismissDuplicate(t.db, managerA, { duplicateId: s.duplicateId })).rejects.toMatchObject({ code: "conflict" });
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "customer.duplicate_dismissed"), eq(auditLog.targetId, s.duplicateId)));
    expect(entry.actorId).toBe(cast.managerA);
    expect((await listDuplicates(t.db, admin)).pairs.map((p) => p.id)).not.toContain(s.duplicateId);
  });
});

describe("who may merge", () => {
  it("hides a pair from a manager of another store: not found, nothing moves", async () => {
    const s = await scenario("scope");
    await expect(mergeCustomers(t.db, managerB, { duplicateId: s.duplicateId, survivorId: s.keep })).rejects.toMatchObject({ code: "not_found" });
    await expect(dismissDuplicate(t.db, managerB, { duplicateId: s.duplicateId })).rejects.toMatchObject({ code: "not_found" });
    expect(await ownerOf("sales", s.rows.sales)).toEqual([s.other]);
    const { mergeId } = await mergeCustomers(t.db, managerA, { duplicateId: s.duplicateId, survivorId: s.keep });
    await expect(revertMerge(t.db, managerB, { mergeId })).rejects.toMatchObject({ code: "not_found" });
    expect((await listRecentMerges(t.db, managerB)).map((m) => m.id)).not.toContain(mergeId);
    expect((await listRecentMerges(t.db, managerA)).find((m) => m.id === mergeId)).toMatchObject({ canUndo: true });
  });

  it("refuses associates and buyers, in the service and at the action guard", async () => {
    const s = await scenario("roles");
    for (const userId of [cast.associateA, cast.buyer]) {
      const viewer = (await loadViewer(t.db, userId))!;
      await expect(mergeCustomers(t.db, viewer, { duplicateId: s.duplicateId, survivorId: s.keep })).rejects.toMatchObject({ code: "forbidden" });
      const guarded = await runGuarded(
        { db: t.db, session: { userId }, permission: "customers.merge", schema: z.object({ duplicateId: z.string() }), request: { ip: null, requestId: null } },
        { duplicateId: s.duplicateId },
        async () => "ran",
      );
      expect(guarded).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await ownerOf("sales", s.rows.sales)).toEqual([s.other]);
  });
});

describe("undoing a merge", () => {
  it("moves back exactly the recorded rows and restores only the fields nobody changed since", async () => {
    const s = await scenario("revert");
    const before = await customerRow(s.keep);
    const { mergeId } = await mergeCustomers(t.db, managerA, { duplicateId: s.duplicateId, survivorId: s.keep });
    // after the merge: a new purchase for the survivor, and a manager corrects the city by hand
    const laterSale = await sale(s.keep, 70_000);
    await t.db.update(customers).set({ city: "Carouge" }).where(eq(customers.id, s.keep));

    const result = await revertMerge(t.db, managerA, { mergeId });
    expect(result.moved).toMatchObject({ sales: 3, customer_refs: 2, serialized_items: 1 });
    for (const table of ["sales", "returns", "drafts", "customer_notes", "service_tickets", "custody_events"] as const) {
      expect(await ownerOf(table, s.rows[table])).toEqual([s.other]);
    }
    expect(await ownerOf("sales", [s.keptSale, laterSale])).toEqual([s.keep]);
    expect(await t.db.$count(customerRefs, eq(customerRefs.customerId, s.other))).toBe(2);

    const kept = await customerRow(s.keep);
    expect(kept).toMatchObject({
      phone: before.phone,
      phoneNormalized: before.phoneNormalized,
      consentEmail: true,
      consentPhone: false,
      tier: before.tier,
      preferences: before.preferences,
      city: "Carouge", // changed since the merge: left as the manager set it
      lifetimeValueMinor: 100_000 + 70_000,
    });
    expect(await customerRow(s.other)).toMatchObject({ mergedIntoId: null, lifetimeValueMinor: 300_000 + 50_000 - 20_000 });
    const [duplicate] = await t.db.select().from(customerDuplicates).where(eq(customerDuplicates.id, s.duplicateId));
    expect(duplicate).toMatchObject({ status: "open", decidedById: null });
    const [merge] = await t.db.select().from(customerMerges).where(eq(customerMerges.id, mergeId));
    expect(merge.revertedById).toBe(cast.managerA);
  });

  it("refuses to undo twice, also when two undos race", async () => {
    const s = await scenario("twice");
    const { mergeId } = await mergeCustomers(t.db, admin, { duplicateId: s.duplicateId, survivorId: s.keep });
    const results = await Promise.allSettled([revertMerge(t.db, admin, { mergeId }), revertMerge(t.db, managerA, { mergeId })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    await expect(revertMerge(t.db, admin, { mergeId })).rejects.toMatchObject({ code: "conflict" });
    expect(await ownerOf("sales", s.rows.sales)).toEqual([s.other]);
  });

  it("refuses to undo once the pair was merged again, or the survivor merged elsewhere", async () => {
    const s = await scenario("again");
    const first = await mergeCustomers(t.db, admin, { duplicateId: s.duplicateId, survivorId: s.keep });
    await revertMerge(t.db, admin, { mergeId: first.mergeId });
    const second = await mergeCustomers(t.db, admin, { duplicateId: s.duplicateId, survivorId: s.keep });
    await expect(revertMerge(t.db, admin, { mergeId: first.mergeId })).rejects.toMatchObject({ code: "conflict" });

    const elsewhere = await customer({ firstName: "Helene", lastName: "Marchand-again" });
    await mergeCustomers(t.db, admin, { duplicateId: await pair(s.keep, elsewhere), survivorId: elsewhere });
    await expect(revertMerge(t.db, admin, { mergeId: second.mergeId })).rejects.toMatchObject({ code: "conflict" });
  });
});
