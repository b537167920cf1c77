import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDuration } from "@/lib/sync/run-progress";
import type { ConnectionHealth } from "@/lib/sync/queries";
import { providerLabel } from "./provider-label";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A backlog older than this is worth a look; older than LAG_ALERT, something is wrong. */
const LAG_WARN_SECONDS = 60;
const LAG_ALERT_SECONDS = 15 * 60;

function count(value: number, variant?: "destructive" | "warning") {
  return value > 0 && variant ? <Badge variant={variant}>{value.toLocaleString("en")}</Badge> : value.toLocaleString("en");
}

function Lag({ seconds }: { seconds: number | null }) {
  if (seconds === null) return <span className="text-muted-foreground">None</span>;
  const text = formatDuration(seconds);
  if (seconds >= LAG_ALERT_SECONDS) return <Badge variant="destructive">{text}</Badge>;
  if (seconds >= LAG_WARN_SECONDS) return <Badge variant="warning">{text}</Badge>;
  return <>{text}</>;
}

export function ConnectionHealthTable({ connections }: { connections: ConnectionHealth[] }) {
  return (
    <Table label="POS connections">
      <TableHeader>
        <TableRow>
          <TableHead>Connection</TableHead>
          <TableHead>Stores</TableHead>
          <TableHead className="text-right">Received 24 h</TableHead>
          <TableHead className="text-right" title="Age of the oldest event due for processing">
            Lag
          </TableHead>
          <TableHead className="text-right" title="Events processed per minute, averaged over the last 15 minutes">
            Processed/min
          </TableHead>
          <TableHead className="text-right">Waiting</TableHead>
          <TableHead className="text-right">Failed</TableHead>
          <TableHead className="text-right">Dead</TableHead>
          <TableHead className="text-right">Refused 24 h</TableHead>
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
              <div className="text-xs whitespace-nowrap text-muted-foreground">
                {c.provider === "lightspeed_r" ? "Polled (no webhooks)" : c.lastReceivedAt ? `Last delivery ${when.format(c.lastReceivedAt)} UTC` : "No delivery yet"}
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
            <TableCell className="text-right tabular-nums">{count(c.received24h)}</TableCell>
            <TableCell className="text-right whitespace-nowrap tabular-nums">
              <Lag seconds={c.lagSeconds} />
            </TableCell>
            <TableCell className="text-right tabular-nums">{c.processedPerMinute.toLocaleString("en", { maximumFractionDigits: 1 })}</TableCell>
            <TableCell className="text-right tabular-nums">{count(c.waiting)}</TableCell>
            <TableCell className="text-right tabular-nums">{count(c.failed, "warning")}</TableCell>
            <TableCell className="text-right tabular-nums">{count(c.dead, "destructive")}</TableCell>
            <TableCell className="text-right tabular-nums">{count(c.rejected24h, "warning")}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
