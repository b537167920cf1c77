"use client";

import { useId } from "react";
import { Area, Bar, CartesianGrid, ComposedChart, Line, ReferenceArea, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltip, type ChartConfig } from "@/components/charts/chart";
import { formatUnits } from "./labels";

export type DemandEvidence = {
  weekStarts: string;
  history: number[];
  censored: number[];
  weeklyRate: number;
  band: { lower: number; upper: number };
  horizon: number;
};

/** Weeks of history the chart draws; the table behind it lists the same weeks. */
const SHOWN_WEEKS = 52;

const HATCH = "repeating-linear-gradient(135deg, var(--muted-foreground) 0 1.5px, transparent 1.5px 4px)";

const config: ChartConfig = {
  sold: { label: "Units sold per week", color: "var(--chart-2)", format: formatUnits },
  stockOut: { label: "Out of stock — not counted as zero demand", color: HATCH, format: formatUnits },
  rate: { label: "Forecast (units per week)", color: "var(--chart-1)", format: formatUnits },
  band: { label: "80% interval of a week's demand", color: "color-mix(in oklab, var(--chart-1) 25%, transparent)" },
};

type Row = { week: string; sold?: number; stockOut?: number; rate?: number; band?: [number, number]; isStockOut: boolean; isForecast: boolean };

function weekLabel(start: string, offset: number): string {
  const day = new Date(Date.parse(`${start}T12:00:00Z`) + offset * 7 * 86_400_000);
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "2-digit", timeZone: "UTC" }).format(day);
}

function rowsOf(evidence: DemandEvidence): Row[] {
  const censored = new Set(evidence.censored);
  const first = Math.max(0, evidence.history.length - SHOWN_WEEKS);
  const history: Row[] = evidence.history.slice(first).map((units, i) => {
    const index = first + i;
    const isStockOut = censored.has(index);
    return { week: weekLabel(evidence.weekStarts, index), ...(isStockOut ? { stockOut: units } : { sold: units }), isStockOut, isForecast: false };
  });
  const forecast: Row[] = Array.from({ length: evidence.horizon }, (_, i) => ({
    week: weekLabel(evidence.weekStarts, evidence.history.length + i),
    rate: evidence.weeklyRate,
    band: [evidence.band.lower, evidence.band.upper],
    isStockOut: false,
    isForecast: true,
  }));
  // the forecast line starts at the last week of history, so it reads as a continuation
  if (history.length && forecast.length) history[history.length - 1] = { ...history[history.length - 1], rate: evidence.weeklyRate, band: [evidence.band.lower, evidence.band.upper] };
  return [...history, ...forecast];
}

/** A recommendation's weekly history (stock-out weeks hatched) and the forecast with its 80% band. */
export function DemandChart({ evidence, title }: { evidence: DemandEvidence; title: string }) {
  const hatchId = `hatch-${useId().replace(/:/g, "")}`;
  const rows = rowsOf(evidence);
  const top = Math.max(1, ...evidence.history.slice(-SHOWN_WEEKS), evidence.band.upper);
  const stockOutWeeks = rows.filter((r) => r.isStockOut).map((r) => r.week);
  return (
    <ChartContainer
      config={config}
      heightClassName="h-44"
      description={`Last ${Math.min(SHOWN_WEEKS, evidence.history.length)} weeks, then ${evidence.horizon} weeks of forecast`}
      table={{
        caption: `${title}: units sold per week and the forecast`,
        columns: ["Week starting", "Units sold", "Stock", "Forecast", "80% interval"],
        rows: rows.map((r) => [
          r.week,
          r.isForecast ? "—" : formatUnits(r.sold ?? r.stockOut ?? 0),
          r.isForecast ? "—" : r.isStockOut ? "Out of stock (not counted)" : "In stock",
          r.isForecast ? formatUnits(r.rate ?? 0) : "—",
          r.isForecast && r.band ? `${formatUnits(r.band[0])}–${formatUnits(r.band[1])}` : "—",
        ]),
      }}
    >
      <ComposedChart data={rows} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 4, right: 4, bottom: 0, left: -20 }} barCategoryGap={1}>
        <defs>
          <pattern id={hatchId} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="4" height="4" fill="var(--muted)" />
            <line x1="0" y1="0" x2="0" y2="4" stroke="var(--muted-foreground)" strokeWidth="1.5" strokeOpacity="0.6" />
          </pattern>
        </defs>
        <CartesianGrid vertical={false} strokeDasharray="2 4" />
        <XAxis dataKey="week" tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={28} />
        <YAxis allowDecimals={false} domain={[0, Math.ceil(top)]} tickLine={false} axisLine={false} width={44} />
        {stockOutWeeks.map((week) => (
          <ReferenceArea key={week} x1={week} x2={week} fill={`url(#${hatchId})`} fillOpacity={0.9} ifOverflow="hidden" />
        ))}
        <ChartTooltip />
        <Area dataKey="band" type="stepAfter" fill="var(--color-band)" stroke="none" isAnimationActive={false} connectNulls={false} />
        <Bar dataKey="sold" fill="var(--color-sold)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
        <Bar dataKey="stockOut" fill={`url(#${hatchId})`} stroke="var(--muted-foreground)" strokeOpacity={0.5} isAnimationActive={false} />
        <Line dataKey="rate" type="stepAfter" stroke="var(--color-rate)" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
      </ComposedChart>
    </ChartContainer>
  );
}
