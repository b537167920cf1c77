"use client";

import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltip, type ChartConfig } from "@/components/charts/chart";
import { formatNumber } from "@/components/format";
import { formatPercent } from "./format";

export type RateRow = { label: string; acceptance: number | null; edits: number | null; approved: number; rejected: number; edited: number };

const config: ChartConfig = {
  acceptance: { label: "Accepted", color: "var(--success)", format: (v) => formatPercent(v) },
  edits: { label: "Of those, edited", color: "var(--chart-1)", format: (v) => formatPercent(v) },
};

/** Acceptance and edit rate per kind and prompt version: is the new prompt better? */
export function RateChart({ rows }: { rows: RateRow[] }) {
  const data = rows.map((r) => ({ label: r.label, acceptance: r.acceptance ?? 0, edits: r.edits ?? 0 }));
  return (
    <ChartContainer
      title="Acceptance and edits"
      description="Per kind and prompt version, over decisions in the period."
      config={config}
      height={Math.max(160, rows.length * 46 + 36)}
      table={{
        caption: "Acceptance rate and edit rate per kind and prompt version",
        columns: ["Kind · prompt", "Approved", "Rejected", "Accepted", "Approved with edits"],
        rows: rows.map((r) => [r.label, formatNumber(r.approved), formatNumber(r.rejected), formatPercent(r.acceptance), `${formatNumber(r.edited)} (${formatPercent(r.edits)})`]),
      }}
    >
      <BarChart data={data} layout="vertical" responsive style={{ width: "100%", height: "100%" }} margin={{ top: 0, right: 8, bottom: 0, left: 0 }} barGap={2}>
        <CartesianGrid horizontal={false} strokeDasharray="2 4" />
        <XAxis type="number" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tickLine={false} axisLine={false} />
        <YAxis type="category" dataKey="label" width={170} tickLine={false} axisLine={false} />
        <ChartTooltip />
        <Bar dataKey="acceptance" fill="var(--color-acceptance)" radius={[0, 3, 3, 0]} isAnimationActive={false} maxBarSize={12} />
        <Bar dataKey="edits" fill="var(--color-edits)" radius={[0, 3, 3, 0]} isAnimationActive={false} maxBarSize={12} />
      </BarChart>
    </ChartContainer>
  );
}
