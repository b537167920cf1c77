import { formatMoney, formatNumber } from "@/components/format";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PurchaseOrderDetail } from "@/lib/review/execute/queries";

export function PurchaseOrderLines({ order }: { order: PurchaseOrderDetail }) {
  return (
    <Table label={`Lines of ${order.number}`}>
      <TableCaption>Lines of {order.number}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>SKU</TableHead>
          <TableHead>Product</TableHead>
          <TableHead className="text-right">Quantity</TableHead>
          <TableHead className="text-right">Unit cost</TableHead>
          <TableHead className="text-right">Line total</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {order.lines.map((line) => (
          <TableRow key={line.id}>
            <TableCell className="font-mono text-xs">{line.sku}</TableCell>
            <TableCell>
              {line.brand} {line.name}
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatNumber(line.quantity)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatMoney(line.unitCostMinor, order.currency)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatMoney(line.lineTotalMinor, order.currency)}</TableCell>
          </TableRow>
        ))}
        <TableRow className="font-medium">
          <th scope="row" colSpan={4} className="px-3 py-2.5 pl-4 text-right">
            Total
          </th>
          <TableCell className="text-right tabular-nums">{formatMoney(order.totalCostMinor, order.currency)}</TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
