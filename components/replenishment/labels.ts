/** How the forecasting methods and demand classes read on the buyer's screens. */
export const METHOD_LABEL: Record<string, string> = {
  selected: "Per-series selection",
  naive: "Naive (last week)",
  mean: "Mean",
  moving_average: "Moving average",
  ses: "Simple exponential smoothing",
  croston: "Croston",
  sba: "SBA (Syntetos–Boylan)",
  tsb: "TSB (Teunter–Syntetos–Babai)",
  adida: "ADIDA (aggregate–disaggregate)",
};

export const METHOD_SHORT: Record<string, string> = {
  selected: "Selection",
  naive: "Naive",
  mean: "Mean",
  moving_average: "Moving avg.",
  ses: "SES",
  croston: "Croston",
  sba: "SBA",
  tsb: "TSB",
  adida: "ADIDA",
};

export const CLASS_LABEL: Record<string, string> = {
  all: "All series",
  smooth: "Smooth",
  erratic: "Erratic",
  intermittent: "Intermittent",
  lumpy: "Lumpy",
  no_demand: "No demand",
};

export const CLASS_ORDER = ["all", "smooth", "erratic", "intermittent", "lumpy", "no_demand"];

export function methodLabel(method: string): string {
  return METHOD_LABEL[method] ?? method;
}

export function classLabel(demandClass: string): string {
  return CLASS_LABEL[demandClass] ?? demandClass;
}

/** Stock-out risk as the buyer reads it: a band and a percentage. */
export function riskLevel(risk: number): { label: string; variant: "destructive" | "warning" | "neutral" } {
  if (risk >= 0.5) return { label: "High", variant: "destructive" };
  if (risk >= 0.2) return { label: "Medium", variant: "warning" };
  return { label: "Low", variant: "neutral" };
}

export function formatPercent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** Units with at most one decimal: forecasts are rates, not whole pieces. */
export function formatUnits(value: number): string {
  return value.toLocaleString("en-GB", { maximumFractionDigits: value < 10 ? 2 : 1 });
}
