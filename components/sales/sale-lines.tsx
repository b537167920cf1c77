import Link from "next/link";
import { formatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { pieceName } from "@/lib/clienteling/labels";
import type { SaleDetail } from "@/lib/sales/sale";

function Serials({ serials }: { serials: SaleDetail["lines"][number]["serials"] }) {
  if (serials.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <ul className="space-y-0.5">
      {serials.map((serial) => (
        <li key={serial.number} className="font-mono text-xs whitespace-nowrap">
          {serial.itemId ? (
            <Link href={`/items/${serial.itemId}`} className="underline underline-offset-4">
              {serial.number}
            </Link>
          ) : (
            serial.number
          )}
        </li>
      ))}
    </ul>
  );
}

/** The sale's lines as the receipt lists them, then its totals (and what has been refunded since). */
export function SaleLines({ sale }: { sale: SaleDetail }) {
  const totals: [string, number][] = [
    ["Subtotal", sale.subtotalMinor],
    ...(sale.discountMinor > 0 ? ([["Discount", -sale.discountMinor]] as [string, number][]) : []),
    ["Tax", sale.taxMinor],
  ];
  return (
    <div className="space-y-4">
      <Table label="Sale lines">
        <TableCaption>Lines of the sale, in receipt order</TableCaption>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead className="w-10">#</TableHead>
            <TableHead>Piece</TableHead>
            <TableHead>Serial</TableHead>
            <TableHead className="text-right">Qty</TableHead>
            <TableHead className="text-right">Unit price</TableHead>
            <TableHead className="text-right">Discount</TableHead>
            <TableHead className="text-right">Total</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sale.lines.map((line) => (
            <TableRow key={line.lineNo}>
              <TableCell className="text-muted-foreground tabular-nums">{line.lineNo}</TableCell>
              <TableCell className="min-w-48">
                {line.product ? pieceName(line.product.brand, line.product.name) : line.sku}
                <span className="block text-xs text-muted-foreground">{line.sku}</span>
                {line.returnedQuantity > 0 ? (
                  <Badge variant="warning" className="mt-1">
                    {line.returnedQuantity >= line.quantity ? "Returned" : `${line.returnedQuantity} returned`}
                  </Badge>
                ) : null}
              </TableCell>
              <TableCell>
                <Serials serials={line.serials} />
              </TableCell>
              <TableCell className="text-right tabular-nums">{line.quantity}</TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">{formatMoney(line.unitPriceMinor, line.currency)}</TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">
                {line.discountMinor > 0 ? formatMoney(-line.discountMinor, line.currency) : <span className="text-muted-foreground">—</span>}
              </TableCell>
              <TableCell className="text-right whitespace-nowrap tabular-nums">{formatMoney(line.totalMinor, line.currency)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <dl aria-label="Totals" className="ml-auto grid w-full max-w-xs grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
        {totals.map(([label, minor]) => (
          <div key={label} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="text-right tabular-nums">{formatMoney(minor, sale.currency)}</dd>
          </div>
        ))}
        <dt className="border-t pt-1 font-medium">Total</dt>
        <dd className="border-t pt-1 text-right font-medium tabular-nums">{formatMoney(sale.totalMinor, sale.currency)}</dd>
        {sale.refundedMinor > 0 ? (
          <>
            <dt className="text-muted-foreground">Refunded</dt>
            <dd className="text-right tabular-nums">{formatMoney(-sale.refundedMinor, sale.currency)}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
