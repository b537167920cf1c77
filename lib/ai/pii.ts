import type { ClientIdentity, DraftContext, DraftInput } from "./context";

/** Placeholder → the real value it stands for; stays in Vitrine, never reaches a model. */
export type PiiVault = ReadonlyMap<string, string>;

export const PLACEHOLDER = {
  fullName: "{{client.full_name}}",
  firstName: "{{client.first_name}}",
  lastName: "{{client.last_name}}",
  email: "{{client.email}}",
  phone: "{{client.phone}}",
  address: "{{client.address}}",
  addressLine1: "{{client.address_line1}}",
  addressLine2: "{{client.address_line2}}",
  postalCode: "{{client.postal_code}}",
} as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const PHONE = /(?<![\p{L}\p{N}])(?:\+|00)?\d[\d \t().\/-]{5,}\d(?![\p{L}\p{N}])/gu;
/** Dates look like short phone numbers: 2026-12-03, 26.11.2026, 03/12/26. */
const DATE = /^(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$/;
const FREE_TEXT_KEYS = new Set(["text", "careNotes", "value"]);
const FOLD_EXTRA: Record<string, string> = { ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", þ: "th" };

function foldChar(ch: string): string {
  const lower = ch.toLowerCase();
  if (FOLD_EXTRA[lower]) return FOLD_EXTRA[lower];
  if (/\s/u.test(ch)) return " ";
  return lower.normalize("NFD").replace(/\p{M}/gu, "");
}

/** Case- and accent-folded text with a map from each folded position to its original offset. */
function foldWithMap(text: string): { folded: string; origin: number[]; ends: number[] } {
  let folded = "";
  const origin: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let i = 0; i < f.length; i++) {
      origin.push(offset);
      ends.push(offset + ch.length);
    }
    folded += f;
    offset += ch.length;
  }
  return { folded, origin, ends };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces every occurrence of `needle`, ignoring case, accents and spacing, at word boundaries. */
function replaceFolded(text: string, needle: string, placeholder: string): string {
  const foldedNeedle = foldWithMap(needle.trim()).folded.trim();
  if (foldedNeedle.length < 2) return text;
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])${foldedNeedle.split(/ +/).map(escapeRegExp).join(" +")}(?![\\p{L}\\p{N}])`,
    "gu",
  );
  const { folded, origin, ends } = foldWithMap(text);
  let result = "";
  let cursor = 0;
  for (const match of folded.matchAll(pattern)) {
    const start = origin[match.index];
    const end = ends[match.index + match[0].length - 1];
    result += text.slice(cursor, start) + placeholder;
    cursor = end;
  }
  return result + text.slice(cursor);
}

function digits(text: string): string {
  return text.replace(/\D/g, "");
}

function formatAddress(address: NonNullable<ClientIdentity["address"]>): string {
  return [address.line1, address.line2, `${address.postalCode} ${address.city}`, address.country]
    .filter((part): part is string => Boolean(part))
    .join(", ");
}

class Redactor {
  readonly vault = new Map<string, string>();
  private readonly identityNeedles: [string, string][] = [];
  private contactCount = 0;

  constructor(private readonly identity: ClientIdentity) {
    const { firstName, lastName, email, phone, address } = identity;
    this.vault.set(PLACEHOLDER.firstName, firstName);
    this.vault.set(PLACEHOLDER.lastName, lastName);
    this.vault.set(PLACEHOLDER.fullName, `${firstName} ${lastName}`);
    if (email) this.vault.set(PLACEHOLDER.email, email);
    if (phone) this.vault.set(PLACEHOLDER.phone, phone);
    if (address) {
      this.vault.set(PLACEHOLDER.address, formatAddress(address));
      this.vault.set(PLACEHOLDER.addressLine1, address.line1);
      this.vault.set(PLACEHOLDER.postalCode, address.postalCode);
      if (address.line2) this.vault.set(PLACEHOLDER.addressLine2, address.line2);
      this.identityNeedles.push(
        [formatAddress(address), PLACEHOLDER.address],
        [address.line1, PLACEHOLDER.addressLine1],
        ...(address.line2 ? [[address.line2, PLACEHOLDER.addressLine2] as [string, string]] : []),
        [address.postalCode, PLACEHOLDER.postalCode],
      );
    }
    if (email) this.identityNeedles.push([email, PLACEHOLDER.email]);
    // longest first, so "Amélie Lindqvist" becomes one placeholder rather than two
    this.identityNeedles.push(
      [`${firstName} ${lastName}`, PLACEHOLDER.fullName],
      [`${lastName} ${firstName}`, PLACEHOLDER.fullName],
      [lastName, PLACEHOLDER.lastName],
      [firstName, PLACEHOLDER.firstName],
    );
  }

  private contactPlaceholder(kind: "email" | "phone", value: string): string {
    for (const [placeholder, known] of this.vault) {
      if (known === value && placeholder.startsWith("{{contact.")) return placeholder;
    }
    this.contactCount += 1;
    const placeholder = `{{contact.${kind}_${this.contactCount}}}`;
    this.vault.set(placeholder, value);
    return placeholder;
  }

  private redactPatterns(text: string): string {
    const clientEmail = this.identity.email?.toLowerCase();
    const clientPhone = this.identity.phone ? digits(this.identity.phone).slice(-8) : null;
    return text
      .replace(EMAIL, (found) =>
        found.toLowerCase() === clientEmail ? PLACEHOLDER.email : this.contactPlaceholder("email", found),
      )
      .replace(PHONE, (found) => {
        const trimmed = found.trim();
        const count = digits(trimmed).length;
        if (DATE.test(trimmed) || count < 7 || count > 15) return found;
        if (clientPhone && digits(trimmed).endsWith(clientPhone)) return PLACEHOLDER.phone;
        return this.contactPlaceholder("phone", trimmed);
      });
  }

  redact(text: string, isFreeText: boolean): string {
    let result = isFreeText ? this.redactPatterns(text) : text;
    const phone = this.identity.phone;
    if (phone && result.includes(phone)) result = result.replaceAll(phone, PLACEHOLDER.phone);
    for (const [needle, placeholder] of this.identityNeedles) {
      result = replaceFolded(result, needle, placeholder);
    }
    return result;
  }
}

function mapStrings(value: unknown, fn: (text: string, key: string | null) => string, key: string | null): unknown {
  if (typeof value === "string") return fn(value, key);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, fn, key));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn, k)]));
  }
  return value;
}

/**
 * Replaces the client's name, e-mail, phone and address with placeholders everywhere in the input,
 * free text included (names case- and accent-insensitively; e-mails and phone numbers also by
 * pattern). Returns the context a model may see and the vault to fill the output back in.
 */
export function redactInput(input: DraftInput): { context: DraftContext; vault: PiiVault } {
  const { identity, ...clientRest } = input.client;
  const redactor = new Redactor(identity);
  const rest = mapStrings({ ...input, client: clientRest }, (text, key) =>
    redactor.redact(text, key !== null && FREE_TEXT_KEYS.has(key)),
  null) as Omit<DraftInput, "client"> & { client: typeof clientRest };
  const context: DraftContext = {
    ...rest,
    client: { ...rest.client, firstName: PLACEHOLDER.firstName, lastName: PLACEHOLDER.lastName },
  };
  return { context, vault: redactor.vault };
}

const PLACEHOLDER_PATTERN = /\{\{[a-z_.0-9]+\}\}/g;

/** Placeholders left in an output that the vault has no value for (a model invented or misspelt them). */
export function unknownPlaceholders(output: unknown, vault: PiiVault): string[] {
  const found = new Set<string>();
  mapStrings(
    output,
    (text) => {
      for (const [placeholder] of text.matchAll(PLACEHOLDER_PATTERN)) if (!vault.has(placeholder)) found.add(placeholder);
      return text;
    },
    null,
  );
  return [...found].sort();
}

/** Fills placeholders in a model's output back in with the real values. */
export function restorePii<T>(output: T, vault: PiiVault): T {
  return mapStrings(
    output,
    (text) => text.replace(PLACEHOLDER_PATTERN, (placeholder) => vault.get(placeholder) ?? placeholder),
    null,
  ) as T;
}
