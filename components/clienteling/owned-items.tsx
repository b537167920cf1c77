import Link from "next/link";
import { Gem } from "lucide-react";
import { formatDate, formatDay } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { pieceName, SERVICE_KIND_LABEL, TICKET_STATUS_LABEL } from "@/lib/clienteling/labels";
import type { OwnedItem } from "@/lib/clienteling/card";
import { WarrantyBadge } from "./warranty-badge";

/** The serialized pieces the client owns, each with its warranty, its services and the next one due. */
export function OwnedItems({ items }: { items: OwnedItem[] }) {
  return (
    <Card aria-labelledby="client-owns">
      <CardHeader>
        <CardTitle id="client-owns">What they own</CardTitle>
        <CardDescription>Serialized pieces registered to this client.</CardDescription>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? (
          <EmptyState icon={Gem} title="No serialized pieces" description="Watches, rings and devices with a serial appear here once sold to this client." />
        ) : (
          <Table label="Owned items">
            <TableCaption>Owned serialized items, newest purchase first</TableCaption>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>Piece</TableHead>
                <TableHead>Bought</TableHead>
                <TableHead>Warranty</TableHead>
                <TableHead>Service history</TableHead>
                <TableHead>Next service</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((item) => (
                <TableRow key={item.id}>
                  <TableCell className="min-w-56">
                    <Link href={`/items/${item.id}`} className="font-medium underline-offset-4 hover:underline">
                      {pieceName(item.brand, item.productName)}
                    </Link>
                    <span className="block font-mono text-xs text-muted-foreground">{item.serialNumber}</span>
                  </TableCell>
                  <TableCell className="whitespace-nowrap tabular-nums">
                    {item.purchasedAt && item.saleId ? (
                      <Link href={`/sales/${item.saleId}`} className="underline-offset-4 hover:underline">
                        {formatDate(item.purchasedAt, item.purchaseStore?.timezone)}
                      </Link>
                    ) : item.purchasedAt ? (
                      formatDate(item.purchasedAt, item.purchaseStore?.timezone)
                    ) : (
                      "—"
                    )}
                    {item.purchaseStore ? <span className="block text-xs text-muted-foreground">{item.purchaseStore.name}</span> : null}
                  </TableCell>
                  <TableCell>
                    <WarrantyBadge status={item.warranty} endsOn={item.warrantyEndsOn} />
                  </TableCell>
                  <TableCell className="text-sm">
                    {item.services.length === 0 ? (
                      <span className="text-muted-foreground">None yet</span>
                    ) : (
                      <ul className="space-y-0.5">
                        {item.services.slice(0, 3).map((s) => (
                          <li key={s.ticketId} className="whitespace-nowrap">
                            {s.canOpen ? (
                              <Link href={`/tickets/${s.ticketId}`} className="underline-offset-4 hover:underline">
                                {SERVICE_KIND_LABEL[s.kind]}
                              </Link>
                            ) : (
                              SERVICE_KIND_LABEL[s.kind]
                            )}{" "}
                            <span className="text-xs text-muted-foreground">· {TICKET_STATUS_LABEL[s.status]} · {formatDate(s.openedAt)}</span>
                          </li>
                        ))}
                        {item.services.length > 3 ? <li className="text-xs text-muted-foreground">and {item.services.length - 3} earlier</li> : null}
                      </ul>
                    )}
                  </TableCell>
                  <TableCell className="text-sm">
                    {item.nextService ? (
                      <span className="flex flex-col gap-0.5">
                        <span className="first-letter:uppercase">{item.nextService.label}</span>
                        <span className="flex items-center gap-1.5 text-xs text-muted-foreground tabular-nums">
                          {formatDay(item.nextService.dueOn)}
                          {item.nextService.isOverdue ? <Badge variant="warning">Overdue</Badge> : null}
                        </span>
                      </span>
                    ) : (
                      <span className="text-muted-foreground">—</span>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
