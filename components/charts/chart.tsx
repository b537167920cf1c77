"use client";

import { createContext, useContext, type CSSProperties, type ReactNode } from "react";
import { Tooltip, type TooltipContentProps } from "recharts";
import { cn } from "@/components/ui/cn";

/**
 * The one wrapper every recharts chart sits in. It gives a series its theme colour as a CSS
 * variable (`var(--color-<key>)`, so light and dark follow the theme), a common tooltip and legend,
 * and a visually hidden <table> with the same numbers for screen readers (the SVG is aria-hidden).
 */
export type ChartConfig = Record<string, { label: string; color: string }>;

export type ChartTable = {
  caption: string;
  /** first column is the row header */
  columns: string[];
  rows: (string | number)[][];
};

const ChartContext = createContext<{ config: ChartConfig; formatValue: (value: number) => string }>({
  config: {},
  formatValue: String,
});

export function seriesColor(key: string): string {
  return `var(--color-${key})`;
}

export function ChartContainer({
  config,
  table,
  formatValue = String,
  className,
  children,
}: {
  config: ChartConfig;
  table: ChartTable;
  formatValue?: (value: number) => string;
  className?: string;
  children: ReactNode;
}) {
  const style = Object.fromEntries(Object.entries(config).map(([key, { color }]) => [`--color-${key}`, color])) as CSSProperties;
  return (
    <ChartContext.Provider value={{ config, formatValue }}>
      <figure className={cn("flex flex-col gap-3", className)} style={style}>
        <div
          aria-hidden
          className={cn(
            "h-64 w-full text-xs sm:h-72",
            "[&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground [&_.recharts-cartesian-grid_line]:stroke-border",
            "[&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted/70 [&_.recharts-surface]:outline-none [&_.recharts-wrapper]:outline-none",
          )}
        >
          {children}
        </div>
        <ChartLegend />
        {/* sr-only on a wrapper: a table cannot shrink below its content, so it would widen the page */}
        <div className="sr-only">
          <table>
            <caption>{table.caption}</caption>
            <thead>
              <tr>
                {table.columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map(([head, ...cells], i) => (
                <tr key={i}>
                  <th scope="row">{head}</th>
                  {cells.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </figure>
    </ChartContext.Provider>
  );
}

function ChartLegend() {
  const { config } = useContext(ChartContext);
  return (
    <ul aria-hidden className="flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-muted-foreground">
      {Object.entries(config).map(([key, { label }]) => (
        <li key={key} className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-[3px]" style={{ background: seriesColor(key) }} />
          {label}
        </li>
      ))}
    </ul>
  );
}

function ChartTooltipContent({ active, payload, label }: TooltipContentProps<number, string>) {
  const { config, formatValue } = useContext(ChartContext);
  if (!active || !payload?.length) return null;
  const items = payload.filter((item) => typeof item.value === "number" && item.value !== 0);
  return (
    <div className="min-w-[11rem] rounded-lg border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-lg">
      <p className="mb-1.5 font-medium">{label}</p>
      {items.length === 0 ? (
        <p className="text-muted-foreground">Nothing</p>
      ) : (
        <ul className="flex flex-col gap-1">
          {items.map((item) => {
            const key = String(item.dataKey);
            return (
              <li key={key} className="flex items-center gap-2">
                <span className="size-2 rounded-[2px]" style={{ background: seriesColor(key) }} />
                <span className="flex-1 text-muted-foreground">{config[key]?.label ?? key}</span>
                <span className="font-medium tabular-nums">{formatValue(item.value as number)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** recharts' <Tooltip> with the shared look; place it inside the chart. */
export function ChartTooltip() {
  return <Tooltip content={(props) => <ChartTooltipContent {...(props as TooltipContentProps<number, string>)} />} cursor isAnimationActive={false} />;
}
