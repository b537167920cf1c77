import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { KIND_SINGULAR } from "@/lib/review/kinds";
import type { FailedExecutionRow } from "@/lib/review/execute/queries";
import { ExecutionButton } from "./execution-button";

/** Approved drafts whose execution failed: still retrying (with the next try's time) or dead, with Retry. */
export function FailedExecutionsTable({ rows }: { rows: FailedExecutionRow[] }) {
  return (
    <Table label="Failed executions">
      <TableCaption>Approved drafts whose execution failed, most recent first</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Last try</TableHead>
          <TableHead>Kind</TableHead>
          <TableHead>Store</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Attempts</TableHead>
          <TableHead>Error</TableHead>
          <TableHead className="w-24">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.draftId}>
            <TableCell className="whitespace-nowrap text-muted-foreground">{formatDateTime(row.updatedAt)}</TableCell>
            <TableCell className="capitalize">{KIND_SINGULAR[row.kind]}</TableCell>
            <TableCell>{row.storeName}</TableCell>
            <TableCell>
              {row.status === "dead" ? (
                <Badge variant="destructive">Failed for good</Badge>
              ) : (
                <Badge variant="warning">Retrying at {formatDateTime(row.nextAttemptAt)}</Badge>
              )}
            </TableCell>
            <TableCell className="text-right tabular-nums">{row.attempts}</TableCell>
            <TableCell className="max-w-md text-sm break-words text-destructive">{row.lastError ?? "—"}</TableCell>
            <TableCell className="text-right">
              {row.status === "dead" ? <ExecutionButton draftId={row.draftId} intent="retry" accessibleLabel={`Retry the ${KIND_SINGULAR[row.kind]} for ${row.storeName}`} /> : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
