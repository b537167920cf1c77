import { z } from "zod";

const CURRENCY_SYMBOL = "[€$£¥₣₹]";
const CURRENCY_CODE = "(?:EUR|USD|GBP|CHF|SEK|NOK|DKK|JPY|CNY|HKD|SGD|AED|CAD|AUD|kr|Fr\\.?)";
const AMOUNT = "\\d[\\d.,' \\u00a0]*";
const PRICE = new RegExp(
  `${CURRENCY_SYMBOL}\\s?${AMOUNT}|${AMOUNT}\\s?${CURRENCY_SYMBOL}|\\b${CURRENCY_CODE}\\s?${AMOUNT}|${AMOUNT}\\s?${CURRENCY_CODE}\\b`,
  "i",
);

/** True when the text states an amount of money (a draft never states what the client paid). */
export function mentionsPrice(text: string): boolean {
  return PRICE.test(text);
}

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO date (YYYY-MM-DD)");

/** Rejects an output whose listed text fields state an amount of money. */
export function refuseAmounts<T extends Record<string, unknown>>(fields: (keyof T & string)[]) {
  return (value: T, ctx: z.RefinementCtx) => {
    for (const field of fields) {
      const text = value[field];
      if (typeof text === "string" && mentionsPrice(text)) {
        ctx.addIssue({ code: "custom", path: [field], message: "must not state a price or amount of money" });
      }
    }
  };
}
