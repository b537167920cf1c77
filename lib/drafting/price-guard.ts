import type { z } from "zod";
import type { DraftPrompt } from "@/lib/ai";

/** What the client paid, as Vitrine knows it: the sale's total and its lines, in minor units. */
export type PaidAmounts = { amountsMinor: number[]; minorDigits: number };

const GROUP_SEPARATOR = "[,.'’\\u00a0\\u202f ]";
const DECIMAL_SEPARATOR = "[.,]";

/** Currencies written without minor units; every other one has two. */
const ZERO_DIGIT_CURRENCIES = new Set(["JPY", "KRW", "ISK", "CLP", "VND"]);

export function minorDigitsOf(currency: string): number {
  return ZERO_DIGIT_CURRENCIES.has(currency.toUpperCase()) ? 0 : 2;
}

/** "48500" → "48[sep]?500": the thousands written with or without a separator. */
function groupedDigits(major: number): string {
  const digits = String(major);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join(`${GROUP_SEPARATOR}?`);
}

/** "48.5k", "48,5k", "48k" for 48,500 (only when the shorthand is exact). */
function thousandsShorthand(major: number): string | null {
  if (major < 1000 || major % 100 !== 0) return null;
  const thousands = major / 1000;
  const [whole, fraction] = String(thousands).split(".");
  return fraction ? `${whole}${DECIMAL_SEPARATOR}${fraction}\\s?k` : `${whole}\\s?k`;
}

/**
 * One pattern for every common way to write the amount: 48500, 48,500, 48'500, 48 500, 48.500,00,
 * 48,500.00, 48'500.–, 48.5k. A bare number under 1,000 without its decimals ("24") is not taken
 * for a price: it is far more often a count of months or millimetres, and an amount written with a
 * currency is refused by the prompts' own rule whatever its size.
 */
export function paidAmountPattern(amountMinor: number, minorDigits: number): RegExp | null {
  if (!Number.isInteger(amountMinor) || amountMinor <= 0) return null;
  const scale = 10 ** minorDigits;
  const major = Math.floor(amountMinor / scale);
  const fraction = String(amountMinor % scale).padStart(minorDigits, "0");
  const decimals = minorDigits === 0 ? null : `${DECIMAL_SEPARATOR}(?:${fraction}${fraction === "0".repeat(minorDigits) ? "|[-–—]" : ""})`;
  const number = groupedDigits(major);
  const forms: string[] = [];
  if (decimals) forms.push(`${number}${decimals}`);
  if (major >= 1000) forms.push(number);
  const shorthand = thousandsShorthand(major);
  if (shorthand && amountMinor % scale === 0) forms.push(shorthand);
  if (forms.length === 0) return null;
  return new RegExp(`(?<!\\d${GROUP_SEPARATOR}?)(?:${forms.join("|")})(?!\\d|${GROUP_SEPARATOR}\\d)`, "iu");
}

/** True when the text states one of the amounts the client paid, in any common format. */
export function statesPaidAmount(text: string, paid: PaidAmounts): boolean {
  return paid.amountsMinor.some((amount) => paidAmountPattern(amount, paid.minorDigits)?.test(text) ?? false);
}

const MESSAGE = "must not state the price the client paid, in any form";

/**
 * The prompt with its schema tightened for one sale: a text field that states what the client paid
 * fails validation, so the model is asked once more with the error, and a draft that still states
 * it is a visible generation failure, never a pending draft.
 */
export function refusingPaidAmounts<T>(prompt: DraftPrompt<T>, paid: PaidAmounts): DraftPrompt<T> {
  if (paid.amountsMinor.length === 0) return prompt;
  const schema = (prompt.schema as z.ZodType<T>).superRefine((value, ctx) => {
    if (value === null || typeof value !== "object") return;
    for (const [field, text] of Object.entries(value as Record<string, unknown>)) {
      if (typeof text === "string" && statesPaidAmount(text, paid)) ctx.addIssue({ code: "custom", path: [field], message: MESSAGE });
    }
  });
  return { ...prompt, schema };
}
