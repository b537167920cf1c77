import { ArrowRightLeft } from "lucide-react";
import { formatMoney } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import type { Recommendation } from "@/lib/replenishment/queries";
import { DemandChart } from "./demand-chart";
import { classLabel, formatPercent, formatUnits, methodLabel, riskLevel } from "./labels";
import { RecommendationActions } from "./recommendation-actions";

/** One recommendation: what, where, how many and why, with its demand chart and (for buyers) the decision. */
export function RecommendationCard({ recommendation, canDecide }: { recommendation: Recommendation; canDecide: boolean }) {
  const { output } = recommendation;
  const line = output.lines[0];
  const evidence = output.evidence;
  const risk = riskLevel(recommendation.stockOutRisk);
  const label = `${line.sku} for ${recommendation.storeName}`;
  const headingId = `recommendation-${recommendation.id}`;
  return (
    <article aria-labelledby={headingId} className="rounded-xl border bg-card p-5 shadow-xs" data-testid="recommendation">
      <header className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <h3 id={headingId} className="flex flex-wrap items-baseline gap-x-2 font-medium">
            <span className="font-mono text-xs text-muted-foreground">{line.sku}</span>
            <span>{line.name}</span>
          </h3>
          <p className="text-sm text-muted-foreground">
            {evidence?.brand ? `${evidence.brand} · ` : null}
            {output.type === "transfer" ? (
              <>
                <ArrowRightLeft aria-hidden className="inline size-3.5" /> from {recommendation.fromStoreName ?? "another store"} to {recommendation.storeName}
              </>
            ) : (
              recommendation.storeName
            )}
          </p>
          <div className="flex flex-wrap gap-1.5 pt-1">
            <Badge variant={risk.variant}>
              {risk.label} stock-out risk · {formatPercent(recommendation.stockOutRisk)}
            </Badge>
            {evidence ? (
              <Badge variant="outline">
                {classLabel(evidence.demandClass)} · {methodLabel(evidence.method)}
              </Badge>
            ) : null}
          </div>
        </div>
        <dl className="grid shrink-0 grid-cols-2 gap-x-6 gap-y-1 text-sm sm:text-right">
          <dt className="text-muted-foreground">{output.type === "transfer" ? "Move" : "Order"}</dt>
          <dd className="font-medium tabular-nums">{line.quantity}</dd>
          <dt className="text-muted-foreground">{output.type === "transfer" ? "Goods value" : "Cost"}</dt>
          <dd className="font-medium tabular-nums">{formatMoney(recommendation.valueMinor, output.currency)}</dd>
          {evidence && output.type === "purchase" ? (
            <>
              <dt className="text-muted-foreground">Expected margin</dt>
              <dd className="tabular-nums">{formatMoney(evidence.expectedMarginMinor, output.currency)}</dd>
            </>
          ) : null}
        </dl>
      </header>
      {evidence ? (
        <div className="mt-4 grid gap-5 lg:grid-cols-[minmax(0,1fr)_15rem]">
          <DemandChart evidence={evidence} title={`${line.sku} at ${recommendation.storeName}`} />
          <dl className="grid grid-cols-2 content-start gap-x-4 gap-y-1.5 text-xs">
            <Fact term="On hand" value={formatUnits(evidence.onHand)} />
            <Fact term="On order" value={formatUnits(evidence.onOrder)} />
            <Fact term="Reserved" value={formatUnits(evidence.reserved)} />
            <Fact term="Position" value={formatUnits(evidence.position)} />
            <Fact term="Reorder point" value={formatUnits(evidence.reorderPoint)} />
            <Fact term="Safety stock" value={formatUnits(evidence.safetyStock)} />
            <Fact term="Lead time" value={`${formatUnits(evidence.leadTimeWeeks)} weeks`} />
            <Fact term="Service level" value={formatPercent(evidence.serviceLevel)} />
            <Fact term="Forecast" value={`${formatUnits(evidence.weeklyRate)} / week`} />
            <Fact term="80% interval" value={`${formatUnits(evidence.band.lower)}–${formatUnits(evidence.band.upper)} / week`} />
          </dl>
        </div>
      ) : null}
      <p className="mt-4 max-w-prose text-sm leading-relaxed whitespace-pre-line">{output.rationale}</p>
      {canDecide ? (
        <div className="mt-4 border-t pt-4">
          <RecommendationActions id={recommendation.id} version={recommendation.version} quantity={line.quantity} label={label} />
        </div>
      ) : null}
    </article>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div className="flex flex-col">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
    </div>
  );
}
