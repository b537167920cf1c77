import { customers, type CustomerPreferences } from "../schema";
import type { Brand } from "./catalog-data";
import { CATEGORIES } from "./catalog-data";
import { type SeedContext, yieldToLoader } from "./context";
import { CopyBuffer, copyTarget } from "./copy";
import { asciiFold, ORIGINS, type Origin, surnameFor } from "./names";
import { writeClientNotes, notesTarget } from "./notes";
import { type CountryCode, mobileNumber, postalAddress } from "./places";
import { type Rng, scrambledNumber, WeightedSampler } from "./random";
import { DAY_MS, dateString, dayNumberOf, iso } from "./time";

export const customersTarget = copyTarget(customers, [
  "id", "firstName", "lastName", "email", "emailNormalized", "phone", "phoneNormalized", "addressLine", "city",
  "postalCode", "country", "loyaltyId", "consentEmail", "consentSms", "consentPhone", "consentMail", "doNotContact",
  "preferences", "tier", "lifetimeValueMinor", "currency", "homeStoreId", "preferredAssociateId", "birthday",
  "createdAt", "updatedAt",
] as const);

/** The clients, kept as columns: the sales simulation draws from them by weight. */
export type ClientBook = {
  count: number;
  ids: string[];
  homeStore: Uint8Array;
  createdAtMs: Float64Array;
  /** How often the client buys, heavy-tailed (log-normal). */
  frequency: Float64Array;
  /** 0–1: how far up the price range the client shops. */
  affluence: Float64Array;
  /** Category indexes the client favours (−1 for none). */
  favouriteCategories: Int8Array[];
  favouriteBrand: (Brand | null)[];
  /** Index into the seeded users, −1 for none. */
  preferredAssociate: Int16Array;
  /** Sum of purchases minus refunds, minor units of the home store's currency. */
  lifetimeValueMinor: Float64Array;
  /** Home-store clients by store index, weighted by frequency. */
  samplers: WeightedSampler[];
  everyone: WeightedSampler;
};

const EMAIL_DOMAINS = [["example.com", 5], ["example.net", 3], ["example.org", 2]] as const;
const METALS = ["yellow gold", "white gold", "rose gold", "platinum"] as const;
const CLIENTS_PER_FLUSH = 20_000;

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** "Müller" → "Mueller": the other spelling that makes a probable duplicate. */
function spellingVariant(surname: string): string {
  const map: Record<string, string> = { ü: "ue", ö: "oe", ä: "ae", ø: "oe", å: "aa", é: "e", è: "e", ñ: "n" };
  return surname.replace(/[üöäøåéèñ]/g, (ch) => map[ch]);
}

function ringSize(rng: Rng, country: CountryCode): string {
  if (country === "US") return String(rng.int(9, 19) / 2);
  if (country === "GB") return rng.pick(["H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R"]);
  return String(rng.int(48, 60));
}

class UniqueSet {
  private readonly seen = new Set<string>();
  claim(value: string): boolean {
    if (this.seen.has(value)) return false;
    this.seen.add(value);
    return true;
  }
}

function emailFor(rng: Rng, first: string, last: string, birthYear: number | null, emails: UniqueSet): { raw: string; normalized: string } {
  const f = asciiFold(first);
  const l = asciiFold(last);
  const yy = String(birthYear ?? rng.int(50, 99)).slice(-2);
  let local = rng.weighted([[`${f}.${l}`, 40], [`${f}${l}`, 15], [`${f[0]}${l}`, 15], [`${f}.${l}${yy}`, 15], [`${l}.${f}`, 10], [`${f}_${l}`, 5]] as const);
  const domain = rng.weighted(EMAIL_DOMAINS);
  while (!emails.claim(`${local}@${domain}`)) local = `${local}${rng.int(1, 9)}`;
  const normalized = `${local}@${domain}`;
  // some POS systems keep the capitals a client typed
  const raw = rng.chance(0.12) ? `${local.replace(/(^|[._])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase())}@${domain}` : normalized;
  return { raw, normalized };
}

type LastClient = { first: string; last: string; birthday: string | null; originKey: keyof typeof ORIGINS; isFemale: boolean };

/** Generates `count` clients into `out` (and their associates' notes), flushing as it goes. */
export async function generateClients(
  rng: Rng,
  ctx: SeedContext,
  count: number,
  out: CopyBuffer<(typeof customersTarget.keys)[number]>,
  notes: CopyBuffer<(typeof notesTarget.keys)[number]>,
): Promise<ClientBook> {
  const book: ClientBook = {
    count,
    ids: new Array<string>(count),
    homeStore: new Uint8Array(count),
    createdAtMs: new Float64Array(count),
    frequency: new Float64Array(count),
    affluence: new Float64Array(count),
    favouriteCategories: [new Int8Array(count).fill(-1), new Int8Array(count).fill(-1)],
    favouriteBrand: new Array<Brand | null>(count).fill(null),
    preferredAssociate: new Int16Array(count).fill(-1),
    lifetimeValueMinor: new Float64Array(count),
    samplers: [],
    everyone: new WeightedSampler(new Int32Array(0), []),
  };
  const emails = new UniqueSet();
  const phones = new UniqueSet();
  const lastByStore = new Map<number, LastClient>();
  const storeShares = ctx.stores.map((store, index) => [index, store.def.salesShare] as const);
  const nowDay = dayNumberOf(ctx.nowMs);
  const windowStartMs = ctx.nowMs - 730 * DAY_MS;

  for (let i = 0; i < count; i++) {
    const storeIndex = rng.weighted(storeShares);
    const store = ctx.stores[storeIndex].def;
    const previous = lastByStore.get(storeIndex);
    const isProbableDuplicate = previous !== undefined && rng.chance(0.008);
    const originKey = isProbableDuplicate ? previous.originKey : rng.weighted(store.clientOrigins);
    const origin: Origin = ORIGINS[originKey];
    const isFemale = isProbableDuplicate ? previous.isFemale : rng.chance(0.55);
    const first = isProbableDuplicate ? previous.first : rng.pick(isFemale ? origin.female : origin.male);
    const last = isProbableDuplicate ? spellingVariant(previous.last) : surnameFor(origin, rng.pick(origin.last), isFemale);
    const country: CountryCode = rng.chance(store.localShare) ? store.country : rng.weighted(origin.countries);

    const birthday = isProbableDuplicate ? previous.birthday : rng.chance(0.75) ? dateString(dayNumberOf(Date.UTC(rng.int(1945, 2003), 0, 1)) + rng.int(0, 364)) : null;
    const email = rng.chance(0.93) ? emailFor(rng, first, last, birthday ? Number(birthday.slice(0, 4)) : null, emails) : null;
    let phone: { display: string; e164: string } | null = null;
    if (rng.chance(0.88)) {
      for (let attempt = 0; attempt < 5 && !phone; attempt++) {
        const candidate = mobileNumber(rng, country);
        if (phones.claim(candidate.e164)) phone = candidate;
      }
    }
    const address = rng.chance(0.8) ? postalAddress(rng, country) : null;
    const doNotContact = rng.chance(0.04);
    const consentsAllowed = !doNotContact || rng.chance(0.1);

    const z = rng.normal();
    book.ids[i] = rng.uuid();
    book.homeStore[i] = storeIndex;
    book.frequency[i] = Math.exp(1.0 * z);
    book.affluence[i] = logistic(1.7 * (0.75 * z + 0.66 * rng.normal()));
    book.createdAtMs[i] = rng.chance(0.65)
      ? windowStartMs - rng.int(1, 6 * 365) * DAY_MS - rng.int(0, DAY_MS)
      : windowStartMs + rng.int(0, 700) * DAY_MS + rng.int(0, DAY_MS);

    const mix = CATEGORIES.map((category, index) => [index, store.categoryMix[category]] as const);
    const favourite = rng.weighted(mix);
    book.favouriteCategories[0][i] = favourite;
    if (rng.chance(0.4)) book.favouriteCategories[1][i] = rng.weighted(mix.filter(([index]) => index !== favourite));
    const favourites = book.favouriteCategories.map((column) => column[i]).filter((index) => index >= 0);
    if (rng.chance(0.6)) book.favouriteBrand[i] = rng.pick(ctx.catalog.brandsByCategory[favourite]);

    const sellers = ctx.sellers[storeIndex];
    if (rng.chance(0.82) && sellers.length > 0) book.preferredAssociate[i] = rng.weighted(sellers.map((s) => [s.userIndex, s.weight] as const));

    const categories = favourites.map((index) => CATEGORIES[index]);
    const isJewelleryClient = categories.some((c) => c === "fine_jewellery" || c === "gold_jewellery" || c === "pearls");
    const isWatchClient = categories.some((c) => c.endsWith("_watch"));
    const preferences: CustomerPreferences = {
      categories,
      ...(book.favouriteBrand[i] ? { brands: [book.favouriteBrand[i]!] } : {}),
      ...(isJewelleryClient ? { metals: [...new Set([rng.pick(METALS), rng.pick(METALS)])] } : {}),
      ...(isJewelleryClient && rng.chance(0.6) ? { ringSize: ringSize(rng, country) } : {}),
      ...(isWatchClient && rng.chance(0.55) ? { wristSizeMm: isFemale ? rng.int(145, 175) : rng.int(165, 200) } : {}),
      occasions: [
        ...(birthday && rng.chance(0.5) ? [{ kind: "birthday", date: birthday }] : []),
        ...(rng.chance(0.3) ? [{ kind: "wedding_anniversary", date: dateString(nowDay - rng.int(365, 40 * 365)) }] : []),
        ...(rng.chance(0.15) ? [{ kind: "partner_birthday", date: dateString(nowDay - rng.int(25 * 365, 70 * 365)) }] : []),
      ],
      language: rng.chance(0.7) ? origin.language : "en",
    };

    const createdAt = iso(book.createdAtMs[i]);
    out.push({
      id: book.ids[i],
      firstName: first,
      lastName: last,
      email: email?.raw ?? null,
      emailNormalized: email?.normalized ?? null,
      phone: phone?.display ?? null,
      phoneNormalized: phone?.e164 ?? null,
      addressLine: address?.line ?? null,
      city: address?.city ?? null,
      postalCode: address?.postalCode ?? null,
      country,
      loyaltyId: rng.chance(0.7) ? `VL${scrambledNumber(i, 8, 31_415_926)}` : null,
      consentEmail: consentsAllowed && email !== null && rng.chance(0.72),
      consentSms: consentsAllowed && phone !== null && rng.chance(0.4),
      consentPhone: consentsAllowed && phone !== null && rng.chance(0.55),
      consentMail: consentsAllowed && address !== null && rng.chance(0.28),
      doNotContact,
      preferences,
      tier: "client",
      lifetimeValueMinor: 0,
      currency: store.currency,
      homeStoreId: ctx.stores[storeIndex].id,
      preferredAssociateId: book.preferredAssociate[i] >= 0 ? ctx.users[book.preferredAssociate[i]].id : null,
      birthday,
      createdAt,
      updatedAt: createdAt,
    });
    writeClientNotes(rng, ctx, notes, {
      customerId: book.ids[i],
      storeIndex,
      authorIndex: book.preferredAssociate[i],
      createdAtMs: book.createdAtMs[i],
      isFemale,
      preferences,
    });
    lastByStore.set(storeIndex, { first, last, birthday, originKey, isFemale });
    if (out.pending >= CLIENTS_PER_FLUSH) await ctx.flush([out.take(), notes.take()]);
    if (i % 500 === 499) await yieldToLoader();
  }
  await ctx.flush([out.take(), notes.take()]);

  const byStore = ctx.stores.map(() => [] as number[]);
  for (let i = 0; i < count; i++) byStore[book.homeStore[i]].push(i);
  book.samplers = byStore.map((indexes) => {
    const values = Int32Array.from(indexes);
    return new WeightedSampler(values, Array.from(values, (i) => book.frequency[i]));
  });
  const all = Int32Array.from({ length: count }, (_, i) => i);
  book.everyone = new WeightedSampler(all, book.frequency);
  return book;
}
