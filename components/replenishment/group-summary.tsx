import Link from "next/link";
import { formatNumber } from "@/components/format";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RecommendationGroup } from "@/lib/replenishment/queries";
import { groupLabel, groupTotal } from "./group-label";
import { formatPercent } from "./labels";
import { replenishmentHref, type ReplenishmentView } from "./view";

/** Every supplier (and the transfers) with pending recommendations: how many, what they cost, how urgent. */
export function GroupSummary({ groups, view }: { groups: RecommendationGroup[]; view: ReplenishmentView }) {
  return (
    <Table label="Recommendations by supplier">
      <TableCaption>Pending recommendations per supplier, and transfers between stores</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Supplier</TableHead>
          <TableHead className="text-right">Recommendations</TableHead>
          <TableHead className="text-right">Total value</TableHead>
          <TableHead className="text-right">Highest stock-out risk</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {groups.map((group) => (
          <TableRow key={group.key} aria-current={view.supplier === group.key ? "true" : undefined} className="aria-[current]:bg-muted/60">
            <TableCell>
              <Link href={replenishmentHref(view, { supplier: group.key, show: undefined })} className="underline decoration-gold/50 underline-offset-4 hover:decoration-gold">
                {groupLabel(group.key)}
              </Link>
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatNumber(group.count)}</TableCell>
            <TableCell className="text-right tabular-nums">{groupTotal(group)}</TableCell>
            <TableCell className="text-right tabular-nums">{formatPercent(group.highestRisk)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
