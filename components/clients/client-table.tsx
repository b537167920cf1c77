import Link from "next/link";
import { formatDate, formatMoney } from "@/components/format";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ClientRow } from "@/lib/customers/queries";
import { ConsentIcons } from "./consent-icons";
import { TierBadge } from "./tier-badge";

export function ClientTable({ rows }: { rows: ClientRow[] }) {
  return (
    <Table label="Clients">
      <TableCaption>Clients, by last name</TableCaption>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>Client</TableHead>
          <TableHead>Tier</TableHead>
          <TableHead>Home store</TableHead>
          <TableHead className="text-right">Lifetime value</TableHead>
          <TableHead>Consent</TableHead>
          <TableHead>Last purchase</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((client) => (
          <TableRow key={client.id}>
            <TableCell className="font-medium">
              <Link href={`/clients/${client.id}`} className="underline-offset-4 hover:underline">
                {client.firstName} <span className="font-semibold">{client.lastName}</span>
              </Link>
            </TableCell>
            <TableCell>
              <TierBadge tier={client.tier} />
            </TableCell>
            <TableCell>
              {client.homeStore ? (
                <span className="whitespace-nowrap">
                  {client.homeStore.name} <span className="text-xs text-muted-foreground">{client.homeStore.code}</span>
                </span>
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </TableCell>
            <TableCell className="text-right whitespace-nowrap tabular-nums">
              {formatMoney(client.lifetimeValueMinor, client.currency)}
            </TableCell>
            <TableCell>
              <ConsentIcons consent={client.consent} doNotContact={client.doNotContact} />
            </TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground tabular-nums">
              {client.lastPurchase ? (
                <time dateTime={client.lastPurchase.at.toISOString()}>{formatDate(client.lastPurchase.at, client.lastPurchase.timezone)}</time>
              ) : (
                "—"
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
