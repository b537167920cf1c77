import type { ProductCategory } from "../schema";
import type { Currency, TaxRule } from "./money";
import type { OriginKey } from "./names";
import type { CountryCode } from "./places";

export type StoreCode = "GVA" | "LDN" | "NYC" | "DXB";

/** Opening hours as [open, close] minutes of the local day; null when closed. Index 0 = Sunday. */
type WeekHours = readonly ([number, number] | null)[];

export type StoreDef = {
  code: StoreCode;
  name: string;
  city: string;
  country: CountryCode;
  timezone: string;
  currency: Currency;
  tax: TaxRule;
  goLiveDaysAgo: number;
  rolloutPhase: 1 | 2 | 3;
  /** Share of the retailer's transactions. */
  salesShare: number;
  hours: WeekHours;
  /** Relative traffic by weekday, index 0 = Sunday. */
  weekdayFactor: readonly number[];
  /** Relative traffic by month on top of the retailer's seasonality, index 0 = January. */
  monthFactor: readonly number[];
  /** Sale lines by category. */
  categoryMix: Readonly<Record<ProductCategory, number>>;
  /** Where the store's clients' names come from. */
  clientOrigins: readonly (readonly [OriginKey, number])[];
  /** Share of clients who live in the store's country (the others are visitors). */
  localShare: number;
};

const H = (hour: number) => hour * 60;
const FLAT_MONTHS = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] as const;

export const STORES: readonly StoreDef[] = [
  {
    code: "GVA",
    name: "Geneva, Rue du Rhône",
    city: "Geneva",
    country: "CH",
    timezone: "Europe/Zurich",
    currency: "CHF",
    tax: { ratePpm: 81_000, isIncluded: true },
    goLiveDaysAgo: 430,
    rolloutPhase: 3,
    salesShare: 0.23,
    hours: [null, [H(10), H(19)], [H(10), H(19)], [H(10), H(19)], [H(10), H(20)], [H(10), H(19)], [H(10), H(18)]],
    weekdayFactor: [0, 0.8, 0.85, 0.9, 1.05, 1.15, 1.5],
    monthFactor: [1, 1, 1, 1, 1, 1, 1.12, 1.15, 1, 1, 1, 1],
    categoryMix: { mechanical_watch: 0.3, quartz_watch: 0.1, smart_watch: 0.05, fine_jewellery: 0.2, pearls: 0.07, gold_jewellery: 0.13, electronics: 0.15 },
    clientOrigins: [["swissFrench", 30], ["german", 12], ["french", 12], ["italian", 10], ["russian", 6], ["gulf", 5], ["british", 5], ["american", 4], ["chinese", 5], ["nordic", 4], ["hispanic", 3], ["indian", 2], ["centralEuropean", 2]],
    localShare: 0.72,
  },
  {
    code: "LDN",
    name: "London, New Bond Street",
    city: "London",
    country: "GB",
    timezone: "Europe/London",
    currency: "GBP",
    tax: { ratePpm: 200_000, isIncluded: true },
    goLiveDaysAgo: 250,
    rolloutPhase: 2,
    salesShare: 0.27,
    hours: [[H(12), H(18)], [H(10), H(19)], [H(10), H(19)], [H(10), H(19)], [H(10), H(20)], [H(10), H(19)], [H(10), H(19)]],
    weekdayFactor: [0.6, 0.8, 0.85, 0.9, 1.05, 1.15, 1.45],
    monthFactor: FLAT_MONTHS,
    categoryMix: { mechanical_watch: 0.22, quartz_watch: 0.1, smart_watch: 0.08, fine_jewellery: 0.22, pearls: 0.08, gold_jewellery: 0.15, electronics: 0.15 },
    clientOrigins: [["british", 40], ["indian", 10], ["american", 7], ["french", 6], ["italian", 6], ["chinese", 6], ["gulf", 6], ["russian", 4], ["nordic", 5], ["hispanic", 4], ["centralEuropean", 4], ["turkish", 2]],
    localShare: 0.78,
  },
  {
    code: "NYC",
    name: "New York, Madison Avenue",
    city: "New York",
    country: "US",
    timezone: "America/New_York",
    currency: "USD",
    tax: { ratePpm: 88_750, isIncluded: false },
    goLiveDaysAgo: 130,
    rolloutPhase: 2,
    salesShare: 0.3,
    hours: [[H(12), H(18)], [H(10), H(19)], [H(10), H(19)], [H(10), H(19)], [H(10), H(20)], [H(10), H(19)], [H(10), H(19)]],
    weekdayFactor: [0.7, 0.8, 0.85, 0.9, 1.05, 1.15, 1.4],
    monthFactor: FLAT_MONTHS,
    categoryMix: { mechanical_watch: 0.18, quartz_watch: 0.08, smart_watch: 0.12, fine_jewellery: 0.2, pearls: 0.06, gold_jewellery: 0.14, electronics: 0.22 },
    clientOrigins: [["american", 45], ["hispanic", 12], ["chinese", 8], ["korean", 5], ["japanese", 4], ["indian", 8], ["british", 5], ["italian", 5], ["french", 3], ["russian", 3], ["gulf", 2]],
    localShare: 0.85,
  },
  {
    code: "DXB",
    name: "Dubai, The Dubai Mall",
    city: "Dubai",
    country: "AE",
    timezone: "Asia/Dubai",
    currency: "AED",
    tax: { ratePpm: 50_000, isIncluded: true },
    goLiveDaysAgo: 24,
    rolloutPhase: 1,
    salesShare: 0.2,
    hours: [[H(10), H(23)], [H(10), H(23)], [H(10), H(23)], [H(10), H(23)], [H(10), H(24)], [H(10), H(24)], [H(10), H(24)]],
    weekdayFactor: [1.1, 0.9, 0.9, 0.9, 1.0, 1.25, 1.4],
    // Dubai Shopping Festival in January, quiet summer
    monthFactor: [1.3, 1, 1, 1, 1, 0.65, 0.6, 0.65, 0.9, 1, 1, 0.9],
    categoryMix: { mechanical_watch: 0.2, quartz_watch: 0.06, smart_watch: 0.06, fine_jewellery: 0.26, pearls: 0.07, gold_jewellery: 0.25, electronics: 0.1 },
    clientOrigins: [["gulf", 35], ["indian", 20], ["russian", 10], ["british", 10], ["chinese", 5], ["french", 4], ["italian", 3], ["turkish", 4], ["american", 4], ["german", 3], ["nordic", 2]],
    localShare: 0.6,
  },
];

/** The retailer's seasonality, index 0 = January: December gifting, Valentine's, a quiet summer. */
export const RETAIL_MONTH_FACTOR = [0.78, 0.95, 0.85, 0.9, 1.0, 0.95, 0.88, 0.82, 0.92, 0.97, 1.12, 1.85] as const;
