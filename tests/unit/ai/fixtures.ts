import type { DraftInput, SaleLineContext } from "@/lib/ai";

export const CLIENT = {
  firstName: "Amélie",
  lastName: "Lindqvist",
  email: "amelie.lindqvist@example.com",
  phone: "+46 70 123 45 67",
  address: { line1: "Strandvägen 7A", postalCode: "114 56", city: "Stockholm", country: "Sweden" },
};

/** Strings that must never reach a model, in the spellings a request body may carry them. */
export const PII_NEEDLES = [
  "amélie", "amelie", "am\\u00e9lie", "lindqvist", "example.com", "+46", "123 45 67", "1234567",
  "strandvägen", "strandv\\u00e4gen", "strandvagen", "114 56",
];

export const LINES = {
  mechanical: {
    brand: "Aurelian",
    name: "Meridian Automatic 40",
    category: "mechanical_watch",
    serial: "AUR-778812",
    warrantyMonths: 60,
    serviceIntervalMonths: 12,
    serviceKind: "regulation",
    careNotes: "Water resistant to 100 m.",
    properties: [],
  },
  quartz: {
    brand: "Nordlicht",
    name: "Polaris Quartz 36",
    category: "quartz_watch",
    serial: "NL-22841",
    warrantyMonths: 24,
    serviceIntervalMonths: 24,
    serviceKind: "battery",
    careNotes: null,
    properties: [],
  },
  diamondRing: {
    brand: "Castellane",
    name: "Solitaire 1.2 ct, white gold",
    category: "fine_jewellery",
    serial: "IGI-5521093",
    warrantyMonths: 12,
    serviceIntervalMonths: 6,
    serviceKind: "cleaning",
    careNotes: null,
    properties: [{ name: "Engrave", value: "For Amélie Lindqvist, 26.11.2026" }],
  },
  pearls: {
    brand: "Maison Velour",
    name: "Akoya strand 45 cm",
    category: "pearls",
    serial: null,
    warrantyMonths: 12,
    serviceIntervalMonths: 12,
    serviceKind: "restringing",
    careNotes: null,
    properties: [],
  },
  electronics: {
    brand: "Nordlicht",
    name: "Optika X2 camera body",
    category: "electronics",
    serial: "OX2-0045121",
    warrantyMonths: 24,
    serviceIntervalMonths: 12,
    serviceKind: "sensor_cleaning",
    careNotes: null,
    properties: [],
  },
} satisfies Record<string, SaleLineContext>;

export function draftInput(overrides: Partial<Omit<DraftInput, "client">> & { client?: Partial<DraftInput["client"]> } = {}): DraftInput {
  const { client, ...rest } = overrides;
  return {
    client: {
      identity: CLIENT,
      channels: { email: true, sms: true },
      preferredChannel: "email",
      preferredAssociate: "Jonas",
      ...client,
    },
    store: { name: "Vitrine Östermalm", city: "Stockholm", timezone: "Europe/Stockholm", currency: "SEK" },
    sale: { date: "2026-11-26", associate: "Jonas", lines: [LINES.mechanical] },
    earlierPurchases: [],
    notes: [{ source: "staff_note", text: "Client paid 48 500 SEK by card; call Amélie on 070-123 45 67 when the strap arrives." }],
    clienteling: null,
    subjectLine: 0,
    asOf: "2026-11-27",
    ...rest,
  };
}
