import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DeadLetter } from "@/lib/sync/queries";
import { providerLabel } from "./provider-label";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** Errors are shown as text: they can quote a POS body, which is untrusted. */
export function DeadLetterTable({ rows }: { rows: DeadLetter[] }) {
  return (
    <Table label="Dead letters">
      <TableHeader>
        <TableRow>
          <TableHead>Received (UTC)</TableHead>
          <TableHead>Connection</TableHead>
          <TableHead>Topic</TableHead>
          <TableHead>Event</TableHead>
          <TableHead>Error</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell className="whitespace-nowrap text-muted-foreground">{when.format(row.receivedAt)}</TableCell>
            <TableCell>
              <div>{row.connectionName}</div>
              <div className="text-xs text-muted-foreground">{providerLabel(row.provider)}</div>
            </TableCell>
            <TableCell className="font-mono text-xs">{row.topic}</TableCell>
            <TableCell className="max-w-48 truncate font-mono text-xs" title={row.eventId}>
              {row.eventId}
            </TableCell>
            <TableCell className="max-w-md text-sm break-words text-destructive">{row.lastError ?? "—"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
