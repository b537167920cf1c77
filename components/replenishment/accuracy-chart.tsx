"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltip, type ChartConfig } from "@/components/charts/chart";
import { METHOD_SHORT, methodLabel } from "./labels";

export type MethodError = { method: string; meanMase: number; medianMase: number | null };

const config: ChartConfig = {
  meanMase: { label: "Mean MASE", color: "var(--chart-2)", format: (v) => v.toFixed(3) },
  selected: { label: "Per-series selection", color: "var(--chart-1)", format: (v) => v.toFixed(3) },
};

/** Mean MASE per method over all series: shorter is better, and the selection is drawn in gold. */
export function AccuracyChart({ rows }: { rows: MethodError[] }) {
  const data = rows.map((r) => ({ label: METHOD_SHORT[r.method] ?? r.method, method: r.method, meanMase: r.meanMase }));
  return (
    <ChartContainer
      title="Mean MASE per method"
      description="All series. Below 1 beats a naive forecast; shorter bars are better."
      config={config}
      heightClassName="h-64"
      table={{
        caption: "Mean and median MASE per method over all series",
        columns: ["Method", "Mean MASE", "Median MASE"],
        rows: rows.map((r) => [methodLabel(r.method), r.meanMase.toFixed(3), r.medianMase === null ? "—" : r.medianMase.toFixed(3)]),
      }}
    >
      <BarChart data={data} layout="vertical" responsive style={{ width: "100%", height: "100%" }} margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid horizontal={false} strokeDasharray="2 4" />
        <XAxis type="number" domain={[0, "auto"]} tickFormatter={(v: number) => v.toFixed(1)} tickLine={false} axisLine={false} />
        <YAxis type="category" dataKey="label" width={96} tickLine={false} axisLine={false} />
        <ReferenceLine x={1} stroke="var(--muted-foreground)" strokeDasharray="4 3" />
        <ChartTooltip />
        <Bar dataKey="meanMase" radius={[0, 3, 3, 0]} isAnimationActive={false} maxBarSize={14}>
          {data.map((d) => (
            <Cell key={d.method} fill={d.method === "selected" ? "var(--color-selected)" : "var(--color-meanMase)"} />
          ))}
        </Bar>
      </BarChart>
    </ChartContainer>
  );
}
