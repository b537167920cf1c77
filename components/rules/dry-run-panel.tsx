import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DryRunResult } from "@/lib/review/rules";

const BLOCKED_LABEL = { phase: "Store not in phase 3", go_live_window: "First 90 days after go-live" } as const;

/** What the rule in the dialog would have approved over the last 90 days, before anyone enables it. */
export function DryRunPanel({ result }: { result: DryRunResult }) {
  return (
    <section aria-labelledby="dry-run-heading" className="flex flex-col gap-3 rounded-lg border bg-muted/30 p-3">
      <h3 id="dry-run-heading" className="text-sm font-medium">
        Dry run over the last {result.days} days
      </h3>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted-foreground">Drafts of this kind and scope</dt>
        <dd className="tabular-nums">{result.considered}</dd>
        <dt className="text-muted-foreground">Matching the conditions</dt>
        <dd className="tabular-nums">{result.matched}</dd>
        <dt className="text-muted-foreground">Would have been approved</dt>
        <dd className="font-medium tabular-nums">{result.wouldApprove}</dd>
        <dt className="text-muted-foreground">…of which a human rejected</dt>
        <dd className={result.humanRejected > 0 ? "font-medium text-destructive tabular-nums" : "tabular-nums"}>{result.humanRejected}</dd>
        <dt className="text-muted-foreground">Blocked: store not in phase 3</dt>
        <dd className="tabular-nums">{result.blockedByPhase}</dd>
        <dt className="text-muted-foreground">Blocked: first 90 days after go-live</dt>
        <dd className="tabular-nums">{result.blockedByGoLiveWindow}</dd>
      </dl>
      {result.sample.length === 0 ? (
        <p className="text-sm text-muted-foreground">No past draft matches these conditions.</p>
      ) : (
        <Table label="Sample of matching drafts">
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead>Written</TableHead>
              <TableHead>Store</TableHead>
              <TableHead>Value</TableHead>
              <TableHead>Tier</TableHead>
              <TableHead>What happened</TableHead>
              <TableHead>The rule</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {result.sample.map((s) => (
              <TableRow key={s.id}>
                <TableCell className="whitespace-nowrap">{s.createdAt.slice(0, 10)}</TableCell>
                <TableCell className="font-mono text-xs">{s.storeCode}</TableCell>
                <TableCell className="tabular-nums">{s.valueMinor === null ? "—" : (s.valueMinor / 100).toFixed(2)}</TableCell>
                <TableCell>{s.tier ?? "—"}</TableCell>
                <TableCell>{s.status.replace("_", " ")}</TableCell>
                <TableCell>{s.blockedBy ? `Blocked (${BLOCKED_LABEL[s.blockedBy]})` : "Would approve"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
