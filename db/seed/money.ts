/**
 * Integer money for the seed: amounts are minor units, rates are parts per million, and every
 * conversion rounds once, half away from zero. No float ever reaches a stored amount.
 */

export type Currency = "EUR" | "CHF" | "GBP" | "USD" | "AED";

/** A fixed price-list FX table (units of the currency per 1 EUR, in millionths). */
export const FX_PER_EUR_PPM: Record<Currency, number> = {
  EUR: 1_000_000,
  CHF: 940_000,
  GBP: 850_000,
  USD: 1_080_000,
  AED: 3_970_000,
};

/** round(a × b ÷ c) for integers, half away from zero, exact at any size. */
export function mulDivRound(a: number, b: number, c: number): number {
  const sign = Math.sign(a) * Math.sign(b) * Math.sign(c);
  const numerator = Math.abs(a) * Math.abs(b);
  const divisor = Math.abs(c);
  if (Number.isSafeInteger(numerator)) {
    let quotient = Math.floor(numerator / divisor);
    let remainder = numerator - quotient * divisor;
    // the float division can land one off for large numerators
    if (remainder < 0) {
      quotient -= 1;
      remainder += divisor;
    } else if (remainder >= divisor) {
      quotient += 1;
      remainder -= divisor;
    }
    return sign * (2 * remainder >= divisor ? quotient + 1 : quotient) + 0;
  }
  const big = BigInt(Math.abs(a)) * BigInt(Math.abs(b));
  const bigDivisor = BigInt(divisor);
  const quotient = big / bigDivisor;
  const rounded = 2n * (big - quotient * bigDivisor) >= bigDivisor ? quotient + 1n : quotient;
  return sign * Number(rounded) + 0;
}

export function convertMinor(amount: number, from: Currency, to: Currency): number {
  if (from === to) return amount;
  return mulDivRound(amount, FX_PER_EUR_PPM[to], FX_PER_EUR_PPM[from]);
}

/** Rounds to a multiple of `step` (minor units), half up. */
export function roundTo(amount: number, step: number): number {
  return mulDivRound(amount, 1, step) * step;
}

/** Boutique price lists end in round numbers: 50 units above 1,000, else 5. */
export function priceListRound(minor: number): number {
  return roundTo(minor, minor >= 100_000 ? 5_000 : 500);
}

/** The catalog's EUR price as a store's local list price. */
export function localPrice(eurMinor: number, currency: Currency): number {
  return currency === "EUR" ? eurMinor : priceListRound(convertMinor(eurMinor, "EUR", currency));
}

export type TaxRule = { ratePpm: number; isIncluded: boolean };

/** Tax in a total: VAT inside a VAT-inclusive price, sales tax on top of the rest. */
export function taxOn(amount: number, rule: TaxRule): number {
  return rule.isIncluded
    ? mulDivRound(amount, rule.ratePpm, 1_000_000 + rule.ratePpm)
    : mulDivRound(amount, rule.ratePpm, 1_000_000);
}
