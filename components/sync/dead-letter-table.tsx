import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DeadLetter } from "@/lib/sync/queries";
import { DeadLetterError } from "./dead-letter-error";
import { providerLabel } from "./provider-label";
import { RetryButton } from "./retry-button";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/** Dead letters grouped by connection, newest first, each group with "Retry all shown". */
export function DeadLetterGroups({ rows, canRetry }: { rows: DeadLetter[]; canRetry: boolean }) {
  const groups = new Map<string, DeadLetter[]>();
  for (const row of rows) groups.set(row.connectionId, [...(groups.get(row.connectionId) ?? []), row]);

  return (
    <div className="flex flex-col gap-6">
      {[...groups.values()].map((group) => {
        const { connectionId, connectionName, provider } = group[0];
        return (
          <section key={connectionId} aria-labelledby={`dead-letters-${connectionId}`} className="flex flex-col gap-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 id={`dead-letters-${connectionId}`} className="text-sm font-medium">
                {connectionName} <span className="font-normal text-muted-foreground">· {providerLabel(provider)} · {group.length} shown</span>
              </h3>
              {canRetry && group.length > 1 ? (
                <RetryButton
                  inboxIds={group.map((row) => row.id)}
                  label={`Retry all ${group.length} shown`}
                  accessibleLabel={`Retry all ${group.length} dead letters shown for ${connectionName}`}
                  variant="secondary"
                />
              ) : null}
            </div>
            <DeadLetterTable rows={group} connectionName={connectionName} canRetry={canRetry} />
          </section>
        );
      })}
    </div>
  );
}

/** Errors are shown as text: they can quote a POS body, which is untrusted. */
function DeadLetterTable({ rows, connectionName, canRetry }: { rows: DeadLetter[]; connectionName: string; canRetry: boolean }) {
  return (
    <Table label={`Dead letters of ${connectionName}`}>
      <TableHeader>
        <TableRow>
          <TableHead>Received (UTC)</TableHead>
          <TableHead>Topic</TableHead>
          <TableHead>Event</TableHead>
          <TableHead className="text-right">Attempts</TableHead>
          <TableHead>Error</TableHead>
          {canRetry ? (
            <TableHead className="w-24">
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell className="whitespace-nowrap text-muted-foreground">{when.format(row.receivedAt)}</TableCell>
            <TableCell className="font-mono text-xs">{row.topic}</TableCell>
            <TableCell className="max-w-48 truncate font-mono text-xs" title={row.eventId}>
              {row.eventId}
            </TableCell>
            <TableCell className="text-right tabular-nums">{row.attempts}</TableCell>
            <TableCell className="max-w-md text-sm">
              <DeadLetterError error={row.lastError} />
            </TableCell>
            {canRetry ? (
              <TableCell className="text-right">
                <RetryButton inboxIds={[row.id]} label="Retry" accessibleLabel={`Retry ${row.topic} event ${row.eventId}`} />
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
