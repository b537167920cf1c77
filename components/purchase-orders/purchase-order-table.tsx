import Link from "next/link";
import { formatDateTime, formatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { PurchaseOrderSummary } from "@/lib/review/execute/queries";
import { ORDER_STATUS_LABEL, ORDER_TYPE_LABEL } from "./order-labels";
import { PosTransferStatus } from "./pos-transfer-status";

export function PurchaseOrderTable({ orders }: { orders: PurchaseOrderSummary[] }) {
  return (
    <Table label="Purchase orders">
      <TableCaption>Purchase orders and transfer requests from approved recommendations, newest first</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Number</TableHead>
          <TableHead>Type</TableHead>
          <TableHead>Store</TableHead>
          <TableHead>Supplier / from</TableHead>
          <TableHead className="text-right">Total cost</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>POS</TableHead>
          <TableHead>Created</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {orders.map((order) => (
          <TableRow key={order.id}>
            <TableCell className="font-mono text-xs whitespace-nowrap">
              <Link href={`/purchase-orders/${order.id}`} className="underline decoration-gold/70 underline-offset-4 hover:decoration-gold">
                {order.number}
              </Link>
            </TableCell>
            <TableCell>{ORDER_TYPE_LABEL[order.type]}</TableCell>
            <TableCell>{order.storeName}</TableCell>
            <TableCell>{order.type === "transfer" ? (order.fromStoreName ?? "—") : (order.supplier ?? "—")}</TableCell>
            <TableCell className="text-right tabular-nums">{formatMoney(order.totalCostMinor, order.currency)}</TableCell>
            <TableCell>
              <Badge variant={order.status === "cancelled" ? "neutral" : "outline"}>{ORDER_STATUS_LABEL[order.status] ?? order.status}</Badge>
            </TableCell>
            <TableCell className="max-w-72 text-sm whitespace-normal">
              <PosTransferStatus pos={order.pos} number={order.number} />
            </TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground">{formatDateTime(order.createdAt)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
