import crypto from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  auditLog,
  customerNotes,
  customerRefs,
  customers,
  draftExecutions,
  drafts,
  inventoryLevels,
  outboxMessages,
  posConnections,
  purchaseOrderLines,
  purchaseOrders,
  serviceTickets,
  stores,
  type DraftKind,
} from "@/db/schema";
import { loadViewer, type Viewer } from "@/lib/auth/viewer";
import { seal } from "@/lib/crypto/secret-box";
import { createSmtpMailer, type Mailer } from "@/lib/mail/smtp";
import { startFakePos, type FakePosServer } from "@/lib/pos/fake/server";
import { fake as lightspeedXFake } from "@/lib/pos/lightspeed-x/fake";
import { credentialsAad } from "@/lib/pos/secrets";
import { decideDraft } from "@/lib/review/decide";
import { drainExecutions, retryExecution, sendUnsentMessage, type DrainExecutionsOptions } from "@/lib/review/execute";
import { purchaseOrderCsv } from "@/lib/review/execute/csv";
import { getPurchaseOrder, listFailedExecutions, listOutbox } from "@/lib/review/execute/queries";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createClient, createProduct, createSale, PRODUCTS } from "../fixtures/drafting/sales";
import { createCast, type Cast } from "../fixtures/people";
import { startTestSmtp, type TestSmtp } from "../fixtures/review/execution-smtp";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/action", () => ({
  currentSession: async () => (session.userId ? { userId: session.userId } : null),
  currentRequestContext: async () => ({ ip: "127.0.0.1", requestId: "test" }),
}));

const FROM = "Store A <care@maison-a.example>";
const TOKEN = "lsx_at_execution_test";
const REGISTER = "06e35f89-3d1c-11e8-ed64-8b6f6a1c2e3f";
const quiet = () => undefined;

let t: TestDb;
let cast: Cast;
let smtp: TestSmtp;
let mailer: Mailer;
let pos: FakePosServer;
let manager: Viewer;
let buyer: Viewer;
let watch: string;
let strap: string;

/** A clock that moves forward, so a retry's backoff has always passed at the next drain. */
let clock = Date.now();
const later = (ms = 2 * 3_600_000) => new Date((clock += ms));

function drain(options: DrainExecutionsOptions = {}) {
  return drainExecutions(t.db, { mailer, now: later(), backoffBaseMs: 1_000, log: quiet, httpOverrides: { sleep: async () => undefined, maxAttempts: 1 }, ...options });
}

async function approvedDraft(kind: DraftKind, output: Record<string, unknown>, subject: { customerId?: string | null; itemId?: string | null; productId?: string | null; storeId?: string } = {}, viewer = manager): Promise<string> {
  const [draft] = await t.db
    .insert(drafts)
    .values({
      kind,
      storeId: subject.storeId ?? cast.storeA,
      customerId: subject.customerId ?? null,
      itemId: subject.itemId ?? null,
      productId: subject.productId ?? null,
      dedupeKey: `${kind}:test:${crypto.randomUUID()}`,
      output,
      rationale: "test",
    })
    .returning({ id: drafts.id });
  const outcome = await decideDraft(t.db, { type: "user", viewer }, { id: draft.id, version: 1, decision: "approve" });
  expect(outcome).toMatchObject({ ok: true, status: "approved", executionQueued: true });
  return draft.id;
}

const message = (fields: Partial<{ channel: "email" | "sms"; subject: string; body: string }> = {}) => ({
  channel: "email",
  subject: "Thank you for choosing the Meridian",
  body: "Dear Amelie,\n\nThank you for your visit.\nYour watch is registered for its warranty.\n\nWarm regards,\nStore A",
  rationale: "Thank-you after a sale",
  ...fields,
});

async function statusOf(draftId: string) {
  const [draft] = await t.db.select({ status: drafts.status, executedAt: drafts.executedAt }).from(drafts).where(eq(drafts.id, draftId));
  const [execution] = await t.db.select().from(draftExecutions).where(eq(draftExecutions.draftId, draftId));
  const [outbox] = await t.db.select().from(outboxMessages).where(eq(outboxMessages.draftId, draftId));
  return { draft, execution, outbox };
}

const auditsOf = (draftId: string, action: string) =>
  t.db.select().from(auditLog).where(and(eq(auditLog.targetId, draftId), eq(auditLog.action, action)));

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  await t.db.update(stores).set({ rolloutPhase: 2, goLiveDate: "2025-01-06" }).where(inArray(stores.id, [cast.storeA, cast.storeB]));
  manager = (await loadViewer(t.db, cast.managerA))!;
  buyer = (await loadViewer(t.db, cast.buyer))!;
  watch = await createProduct(t.db, PRODUCTS.mechanical);
  strap = await createProduct(t.db, PRODUCTS.strap);
  smtp = await startTestSmtp();
  mailer = createSmtpMailer({ url: smtp.url, from: FROM });
  pos = await startFakePos({ platforms: [lightspeedXFake], token: TOKEN });
});
afterAll(async () => {
  mailer?.close();
  await smtp?.close();
  await pos?.close();
  await t?.close();
});

describe("client messages", () => {
  it("sends an approved e-mail through SMTP as plain text with a Message-ID derived from the draft", async () => {
    const clientId = await createClient(t.db, { homeStoreId: cast.storeA });
    const draftId = await approvedDraft("client_message", message(), { customerId: clientId });
    const before = smtp.received.length;

    const result = await drain();
    expect(result).toMatchObject({ claimed: 1, executed: 1, failed: 0, dead: 0 });

    const mail = smtp.received.slice(before);
    expect(mail).toHaveLength(1);
    const [client] = await t.db.select().from(customers).where(eq(customers.id, clientId));
    expect(mail[0].to).toEqual([client.email]);
    expect(mail[0].user).toBe("vitrine");
    expect(mail[0].headers["subject"]).toBe("Thank you for choosing the Meridian");
    expect(mail[0].headers["message-id"]).toBe(`<draft-${draftId}@maison-a.example>`);
    expect(mail[0].headers["content-type"]).toMatch(/^text\/plain/);
    expect(mail[0].raw).not.toMatch(/text\/html/i);
    expect(mail[0].body.replace(/\r\n/g, "\n").trim()).toBe(message().body);

    const { draft, execution, outbox } = await statusOf(draftId);
    expect(draft.status).toBe("executed");
    expect(draft.executedAt).not.toBeNull();
    expect(execution).toMatchObject({ status: "done", attempts: 1, lastError: null });
    expect(execution.result).toMatchObject({ outboxMessageId: outbox.id, providerMessageId: `<draft-${draftId}@maison-a.example>` });
    expect(outbox).toMatchObject({ status: "sent", channel: "email", recipient: client.email, providerMessageId: `<draft-${draftId}@maison-a.example>` });
    expect(outbox.sentAt).not.toBeNull();

    const [audit] = await auditsOf(draftId, "draft.executed");
    expect(audit).toMatchObject({ actorType: "system", storeId: cast.storeA });
    expect(audit.details).toMatchObject({ kind: "client_message", result: { outboxMessageId: outbox.id } });
    // ids only: neither the address nor the text reaches the audit log
    expect(JSON.stringify(audit.details)).not.toContain(client.email!);
    expect(JSON.stringify(audit.details)).not.toContain("Meridian");
  });

  it("without SMTP the message waits as not sent (no channel), the draft stays approved, and Send now delivers it later", async () => {
    const clientId = await createClient(t.db, { homeStoreId: cast.storeA });
    const draftId = await approvedDraft("client_message", message(), { customerId: clientId });

    expect(await drain({ mailer: null })).toMatchObject({ claimed: 1, executed: 0, notSent: 1 });
    let state = await statusOf(draftId);
    expect(state.draft.status).toBe("approved");
    expect(state.execution.status).toBe("done");
    expect(state.outbox).toMatchObject({ status: "not_sent_no_channel", sentAt: null });
    expect(await auditsOf(draftId, "draft.execution_not_sent")).toHaveLength(1);

    const outbox = await listOutbox(t.db, manager);
    const row = outbox.find((entry) => entry.draftId === draftId)!;
    expect(row.status).toBe("not_sent_no_channel");
    expect(row.maskedRecipient).toBe("•••@example.com");
    expect(await listOutbox(t.db, (await loadViewer(t.db, cast.managerB))!)).toEqual([]);

    // SMTP configured now: "Send now" puts it back in the queue
    await sendUnsentMessage(t.db, manager, draftId);
    expect(await auditsOf(draftId, "draft.execution_requeued")).toHaveLength(1);
    const before = smtp.received.length;
    expect(await drain()).toMatchObject({ claimed: 1, executed: 1 });
    expect(smtp.received.length - before).toBe(1);
    state = await statusOf(draftId);
    expect(state.draft.status).toBe("executed");
    expect(state.outbox.status).toBe("sent");
  });

  it("an SMS has no provider: not sent (no channel) even with SMTP configured", async () => {
    const clientId = await createClient(t.db, { homeStoreId: cast.storeA, consentSms: true });
    const draftId = await approvedDraft("client_message", message({ channel: "sms", subject: "", body: "Your watch is ready for collection." }), { customerId: clientId });
    expect(await drain()).toMatchObject({ claimed: 1, notSent: 1 });
    const { outbox, draft } = await statusOf(draftId);
    expect(outbox).toMatchObject({ channel: "sms", status: "not_sent_no_channel", subject: null });
    expect(draft.status).toBe("approved");
  });

  it("a temporary SMTP refusal (4xx) is retried with backoff, then sent once", async () => {
    const clientId = await createClient(t.db, { homeStoreId: cast.storeA });
    const draftId = await approvedDraft("client_message", message(), { customerId: clientId });
    smtp.failNext("temporary", 2);
    const before = smtp.received.length;

    const now = later();
    expect(await drainExecutions(t.db, { mailer, now, backoffBaseMs: 60_000, log: quiet })).toMatchObject({ claimed: 1, failed: 1 });
    let state = await statusOf(draftId);
    expect(state.execution).toMatchObject({ status: "failed", attempts: 1 });
    expect(state.execution.lastError).toMatch(/451/);
    expect(state.execution.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime() + 40_000);
    expect(state.outbox).toMatchObject({ status: "queued", attempts: 1 });
    expect(state.draft.status).toBe("approved");
    // not due yet: nothing is claimed
    expect(await drainExecutions(t.db, { mailer, now: new Date(now.getTime() + 1_000), log: quiet })).toMatchObject({ claimed: 0 });

    const firstDelay = state.execution.nextAttemptAt.getTime() - now.getTime();
    const second = new Date(state.execution.nextAttemptAt.getTime() + 1);
    expect(await drainExecutions(t.db, { mailer, now: second, backoffBaseMs: 60_000, log: quiet })).toMatchObject({ claimed: 1, failed: 1 });
    state = await statusOf(draftId);
    expect(state.execution.attempts).toBe(2);
    expect(state.execution.nextAttemptAt.getTime() - second.getTime()).toBeGreaterThan(firstDelay);

    expect(await drain()).toMatchObject({ claimed: 1, executed: 1 });
    state = await statusOf(draftId);
    expect(state.execution).toMatchObject({ status: "done", attempts: 3 });
    expect(state.outbox).toMatchObject({ status: "sent", attempts: 3 });
    expect(state.draft.status).toBe("executed");
    expect(smtp.received.length - before).toBe(1);
  });

  it("a permanent SMTP refusal (5xx) is dead at once: draft execution_failed, audited, visible, and retryable", async () => {
    const clientId = await createClient(t.db, { homeStoreId: cast.storeA });
    const draftId = await approvedDraft("client_message", message(), { customerId: clientId });
    smtp.failNext("permanent");

    expect(await drain()).toMatchObject({ claimed: 1, dead: 1 });
    let state = await statusOf(draftId);
    expect(state.execution).toMatchObject({ status: "dead", attempts: 1 });
    expect(state.execution.lastError).toMatch(/550/);
    expect(state.outbox.status).toBe("failed");
    expect(state.draft.status).toBe("execution_failed");
    const [audit] = await auditsOf(draftId, "draft.execution_failed");
    expect(audit).toMatchObject({ actorType: "system", outcome: "failure" });
    expect(audit.details).toMatchObject({ kind: "client_message", permanent: true, error: "smtp_550" });

    const failed = await listFailedExecutions(t.db, manager);
    expect(failed.find((row) => row.draftId === draftId)).toMatchObject({ status: "dead", kind: "client_message" });
    expect(await listFailedExecutions(t.db, (await loadViewer(t.db, cast.managerB))!)).toEqual([]);
    await expect(retryExecution(t.db, (await loadViewer(t.db, cast.managerB))!, draftId)).rejects.toMatchObject({ code: "not_found" });
    await expect(retryExecution(t.db, buyer, draftId)).rejects.toMatchObject({ code: "not_found" });

    await retryExecution(t.db, manager, draftId);
    expect(await auditsOf(draftId, "draft.execution_retried")).toHaveLength(1);
    state = await statusOf(draftId);
    expect(state.draft.status).toBe("approved");
    expect(state.execution).toMatchObject({ status: "queued", attempts: 0 });
    await expect(retryExecution(t.db, manager, draftId)).rejects.toMatchObject({ code: "conflict" });

    expect(await drain()).toMatchObject({ executed: 1 });
    expect((await statusOf(draftId)).draft.status).toBe("executed");
  });

  it("after five temporary failures the execution is dead", async () => {
    const clientId = await createClient(t.db, { homeStoreId: cast.storeA });
    const draftId = await approvedDraft("client_message", message(), { customerId: clientId });
    smtp.failNext("temporary", 5);
    for (let attempt = 1; attempt <= 4; attempt++) expect(await drain()).toMatchObject({ failed: 1 });
    expect(await drain()).toMatchObject({ dead: 1 });
    const state = await statusOf(draftId);
    expect(state.execution).toMatchObject({ status: "dead", attempts: 5 });
    expect(state.outbox.status).toBe("failed");
    expect(state.draft.status).toBe("execution_failed");
    expect(await auditsOf(draftId, "draft.execution_failed")).toHaveLength(1);
  });
});

describe("service tickets", () => {
  let connectionId: string;
  let clientId: string;
  let itemId: string;

  beforeAll(async () => {
    const [row] = await t.db
      .insert(posConnections)
      .values({
        provider: "lightspeed_x",
        name: "X-Series Geneva",
        storeMapping: { "outlet-geneva": cast.storeA },
        config: { apiBaseUrl: `${pos.url}/lightspeed_x`, currency: "CHF", domainPrefix: "maisona", registerId: REGISTER },
      })
      .returning();
    connectionId = row.id;
    await t.db.update(posConnections).set({ credentialsEncrypted: seal(JSON.stringify({ accessToken: TOKEN }), credentialsAad(row.id)) }).where(eq(posConnections.id, row.id));
    clientId = await createClient(t.db, { homeStoreId: cast.storeA });
    await t.db.insert(customerRefs).values({ customerId: clientId, provider: "lightspeed_x", connectionId, externalId: "lsx-customer-1" });
    const sale = await createSale(t.db, { storeId: cast.storeA, customerId: clientId, completedAt: new Date(Date.now() - 3_600_000), origin: "webhook", lines: [{ productId: watch, serial: "AUR-5501", priceMinor: 4_850_000 }] });
    itemId = sale.itemIds[0];
  });

  const ticketOutput = { kind: "regulation", dueOn: "2027-03-01", title: "First regulation", description: "Check the rate and the power reserve.", rationale: "Yearly service" };

  it("creates one ticket and writes a work order back to the POS, even when the write-back first fails", async () => {
    const draftId = await approvedDraft("service_ticket", ticketOutput, { customerId: clientId, itemId, productId: watch });
    const writesBefore = pos.data.writes.length;

    pos.setFail429Every(1);
    expect(await drain()).toMatchObject({ claimed: 1, failed: 1 });
    pos.setFail429Every(0);
    let tickets = await t.db.select().from(serviceTickets).where(eq(serviceTickets.sourceDraftId, draftId));
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ externalId: null, status: "open" });
    expect((await statusOf(draftId)).execution).toMatchObject({ status: "failed", result: { serviceTicketId: tickets[0].id } });

    expect(await drain()).toMatchObject({ claimed: 1, executed: 1 });
    tickets = await t.db.select().from(serviceTickets).where(eq(serviceTickets.sourceDraftId, draftId));
    expect(tickets).toHaveLength(1);
    const writes = pos.data.writes.slice(writesBefore);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({
      provider: "lightspeed_x",
      kind: "service_order",
      body: {
        outlet_id: "outlet-geneva",
        register_id: REGISTER,
        customer_id: "lsx-customer-1",
        item: { item_name: "Aurelian Meridian Automatic 40", serial_number: "AUR-5501" },
        extra_fields: { note: "Due on 2027-03-01" },
      },
    });
    expect(tickets[0]).toMatchObject({
      storeId: cast.storeA,
      customerId: clientId,
      itemId,
      productId: watch,
      kind: "regulation",
      dueOn: "2027-03-01",
      currency: "CHF",
      openedById: manager.id,
      provider: "lightspeed_x",
      externalId: writes[0].id,
    });
    expect(tickets[0].description).toContain("Check the rate and the power reserve.");
    const state = await statusOf(draftId);
    expect(state.draft.status).toBe("executed");
    expect(state.execution.result).toMatchObject({ serviceTicketId: tickets[0].id, writeBack: { status: "written", kind: "service_order", externalId: writes[0].id, provider: "lightspeed_x" } });

    // the executor running again (a worker that crashed after committing) adds neither a ticket nor a work order
    await t.db.update(draftExecutions).set({ status: "queued", nextAttemptAt: new Date(0) }).where(eq(draftExecutions.draftId, draftId));
    expect(await drain()).toMatchObject({ claimed: 1, executed: 1 });
    expect(await t.db.select().from(serviceTickets).where(eq(serviceTickets.sourceDraftId, draftId))).toHaveLength(1);
    expect(pos.data.writes.length - writesBefore).toBe(1);
  });

  it("a store without a POS connection gets the ticket in Vitrine only", async () => {
    const otherClient = await createClient(t.db, { homeStoreId: cast.storeB });
    const draftId = await approvedDraft("service_ticket", ticketOutput, { customerId: otherClient, storeId: cast.storeB }, (await loadViewer(t.db, cast.managerB))!);
    expect(await drain()).toMatchObject({ executed: 1 });
    const [ticket] = await t.db.select().from(serviceTickets).where(eq(serviceTickets.sourceDraftId, draftId));
    expect(ticket).toMatchObject({ storeId: cast.storeB, currency: "USD", provider: null, externalId: null });
    expect((await statusOf(draftId)).execution.result).toMatchObject({ writeBack: { status: "skipped", reason: "no_connection" } });
  });
});

describe("purchase recommendations", () => {
  it("become a numbered purchase order with lines and a total, exported as CSV by the route", async () => {
    const draftId = await approvedDraft(
      "purchase_recommendation",
      {
        type: "purchase",
        supplier: "Aurelian SA",
        fromStoreId: null,
        currency: "CHF",
        lines: [
          { productId: watch, sku: "W", name: "Meridian Automatic 40", quantity: 2, unitCostMinor: 2_425_000 },
          { productId: strap, sku: "S", name: "Alligator strap 20 mm", quantity: 5, unitCostMinor: 22_550 },
        ],
        rationale: "Stock cover below lead time",
      },
      {},
      buyer,
    );
    expect(await drain()).toMatchObject({ executed: 1 });
    const [order] = await t.db.select().from(purchaseOrders).where(eq(purchaseOrders.sourceDraftId, draftId));
    expect(order).toMatchObject({ type: "purchase", storeId: cast.storeA, supplier: "Aurelian SA", currency: "CHF", totalCostMinor: 2 * 2_425_000 + 5 * 22_550, status: "open", createdById: buyer.id });
    expect(order.number).toMatch(new RegExp(`^PO-${later(0).getUTCFullYear()}-\\d{6}$`));
    const lines = await t.db.select().from(purchaseOrderLines).where(eq(purchaseOrderLines.purchaseOrderId, order.id));
    expect(lines.map((line) => [line.productId, line.quantity, line.unitCostMinor]).sort()).toEqual([[watch, 2, 2_425_000], [strap, 5, 22_550]].sort());
    expect((await statusOf(draftId)).execution.result).toMatchObject({ purchaseOrderId: order.id, number: order.number });

    const detail = (await getPurchaseOrder(t.db, buyer, order.id))!;
    const csv = purchaseOrderCsv(detail).trim().split("\n");
    expect(csv[0]).toBe("order_number,type,store,from_store,supplier,currency,sku,brand,product,quantity,unit_cost,line_total");
    expect(csv).toHaveLength(3);
    expect(csv).toContain(`${order.number},purchase,Store A,,Aurelian SA,CHF,${detail.lines.find((l) => l.name === "Meridian Automatic 40")!.sku},Aurelian,Meridian Automatic 40,2,24250.00,48500.00`);

    const { GET } = await import("@/app/api/purchase-orders/[id]/csv/route");
    const call = (userId: string | null, id = order.id) => {
      session.userId = userId;
      return GET(new NextRequest(`http://localhost/api/purchase-orders/${id}/csv`));
    };
    const response = await call(cast.buyer);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toContain(`${order.number}.csv`);
    expect((await response.text()).trim().split("\n")).toEqual(csv);
    expect((await call(cast.managerA)).status).toBe(403);
    expect((await call(null)).status).toBe(401);
    expect((await call(cast.buyer, crypto.randomUUID())).status).toBe(404);
    const exported = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "purchase_order.exported"), eq(auditLog.targetId, order.id)));
    expect(exported).toHaveLength(1);
  });

  it("a transfer becomes a transfer request from the sending store", async () => {
    await t.db.insert(inventoryLevels).values({ storeId: cast.storeB, productId: strap, onHand: 10 });
    const draftId = await approvedDraft(
      "purchase_recommendation",
      { type: "transfer", supplier: null, fromStoreId: cast.storeB, currency: "CHF", lines: [{ productId: strap, sku: "S", name: "Strap", quantity: 3, unitCostMinor: 22_550 }], rationale: "Excess in B" },
      {},
      buyer,
    );
    expect(await drain()).toMatchObject({ executed: 1 });
    const [order] = await t.db.select().from(purchaseOrders).where(eq(purchaseOrders.sourceDraftId, draftId));
    expect(order).toMatchObject({ type: "transfer", storeId: cast.storeA, fromStoreId: cast.storeB, totalCostMinor: 3 * 22_550 });
    expect((await getPurchaseOrder(t.db, buyer, order.id))!.fromStoreName).toBe("Store B");
  });
});

describe("clienteling notes", () => {
  it("become a note on the client's card, with the manager's thank-you on its own line", async () => {
    const clientId = await createClient(t.db, { homeStoreId: cast.storeA, tier: "platinum" });
    const draftId = await approvedDraft(
      "clienteling_note",
      { applicable: true, note: "Platinum client; prefers yellow gold.", managerThankYou: "Send a handwritten card.", nextBestActions: [], rationale: "High value" },
      { customerId: clientId },
    );
    expect(await drain()).toMatchObject({ executed: 1 });
    const notes = await t.db.select().from(customerNotes).where(eq(customerNotes.customerId, clientId));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ storeId: cast.storeA, authorId: manager.id, body: "Platinum client; prefers yellow gold.\nManager thank-you: Send a handwritten card." });
    expect((await statusOf(draftId)).execution.result).toMatchObject({ customerNoteId: notes[0].id });
  });
});

describe("concurrency", () => {
  it("two drains at once execute each approved draft exactly once", async () => {
    const clients = await Promise.all(Array.from({ length: 6 }, () => createClient(t.db, { homeStoreId: cast.storeA })));
    const noteDrafts: string[] = [];
    for (const clientId of clients) {
      noteDrafts.push(await approvedDraft("clienteling_note", { applicable: true, note: "Likes pearls.", managerThankYou: null, nextBestActions: [], rationale: "r" }, { customerId: clientId }));
    }
    const mailClient = await createClient(t.db, { homeStoreId: cast.storeA });
    const mailDraft = await approvedDraft("client_message", message(), { customerId: mailClient });
    const before = smtp.received.length;

    const now = later();
    const results = await Promise.all([
      drainExecutions(t.db, { mailer, now, batch: 3, log: quiet }),
      drainExecutions(t.db, { mailer, now, batch: 3, log: quiet }),
      drainExecutions(t.db, { mailer, now, batch: 3, log: quiet }),
    ]);
    const rest = await drainExecutions(t.db, { mailer, now, batch: 10, log: quiet });
    expect(results.reduce((sum, r) => sum + r.claimed, rest.claimed)).toBe(7);
    expect(results.reduce((sum, r) => sum + r.executed, rest.executed)).toBe(7);

    const notes = await t.db.select().from(customerNotes).where(inArray(customerNotes.customerId, clients));
    expect(notes).toHaveLength(6);
    expect(smtp.received.length - before).toBe(1);
    for (const draftId of [...noteDrafts, mailDraft]) {
      expect(await auditsOf(draftId, "draft.executed")).toHaveLength(1);
      expect((await statusOf(draftId)).draft.status).toBe("executed");
    }
  });

  it("a claim whose worker died is taken over once its lease runs out", async () => {
    const clientId = await createClient(t.db, { homeStoreId: cast.storeA });
    const draftId = await approvedDraft("clienteling_note", { applicable: true, note: "Collects Aurelian.", managerThankYou: null, nextBestActions: [], rationale: "r" }, { customerId: clientId });
    const now = later();
    // a worker claimed it (lease of 5 minutes) and died before doing anything
    await t.db.update(draftExecutions).set({ status: "running", attempts: 1, nextAttemptAt: new Date(now.getTime() + 5 * 60_000) }).where(eq(draftExecutions.draftId, draftId));
    expect(await drainExecutions(t.db, { mailer, now, log: quiet })).toMatchObject({ claimed: 0 });
    expect(await drainExecutions(t.db, { mailer, now: new Date(now.getTime() + 5 * 60_000 + 1), log: quiet })).toMatchObject({ claimed: 1, executed: 1 });
    expect((await statusOf(draftId)).execution).toMatchObject({ status: "done", attempts: 2 });
    expect(await t.db.select().from(customerNotes).where(eq(customerNotes.customerId, clientId))).toHaveLength(1);
  });

  it("a phase-1 store holds the approval and nothing executes", async () => {
    await t.db.update(stores).set({ rolloutPhase: 1 }).where(eq(stores.id, cast.storeB));
    const clientId = await createClient(t.db, { homeStoreId: cast.storeB });
    const [draft] = await t.db
      .insert(drafts)
      .values({ kind: "clienteling_note", storeId: cast.storeB, customerId: clientId, dedupeKey: `held:${crypto.randomUUID()}`, output: { applicable: true, note: "x", managerThankYou: null, nextBestActions: [], rationale: "r" } })
      .returning();
    const outcome = await decideDraft(t.db, { type: "user", viewer: (await loadViewer(t.db, cast.managerB))! }, { id: draft.id, version: 1, decision: "approve" });
    expect(outcome).toMatchObject({ ok: true, status: "held", executionQueued: false });
    expect(await drain()).toMatchObject({ claimed: 0 });
    expect(await t.db.select().from(customerNotes).where(eq(customerNotes.customerId, clientId))).toHaveLength(0);
  });
});
