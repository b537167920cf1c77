import { inventoryLevels, type ProductCategory } from "../schema";
import { LEAD_TIME_DAYS } from "./catalog-data";
import type { SeedContext } from "./context";
import { CopyBuffer, copyTarget } from "./copy";
import type { ItemLedger } from "./items";
import type { Rng } from "./random";
import { DAY_MS, HOUR_MS, iso } from "./time";

export const inventoryTarget = copyTarget(inventoryLevels, ["storeId", "productId", "onHand", "onOrder", "reserved", "leadTimeDays", "updatedAt"] as const);

/** Pieces on the shelf per store and reference: boutiques hold one or two of each watch, more of the gadgets. */
const ON_HAND: Record<ProductCategory, readonly (readonly [number, number])[]> = {
  mechanical_watch: [[0, 35], [1, 35], [2, 20], [3, 10]],
  quartz_watch: [[0, 25], [1, 35], [2, 25], [3, 15]],
  smart_watch: [[1, 20], [2, 25], [4, 25], [6, 20], [8, 10]],
  fine_jewellery: [[0, 40], [1, 40], [2, 20]],
  pearls: [[0, 25], [1, 35], [2, 25], [4, 15]],
  gold_jewellery: [[0, 15], [1, 25], [2, 25], [4, 20], [6, 15]],
  electronics: [[1, 15], [2, 25], [4, 30], [6, 20], [8, 10]],
};

const ROWS_PER_FLUSH = 20_000;

/** Stock levels for every store × reference, with a serialized item (and its receipt) per piece on hand. */
export async function stockStores(rng: Rng, ctx: SeedContext, ledger: ItemLedger, out: CopyBuffer<(typeof inventoryTarget.keys)[number]>): Promise<void> {
  for (let storeIndex = 0; storeIndex < ctx.stores.length; storeIndex++) {
    const store = ctx.stores[storeIndex];
    for (let productIndex = 0; productIndex < ctx.catalog.products.length; productIndex++) {
      const product = ctx.catalog.products[productIndex];
      const isRare = product.priceEurMinor > 3_000_000 && rng.chance(0.5);
      const onHand = isRare ? 0 : rng.weighted(ON_HAND[product.category]);
      const onOrder = onHand === 0 ? rng.weighted([[0, 40], [1, 40], [2, 20]] as const) : rng.chance(0.2) ? 1 : 0;
      const [minLead, maxLead] = LEAD_TIME_DAYS[product.category];
      out.push({
        storeId: store.id,
        productId: product.id,
        onHand,
        onOrder,
        reserved: onHand > 0 && rng.chance(0.12) ? 1 : 0,
        leadTimeDays: rng.int(minLead, maxLead),
        updatedAt: iso(ctx.nowMs - rng.int(1, 72) * HOUR_MS),
      });
      if (product.isSerialized) {
        for (let piece = 0; piece < onHand; piece++) {
          const item = ledger.receive(productIndex, storeIndex, ctx.nowMs - rng.int(1, 200) * DAY_MS - rng.int(0, 8) * HOUR_MS, "Delivered by the supplier");
          ledger.settle(item, { status: "in_stock", ownerId: null, storeIndex, soldAtMs: null, warrantyFrom: null, serviceFrom: null });
        }
      }
      if (out.pending >= ROWS_PER_FLUSH) await ctx.flush([out.take(), ledger.items.take(), ledger.custody.take()]);
    }
  }
  await ctx.flush([out.take(), ledger.items.take(), ledger.custody.take()]);
}
