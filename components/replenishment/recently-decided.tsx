import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DecidedRecommendation } from "@/lib/replenishment/queries";

const STATUS: Record<string, { label: string; variant: "success" | "neutral" | "warning" | "destructive" | "outline" }> = {
  approved: { label: "Approved, order being raised", variant: "outline" },
  held: { label: "Held (rollout phase 1)", variant: "neutral" },
  executed: { label: "Order raised", variant: "success" },
  execution_failed: { label: "Order failed", variant: "destructive" },
  rejected: { label: "Rejected", variant: "neutral" },
};

/** The latest decisions, each linked to the purchase order it raised once the order exists. */
export function RecentlyDecided({ rows, canOpenOrders }: { rows: DecidedRecommendation[]; canOpenOrders: boolean }) {
  return (
    <Table label="Recently decided recommendations">
      <TableCaption>The latest decided recommendations, newest first</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>SKU</TableHead>
          <TableHead>Store</TableHead>
          <TableHead className="text-right">Quantity</TableHead>
          <TableHead>Outcome</TableHead>
          <TableHead>Purchase order</TableHead>
          <TableHead>Decided</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const status = STATUS[row.status] ?? { label: row.status, variant: "neutral" as const };
          return (
            <TableRow key={row.id}>
              <TableCell>
                <span className="font-mono text-xs">{row.sku}</span> <span className="text-muted-foreground">{row.name}</span>
              </TableCell>
              <TableCell>{row.storeName}</TableCell>
              <TableCell className="text-right tabular-nums">{row.quantity}</TableCell>
              <TableCell>
                <Badge variant={status.variant}>{status.label}</Badge>
              </TableCell>
              <TableCell className="font-mono text-xs">
                {row.purchaseOrderId && canOpenOrders ? (
                  <Link href={`/purchase-orders/${row.purchaseOrderId}`} className="underline decoration-gold/70 underline-offset-4 hover:decoration-gold">
                    {row.purchaseOrderNumber}
                  </Link>
                ) : (
                  (row.purchaseOrderNumber ?? "—")
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">{row.decidedAt ? formatDateTime(row.decidedAt) : "—"}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
