"use client";

import { Bar, CartesianGrid, ComposedChart, Line, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartTooltip, type ChartConfig } from "@/components/charts/chart";
import { formatNumber, formatShortDay } from "@/components/format";

const config: ChartConfig = {
  actions: { label: "Actions", color: "var(--chart-2)" },
  signIns: { label: "Sign-ins", color: "var(--chart-1)" },
  activeUsers: { label: "Active users", color: "var(--chart-3)" },
};

export function UserActivityChart({ days, signIns, actions, activeUsers, timeZone }: { days: string[]; signIns: number[]; actions: number[]; activeUsers: number[]; timeZone: string }) {
  const data = days.map((day, i) => ({ day, signIns: signIns[i], actions: actions[i], activeUsers: activeUsers[i] }));
  return (
    <ChartContainer
      title="Team activity"
      description={`Sign-ins and actions per day (${timeZone.replaceAll("_", " ")} time), from the audit trail.`}
      config={config}
      formatValue={formatNumber}
      heightClassName="h-56"
      table={{
        caption: "Sign-ins, actions and active users per day",
        columns: ["Day", "Sign-ins", "Actions", "Active users"],
        rows: data.map((d) => [formatShortDay(d.day), formatNumber(d.signIns), formatNumber(d.actions), formatNumber(d.activeUsers)]),
      }}
    >
      <ComposedChart data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 4, bottom: 0, left: -16 }}>
        <CartesianGrid vertical={false} strokeDasharray="2 4" />
        <XAxis dataKey="day" tickFormatter={formatShortDay} tickLine={false} axisLine={false} tickMargin={8} minTickGap={16} />
        <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={48} />
        <ChartTooltip labelFormatter={formatShortDay} />
        <Bar dataKey="actions" fill="var(--color-actions)" radius={[3, 3, 0, 0]} isAnimationActive={false} maxBarSize={24} />
        <Bar dataKey="signIns" fill="var(--color-signIns)" radius={[3, 3, 0, 0]} isAnimationActive={false} maxBarSize={24} />
        <Line dataKey="activeUsers" type="monotone" stroke="var(--color-activeUsers)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ChartContainer>
  );
}
