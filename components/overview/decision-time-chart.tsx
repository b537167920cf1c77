"use client";

import { Bar, BarChart, CartesianGrid, ReferenceLine, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltip, type ChartConfig } from "@/components/charts/chart";
import { formatNumber } from "@/components/format";
import { formatDuration } from "./format";

export type DecisionTimeRow = { label: string; decided: number; medianSeconds: number | null; p90Seconds: number | null };

const hours = (seconds: number | null) => (seconds === null ? 0 : seconds / 3600);
const config: ChartConfig = {
  median: { label: "Median", color: "var(--chart-2)", format: (v) => formatDuration(v * 3600) },
  p90: { label: "90th percentile", color: "var(--chart-6)", format: (v) => formatDuration(v * 3600) },
};

/** Median and p90 hours from draft to decision per kind, against the review target. */
export function DecisionTimeChart({ rows, targetHours }: { rows: DecisionTimeRow[]; targetHours: number }) {
  const data = rows.map((r) => ({ label: r.label, median: hours(r.medianSeconds), p90: hours(r.p90Seconds) }));
  const step = Math.max(...data.map((d) => d.p90), targetHours) > 48 ? 24 : 6;
  const max = Math.ceil(Math.max(targetHours * 1.25, ...data.map((d) => d.p90)) / step) * step;
  const ticks = Array.from({ length: max / step + 1 }, (_, i) => i * step);
  return (
    <ChartContainer
      title="Time to a decision"
      description={`From draft to approval or rejection; the line is the ${targetHours} h review target.`}
      config={config}
      height={Math.max(140, rows.length * 46 + 36)}
      table={{
        caption: "Median and 90th percentile time from draft to decision, per kind",
        columns: ["Kind", "Decisions", "Median", "90th percentile"],
        rows: rows.map((r) => [r.label, formatNumber(r.decided), r.medianSeconds === null ? "–" : formatDuration(r.medianSeconds), r.p90Seconds === null ? "–" : formatDuration(r.p90Seconds)]),
      }}
    >
      <BarChart data={data} layout="vertical" responsive style={{ width: "100%", height: "100%" }} margin={{ top: 0, right: 12, bottom: 0, left: 0 }} barGap={2}>
        <CartesianGrid horizontal={false} strokeDasharray="2 4" />
        <XAxis type="number" domain={[0, max]} ticks={ticks} tickFormatter={(v: number) => `${v} h`} tickLine={false} axisLine={false} />
        <YAxis type="category" dataKey="label" width={150} tickLine={false} axisLine={false} />
        <ChartTooltip />
        <ReferenceLine x={targetHours} stroke="var(--warning)" strokeDasharray="4 3" />
        <Bar dataKey="median" fill="var(--color-median)" radius={[0, 3, 3, 0]} isAnimationActive={false} maxBarSize={12} />
        <Bar dataKey="p90" fill="var(--color-p90)" radius={[0, 3, 3, 0]} isAnimationActive={false} maxBarSize={12} />
      </BarChart>
    </ChartContainer>
  );
}
