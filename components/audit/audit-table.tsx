import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditRow } from "@/lib/audit/queries";

function shortId(value: string): string {
  return value.length > 13 ? `${value.slice(0, 8)}…` : value;
}

/** The trail, newest first. Store events show in their store's time zone, the rest in UTC. */
export function AuditTable({ rows, timezones }: { rows: AuditRow[]; timezones: Record<string, string> }) {
  return (
    <Table label="Audit entries">
      <TableCaption>Audit entries, newest first</TableCaption>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>Time</TableHead>
          <TableHead>Actor</TableHead>
          <TableHead>Action</TableHead>
          <TableHead>Outcome</TableHead>
          <TableHead>Target</TableHead>
          <TableHead>Store</TableHead>
          <TableHead>Hash</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((entry) => {
          const timezone = (entry.storeId && timezones[entry.storeId]) || "UTC";
          const hasDetails = Object.keys(entry.details ?? {}).length > 0;
          return (
            <TableRow key={entry.id} className="align-top">
              <TableCell className="whitespace-nowrap text-muted-foreground tabular-nums">
                <time dateTime={entry.occurredAt.toISOString()}>{formatDateTime(entry.occurredAt, timezone, { seconds: true })}</time>
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <span className="block">{entry.actorName ?? (entry.actorId ? shortId(entry.actorId) : entry.actorType)}</span>
                <span className="block text-xs text-muted-foreground">
                  {entry.actorType === "user" ? (entry.actorRole ?? "user") : entry.actorType}
                </span>
              </TableCell>
              <TableCell>
                <code className="font-mono text-xs">{entry.action}</code>
                {hasDetails ? (
                  <details className="mt-1 text-xs">
                    <summary className="cursor-pointer rounded text-muted-foreground outline-none hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/60">
                      Details
                    </summary>
                    <pre className="mt-1 max-w-sm overflow-x-auto rounded-md bg-muted p-2 font-mono text-[0.7rem] leading-relaxed whitespace-pre-wrap">
                      {JSON.stringify(entry.details, null, 2)}
                    </pre>
                  </details>
                ) : null}
              </TableCell>
              <TableCell>
                {entry.outcome === "success" ? <Badge variant="success">Success</Badge> : <Badge variant="destructive">Failure</Badge>}
              </TableCell>
              <TableCell className="whitespace-nowrap">
                {entry.targetType ? (
                  <>
                    <span className="block">{entry.targetType}</span>
                    {entry.targetId ? (
                      <span className="block font-mono text-xs text-muted-foreground" title={entry.targetId}>
                        {shortId(entry.targetId)}
                      </span>
                    ) : null}
                  </>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap">{entry.storeCode ?? <span className="text-muted-foreground">—</span>}</TableCell>
              <TableCell>
                <code className="font-mono text-xs text-muted-foreground" title={entry.hash}>
                  {entry.hash.slice(0, 10)}
                </code>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
