/**
 * Presentation formats, fixed to one locale so server and browser render the same text.
 * Money arrives in minor units with its currency; times are shown in a given IANA time zone.
 */
const LOCALE = "en-GB";

const currencyFormats = new Map<string, Intl.NumberFormat>();

function currencyFormat(currency: string, compact: boolean): Intl.NumberFormat {
  const key = `${currency}:${compact}`;
  let format = currencyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, {
      style: "currency",
      currency,
      ...(compact ? { notation: "compact", maximumFractionDigits: 1 } : {}),
    });
    currencyFormats.set(key, format);
  }
  return format;
}

/** Digits after the decimal point for a currency (2 for CHF, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat(LOCALE, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(minor: number, currency: string, options: { compact?: boolean } = {}): string {
  return currencyFormat(currency, Boolean(options.compact)).format(minor / 10 ** minorDigits(currency));
}

const integer = new Intl.NumberFormat(LOCALE);
export function formatNumber(value: number): string {
  return integer.format(value);
}

export function formatDate(value: Date | string, timeZone = "UTC"): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", year: "numeric", timeZone }).format(date);
}

export function formatDateTime(value: Date | string, timeZone = "UTC", options: { seconds?: boolean } = {}): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(LOCALE, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(options.seconds ? { second: "2-digit" } : {}),
    timeZone,
    timeZoneName: "short",
  }).format(date);
}

/** A calendar day stored as yyyy-mm-dd (no time zone of its own). */
export function formatDay(day: string): string {
  return formatDate(`${day}T12:00:00Z`, "UTC");
}

const CATEGORY_LABELS: Record<string, string> = {
  mechanical_watch: "Mechanical watches",
  quartz_watch: "Quartz watches",
  smart_watch: "Smart watches",
  fine_jewellery: "Fine jewellery",
  pearls: "Pearls",
  gold_jewellery: "Gold jewellery",
  electronics: "Electronics",
};

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? category.replaceAll("_", " ");
}

const ROLE_LABELS: Record<string, string> = { admin: "Admin", manager: "Manager", buyer: "Buyer", associate: "Associate" };

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

/** "3 Nov" for a yyyy-mm-dd day: chart axes and compact lists. */
export function formatShortDay(day: string): string {
  return new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
}
