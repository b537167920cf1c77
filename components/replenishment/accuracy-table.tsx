import { formatNumber } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AccuracyRow } from "@/lib/replenishment/queries";
import { BASELINES, sortAccuracyRows } from "./accuracy";
import { classLabel, methodLabel } from "./labels";

function figure(value: number | null, digits = 3): string {
  return value === null ? "—" : value.toFixed(digits);
}

/** Backtest error per demand class and method, the selection and its baselines marked. */
export function AccuracyTable({ rows }: { rows: AccuracyRow[] }) {
  const sorted = sortAccuracyRows(rows);
  return (
    <Table label="Backtest error per demand class and method">
      <TableCaption>Backtest error per demand class and method: mean and median MASE (lower is better) and mean bias in units per week (positive over-forecasts)</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Demand class</TableHead>
          <TableHead>Method</TableHead>
          <TableHead className="text-right">Series</TableHead>
          <TableHead className="text-right">Mean MASE</TableHead>
          <TableHead className="text-right">Median MASE</TableHead>
          <TableHead className="text-right">Mean bias</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {sorted.map((row, i) => {
          const isFirstOfClass = i === 0 || sorted[i - 1].demandClass !== row.demandClass;
          return (
            <TableRow key={`${row.demandClass}|${row.method}`} className={row.method === "selected" ? "bg-gold/5 font-medium" : undefined}>
              <TableCell className={isFirstOfClass ? undefined : "text-muted-foreground/60"}>{classLabel(row.demandClass)}</TableCell>
              <TableCell>
                <span className="flex flex-wrap items-center gap-1.5">
                  {methodLabel(row.method)}
                  {BASELINES.has(row.method) ? <Badge variant="neutral">baseline</Badge> : null}
                </span>
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatNumber(row.series)}</TableCell>
              <TableCell className="text-right tabular-nums">{figure(row.meanMase)}</TableCell>
              <TableCell className="text-right tabular-nums">{figure(row.medianMase)}</TableCell>
              <TableCell className="text-right tabular-nums">{row.meanBias === null ? "—" : `${row.meanBias > 0 ? "+" : ""}${row.meanBias.toFixed(3)}`}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
