import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ConnectionHealth } from "@/lib/sync/queries";
import { providerLabel } from "./provider-label";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function ConnectionHealthTable({ connections }: { connections: ConnectionHealth[] }) {
  return (
    <Table label="POS connections">
      <TableHeader>
        <TableRow>
          <TableHead>Connection</TableHead>
          <TableHead>Stores</TableHead>
          <TableHead>Last delivery (UTC)</TableHead>
          <TableHead className="text-right">Received, 24 h</TableHead>
          <TableHead className="text-right">Waiting</TableHead>
          <TableHead className="text-right">Dead, 24 h</TableHead>
          <TableHead className="text-right">Refused, 24 h</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {connections.map((c) => (
          <TableRow key={c.id}>
            <TableCell>
              <div className="font-medium">{c.name}</div>
              <div className="text-xs text-muted-foreground">
                {providerLabel(c.provider)}
                {c.isActive ? null : " · paused"}
              </div>
            </TableCell>
            <TableCell>
              <div className="flex flex-wrap gap-1">
                {c.storeCodes.map((code) => (
                  <Badge key={code} variant="outline" className="font-mono text-[0.65rem]">
                    {code}
                  </Badge>
                ))}
              </div>
            </TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground">
              {c.provider === "lightspeed_r" ? "Polled (no webhooks)" : c.lastReceivedAt ? when.format(c.lastReceivedAt) : "Nothing yet"}
            </TableCell>
            <TableCell className="text-right tabular-nums">{c.received24h.toLocaleString("en")}</TableCell>
            <TableCell className="text-right tabular-nums">{c.waiting.toLocaleString("en")}</TableCell>
            <TableCell className="text-right tabular-nums">
              {c.dead24h > 0 ? <Badge variant="destructive">{c.dead24h}</Badge> : "0"}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {c.rejected24h > 0 ? <Badge variant="warning">{c.rejected24h}</Badge> : "0"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
