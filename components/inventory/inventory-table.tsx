import { categoryLabel, formatNumber } from "@/components/format";
import { cn } from "@/components/ui/cn";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { InventoryRow } from "@/lib/inventory/queries";

export function InventoryTable({ rows }: { rows: InventoryRow[] }) {
  return (
    <Table label="Inventory">
      <TableCaption>Inventory per store and product, by store then SKU</TableCaption>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>Store</TableHead>
          <TableHead>SKU</TableHead>
          <TableHead>Brand</TableHead>
          <TableHead>Name</TableHead>
          <TableHead>Category</TableHead>
          <TableHead className="text-right">On hand</TableHead>
          <TableHead className="text-right">On order</TableHead>
          <TableHead className="text-right">Reserved</TableHead>
          <TableHead className="text-right">Lead time</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const isOut = row.onHand <= 0;
          return (
            <TableRow key={`${row.storeId}:${row.productId}`}>
              <TableCell className="whitespace-nowrap">
                <span title={row.storeName}>{row.storeCode}</span>
              </TableCell>
              <TableCell className="font-mono text-xs whitespace-nowrap">{row.sku}</TableCell>
              <TableCell className="whitespace-nowrap">{row.brand}</TableCell>
              <TableCell className="min-w-[14rem]">{row.name}</TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">{categoryLabel(row.category)}</TableCell>
              <TableCell className={cn("text-right tabular-nums", isOut && "font-semibold text-destructive")}>
                {formatNumber(row.onHand)}
                {isOut ? <span className="sr-only"> (out of stock)</span> : null}
              </TableCell>
              <TableCell className="text-right text-muted-foreground tabular-nums">{formatNumber(row.onOrder)}</TableCell>
              <TableCell className="text-right text-muted-foreground tabular-nums">{formatNumber(row.reserved)}</TableCell>
              <TableCell className="text-right whitespace-nowrap text-muted-foreground tabular-nums">
                {row.leadTimeDays} {row.leadTimeDays === 1 ? "day" : "days"}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
