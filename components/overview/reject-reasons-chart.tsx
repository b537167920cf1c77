"use client";

import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltip, type ChartConfig } from "@/components/charts/chart";
import { formatNumber } from "@/components/format";

export type ReasonRow = { reason: string; label: string; byKind: Record<string, number>; total: number };

/** Rejections per reason, stacked by kind. */
export function RejectReasonsChart({ rows, kinds }: { rows: ReasonRow[]; kinds: { kind: string; label: string; colorIndex: number }[] }) {
  const config: ChartConfig = Object.fromEntries(kinds.map((k) => [k.kind, { label: k.label, color: `var(--chart-${k.colorIndex})` }]));
  const data = rows.map((r) => ({ label: r.label, ...r.byKind }));
  return (
    <ChartContainer
      title="Why drafts are rejected"
      description="Reasons reviewers chose, in the period."
      config={config}
      formatValue={formatNumber}
      heightClassName="h-56"
      table={{
        caption: "Rejections per reason and kind",
        columns: ["Reason", ...kinds.map((k) => k.label), "Total"],
        rows: rows.map((r) => [r.label, ...kinds.map((k) => formatNumber(r.byKind[k.kind] ?? 0)), formatNumber(r.total)]),
      }}
    >
      <BarChart data={data} layout="vertical" responsive style={{ width: "100%", height: "100%" }} margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid horizontal={false} strokeDasharray="2 4" />
        <XAxis type="number" allowDecimals={false} tickLine={false} axisLine={false} />
        <YAxis type="category" dataKey="label" width={170} tickLine={false} axisLine={false} />
        <ChartTooltip />
        {kinds.map((k, i) => (
          <Bar key={k.kind} dataKey={k.kind} stackId="r" fill={`var(--color-${k.kind})`} radius={i === kinds.length - 1 ? [0, 3, 3, 0] : 0} isAnimationActive={false} maxBarSize={16} />
        ))}
      </BarChart>
    </ChartContainer>
  );
}
