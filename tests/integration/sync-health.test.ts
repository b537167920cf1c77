import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posConnections, posEvents, posWebhookRejections, syncRuns } from "@/db/schema";
import { loadViewer } from "@/lib/auth/viewer";
import { listConnectionHealth, listConnectionRuns, listDeadLetters } from "@/lib/sync/queries";
import { runFigures } from "@/lib/sync/run-progress";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast, type Cast } from "../fixtures/people";

let t: TestDb;
let cast: Cast;
let connectionA: string;
let connectionC: string;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  t = await createTestDb();
  cast = await createCast(t.db);
  const [a, b] = await t.db
    .insert(posConnections)
    .values([
      { provider: "shopify", name: "Shopify A", storeMapping: { "loc-1": cast.storeA } },
      { provider: "clover", name: "Clover B", storeMapping: { M1: cast.storeB } },
    ])
    .returning();
  connectionA = a.id;
  const event = (connectionId: string, eventId: string, status: "received" | "processed" | "dead", lastError?: string) => ({
    connectionId,
    provider: connectionId === a.id ? ("shopify" as const) : ("clover" as const),
    eventId,
    topic: "orders/create",
    rawBody: "{}",
    bodySha256: "x",
    status,
    lastError,
  });
  await t.db.insert(posEvents).values([
    event(a.id, "a1", "processed"),
    event(a.id, "a2", "received"),
    event(a.id, "a3", "dead", "malformed: Unexpected end of JSON input"),
    event(b.id, "b1", "dead", "malformed: objectId is not PREFIX:ID"),
  ]);
  await t.db.insert(posWebhookRejections).values({ connectionId: a.id, reason: "bad_signature", minute: new Date(), count: 7 });

  // A crafted inbox for lag and throughput: 30 processed in the last 15 minutes, 5 processed before.
  const [c] = await t.db.insert(posConnections).values({ provider: "square", name: "Square C", storeMapping: { L: cast.storeB } }).returning();
  connectionC = c.id;
  const crafted = (eventId: string, fields: Partial<typeof posEvents.$inferInsert>) => ({
    connectionId: c.id,
    provider: "square" as const,
    eventId,
    topic: "payment.updated",
    rawBody: "{}",
    bodySha256: "x",
    ...fields,
  });
  await t.db.insert(posEvents).values([
    ...Array.from({ length: 30 }, (_, i) => crafted(`p${i}`, { status: "processed", receivedAt: minutesAgo(20), processedAt: minutesAgo(1 + (i % 10)) })),
    ...Array.from({ length: 5 }, (_, i) => crafted(`old${i}`, { status: "processed", receivedAt: minutesAgo(40), processedAt: minutesAgo(30) })),
    // oldest due: received 12 minutes ago
    crafted("due-received", { status: "received", receivedAt: minutesAgo(12), nextAttemptAt: minutesAgo(12) }),
    crafted("due-failed", { status: "failed", attempts: 2, receivedAt: minutesAgo(8), nextAttemptAt: minutesAgo(1) }),
    // older but not due yet (backing off): not lag
    crafted("backing-off", { status: "failed", attempts: 3, receivedAt: minutesAgo(50), nextAttemptAt: new Date(Date.now() + 600_000) }),
    crafted("dead-old", { status: "dead", receivedAt: minutesAgo(3 * 24 * 60), lastError: "POS API: 404" }),
  ]);
});
afterAll(() => t.close());

describe("sync health", () => {
  it("shows each connection's last day of deliveries, refusals and dead letters", async () => {
    const health = await listConnectionHealth(t.db, (await loadViewer(t.db, cast.admin))!);
    expect(health.map((h) => [h.name, h.storeCodes, h.received24h, h.waiting, h.failed, h.dead, h.dead24h, h.rejected24h])).toEqual([
      ["Clover B", ["BBB"], 1, 0, 0, 1, 1, 0],
      ["Shopify A", ["AAA"], 3, 1, 0, 1, 1, 7],
      ["Square C", ["BBB"], 38, 1, 2, 1, 0, 0],
    ]);
  });

  it("measures lag from the oldest due event and throughput over the last 15 minutes", async () => {
    const health = await listConnectionHealth(t.db, (await loadViewer(t.db, cast.admin))!);
    const c = health.find((h) => h.id === connectionC)!;
    expect(c.processedPerMinute).toBe(2); // 30 in 15 minutes; the 5 processed half an hour ago do not count
    expect(c.lagSeconds).toBeGreaterThanOrEqual(12 * 60 - 5);
    expect(c.lagSeconds).toBeLessThan(12 * 60 + 30);
    const a = health.find((h) => h.id === connectionA)!;
    expect(a.processedPerMinute).toBe(0);
    expect(health.find((h) => h.name === "Clover B")!.lagSeconds).toBeNull();
  });

  it("shows each connection's live run and last finished run", async () => {
    await t.db.insert(syncRuns).values([
      { connectionId: connectionC, kind: "backfill", status: "succeeded", records: 500, pages: 5, startedAt: minutesAgo(60), finishedAt: minutesAgo(55), createdAt: minutesAgo(61) },
      { connectionId: connectionC, kind: "reconciliation", status: "failed", error: "POS API: 401", startedAt: minutesAgo(30), finishedAt: minutesAgo(29), createdAt: minutesAgo(31) },
      { connectionId: connectionC, kind: "reconciliation", status: "running", records: 100, pages: 2, totalEstimate: 300, startedAt: minutesAgo(1), heartbeatAt: minutesAgo(2) },
    ]);
    const runs = await listConnectionRuns(t.db, (await loadViewer(t.db, cast.admin))!);
    const c = runs.get(connectionC)!;
    expect(c.lastFinished).toMatchObject({ kind: "reconciliation", status: "failed", error: "POS API: 401" });
    expect(c.live).toMatchObject({ kind: "reconciliation", status: "running", records: 100, totalEstimate: 300 });
    const figures = runFigures(c.live!);
    expect(figures.percent).toBe(25); // 100 done, 300 said to remain
    expect(figures.ratePerSecond).toBeCloseTo(100 / 60, 0);
    expect(figures.etaSeconds).toBeGreaterThan(150);
    expect(figures.isStalled).toBe(true); // heartbeat two minutes old
    expect(runs.has(connectionA)).toBe(false);
    expect((await listConnectionRuns(t.db, (await loadViewer(t.db, cast.managerA))!)).size).toBe(0);
  });

  it("shows a manager only the connections feeding their stores", async () => {
    const viewer = (await loadViewer(t.db, cast.managerA))!;
    expect((await listConnectionHealth(t.db, viewer)).map((h) => h.name)).toEqual(["Shopify A"]);
    expect((await listConnectionRuns(t.db, viewer)).has(connectionC)).toBe(false);
    expect((await listDeadLetters(t.db, viewer)).map((d) => d.eventId)).toEqual(["a3"]);
  });

  it("shows nothing to roles without sync.read", async () => {
    for (const user of [cast.buyer, cast.associateA]) {
      const viewer = (await loadViewer(t.db, user))!;
      expect(await listConnectionHealth(t.db, viewer)).toEqual([]);
      expect(await listDeadLetters(t.db, viewer)).toEqual([]);
    }
  });
});
