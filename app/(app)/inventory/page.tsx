import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { Boxes, SearchX } from "lucide-react";
import { getDb } from "@/db/client";
import { categoryLabel } from "@/components/format";
import { InventoryTable } from "@/components/inventory/inventory-table";
import { PageHeader } from "@/components/shell/page-header";
import { Button, buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm } from "@/components/ui/filter-form";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { hrefWith, KeysetPagination } from "@/components/ui/pagination";
import { getActiveStoreId, requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import {
  INVENTORY_PAGE_SIZE,
  isProductCategory,
  listInventory,
  parseInventoryCursor,
  PRODUCT_CATEGORIES,
} from "@/lib/inventory/queries";

export const metadata: Metadata = { title: "Inventory" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function InventoryPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireViewer();
  if (!can(viewer, "inventory.read")) forbidden();
  const params = await searchParams;
  const requested = single(params.category);
  const category = isProductCategory(requested) ? requested : undefined;
  const after = parseInventoryCursor(single(params.after));
  const activeStoreId = await getActiveStoreId(viewer);

  const { rows, nextCursor } = await listInventory({ db: getDb(), viewer, activeStoreId, category, after });

  return (
    <>
      <PageHeader title="Inventory" description="Stock per store and product: on hand, on order, reserved for clients, and supplier lead time." />

      <FilterForm action="/inventory" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="flex w-60 flex-col gap-2">
          <Label htmlFor="inventory-category">Category</Label>
          <NativeSelect id="inventory-category" name="category" defaultValue={category ?? ""}>
            <option value="">All categories</option>
            {PRODUCT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(c)}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button type="submit" variant="outline">
          Apply
        </Button>
        {category ? (
          <Link href="/inventory" className={buttonVariants({ variant: "ghost" })}>
            Clear
          </Link>
        ) : null}
      </FilterForm>

      {rows.length === 0 ? (
        category ? (
          <EmptyState
            icon={SearchX}
            title={`No ${categoryLabel(category).toLowerCase()} in stock records`}
            description="No store in your scope holds this category."
            action={
              <Link href="/inventory" className={buttonVariants({ variant: "outline", size: "sm" })}>
                Show every category
              </Link>
            }
          />
        ) : (
          <EmptyState
            icon={Boxes}
            title={after ? "No more lines" : "No inventory yet"}
            description={after ? "You have reached the end of the list." : "Stock levels appear here once the POS sync brings them in."}
          />
        )
      ) : (
        <>
          <InventoryTable rows={rows} />
          <KeysetPagination
            summary={`${rows.length} line${rows.length === 1 ? "" : "s"} on this page · ${INVENTORY_PAGE_SIZE} per page`}
            firstHref={after ? hrefWith("/inventory", { category }) : null}
            nextHref={nextCursor ? hrefWith("/inventory", { category, after: nextCursor }) : null}
          />
        </>
      )}
    </>
  );
}
