import { productCategoryEnum, type ProductCategory, type ServiceKind } from "../schema";

/** Invented makers only (DOMAIN.md): nothing here implies a real brand's terms. */
export const BRANDS = {
  Aurelian: { code: "AUR", supplier: "Aurelian SA, Genève" },
  "Brévine & Fils": { code: "BRV", supplier: "Brévine & Fils SA, Le Brassus" },
  Nordlicht: { code: "NDL", supplier: "Nordlicht Uhrenmanufaktur GmbH, Glashütte" },
  Castellane: { code: "CAS", supplier: "Castellane Paris SAS" },
  "Kestrel Marine": { code: "KST", supplier: "Kestrel Marine Watch Co. Ltd, Biel" },
  Lysander: { code: "LYS", supplier: "Lysander Time AG, Grenchen" },
  Tessel: { code: "TSL", supplier: "Tessel Devices Inc., San Jose" },
  "Maison Velour": { code: "MVL", supplier: "Maison Velour Joaillerie, Paris" },
  Isolde: { code: "ISL", supplier: "Isolde Gems Ltd, Hatton Garden" },
  Serafine: { code: "SRF", supplier: "Serafine Haute Joaillerie, Genève" },
  Mareva: { code: "MRV", supplier: "Mareva Perles, Papeete" },
  Kaori: { code: "KAO", supplier: "Kaori Pearl Co., Ise" },
  Orsino: { code: "ORS", supplier: "Orsino Oreficeria S.p.A., Vicenza" },
  Halvard: { code: "HLV", supplier: "Halvard Optik AG, Wetzlar" },
  Kiyora: { code: "KIY", supplier: "Kiyora Imaging K.K., Tokyo" },
  Arcturus: { code: "ARC", supplier: "Arcturus Computing Ltd, Cambridge" },
  "Sonnet Acoustique": { code: "SNT", supplier: "Sonnet Acoustique SARL, Lyon" },
  Fjelltone: { code: "FJT", supplier: "Fjelltone AS, Trondheim" },
} as const;

export type Brand = keyof typeof BRANDS;

export type Collection = {
  brand: Brand;
  name: string;
  code: string;
  category: ProductCategory;
  description: string;
  models: readonly string[];
  /** `[label, price factor]`: the variant scales the model's base price (carats, metals, sizes). */
  variants: readonly (readonly [string, number])[];
  /** Base price range in EUR, before the variant's factor. */
  basePriceEur: readonly [number, number];
  warrantyMonths: number;
  serviceIntervalMonths: number | null;
  serviceKind: ServiceKind | null;
  /** Probability that a piece carries its own serial (case number, certificate, device serial). */
  serializedShare: number;
  /** Extra care guidance on top of the category's. */
  careNote?: string;
  /** Relative number of references in the category. */
  weight: number;
};

const steelAndGold = [["40 mm steel, blue dial", 1], ["40 mm steel, silver dial", 0.95], ["38 mm rose gold, ivory dial", 1.9], ["40 mm white gold, slate dial", 2.1], ["36 mm steel, mother-of-pearl dial", 1]] as const;

export const COLLECTIONS: readonly Collection[] = [
  // mechanical watches
  { brand: "Aurelian", name: "Meridian", code: "MER", category: "mechanical_watch", description: "Slim automatic dress watch with a hand-finished movement.", models: ["Automatic", "Small Seconds", "Date"], variants: steelAndGold, basePriceEur: [11_000, 15_000], warrantyMonths: 60, serviceIntervalMonths: 96, serviceKind: "full_service", serializedShare: 1, weight: 5 },
  { brand: "Aurelian", name: "Orbis", code: "ORB", category: "mechanical_watch", description: "Column-wheel chronograph, sapphire case back.", models: ["Chronograph", "Flyback Chronograph", "Annual Calendar Chronograph"], variants: steelAndGold, basePriceEur: [17_000, 26_000], warrantyMonths: 60, serviceIntervalMonths: 96, serviceKind: "full_service", serializedShare: 1, weight: 4 },
  { brand: "Brévine & Fils", name: "Perpétuel", code: "PER", category: "mechanical_watch", description: "High complications finished by hand in the Vallée de Joux.", models: ["Perpetual Calendar", "Tourbillon", "Moon Phase Perpetual"], variants: [["39 mm platinum, enamel dial", 1.15], ["39 mm rose gold, silver dial", 1], ["41 mm white gold, blue dial", 1.1]], basePriceEur: [38_000, 52_000], warrantyMonths: 48, serviceIntervalMonths: 84, serviceKind: "full_service", serializedShare: 1, weight: 2 },
  { brand: "Nordlicht", name: "Polarstern", code: "POL", category: "mechanical_watch", description: "Saxon manual-wind watch with a three-quarter plate.", models: ["Manual Wind", "Power Reserve", "Moon Phase"], variants: [["39 mm steel, silver dial", 1], ["39 mm rose gold, silver dial", 1.8], ["37 mm steel, black dial", 0.95]], basePriceEur: [6_000, 9_000], warrantyMonths: 36, serviceIntervalMonths: 72, serviceKind: "full_service", serializedShare: 1, weight: 5 },
  { brand: "Nordlicht", name: "Nordkap", code: "NKP", category: "mechanical_watch", description: "Travel watch with a second time zone and a 24-hour bezel.", models: ["GMT", "Worldtimer"], variants: [["41 mm steel, black dial", 1], ["41 mm titanium, green dial", 1.1], ["41 mm steel, blue dial", 1]], basePriceEur: [8_000, 13_000], warrantyMonths: 36, serviceIntervalMonths: 72, serviceKind: "full_service", serializedShare: 1, weight: 3 },
  { brand: "Castellane", name: "Rivoli", code: "RIV", category: "mechanical_watch", description: "Parisian automatic with a guilloché dial.", models: ["Automatic", "Day-Date", "Skeleton"], variants: [["38 mm steel, silver dial", 1], ["38 mm steel, blue dial", 1], ["35 mm two-tone, champagne dial", 1.3]], basePriceEur: [3_200, 6_500], warrantyMonths: 24, serviceIntervalMonths: 60, serviceKind: "full_service", serializedShare: 1, weight: 4 },
  { brand: "Kestrel Marine", name: "Abyssal", code: "ABY", category: "mechanical_watch", description: "Dive watch with a helium valve and a ceramic bezel.", models: ["Diver 300 m", "Diver 600 m", "Diver GMT"], variants: [["42 mm steel, black dial", 1], ["42 mm steel, petrol dial", 1], ["42 mm titanium, orange dial", 1.2]], basePriceEur: [3_500, 7_000], warrantyMonths: 36, serviceIntervalMonths: 12, serviceKind: "water_resistance", serializedShare: 1, careNote: "Water-resistance test every year and before the summer; rinse after every swim in the sea.", weight: 4 },
  // quartz watches
  { brand: "Castellane", name: "Solène", code: "SOL", category: "quartz_watch", description: "Quartz ladies' watch on a fine bracelet.", models: ["Quartz", "Quartz Date"], variants: [["28 mm steel, mother-of-pearl dial", 1], ["28 mm steel, diamond markers", 1.4], ["32 mm two-tone, silver dial", 1.2]], basePriceEur: [1_200, 2_800], warrantyMonths: 24, serviceIntervalMonths: 24, serviceKind: "battery", serializedShare: 1, weight: 4 },
  { brand: "Maison Velour", name: "Lune", code: "LUN", category: "quartz_watch", description: "Jewellery watch with a diamond-set bezel.", models: ["Quartz", "Quartz Moon"], variants: [["30 mm white gold, diamond bezel", 1.6], ["26 mm rose gold, diamond bezel", 1.4], ["30 mm steel, diamond bezel", 1]], basePriceEur: [3_000, 4_800], warrantyMonths: 24, serviceIntervalMonths: 36, serviceKind: "battery", serializedShare: 1, weight: 3 },
  { brand: "Lysander", name: "Chrono Q", code: "CHQ", category: "quartz_watch", description: "Quartz chronograph with a thermocompensated movement.", models: ["Chronograph", "Perpetual Quartz"], variants: [["40 mm steel, black dial", 1], ["40 mm steel, white dial", 1], ["38 mm steel, green dial", 1.05]], basePriceEur: [850, 2_000], warrantyMonths: 36, serviceIntervalMonths: 36, serviceKind: "battery", serializedShare: 1, weight: 3 },
  // smart watches
  { brand: "Tessel", name: "Tessel", code: "TES", category: "smart_watch", description: "Connected watch with sapphire glass and a two-day battery.", models: ["One", "One Cellular", "Pro"], variants: [["41 mm aluminium", 1], ["45 mm titanium", 1.6], ["41 mm steel", 1.35]], basePriceEur: [420, 900], warrantyMonths: 12, serviceIntervalMonths: 24, serviceKind: "battery", serializedShare: 1, careNote: "Register the warranty at the counter; battery health check after two years.", weight: 5 },
  { brand: "Nordlicht", name: "Connect", code: "CON", category: "smart_watch", description: "Hybrid smart watch: mechanical hands, activity tracking.", models: ["Hybrid", "Hybrid Chronograph"], variants: [["40 mm steel, black dial", 1], ["40 mm steel, silver dial", 1], ["40 mm titanium, grey dial", 1.3]], basePriceEur: [950, 1_500], warrantyMonths: 24, serviceIntervalMonths: 24, serviceKind: "battery", serializedShare: 1, weight: 3 },
  // fine jewellery
  { brand: "Maison Velour", name: "Étoile", code: "ETO", category: "fine_jewellery", description: "Solitaire ring, round brilliant diamond with a grading certificate.", models: ["Solitaire Ring", "Solitaire Ring, pavé band"], variants: [["0.30 ct, platinum", 0.3], ["0.50 ct, platinum", 0.5], ["0.70 ct, platinum", 0.75], ["1.00 ct, platinum", 1], ["1.50 ct, platinum", 2], ["2.00 ct, platinum", 3.3]], basePriceEur: [9_000, 13_000], warrantyMonths: 12, serviceIntervalMonths: 6, serviceKind: "cleaning", serializedShare: 1, weight: 5 },
  { brand: "Maison Velour", name: "Lumière", code: "LUM", category: "fine_jewellery", description: "White-gold diamond pieces with a bright rhodium finish.", models: ["Pendant", "Stud Earrings", "Line Bracelet"], variants: [["0.25 ct total", 0.5], ["0.50 ct total", 1], ["1.00 ct total", 2.1], ["2.00 ct total", 4.2]], basePriceEur: [2_600, 4_000], warrantyMonths: 12, serviceIntervalMonths: 18, serviceKind: "rhodium_plating", serializedShare: 1, weight: 5 },
  { brand: "Castellane", name: "Éternité", code: "ETE", category: "fine_jewellery", description: "Eternity band, diamonds set all around.", models: ["Eternity Band", "Half Eternity Band"], variants: [["platinum, 1.00 ct", 1], ["yellow gold, 1.00 ct", 0.85], ["platinum, 2.00 ct", 1.9]], basePriceEur: [4_000, 7_500], warrantyMonths: 12, serviceIntervalMonths: 6, serviceKind: "cleaning", serializedShare: 1, weight: 4 },
  { brand: "Isolde", name: "Verdant", code: "VER", category: "fine_jewellery", description: "Colombian emerald, certified, framed in diamonds.", models: ["Emerald Ring", "Emerald Pendant", "Emerald Earrings"], variants: [["1.5 ct, yellow gold", 1], ["2.5 ct, platinum", 1.9], ["1.0 ct, white gold", 0.7]], basePriceEur: [7_000, 14_000], warrantyMonths: 12, serviceIntervalMonths: 6, serviceKind: "cleaning", serializedShare: 1, careNote: "Emeralds are oiled: no ultrasonic or steam cleaning, and no sudden heat.", weight: 3 },
  { brand: "Isolde", name: "Saphir", code: "SAP", category: "fine_jewellery", description: "Ceylon sapphire pieces, certified.", models: ["Sapphire Ring", "Sapphire Pendant", "Sapphire Earrings"], variants: [["2.0 ct, platinum", 1], ["1.2 ct, white gold", 0.6], ["3.0 ct, platinum", 1.8]], basePriceEur: [5_000, 11_000], warrantyMonths: 12, serviceIntervalMonths: 6, serviceKind: "cleaning", serializedShare: 1, weight: 3 },
  { brand: "Serafine", name: "Haute Joaillerie", code: "HJO", category: "fine_jewellery", description: "One-of-a-kind high-jewellery piece, certified stones.", models: ["Rivière Necklace", "Cocktail Ring", "Chandelier Earrings"], variants: [["diamonds, platinum", 1], ["sapphires and diamonds, white gold", 0.8], ["rubies and diamonds, platinum", 1.25]], basePriceEur: [45_000, 85_000], warrantyMonths: 12, serviceIntervalMonths: 6, serviceKind: "cleaning", serializedShare: 1, weight: 1 },
  // pearls
  { brand: "Kaori", name: "Akoya", code: "AKO", category: "pearls", description: "Hand-knotted Akoya pearl strand, silk thread.", models: ["Strand 45 cm", "Strand 60 cm", "Bracelet"], variants: [["6.5–7 mm", 0.75], ["7–7.5 mm", 1], ["8–8.5 mm", 1.5]], basePriceEur: [1_200, 2_600], warrantyMonths: 12, serviceIntervalMonths: 18, serviceKind: "restringing", serializedShare: 0, weight: 4 },
  { brand: "Mareva", name: "Tahiti", code: "TAH", category: "pearls", description: "Tahitian pearls in natural peacock tones.", models: ["Strand 45 cm", "Graduated Strand"], variants: [["9–11 mm", 1], ["11–13 mm", 1.7]], basePriceEur: [3_500, 7_000], warrantyMonths: 12, serviceIntervalMonths: 18, serviceKind: "restringing", serializedShare: 0, weight: 3 },
  { brand: "Mareva", name: "Mers du Sud", code: "MDS", category: "pearls", description: "South Sea pearls, golden and white.", models: ["Strand 45 cm", "Opera Strand"], variants: [["10–12 mm, white", 1], ["11–13 mm, golden", 1.4]], basePriceEur: [7_000, 13_000], warrantyMonths: 12, serviceIntervalMonths: 24, serviceKind: "restringing", serializedShare: 0, weight: 2 },
  { brand: "Maison Velour", name: "Perle", code: "PRL", category: "pearls", description: "Pearl earrings and pendants in gold.", models: ["Stud Earrings", "Drop Earrings", "Pendant"], variants: [["Akoya, yellow gold", 1], ["South Sea, white gold", 2]], basePriceEur: [800, 1_600], warrantyMonths: 12, serviceIntervalMonths: 12, serviceKind: "cleaning", serializedShare: 0, weight: 3 },
  // gold jewellery
  { brand: "Orsino", name: "Catena", code: "CAT", category: "gold_jewellery", description: "18k gold chain, made in Vicenza.", models: ["Box Chain", "Rope Chain", "Figaro Chain"], variants: [["45 cm, yellow gold", 1], ["50 cm, yellow gold", 1.15], ["45 cm, rose gold", 1], ["60 cm, white gold", 1.4]], basePriceEur: [900, 3_500], warrantyMonths: 12, serviceIntervalMonths: 12, serviceKind: "cleaning", serializedShare: 0, weight: 4 },
  { brand: "Orsino", name: "Cerchio", code: "CER", category: "gold_jewellery", description: "Solid 18k gold bangles and cuffs.", models: ["Bangle", "Cuff", "Link Bracelet"], variants: [["yellow gold", 1], ["rose gold", 1], ["white gold", 1.1], ["heavy gauge, yellow gold", 2.2]], basePriceEur: [2_000, 6_000], warrantyMonths: 12, serviceIntervalMonths: 12, serviceKind: "cleaning", serializedShare: 0.2, weight: 3 },
  { brand: "Castellane", name: "Rivoli Or", code: "RVO", category: "gold_jewellery", description: "Gold hoops, signets and everyday pieces.", models: ["Hoop Earrings", "Signet Ring", "Charm Bracelet"], variants: [["small, yellow gold", 0.7], ["medium, yellow gold", 1], ["large, rose gold", 1.5]], basePriceEur: [700, 2_400], warrantyMonths: 12, serviceIntervalMonths: 12, serviceKind: "cleaning", serializedShare: 0, weight: 4 },
  // premium electronics
  { brand: "Halvard", name: "M", code: "HMC", category: "electronics", description: "Full-frame rangefinder camera, hand-assembled.", models: ["M11 Body", "M11 Monochrom Body", "M11 Kit 35 mm"], variants: [["black chrome", 1], ["silver chrome", 1]], basePriceEur: [5_500, 7_800], warrantyMonths: 24, serviceIntervalMonths: 12, serviceKind: "sensor_cleaning", serializedShare: 1, weight: 3 },
  { brand: "Halvard", name: "Summit", code: "SUM", category: "electronics", description: "Fast prime lens for the M mount.", models: ["35 mm f/1.4", "50 mm f/1.2", "90 mm f/2"], variants: [["black anodised", 1], ["silver", 1.05]], basePriceEur: [2_600, 5_200], warrantyMonths: 24, serviceIntervalMonths: 12, serviceKind: "sensor_cleaning", serializedShare: 1, weight: 3 },
  { brand: "Kiyora", name: "Z", code: "KZ", category: "electronics", description: "Mirrorless camera with in-body stabilisation.", models: ["Z7 Body", "Z9 Body", "Z7 Kit 24–70 mm"], variants: [["black", 1]], basePriceEur: [1_900, 4_200], warrantyMonths: 12, serviceIntervalMonths: 12, serviceKind: "sensor_cleaning", serializedShare: 1, weight: 3 },
  { brand: "Arcturus", name: "Book", code: "BK", category: "electronics", description: "Aluminium unibody laptop with a 3K display.", models: ["Book Air 13", "Book Pro 14", "Book Pro 16"], variants: [["16 GB / 512 GB", 1], ["32 GB / 1 TB", 1.35], ["64 GB / 2 TB", 1.8]], basePriceEur: [1_500, 2_600], warrantyMonths: 24, serviceIntervalMonths: null, serviceKind: "warranty_registration", serializedShare: 1, weight: 4 },
  { brand: "Sonnet Acoustique", name: "Atelier", code: "ATL", category: "electronics", description: "Open-back headphones and desktop amplification.", models: ["Headphones", "Headphone Amplifier", "Wireless Headphones"], variants: [["walnut", 1], ["black", 1]], basePriceEur: [1_000, 2_400], warrantyMonths: 24, serviceIntervalMonths: null, serviceKind: "warranty_registration", serializedShare: 1, weight: 3 },
  { brand: "Fjelltone", name: "Fjord", code: "FJD", category: "electronics", description: "Active loudspeakers in solid oak.", models: ["Bookshelf Pair", "Floorstanding Pair", "Subwoofer"], variants: [["natural oak", 1], ["smoked oak", 1.05]], basePriceEur: [2_400, 6_500], warrantyMonths: 24, serviceIntervalMonths: null, serviceKind: "warranty_registration", serializedShare: 1, weight: 2 },
];

/** Care guidance per category, in the store's voice (DOMAIN.md). */
export const CARE_NOTES: Record<ProductCategory, string> = {
  mechanical_watch:
    "Wind a manual watch at the same time each day. Keep it away from strong magnets (speakers, phone cases, laptop lids). Never operate the crown or pushers under water, and screw the crown down fully. Rinse in fresh water after salt water. An automatic stops when left off the wrist; a winder is optional.",
  quartz_watch:
    "When the seconds hand jumps in 4-second steps the battery is nearly empty: bring it in promptly to avoid leakage. We check the gaskets at every battery change.",
  smart_watch:
    "Keep the firmware up to date and the serial number and receipt with your papers. Avoid heat and prolonged moisture; charge with the supplied cable.",
  fine_jewellery:
    "Put rings on last, after lotion, perfume and hairspray, and take them off for the gym, gardening, household chemicals and swimming (chlorine attacks gold alloys). Store each piece separately so diamonds don't scratch other stones. Between our complimentary cleanings, a soft brush with warm water and mild soap.",
  pearls:
    "Last on, first off. Wipe with a soft cloth after wearing, store flat and never hung, and keep away from perfume and cosmetics. Strands are restrung every year or two as the knots stretch.",
  gold_jewellery:
    "Polishing cloth only. White gold's bright finish is rhodium plating, which wears and is renewed; we check clasps and clean each piece once a year.",
  electronics:
    "Register the warranty with the maker within 30 days and keep the serial number and receipt. Install firmware updates; keep away from heat and moisture.",
};

/** Days a supplier takes to deliver, by category. */
export const LEAD_TIME_DAYS: Record<ProductCategory, readonly [number, number]> = {
  mechanical_watch: [60, 120],
  quartz_watch: [60, 90],
  smart_watch: [7, 14],
  fine_jewellery: [21, 45],
  pearls: [30, 45],
  gold_jewellery: [21, 35],
  electronics: [7, 14],
};

export const CATEGORIES = productCategoryEnum.enumValues;

/** References per category at scale 1 (320 in all). */
export const REFERENCES_PER_CATEGORY: Record<ProductCategory, number> = {
  mechanical_watch: 80,
  quartz_watch: 32,
  smart_watch: 24,
  fine_jewellery: 72,
  pearls: 28,
  gold_jewellery: 40,
  electronics: 44,
};
