"use client";

import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltip, seriesColor, type ChartConfig } from "@/components/charts/chart";
import { formatNumber } from "@/components/format";

export type UnitsSoldSeries = { key: string; label: string; colorIndex: number };

export function UnitsSoldChart({
  series,
  weeks,
}: {
  series: UnitsSoldSeries[];
  /** one row per week: its label and units per series key */
  weeks: { label: string; units: Record<string, number> }[];
}) {
  const config: ChartConfig = Object.fromEntries(series.map((s) => [s.key, { label: s.label, color: `var(--chart-${s.colorIndex})` }]));
  const data = weeks.map((week) => ({ week: week.label, ...week.units }));
  return (
    <ChartContainer
      config={config}
      formatValue={formatNumber}
      table={{
        caption: "Units sold per week and category, last 12 weeks",
        columns: ["Week of", ...series.map((s) => s.label), "Total"],
        rows: weeks.map((week) => {
          const values = series.map((s) => week.units[s.key] ?? 0);
          return [week.label, ...values.map(formatNumber), formatNumber(values.reduce((a, b) => a + b, 0))];
        }),
      }}
    >
      <BarChart data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 4, bottom: 0, left: -16 }}>
        <CartesianGrid vertical={false} strokeDasharray="2 4" />
        <XAxis dataKey="week" tickLine={false} axisLine={false} tickMargin={8} minTickGap={12} />
        <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={48} />
        <ChartTooltip />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            stackId="units"
            fill={seriesColor(s.key)}
            radius={i === series.length - 1 ? [3, 3, 0, 0] : 0}
            isAnimationActive={false}
            maxBarSize={36}
          />
        ))}
      </BarChart>
    </ChartContainer>
  );
}
