import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ArrowLeft, Gauge } from "lucide-react";
import { getDb } from "@/db/client";
import { formatDateTime, formatNumber } from "@/components/format";
import { accuracyVerdict, METHOD_ORDER } from "@/components/replenishment/accuracy";
import { AccuracyChart } from "@/components/replenishment/accuracy-chart";
import { AccuracyTable } from "@/components/replenishment/accuracy-table";
import { CLASS_ORDER, classLabel } from "@/components/replenishment/labels";
import { PageHeader } from "@/components/shell/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireViewer } from "@/lib/auth/session";
import { can } from "@/lib/auth/viewer";
import { getLatestAccuracy } from "@/lib/replenishment/queries";

export const metadata: Metadata = { title: "Forecast accuracy" };

export default async function AccuracyPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "forecast.read")) forbidden();
  const accuracy = await getLatestAccuracy(getDb());
  const back = (
    <Button asChild variant="outline" size="sm">
      <Link href="/replenishment">
        <ArrowLeft aria-hidden /> Recommendations
      </Link>
    </Button>
  );
  if (!accuracy) {
    return (
      <>
        <PageHeader title="Forecast accuracy" actions={back} />
        <EmptyState icon={Gauge} title="No finished forecast run yet" description="Once a run finishes (nightly at 03:00 UTC, or on demand), its backtest error per method and demand class appears here." />
      </>
    );
  }
  const verdict = accuracyVerdict(accuracy.rows, accuracy.classes);
  const overall = accuracy.rows
    .filter((r) => r.demandClass === "all" && r.meanMase !== null)
    .toSorted((a, b) => METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method))
    .map((r) => ({ method: r.method, meanMase: r.meanMase as number, medianMase: r.medianMase }));
  const classes = Object.entries(accuracy.classes).toSorted((a, b) => CLASS_ORDER.indexOf(a[0]) - CLASS_ORDER.indexOf(b[0]));

  return (
    <>
      <PageHeader
        title="Forecast accuracy"
        description={
          <>
            How well each method forecast the past, in a rolling-origin backtest over every store × SKU series of the run that finished{" "}
            {accuracy.finishedAt ? formatDateTime(accuracy.finishedAt) : "last"}.
          </>
        }
        actions={back}
      />
      <div className="flex flex-col gap-6">
        {verdict ? (
          <p className="max-w-prose font-serif text-lg leading-snug" data-testid="accuracy-verdict">
            {verdict}
          </p>
        ) : null}
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
          <Card>
            <CardContent>
              <AccuracyChart rows={overall} />
            </CardContent>
          </Card>
          <Card>
            <CardContent className="space-y-3">
              <h2 className="text-sm font-medium">Series by demand class</h2>
              <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5 text-sm">
                {classes.map(([demandClass, count]) => (
                  <div key={demandClass} className="contents">
                    <dt className="text-muted-foreground">{classLabel(demandClass)}</dt>
                    <dd className="text-right tabular-nums">{formatNumber(count)}</dd>
                  </div>
                ))}
              </dl>
              <p className="text-xs leading-relaxed text-muted-foreground">
                Classes by the average interval between sales (ADI) and the variability of sale sizes (CV²). MASE divides a method&apos;s error by the naive
                forecast&apos;s: below 1 beats it. Bias is the mean of forecast minus actual, in units per week.
              </p>
            </CardContent>
          </Card>
        </div>
        <AccuracyTable rows={accuracy.rows} />
      </div>
    </>
  );
}
