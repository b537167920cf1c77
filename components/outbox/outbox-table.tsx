import { formatDateTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { OutboxStatus } from "@/db/schema";
import type { OutboxRow } from "@/lib/review/execute/queries";
import { ExecutionButton } from "./execution-button";

const STATUS: Record<OutboxStatus, { label: string; variant: "neutral" | "success" | "warning" | "destructive" }> = {
  queued: { label: "Sending", variant: "neutral" },
  sent: { label: "Sent", variant: "success" },
  failed: { label: "Failed", variant: "destructive" },
  not_sent_no_channel: { label: "Not sent (no channel configured)", variant: "warning" },
};

const CHANNEL = { email: "E-mail", sms: "SMS" } as const;

/** Client messages from approved drafts; addresses masked, errors shown as text. */
export function OutboxTable({ rows, canSendEmail }: { rows: OutboxRow[]; canSendEmail: boolean }) {
  return (
    <Table label="Outbox messages">
      <TableCaption>Client messages from approved drafts, newest first</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Created</TableHead>
          <TableHead>Store</TableHead>
          <TableHead>Channel</TableHead>
          <TableHead>Recipient</TableHead>
          <TableHead>Subject</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Sent</TableHead>
          <TableHead>Error</TableHead>
          <TableHead className="w-28">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => {
          const status = STATUS[row.status];
          const canSend = canSendEmail && row.channel === "email" && row.status === "not_sent_no_channel";
          return (
            <TableRow key={row.id}>
              <TableCell className="whitespace-nowrap text-muted-foreground">{formatDateTime(row.createdAt)}</TableCell>
              <TableCell>{row.storeName}</TableCell>
              <TableCell>{CHANNEL[row.channel]}</TableCell>
              <TableCell className="font-mono text-xs">{row.maskedRecipient}</TableCell>
              <TableCell className="max-w-64 truncate" title={row.subject ?? undefined}>
                {row.subject || <span className="text-muted-foreground">—</span>}
              </TableCell>
              <TableCell>
                <Badge variant={status.variant}>{status.label}</Badge>
              </TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">{row.sentAt ? formatDateTime(row.sentAt) : "—"}</TableCell>
              <TableCell className="max-w-sm text-sm break-words text-destructive">{row.lastError ?? <span className="text-muted-foreground">—</span>}</TableCell>
              <TableCell className="text-right">
                {canSend ? <ExecutionButton draftId={row.draftId} intent="send" accessibleLabel={`Send now: ${row.subject ?? "message"} to ${row.maskedRecipient}`} /> : null}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
