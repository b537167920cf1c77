import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** The key that matches one person's e-mail across connections: trimmed and lower-cased. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed && trimmed.includes("@") ? trimmed : null;
}

/**
 * E.164 (`+41791234567`), so "079 123 45 67" in Geneva and "+41 79 123 45 67" from another POS meet.
 * A number without a country prefix is read in the client's country; one that cannot be parsed as a
 * possible number is not used for matching.
 */
export function normalizePhone(phone: string | null | undefined, country?: string | null): string | null {
  if (!phone?.trim()) return null;
  const region = country && /^[A-Za-z]{2}$/.test(country) ? (country.toUpperCase() as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(phone, region);
  return parsed?.isPossible() ? parsed.number : null;
}
