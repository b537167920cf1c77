import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import type { SaleLineContext } from "@/lib/ai";
import { planService } from "@/lib/ai/offline/care";
import { describeEventError, eventRetryDelayMs } from "@/lib/drafting/event-retry";
import { flaggedRationale } from "@/lib/drafting/persist";
import { dueService, serviceDueKey } from "@/lib/drafting/service-due";

const ring: Omit<SaleLineContext, "properties" | "lastServiceOn"> = {
  brand: "Castellane",
  name: "Solitaire",
  category: "fine_jewellery",
  serial: "R-1",
  warrantyMonths: 12,
  serviceIntervalMonths: 6,
  serviceKind: "cleaning",
  careNotes: null,
};
const camera: Omit<SaleLineContext, "properties" | "lastServiceOn"> = {
  brand: "Nordlicht",
  name: "Optika X2",
  category: "electronics",
  serial: "OX2-9",
  warrantyMonths: 24,
  serviceIntervalMonths: null,
  serviceKind: null,
  careNotes: null,
};
const smartWatch = { ...camera, category: "smart_watch" as const };
const now = new Date("2026-12-01T08:00:00Z");
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const zurich = { now, timezone: "Europe/Zurich", horizonDays: 30, lastServiceAt: null };

describe("dueService: the scan's next-service rule", () => {
  it("a ring sold ten months ago, never cleaned: overdue since its sixth month", () => {
    expect(dueService(ring, { ...zurich, soldAt: at("2026-02-01") })).toMatchObject({ kind: "cleaning", scheduledOn: "2026-08-01", isOverdue: true, asOf: "2026-12-01" });
  });

  it("due within the horizon, not beyond it", () => {
    expect(dueService(ring, { ...zurich, soldAt: at("2026-06-20") })).toMatchObject({ scheduledOn: "2026-12-20", isOverdue: false });
    expect(dueService(ring, { ...zurich, soldAt: at("2026-07-05") })).toBeNull();
  });

  it("counts from the last completed service, unless it predates the sale", () => {
    expect(dueService(ring, { ...zurich, soldAt: at("2025-01-10"), lastServiceAt: at("2026-09-01") })).toBeNull();
    expect(dueService(ring, { ...zurich, soldAt: at("2025-01-10"), lastServiceAt: at("2026-06-15") })).toMatchObject({ scheduledOn: "2026-12-15" });
    expect(dueService(ring, { ...zurich, soldAt: at("2026-06-20"), lastServiceAt: at("2024-01-01") })).toMatchObject({ scheduledOn: "2026-12-20" });
  });

  it("a quartz watch falls back to the category's battery check every two years", () => {
    const quartz = { ...ring, category: "quartz_watch" as const, serviceIntervalMonths: null, serviceKind: null };
    expect(dueService(quartz, { ...zurich, soldAt: at("2023-11-15") })).toMatchObject({ kind: "battery", scheduledOn: "2025-11-15", isOverdue: true });
  });

  it("electronics past their registration window get their recurring cleaning; a smart watch with none gets nothing", () => {
    expect(dueService(camera, { ...zurich, soldAt: at("2025-11-20") })).toMatchObject({ kind: "sensor_cleaning", scheduledOn: "2026-11-20" });
    expect(dueService(camera, { ...zurich, soldAt: at("2026-11-25") })).toBeNull();
    expect(dueService(smartWatch, { ...zurich, soldAt: at("2024-01-01") })).toBeNull();
  });

  it("the store's calendar decides the dates", () => {
    const late = new Date("2026-12-01T23:30:00Z");
    expect(dueService(ring, { ...zurich, now: late, soldAt: new Date("2026-06-01T23:30:00Z") })).toMatchObject({ asOf: "2026-12-02", scheduledOn: "2026-12-02" });
  });

  it("one key per piece and due date", () => {
    expect(serviceDueKey("item-1", "2026-08-01")).toBe("service_ticket:service_due:item-1:2026-08-01");
  });
});

describe("planService keeps the sale-time rules", () => {
  it("registration within 30 days of a fresh sale of electronics", () => {
    expect(planService({ ...camera, properties: [] }, "2026-11-27", "2026-11-27")).toMatchObject({ kind: "warranty_registration", dueOn: "2026-12-27", isOverdue: false });
  });
});

describe("event retries", () => {
  it("back off exponentially, capped", () => {
    expect([1, 2, 3, 4, 5].map((n) => eventRetryDelayMs(n))).toEqual([60_000, 120_000, 240_000, 480_000, 960_000]);
    expect(eventRetryDelayMs(20)).toBe(3_600_000);
  });

  it("describe a failed query by its driver error, never by its parameters", () => {
    const cause = Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" });
    const error = new DrizzleQueryError("insert into drafts values ($1)", ["Dear Amélie Lindqvist"], cause);
    const described = describeEventError(error);
    expect(described).toEqual({ errorClass: "Error", errorCode: "23505", message: "duplicate key value violates unique constraint" });
    expect(JSON.stringify(described)).not.toContain("Amélie");
    expect(describeEventError("boom")).toEqual({ errorClass: "string", errorCode: null, message: "boom" });
    expect(describeEventError(new TypeError("x".repeat(900))).message).toHaveLength(500);
  });
});

describe("flagged rationale", () => {
  it("adds one sentence per flag", () => {
    expect(flaggedRationale("Due date is the sale date.", [])).toBe("Due date is the sale date.");
    const text = flaggedRationale("Due.", ["open_complaint", "overdue_ticket"])!;
    expect(text).toMatch(/^Due\. The client has an open complaint.* overdue service ticket/);
  });
});
