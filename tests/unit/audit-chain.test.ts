import { describe, expect, it } from "vitest";
import { canonicalEntry, canonicalJson, entryHash, GENESIS_HASH, type ChainedFields } from "@/lib/audit/chain";
import { neutralizeFormula } from "@/lib/audit/csv";

const base: ChainedFields = {
  id: 1,
  occurredAt: new Date("2026-11-26T10:00:00.123Z"),
  actorType: "user",
  actorId: "u1",
  actorRole: "admin",
  action: "user.created",
  outcome: "success",
  targetType: "user",
  targetId: "u2",
  storeId: null,
  sourceTransactionId: null,
  modelId: null,
  promptVersion: null,
  ip: "127.0.0.1",
  requestId: null,
  details: { role: "manager" },
  schemaVersion: 1,
};

describe("canonical audit entries", () => {
  it("does not depend on the key order of details", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(entryHash(GENESIS_HASH, { ...base, details: { a: 1, b: 2 } })).toBe(
      entryHash(GENESIS_HASH, { ...base, details: { b: 2, a: 1 } }),
    );
  });

  it("keeps delimiters inside values from colliding with field boundaries", () => {
    const a = { ...base, actorId: "x;action=y", action: "z" };
    const b = { ...base, actorId: "x", action: "y;action=z" };
    expect(canonicalEntry(a)).not.toBe(canonicalEntry(b));
    expect(canonicalEntry({ ...base, targetId: null })).not.toBe(canonicalEntry({ ...base, targetId: "" }));
  });

  it("changes the hash when any field or the previous hash changes", () => {
    const original = entryHash(GENESIS_HASH, base);
    for (const [key, value] of Object.entries({ id: 2, action: "user.deleted", outcome: "failure", ip: "10.0.0.1", details: {} })) {
      expect(entryHash(GENESIS_HASH, { ...base, [key]: value })).not.toBe(original);
    }
    expect(entryHash("f".repeat(64), base)).not.toBe(original);
  });
});

describe("CSV export cells", () => {
  it.each([
    ["=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"],
    ["+1+1", "'+1+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["user.created", "user.created"],
  ])("neutralises %j", (input, expected) => {
    expect(neutralizeFormula(input)).toBe(expected);
  });
});
