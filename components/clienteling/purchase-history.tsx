import Link from "next/link";
import { ShoppingBag } from "lucide-react";
import { formatDate, formatMoney, formatNumber } from "@/components/format";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ClientCard } from "@/lib/clienteling/card";
import { pieceName } from "@/lib/clienteling/labels";

export function PurchaseHistory({ purchases }: { purchases: ClientCard["purchases"] }) {
  return (
    <Card aria-labelledby="client-purchases">
      <CardHeader>
        <CardTitle id="client-purchases">Purchase history</CardTitle>
        <CardDescription>
          Pieces without a serial number
          {purchases.total > purchases.lines.length ? ` · the latest ${purchases.lines.length} of ${formatNumber(purchases.total)} lines` : ""}.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {purchases.lines.length === 0 ? (
          <EmptyState icon={ShoppingBag} title="No other purchases" description="Unserialized purchases (chains, pearls, accessories) appear here." />
        ) : (
          <Table label="Purchase history">
            <TableCaption>Unserialized purchase lines, newest first</TableCaption>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Date</TableHead>
                <TableHead>Piece</TableHead>
                <TableHead>Store</TableHead>
                <TableHead className="text-right">Qty</TableHead>
                <TableHead className="text-right">Total</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {purchases.lines.map((line) => (
                <TableRow key={`${line.saleId}-${line.lineNo}`}>
                  <TableCell className="whitespace-nowrap tabular-nums">
                    {line.canOpenSale ? (
                      <Link href={`/sales/${line.saleId}`} className="underline-offset-4 hover:underline">
                        {formatDate(line.completedAt, line.timezone)}
                      </Link>
                    ) : (
                      formatDate(line.completedAt, line.timezone)
                    )}
                  </TableCell>
                  <TableCell>
                    {line.name ? pieceName(line.brand, line.name) : line.sku}
                    <span className="block text-xs text-muted-foreground">{line.sku}</span>
                  </TableCell>
                  <TableCell>{line.storeCode}</TableCell>
                  <TableCell className="text-right tabular-nums">{line.quantity}</TableCell>
                  <TableCell className="text-right whitespace-nowrap tabular-nums">{formatMoney(line.totalMinor, line.currency)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
