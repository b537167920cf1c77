import { describe, expect, it } from "vitest";
import { describeConditions, matchesRule, parseConditions, ruleConditionsSchema, ruleFormSchema, type DraftFacts } from "@/lib/review/rules";

const STORE = "7a1c3c1e-3f7e-4f55-9a54-3f1d2c5b6a70";
const OTHER = "0b6f4a55-2d1c-4e8a-8a3e-6f0e9d7c5b41";
const facts: DraftFacts = { kind: "clienteling_note", storeId: STORE, valueMinor: 40_000, tier: "silver", priority: 50, flags: [] };
const rule = (conditions: Record<string, unknown>, scope: { storeId?: string | null } = {}) => ({
  kind: "clienteling_note" as const,
  storeId: scope.storeId ?? null,
  conditions,
});

describe("matchesRule", () => {
  it("matches its kind in every store, or only in its own store", () => {
    expect(matchesRule(rule({}), facts)).toBe(true);
    expect(matchesRule(rule({}, { storeId: STORE }), facts)).toBe(true);
    expect(matchesRule(rule({}, { storeId: OTHER }), facts)).toBe(false);
    expect(matchesRule({ ...rule({}), kind: "client_message" }, facts)).toBe(false);
  });

  it("approves only values strictly below the limit, never an unknown value", () => {
    expect(matchesRule(rule({ maxValueMinor: 40_001 }), facts)).toBe(true);
    expect(matchesRule(rule({ maxValueMinor: 40_000 }), facts)).toBe(false);
    expect(matchesRule(rule({ maxValueMinor: 40_001 }), { ...facts, valueMinor: null })).toBe(false);
    expect(matchesRule(rule({}), { ...facts, valueMinor: null })).toBe(true);
  });

  it("leaves excluded tiers to humans; a draft without a client has no tier to exclude", () => {
    expect(matchesRule(rule({ excludeTiers: ["gold", "platinum"] }), facts)).toBe(true);
    expect(matchesRule(rule({ excludeTiers: ["gold", "platinum"] }), { ...facts, tier: "platinum" })).toBe(false);
    expect(matchesRule(rule({ excludeTiers: ["platinum"] }), { ...facts, tier: null })).toBe(true);
  });

  it("caps priority", () => {
    expect(matchesRule(rule({ maxPriority: 50 }), facts)).toBe(true);
    expect(matchesRule(rule({ maxPriority: 49 }), facts)).toBe(false);
  });

  it("never approves a flagged draft unless the rule says so explicitly", () => {
    const flagged = { ...facts, flags: ["open_complaint"] };
    expect(matchesRule(rule({}), flagged)).toBe(false);
    expect(matchesRule(rule({ requireNoFlags: true }), flagged)).toBe(false);
    expect(matchesRule(rule({ requireNoFlags: false }), flagged)).toBe(true);
  });

  it("treats unreadable stored conditions as matching nothing", () => {
    expect(matchesRule(rule({ maxValueMinor: "lots" }), facts)).toBe(false);
    expect(matchesRule(rule({ excludeTiers: ["diamond"] }), { ...facts, tier: null, valueMinor: 0, priority: 0 })).toBe(false);
  });
});

describe("rule conditions", () => {
  it("defaults to no limits but no flags", () => {
    expect(ruleConditionsSchema.parse({})).toEqual({ maxValueMinor: null, excludeTiers: [], maxPriority: null, requireNoFlags: true });
    expect(parseConditions(null)).toEqual({ maxValueMinor: null, excludeTiers: [], maxPriority: null, requireNoFlags: true });
  });

  it("reads the form: value in major units, blank fields as no limit, an unchecked box as false", () => {
    const parsed = ruleFormSchema.parse({ name: " Small notes ", kind: "clienteling_note", storeId: "", maxValue: "1250.50", excludeTiers: "platinum", maxPriority: "", requireNoFlags: "on" });
    expect(parsed).toEqual({
      name: "Small notes",
      kind: "clienteling_note",
      storeId: null,
      conditions: { maxValueMinor: 125_050, excludeTiers: ["platinum"], maxPriority: null, requireNoFlags: true },
    });
    expect(ruleFormSchema.parse({ name: "x", kind: "purchase_recommendation", storeId: STORE, maxPriority: "30" }).conditions).toEqual({
      maxValueMinor: null,
      excludeTiers: [],
      maxPriority: 30,
      requireNoFlags: false,
    });
  });

  it("refuses a kind rules cannot approve and nonsense limits, field by field", () => {
    const result = ruleFormSchema.safeParse({ name: "", kind: "return_assessment", storeId: "nope", maxValue: "-3", maxPriority: "101" });
    expect(result.success).toBe(false);
    const fields = new Set(result.error?.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["name", "kind", "storeId", "maxValue", "maxPriority"]));
  });

  it("says the conditions in words", () => {
    expect(describeConditions("client_message", { maxValueMinor: 50_000, excludeTiers: ["gold", "platinum"], maxPriority: 60, requireNoFlags: true })).toEqual([
      "Approves client message drafts",
      "worth less than 500.00 in the store's currency",
      "not for gold or platinum clients",
      "with priority at most 60",
      "without flags (complaints, overdue tickets)",
    ]);
  });
});
