"use client";

import { createContext, useContext, useId, useState, type CSSProperties, type ReactNode } from "react";
import { Tooltip, type TooltipContentProps } from "recharts";
import { cn } from "@/components/ui/cn";

/**
 * The one wrapper every recharts chart sits in. It gives a series its theme colour as a CSS
 * variable (`var(--color-<key>)`, so light and dark follow the theme), a common tooltip and legend,
 * and a <table> with the same numbers: visually hidden for screen readers (the SVG is aria-hidden)
 * and shown in place of the chart with the "Table" toggle, for anyone who wants the exact figures.
 */
export type ChartConfig = Record<string, { label: string; color: string; format?: (value: number) => string }>;

export type ChartTable = {
  caption: string;
  /** first column is the row header */
  columns: string[];
  rows: (string | number)[][];
};

/** The theme's chart palette (app/globals.css --chart-1 … --chart-7), cycled. */
export function paletteColor(index: number): string {
  return `var(--chart-${(index % 7) + 1})`;
}

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
  heightClassName = "h-64 sm:h-72",
  height,
  showLegend = true,
  title,
  description,
  children,
}: {
  /** the chart's heading, with the chart / table toggle beside it */
  title?: ReactNode;
  description?: ReactNode;
  config: ChartConfig;
  table: ChartTable;
  formatValue?: (value: number) => string;
  className?: string;
  heightClassName?: string;
  /** a fixed height in px (e.g. one that grows with the rows of a horizontal bar chart); wins over heightClassName */
  height?: number;
  showLegend?: boolean;
  children: ReactNode;
}) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const style = Object.fromEntries(Object.entries(config).map(([key, { color }]) => [`--color-${key}`, color])) as CSSProperties;
  return (
    <ChartContext.Provider value={{ config, formatValue }}>
      <figure className={cn("flex flex-col gap-3", className)} style={style}>
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0 space-y-1">
            {title ? <h3 className="font-serif text-lg leading-tight font-medium tracking-tight">{title}</h3> : null}
            {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
          </div>
          <button
            type="button"
            aria-pressed={showTable}
            aria-controls={tableId}
            onClick={() => setShowTable((v) => !v)}
            className="shrink-0 rounded-md border px-2 py-0.5 text-xs text-muted-foreground transition-colors hover:bg-muted hover:text-foreground"
          >
            {showTable ? "Show chart" : "Show table"}
          </button>
        </div>
        {showTable ? null : (
          <>
            <div
              aria-hidden
              style={height === undefined ? undefined : { height }}
              className={cn(
                "w-full text-xs",
                height === undefined && heightClassName,
                "[&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground [&_.recharts-cartesian-grid_line]:stroke-border",
                "[&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted/70 [&_.recharts-surface]:outline-none [&_.recharts-wrapper]:outline-none",
              )}
            >
              {children}
            </div>
            {showLegend ? <ChartLegend /> : null}
          </>
        )}
        {/* sr-only on a wrapper: a table cannot shrink below its content, so it would widen the page */}
        <div id={tableId} className={showTable ? "max-h-80 overflow-auto rounded-md border" : "sr-only"}>
          <table className="w-full text-left text-xs tabular-nums">
            <caption className={showTable ? "px-3 py-2 text-left text-muted-foreground" : undefined}>{table.caption}</caption>
            <thead className="bg-muted/60">
              <tr>
                {table.columns.map((column) => (
                  <th key={column} scope="col" className="px-3 py-1.5 font-medium">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map(([head, ...cells], i) => (
                <tr key={i} className="border-t">
                  <th scope="row" className="px-3 py-1.5 font-normal whitespace-nowrap">
                    {head}
                  </th>
                  {cells.map((cell, j) => (
                    <td key={j} className="px-3 py-1.5">
                      {cell}
                    </td>
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

function ChartTooltipContent({ active, payload, label, formatLabel }: TooltipContentProps<number, string> & { formatLabel?: (label: string) => string }) {
  const { config, formatValue } = useContext(ChartContext);
  if (!active || !payload?.length) return null;
  const items = payload.filter((item) => typeof item.value === "number" && item.value !== 0);
  return (
    <div className="min-w-[11rem] rounded-lg border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-lg">
      <p className="mb-1.5 font-medium">{formatLabel ? formatLabel(String(label)) : label}</p>
      {items.length === 0 ? (
        <p className="text-muted-foreground">Nothing</p>
      ) : (
        <ul className="flex flex-col gap-1">
          {items.map((item) => {
            const key = String(item.dataKey);
            const format = config[key]?.format ?? formatValue;
            return (
              <li key={key} className="flex items-center gap-2">
                <span className="size-2 rounded-[2px]" style={{ background: seriesColor(key) }} />
                <span className="flex-1 text-muted-foreground">{config[key]?.label ?? key}</span>
                <span className="font-medium tabular-nums">{format(item.value as number)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** recharts' <Tooltip> with the shared look; place it inside the chart. */
export function ChartTooltip({ labelFormatter }: { labelFormatter?: (label: string) => string } = {}) {
  return (
    <Tooltip
      content={(props) => <ChartTooltipContent {...(props as TooltipContentProps<number, string>)} formatLabel={labelFormatter} />}
      cursor
      isAnimationActive={false}
    />
  );
}
