"use client";

import { useState } from "react";
import { Bar, CartesianGrid, ComposedChart, Line, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltip, type ChartConfig } from "@/components/charts/chart";
import { formatNumber, formatShortDay } from "@/components/format";
import { cn } from "@/components/ui/cn";

export type ActivitySeries = { kind: string; label: string; perDay: { created: number; approved: number; edited: number; rejected: number; expired: number }[] };

const config: ChartConfig = {
  approved: { label: "Approved as drafted", color: "var(--success)" },
  edited: { label: "Approved with edits", color: "var(--chart-1)" },
  rejected: { label: "Rejected", color: "var(--destructive)" },
  expired: { label: "Expired", color: "var(--chart-5)" },
  created: { label: "Created", color: "var(--chart-2)" },
};

/** Drafts created (line) and decided (stacked bars) per day, one kind at a time or all together. */
export function DraftActivityChart({ days, series }: { days: string[]; series: ActivitySeries[] }) {
  const [kind, setKind] = useState<string>("all");
  const chosen = kind === "all" ? series : series.filter((s) => s.kind === kind);
  const data = days.map((day, i) => {
    const sum = (key: keyof ActivitySeries["perDay"][number]) => chosen.reduce((total, s) => total + s.perDay[i][key], 0);
    return { day, created: sum("created"), approved: sum("approved") - sum("edited"), edited: sum("edited"), rejected: sum("rejected"), expired: sum("expired") };
  });
  const label = kind === "all" ? "all kinds" : (series.find((s) => s.kind === kind)?.label ?? kind).toLowerCase();
  return (
    <div className="flex flex-col gap-4">
      {series.length > 1 ? (
        <div role="group" aria-label="Kind of draft" className="flex flex-wrap gap-1.5">
          {[{ kind: "all", label: "All kinds" }, ...series].map((s) => (
            <button
              key={s.kind}
              type="button"
              aria-pressed={kind === s.kind}
              onClick={() => setKind(s.kind)}
              className={cn(
                "rounded-full border px-3 py-1 text-xs transition-colors",
                kind === s.kind ? "border-foreground/20 bg-foreground text-background" : "text-muted-foreground hover:bg-muted hover:text-foreground",
              )}
            >
              {s.label}
            </button>
          ))}
        </div>
      ) : null}
      <ChartContainer
        config={config}
        formatValue={formatNumber}
        table={{
          caption: `Drafts per day, ${label}`,
          columns: ["Day", "Created", "Approved as drafted", "Approved with edits", "Rejected", "Expired"],
          rows: data.map((d) => [formatShortDay(d.day), d.created, d.approved, d.edited, d.rejected, d.expired].map((v) => (typeof v === "number" ? formatNumber(v) : v))),
        }}
      >
        <ComposedChart data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 4, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} strokeDasharray="2 4" />
          <XAxis dataKey="day" tickFormatter={formatShortDay} tickLine={false} axisLine={false} tickMargin={8} minTickGap={16} />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={48} />
          <ChartTooltip labelFormatter={formatShortDay} />
          <Bar dataKey="approved" stackId="d" fill="var(--color-approved)" isAnimationActive={false} maxBarSize={28} />
          <Bar dataKey="edited" stackId="d" fill="var(--color-edited)" isAnimationActive={false} maxBarSize={28} />
          <Bar dataKey="rejected" stackId="d" fill="var(--color-rejected)" isAnimationActive={false} maxBarSize={28} />
          <Bar dataKey="expired" stackId="d" fill="var(--color-expired)" radius={[3, 3, 0, 0]} isAnimationActive={false} maxBarSize={28} />
          <Line dataKey="created" type="monotone" stroke="var(--color-created)" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ChartContainer>
    </div>
  );
}
