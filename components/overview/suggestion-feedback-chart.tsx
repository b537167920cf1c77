"use client";

import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltip, type ChartConfig } from "@/components/charts/chart";
import { formatNumber } from "@/components/format";
import { formatPercent } from "./format";

export type SuggestionFeedbackRow = { label: string; suggested: number; used: number; dismissed: number; usedBought: number };

const config: ChartConfig = {
  usedBought: { label: "Used, then bought", color: "var(--success)" },
  usedOnly: { label: "Used, not bought (yet)", color: "var(--chart-1)" },
  dismissed: { label: "Dismissed", color: "var(--chart-4)" },
  noFeedback: { label: "No feedback", color: "var(--chart-5)" },
};

/**
 * What associates did with the next-best-actions of approved clienteling notes, per prompt version:
 * each bar is every suggestion made in the period, split by the feedback given on the client card.
 */
export function SuggestionFeedbackChart({ rows }: { rows: SuggestionFeedbackRow[] }) {
  const data = rows.map((r) => ({
    label: r.label,
    usedBought: r.usedBought,
    usedOnly: r.used - r.usedBought,
    dismissed: r.dismissed,
    noFeedback: r.suggested - r.used - r.dismissed,
  }));
  return (
    <ChartContainer
      title="What associates did with the suggestions"
      description="Next-best actions in notes approved in the period, by prompt version; bought means within 30 days of the note."
      config={config}
      formatValue={formatNumber}
      height={Math.max(140, rows.length * 40 + 36)}
      table={{
        caption: "Suggestions per prompt version: feedback from associates and purchases within 30 days",
        columns: ["Prompt version", "Suggestions", "Used", "Used, then bought", "Dismissed", "No feedback"],
        rows: rows.map((r) => [
          r.label,
          formatNumber(r.suggested),
          `${formatNumber(r.used)} (${formatPercent(r.suggested > 0 ? r.used / r.suggested : null)})`,
          `${formatNumber(r.usedBought)} (${formatPercent(r.used > 0 ? r.usedBought / r.used : null)} of used)`,
          formatNumber(r.dismissed),
          formatNumber(r.suggested - r.used - r.dismissed),
        ]),
      }}
    >
      <BarChart data={data} layout="vertical" responsive style={{ width: "100%", height: "100%" }} margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid horizontal={false} strokeDasharray="2 4" />
        <XAxis type="number" allowDecimals={false} tickLine={false} axisLine={false} />
        <YAxis type="category" dataKey="label" width={120} tickLine={false} axisLine={false} />
        <ChartTooltip />
        {Object.keys(config).map((key, i, keys) => (
          <Bar key={key} dataKey={key} stackId="s" fill={`var(--color-${key})`} radius={i === keys.length - 1 ? [0, 3, 3, 0] : 0} isAnimationActive={false} maxBarSize={16} />
        ))}
      </BarChart>
    </ChartContainer>
  );
}
