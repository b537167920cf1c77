"use client";

import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltip, paletteColor, type ChartConfig } from "@/components/charts/chart";
import { formatNumber } from "@/components/format";

export type StoreSalesRow = { code: string; name: string; revenue: string; units: Record<string, number> };

/** Units sold per store, stacked by category; revenue (each store in its own currency) in the table. */
export function SalesByStoreChart({ stores, categories }: { stores: StoreSalesRow[]; categories: { key: string; label: string }[] }) {
  const config: ChartConfig = Object.fromEntries(categories.map((c, i) => [c.key, { label: c.label, color: paletteColor(i) }]));
  const data = stores.map((s) => ({ code: s.code, ...s.units }));
  return (
    <ChartContainer
      title="Sales by store and category"
      description="Units sold in the period; revenue per store in its own currency in the table."
      config={config}
      formatValue={formatNumber}
      table={{
        caption: "Units sold per store and category, with revenue",
        columns: ["Store", ...categories.map((c) => c.label), "Revenue"],
        rows: stores.map((s) => [`${s.name} (${s.code})`, ...categories.map((c) => formatNumber(s.units[c.key] ?? 0)), s.revenue]),
      }}
    >
      <BarChart data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 4, bottom: 0, left: -16 }}>
        <CartesianGrid vertical={false} strokeDasharray="2 4" />
        <XAxis dataKey="code" tickLine={false} axisLine={false} tickMargin={8} interval={0} />
        <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={48} />
        <ChartTooltip />
        {categories.map((c, i) => (
          <Bar key={c.key} dataKey={c.key} stackId="u" fill={`var(--color-${c.key})`} radius={i === categories.length - 1 ? [3, 3, 0, 0] : 0} isAnimationActive={false} maxBarSize={40} />
        ))}
      </BarChart>
    </ChartContainer>
  );
}
