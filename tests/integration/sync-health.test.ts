import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posConnections, posEvents, posWebhookRejections } from "@/db/schema";
import { loadViewer } from "@/lib/auth/viewer";
import { listConnectionHealth, listDeadLetters } from "@/lib/sync/queries";
import { createTestDb, type TestDb } from "../fixtures/db";
import { createCast, type Cast } from "../fixtures/people";

let t: TestDb;
let cast: Cast;

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
});
afterAll(() => t.close());

describe("sync health", () => {
  it("shows each connection's last day of deliveries, refusals and dead letters", async () => {
    const health = await listConnectionHealth(t.db, (await loadViewer(t.db, cast.admin))!);
    expect(health.map((h) => [h.name, h.storeCodes, h.received24h, h.waiting, h.dead24h, h.rejected24h])).toEqual([
      ["Clover B", ["BBB"], 1, 0, 1, 0],
      ["Shopify A", ["AAA"], 3, 1, 1, 7],
    ]);
  });

  it("shows a manager only the connections feeding their stores", async () => {
    const viewer = (await loadViewer(t.db, cast.managerA))!;
    expect((await listConnectionHealth(t.db, viewer)).map((h) => h.name)).toEqual(["Shopify A"]);
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
