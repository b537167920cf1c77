import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, customerNotes, drafts, inventoryLevels, serviceTickets, suggestionFeedback, userStores, users } from "@/db/schema";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { getClientCard } from "@/lib/clienteling/card";
import { addCustomerNote, recordSuggestionFeedback } from "@/lib/clienteling/feedback";
import { AppError } from "@/lib/errors";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast, type Cast } from "../fixtures/people";
import { daysAgo, makeCustomer, makeProduct, recordSale } from "../fixtures/clienteling/world";

let t: TestDb;
let cast: Cast;
let admin: Viewer;
let managerA: Viewer;
let buyer: Viewer;
let associateA: Viewer;
let associateB: Viewer;
let client: string;
let noteDraft: string;
let watch: string;
let strap: string;
let chain: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  const [assocB] = await t.db.insert(users).values({ email: "associate.b@test.example", name: "associate.b", role: "associate" }).returning({ id: users.id });
  await t.db.insert(userStores).values({ userId: assocB.id, storeId: cast.storeB });
  [admin, managerA, buyer, associateA, associateB] = (await Promise.all(
    [cast.admin, cast.managerA, cast.buyer, cast.associateA, assocB.id].map((id) => loadViewer(t.db, id)),
  )) as Viewer[];

  watch = await makeProduct(t.db, { sku: "AUR-38", brand: "Aurelian", name: "Automatic 38", warrantyMonths: 36, serviceIntervalMonths: 12, serviceKind: "regulation" });
  const oldWatch = await makeProduct(t.db, { sku: "NOR-Q", brand: "Nordlicht", name: "Quartz 34", category: "quartz_watch", warrantyMonths: 24 });
  strap = await makeProduct(t.db, { sku: "AUR-STRAP", brand: "Aurelian", name: "Alligator strap", isSerialized: false, warrantyMonths: 0 });
  chain = await makeProduct(t.db, { sku: "CAS-CHAIN", brand: "Castellane", name: "Gold chain", category: "gold_jewellery", isSerialized: false, warrantyMonths: 12 });
  const pendant = await makeProduct(t.db, { sku: "MV-PEND", brand: "Maison Velour", name: "Pendant", category: "fine_jewellery", isSerialized: false });
  await t.db.insert(inventoryLevels).values([
    { storeId: cast.storeA, productId: strap, onHand: 3 },
    { storeId: cast.storeA, productId: pendant, onHand: 0 },
    { storeId: cast.storeB, productId: pendant, onHand: 2 },
  ]);

  client = await makeCustomer(t.db, {
    firstName: "Élodie",
    lastName: "Marchal",
    email: "elodie@example.com",
    homeStoreId: cast.storeA,
    preferredAssociateId: cast.associateA,
    tier: "gold",
    lifetimeValueMinor: 1_234_500,
    consentEmail: true,
    preferences: { brands: ["Aurelian"], occasions: [{ kind: "anniversary", date: "2019-06-14" }] },
  });
  const sale = await recordSale(t.db, { storeId: cast.storeA, customerId: client, completedAt: daysAgo(60), lines: [{ productId: watch, serials: ["AUR-77001"] }, { productId: chain, sku: "CAS-CHAIN" }] });
  await recordSale(t.db, { storeId: cast.storeA, customerId: client, completedAt: daysAgo(1500), lines: [{ productId: oldWatch, serials: ["NOR-11"] }] });
  await t.db.insert(serviceTickets).values({ storeId: cast.storeA, customerId: client, kind: "battery", status: "open", currency: "CHF", description: "battery" });
  await t.db.insert(drafts).values({ kind: "client_message", status: "pending", storeId: cast.storeA, customerId: client, saleId: sale, dedupeKey: crypto.randomUUID(), output: { body: "Thank you" } });
  [{ id: noteDraft }] = await t.db
    .insert(drafts)
    .values({
      kind: "clienteling_note",
      status: "approved",
      storeId: cast.storeA,
      customerId: client,
      dedupeKey: crypto.randomUUID(),
      output: {
        applicable: true,
        note: "Élodie loves Aurelian; follow up on the regulation.",
        managerThankYou: null,
        nextBestActions: [
          { brand: "Aurelian", name: "Alligator strap", reason: "A strap for the watch she bought" },
          { brand: "Maison Velour", name: "Pendant", reason: "Matches her earrings" },
        ],
        rationale: "High value",
      },
    })
    .returning({ id: drafts.id });
});
afterAll(() => t.close());

describe("the clienteling card", () => {
  it("shows who the client is", async () => {
    const card = await getClientCard({ db: t.db, viewer: associateA, customerId: client, today });
    expect(card?.client).toMatchObject({
      firstName: "Élodie",
      tier: "gold",
      lifetimeValueMinor: 1_234_500,
      homeStore: { id: cast.storeA },
      preferredAssociate: { id: cast.associateA },
      consent: { email: true, sms: false, phone: false, mail: false },
    });
    expect(card?.client.preferences.occasions).toEqual([{ kind: "anniversary", date: "2019-06-14" }]);
  });

  it("lists owned serialized items with warranty and next service; unserialized lines in the purchase history", async () => {
    const card = (await getClientCard({ db: t.db, viewer: managerA, customerId: client, today }))!;
    expect(card.ownedItems.map((i) => [i.serialNumber, i.warranty])).toEqual([
      ["AUR-77001", "active"],
      ["NOR-11", "expired"],
    ]);
    const [recent] = card.ownedItems;
    expect(recent.purchaseStore?.code).toBe("AAA");
    expect(recent.nextService).toMatchObject({ label: "regulation check", isOverdue: false });
    expect(card.ownedItems[1].nextService?.label).toMatch(/battery/);
    expect(card.purchases.total).toBe(1);
    expect(card.purchases.lines[0]).toMatchObject({ sku: "CAS-CHAIN", brand: "Castellane" });
  });

  it("shows open tickets and pending drafts", async () => {
    const card = (await getClientCard({ db: t.db, viewer: managerA, customerId: client, today }))!;
    expect(card.openTickets.map((x) => x.kind)).toEqual(["battery"]);
    expect(card.drafts.map((d) => [d.kind, d.status, d.canReview])).toEqual([
      ["client_message", "pending", true],
      ["clienteling_note", "approved", true],
    ]);
    const forAssociate = (await getClientCard({ db: t.db, viewer: associateA, customerId: client, today }))!;
    expect(forAssociate.drafts.every((d) => !d.canReview)).toBe(true);
  });

  it("suggests only pieces in stock at the viewer's store, with the talking points", async () => {
    const atA = (await getClientCard({ db: t.db, viewer: associateA, customerId: client, today }))!;
    expect(atA.talkingPoints[0].note).toMatch(/loves Aurelian/);
    expect(atA.suggestions.map((s) => [s.name, s.index, s.available])).toEqual([["Alligator strap", 0, 3]]);
  });

  it("is not found for an associate or manager of another store, nor for a buyer", async () => {
    expect(await getClientCard({ db: t.db, viewer: associateB, customerId: client, today })).toBeNull();
    expect(await getClientCard({ db: t.db, viewer: buyer, customerId: client, today })).toBeNull();
    expect(await getClientCard({ db: t.db, viewer: admin, customerId: client, today })).not.toBeNull();
  });
});

describe("suggestion feedback", () => {
  it("records used, then a change of mind, each audited", async () => {
    await recordSuggestionFeedback(t.db, associateA, { draftId: noteDraft, index: 0, outcome: "used", storeId: cast.storeA });
    let card = (await getClientCard({ db: t.db, viewer: associateA, customerId: client, today }))!;
    expect(card.suggestions[0].feedback).toBe("used");
    await recordSuggestionFeedback(t.db, associateA, { draftId: noteDraft, index: 0, outcome: "dismissed", storeId: cast.storeA });
    card = (await getClientCard({ db: t.db, viewer: associateA, customerId: client, today }))!;
    expect(card.suggestions[0].feedback).toBe("dismissed");

    const rows = await t.db.select().from(suggestionFeedback).where(eq(suggestionFeedback.draftId, noteDraft));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "dismissed", customerId: client, storeId: cast.storeA, userId: cast.associateA, suggestionKey: "aurelian|alligator strap" });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, noteDraft)));
    expect(audit.map((a) => a.action)).toEqual(["suggestion.used", "suggestion.dismissed"]);
    expect(audit[0]).toMatchObject({ actorId: cast.associateA, storeId: cast.storeA, details: { suggestionIndex: 0, customerId: client } });
  });

  it("refuses another store's associate, a store not theirs, and a suggestion that does not exist", async () => {
    await expect(recordSuggestionFeedback(t.db, associateB, { draftId: noteDraft, index: 0, outcome: "used", storeId: cast.storeB })).rejects.toMatchObject({ code: "not_found" });
    await expect(recordSuggestionFeedback(t.db, associateA, { draftId: noteDraft, index: 0, outcome: "used", storeId: cast.storeB })).rejects.toMatchObject({ code: "forbidden" });
    await expect(recordSuggestionFeedback(t.db, associateA, { draftId: noteDraft, index: 7, outcome: "used", storeId: cast.storeA })).rejects.toBeInstanceOf(AppError);
    await expect(recordSuggestionFeedback(t.db, buyer, { draftId: noteDraft, index: 0, outcome: "used", storeId: cast.storeA })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("associate notes", () => {
  it("adds a note, audited without its text, shown on the card", async () => {
    const { id } = await addCustomerNote(t.db, associateA, { customerId: client, storeId: cast.storeA, body: "Prefers Saturday mornings." });
    const card = (await getClientCard({ db: t.db, viewer: managerA, customerId: client, today }))!;
    expect(card.notes[0]).toMatchObject({ id, body: "Prefers Saturday mornings.", storeCode: "AAA" });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, "customer.note_added"));
    expect(entry).toMatchObject({ targetId: client, details: { noteId: id } });
    expect(JSON.stringify(entry.details)).not.toContain("Saturday");
  });

  it("refuses a note from another store's associate", async () => {
    await expect(addCustomerNote(t.db, associateB, { customerId: client, storeId: cast.storeB, body: "x" })).rejects.toMatchObject({ code: "not_found" });
    expect(await t.db.select().from(customerNotes).where(eq(customerNotes.body, "x"))).toEqual([]);
  });
});
