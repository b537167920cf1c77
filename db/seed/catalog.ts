import { products, type ProductCategory, type ServiceKind } from "../schema";
import { BRANDS, CARE_NOTES, CATEGORIES, COLLECTIONS, REFERENCES_PER_CATEGORY, type Brand, type Collection } from "./catalog-data";
import { CopyBuffer, copyTarget } from "./copy";
import { localPrice } from "./money";
import { type Rng, scrambledNumber } from "./random";
import { STORES } from "./stores";
import { DAY_MS, iso } from "./time";

export type SeedProduct = {
  id: string;
  sku: string;
  brand: Brand;
  category: ProductCategory;
  categoryIndex: number;
  priceEurMinor: number;
  /** List price in each store's currency, by store index. */
  storePrices: number[];
  isSerialized: boolean;
  warrantyMonths: number;
  serviceIntervalMonths: number | null;
  serviceKind: ServiceKind | null;
  /** A camera (sensor cleaning) rather than a laptop or speaker. */
  isCamera: boolean;
};

export type Catalog = {
  products: SeedProduct[];
  /** Product indexes per category index, cheapest first. */
  byCategory: Int32Array[];
  /** Product indexes per "category|brand", cheapest first. */
  byCategoryBrand: Map<string, Int32Array>;
  brandsByCategory: Brand[][];
};

export const productsTarget = copyTarget(products, [
  "id", "sku", "brand", "name", "category", "collection", "description", "priceMinor", "costMinor", "currency",
  "isSerialized", "warrantyMonths", "serviceIntervalMonths", "serviceKind", "careNotes", "supplier", "isActive",
  "createdAt", "updatedAt",
] as const);

function eurListPrice(euros: number): number {
  const step = euros >= 10_000 ? 100 : euros >= 1_000 ? 50 : 10;
  return Math.round(euros / step) * step * 100;
}

function displayName(collection: Collection, model: string, variant: string): string {
  const isModelSelfNamed = collection.name === collection.brand || model.startsWith(collection.name);
  const head = isModelSelfNamed ? `${collection.brand} ${model}` : `${collection.brand} ${collection.name} ${model}`;
  return `${head}, ${variant}`;
}

/**
 * The catalog: `REFERENCES_PER_CATEGORY` × `multiplier` references, spread over the collections by
 * weight. Repeated model/variant pairs become further references of the same piece.
 */
export function buildCatalog(rng: Rng, multiplier: number, nowMs: number, out: CopyBuffer<(typeof productsTarget.keys)[number]>): Catalog {
  const list: SeedProduct[] = [];
  const combosUsed = new Map<string, number>();
  const skuCounters = new Map<string, number>();

  CATEGORIES.forEach((category, categoryIndex) => {
    const collections = COLLECTIONS.filter((collection) => collection.category === category);
    const count = REFERENCES_PER_CATEGORY[category] * multiplier;
    for (let i = 0; i < count; i++) {
      const collection = rng.weighted(collections.map((c) => [c, c.weight] as const));
      const model = rng.pick(collection.models);
      const [variant, factor] = rng.pick(collection.variants);
      const comboKey = `${collection.code}|${model}|${variant}`;
      const repeat = (combosUsed.get(comboKey) ?? 0) + 1;
      combosUsed.set(comboKey, repeat);

      const brandInfo = BRANDS[collection.brand];
      const skuKey = `${brandInfo.code}-${collection.code}`;
      const skuNumber = (skuCounters.get(skuKey) ?? 0) + 1;
      skuCounters.set(skuKey, skuNumber);
      const sku = `${skuKey}-${String(skuNumber).padStart(4, "0")}`;

      const priceEurMinor = eurListPrice(rng.logUniform(collection.basePriceEur[0], collection.basePriceEur[1]) * factor);
      const costMinor = Math.round((priceEurMinor * rng.between(0.45, 0.6)) / 100) * 100;
      const name = repeat === 1 ? displayName(collection, model, variant) : `${displayName(collection, model, variant)}, ref. ${sku}`;
      const createdAt = iso(nowMs - rng.int(400, 1_500) * DAY_MS);
      const product: SeedProduct = {
        id: rng.uuid(),
        sku,
        brand: collection.brand,
        category,
        categoryIndex,
        priceEurMinor,
        storePrices: STORES.map((store) => localPrice(priceEurMinor, store.currency)),
        isSerialized: rng.chance(collection.serializedShare),
        warrantyMonths: collection.warrantyMonths,
        serviceIntervalMonths: collection.serviceIntervalMonths,
        serviceKind: collection.serviceKind,
        isCamera: collection.serviceKind === "sensor_cleaning",
      };
      list.push(product);
      out.push({
        id: product.id,
        sku,
        brand: collection.brand,
        name,
        category,
        collection: collection.name,
        description: collection.description,
        priceMinor: priceEurMinor,
        costMinor,
        currency: "EUR",
        isSerialized: product.isSerialized,
        warrantyMonths: collection.warrantyMonths,
        serviceIntervalMonths: collection.serviceIntervalMonths,
        serviceKind: collection.serviceKind,
        careNotes: collection.careNote ? `${CARE_NOTES[category]} ${collection.careNote}` : CARE_NOTES[category],
        supplier: brandInfo.supplier,
        isActive: true,
        createdAt,
        updatedAt: createdAt,
      });
    }
  });

  const cheapestFirst = (indexes: number[]) => Int32Array.from(indexes.sort((a, b) => list[a].priceEurMinor - list[b].priceEurMinor || a - b));
  const byCategory = CATEGORIES.map((_, categoryIndex) => cheapestFirst(list.flatMap((p, i) => (p.categoryIndex === categoryIndex ? [i] : []))));
  const groups = new Map<string, number[]>();
  list.forEach((product, index) => {
    const key = `${product.category}|${product.brand}`;
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  const byCategoryBrand = new Map([...groups].map(([key, indexes]) => [key, cheapestFirst(indexes)] as const));
  const brandsByCategory = CATEGORIES.map((category) => [...new Set(list.filter((p) => p.category === category).map((p) => p.brand))]);
  return { products: list, byCategory, byCategoryBrand, brandsByCategory };
}

/**
 * A product for a client of the given affluence (0–1): the affluent lean to the expensive end of
 * the range, everyone else to the accessible end.
 */
export function pickProduct(rng: Rng, catalog: Catalog, categoryIndex: number, affluence: number, brand: Brand | null): number {
  const pool = (brand && catalog.byCategoryBrand.get(`${CATEGORIES[categoryIndex]}|${brand}`)) || catalog.byCategory[categoryIndex];
  const exponent = 2 ** ((0.5 - affluence) * 2.8);
  return pool[Math.min(pool.length - 1, Math.floor(rng.next() ** exponent * pool.length))];
}

/** Serial numbers as each trade writes them; unique for every counter value. */
export function serialFor(product: SeedProduct, counter: number): string {
  const code = BRANDS[product.brand].code;
  switch (product.category) {
    case "mechanical_watch":
    case "quartz_watch":
      return `${code}-${scrambledNumber(counter, 8, 12_345_678)}`;
    case "smart_watch":
      return `${code}${scrambledNumber(counter, 10, 3_141_592_653)}`;
    case "fine_jewellery":
      return `GCL-${scrambledNumber(counter, 10, 2_718_281_828)}`;
    case "gold_jewellery":
    case "pearls":
      return `${code}-${scrambledNumber(counter, 8, 42_424_242)}`;
    case "electronics":
      return `${code}${scrambledNumber(counter, 9, 161_803_398)}`;
  }
}
