/**
 * Money from the platforms, to integer minor units, exactly: Shopify and X-Series send decimal strings
 * ("199.00"), Square integer minor units, Clover and R-Series cents (R-Series as strings). Nothing here
 * goes through a binary float.
 */

/** ISO 4217 minor-unit exponents that are not 2 (the rest of the world's currencies use cents). */
const EXPONENTS: Record<string, number> = {
  JPY: 0, KRW: 0, CLP: 0, ISK: 0, VND: 0, XOF: 0, XAF: 0, XPF: 0, UGX: 0, PYG: 0, RWF: 0,
  BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3, LYD: 3, IQD: 3,
};

export function minorExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * "199.00" → 19900 for a two-decimal currency. Digits past the currency's exponent must be zeros
 * ("12.340" is fine, "12.345 USD" is refused rather than rounded). Accepts numbers only when they are
 * integers (a float amount is a bug upstream).
 */
export function decimalToMinor(amount: string | number, currency: string): number {
  const text = typeof amount === "number" ? integerText(amount) : amount.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(amount)}`);
  const [, sign, whole, fraction = ""] = match;
  const exponent = minorExponent(currency);
  const kept = fraction.slice(0, exponent).padEnd(exponent, "0");
  if (/[^0]/.test(fraction.slice(exponent))) throw new RangeError(`${text} has more decimals than ${currency} allows`);
  return toSafeNumber(BigInt(`${sign === "-" ? "-" : ""}${whole}${kept}`), text);
}

/** An amount the platform already gives in minor units (Square `amount`, Clover cents), number or digits. */
export function integerMinor(amount: string | number | bigint): number {
  if (typeof amount === "bigint") return toSafeNumber(amount, String(amount));
  const text = typeof amount === "number" ? integerText(amount) : amount.trim();
  if (!/^[+-]?\d+$/.test(text)) throw new RangeError(`not an integer amount: ${JSON.stringify(amount)}`);
  return toSafeNumber(BigInt(text), text);
}

function integerText(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount ${amount} is not a safe integer; send it as a string`);
  return String(amount);
}

function toSafeNumber(value: bigint, source: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`amount ${source} is out of range`);
  }
  return Number(value);
}

/** 19900 → "199.00" for writing back to a platform that takes decimal strings. */
export function minorToDecimal(minor: number, currency: string): string {
  const exponent = minorExponent(currency);
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return negative ? `-${text}` : text;
}
