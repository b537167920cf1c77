import { describe, expect, it } from "vitest";
import { clientMessagePrompt } from "@/lib/ai";
import { minorDigitsOf, refusingPaidAmounts, statesPaidAmount } from "@/lib/drafting/price-guard";

const paid = { amountsMinor: [4_850_000], minorDigits: 2 };

describe("a draft never states the price the client paid", () => {
  it.each([
    "your watch (48500) is",
    "48,500",
    "48.500",
    "48'500",
    "48’500",
    "48 500",
    "48\u00a0500",
    "48,500.00",
    "48.500,00",
    "48'500.–",
    "CHF 48'500.-",
    "48500 francs",
    "48.5k",
    "48,5 k",
  ])("finds %j", (text) => {
    expect(statesPaidAmount(`It was ${text} well spent.`, paid)).toBe(true);
  });

  it.each(["485", "148,500", "48,5000", "4850", "2048500", "serviced every 24 months, water resistant to 100 m", "1 248 500"])(
    "leaves %j alone",
    (text) => {
      expect(statesPaidAmount(`Text ${text} here.`, paid)).toBe(false);
    },
  );

  it("a small amount counts only with its decimals, not as a bare number of months", () => {
    const strap = { amountsMinor: [2_400], minorDigits: 2 };
    expect(statesPaidAmount("Come back in 24 months.", strap)).toBe(false);
    expect(statesPaidAmount("The strap (24.00) suits it.", strap)).toBe(true);
    expect(statesPaidAmount("The strap (24,–) suits it.", strap)).toBe(true);
  });

  it("an amount with cents is found with or without them", () => {
    const odd = { amountsMinor: [485_050], minorDigits: 2 };
    expect(statesPaidAmount("4,850.50", odd)).toBe(true);
    expect(statesPaidAmount("4'850", odd)).toBe(true);
    expect(statesPaidAmount("4,850.00", odd)).toBe(false);
  });

  it("currencies without minor units", () => {
    expect(minorDigitsOf("JPY")).toBe(0);
    expect(minorDigitsOf("chf")).toBe(2);
    expect(statesPaidAmount("¥ free text 1,250,000 yen", { amountsMinor: [1_250_000], minorDigits: 0 })).toBe(true);
  });

  it("the tightened prompt rejects an output that states the amount, and accepts one that does not", () => {
    const prompt = refusingPaidAmounts(clientMessagePrompt, paid);
    const base = { channel: "email", subject: "Thank you, {{client.first_name}}", rationale: "thank-you within 48 hours" };
    const bad = prompt.schema.safeParse({ ...base, body: "Dear {{client.first_name}}, your 48,500 watch is ready." });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain("price the client paid");
    expect(JSON.stringify(bad.error?.issues)).not.toContain("48");
    const good = prompt.schema.safeParse({ ...base, body: "Dear {{client.first_name}}, your watch is ready." });
    expect(good.success, JSON.stringify(good.error?.issues)).toBe(true);
    expect(prompt.id).toBe(clientMessagePrompt.id);
    expect(prompt.version).toBe(clientMessagePrompt.version);
  });

  it("without known amounts the prompt is unchanged", () => {
    expect(refusingPaidAmounts(clientMessagePrompt, { amountsMinor: [], minorDigits: 2 })).toBe(clientMessagePrompt);
  });
});
