import Link from "next/link";
import { RotateCcw } from "lucide-react";
import { formatDateTime, formatMoney } from "@/components/format";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SaleReturn } from "@/lib/sales/sale";

/** Returns made against a sale, oldest first, each linked to its own page. */
export function SaleReturns({ returns }: { returns: SaleReturn[] }) {
  if (returns.length === 0) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        <RotateCcw aria-hidden className="size-4" /> Nothing from this sale has been returned.
      </p>
    );
  }
  return (
    <Table label="Returned lines">
      <TableCaption>Returns made against this sale, oldest first</TableCaption>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>Return</TableHead>
          <TableHead>When</TableHead>
          <TableHead>Line</TableHead>
          <TableHead className="text-right">Qty</TableHead>
          <TableHead className="text-right">Refund</TableHead>
          <TableHead>Reason</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {returns.map((r) => (
          <TableRow key={r.id}>
            <TableCell>
              <Link href={`/sales/returns/${r.id}`} className="font-mono text-xs underline underline-offset-4">
                {r.externalId}
              </Link>
              <span className="block text-xs text-muted-foreground">{r.store.name}</span>
            </TableCell>
            <TableCell className="whitespace-nowrap tabular-nums">{formatDateTime(r.returnedAt, r.store.timezone)}</TableCell>
            <TableCell>
              {r.lineNo !== null ? `#${r.lineNo} ` : ""}
              <span className="text-xs text-muted-foreground">{r.sku ?? "—"}</span>
              {r.serialNumber ? <span className="block font-mono text-xs">{r.serialNumber}</span> : null}
            </TableCell>
            <TableCell className="text-right tabular-nums">{r.quantity}</TableCell>
            <TableCell className="text-right whitespace-nowrap tabular-nums">{formatMoney(-r.refundMinor, r.currency)}</TableCell>
            <TableCell className="text-sm">{r.reason ?? <span className="text-muted-foreground">—</span>}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
