import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { inventoryLevels, productCategoryEnum, products, stores, type ProductCategory } from "@/db/schema";
import { storeCondition, withActiveStore, type Viewer } from "@/lib/auth/viewer";

export const INVENTORY_PAGE_SIZE = 50;
export const PRODUCT_CATEGORIES = productCategoryEnum.enumValues;

export type InventoryRow = {
  storeId: string;
  storeCode: string;
  storeName: string;
  productId: string;
  sku: string;
  brand: string;
  name: string;
  category: ProductCategory;
  onHand: number;
  onOrder: number;
  reserved: number;
  leadTimeDays: number;
};

export type InventoryCursor = { storeCode: string; sku: string };

export function isProductCategory(value: string | undefined): value is ProductCategory {
  return value !== undefined && (PRODUCT_CATEGORIES as readonly string[]).includes(value);
}

/** `?after=<storeCode|sku>`: store codes hold no "|", so the first one splits. */
export function parseInventoryCursor(value: string | undefined): InventoryCursor | null {
  if (!value) return null;
  const at = value.indexOf("|");
  if (at <= 0 || at === value.length - 1) return null;
  return { storeCode: value.slice(0, at), sku: value.slice(at + 1) };
}

function formatInventoryCursor(row: Pick<InventoryRow, "storeCode" | "sku">): string {
  return `${row.storeCode}|${row.sku}`;
}

/**
 * Stock per store and product in the viewer's scope (and the active store, when one is chosen),
 * by store code then SKU — both unique, so the pair is a stable keyset without a count.
 */
export async function listInventory({
  db,
  viewer,
  activeStoreId,
  category,
  after,
  limit = INVENTORY_PAGE_SIZE,
}: {
  db: Executor;
  viewer: Viewer;
  activeStoreId: string | null;
  category?: ProductCategory;
  after?: InventoryCursor | null;
  limit?: number;
}): Promise<{ rows: InventoryRow[]; nextCursor: string | null }> {
  const conditions: SQL[] = [
    withActiveStore(storeCondition(viewer, "inventory.read", inventoryLevels.storeId), inventoryLevels.storeId, activeStoreId),
  ];
  if (category) conditions.push(eq(products.category, category));
  if (after) conditions.push(sql`(${stores.code}, ${products.sku}) > (${after.storeCode}, ${after.sku})`);

  const rows = await db
    .select({
      storeId: inventoryLevels.storeId,
      storeCode: stores.code,
      storeName: stores.name,
      productId: inventoryLevels.productId,
      sku: products.sku,
      brand: products.brand,
      name: products.name,
      category: products.category,
      onHand: inventoryLevels.onHand,
      onOrder: inventoryLevels.onOrder,
      reserved: inventoryLevels.reserved,
      leadTimeDays: inventoryLevels.leadTimeDays,
    })
    .from(inventoryLevels)
    .innerJoin(stores, eq(stores.id, inventoryLevels.storeId))
    .innerJoin(products, eq(products.id, inventoryLevels.productId))
    .where(and(...conditions))
    .orderBy(asc(stores.code), asc(products.sku))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? formatInventoryCursor(page[page.length - 1]) : null };
}
