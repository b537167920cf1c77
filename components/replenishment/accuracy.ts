import type { AccuracyRow } from "@/lib/replenishment/queries";
import { CLASS_ORDER, classLabel } from "./labels";

/** The selection first, then the two baselines the issue compares against, then the other methods. */
export const METHOD_ORDER = ["selected", "naive", "croston", "sba", "tsb", "adida", "ses", "moving_average", "mean"];
export const BASELINES = new Set(["naive", "croston"]);

function rank(order: string[], value: string): number {
  const index = order.indexOf(value);
  return index === -1 ? order.length : index;
}

export function sortAccuracyRows(rows: AccuracyRow[]): AccuracyRow[] {
  return rows.toSorted(
    (a, b) => rank(CLASS_ORDER, a.demandClass) - rank(CLASS_ORDER, b.demandClass) || rank(METHOD_ORDER, a.method) - rank(METHOD_ORDER, b.method) || a.method.localeCompare(b.method),
  );
}

/**
 * One sentence a buyer can act on: how the per-series selection's mean MASE compares with Croston's
 * (and the naive forecast's) on the class with the most series, e.g. "The selection's error is 18%
 * lower than Croston's on intermittent series".
 */
export function accuracyVerdict(rows: AccuracyRow[], classes: Record<string, number>): string | null {
  const largest = Object.entries(classes).toSorted((a, b) => b[1] - a[1])[0]?.[0];
  const sentences: string[] = [];
  for (const [demandClass, baseline, name] of [
    [largest, "croston", "Croston's"],
    ["all", "naive", "the naive forecast's"],
  ] as const) {
    if (!demandClass) continue;
    const selected = rows.find((r) => r.method === "selected" && r.demandClass === demandClass)?.meanMase;
    const other = rows.find((r) => r.method === baseline && r.demandClass === demandClass)?.meanMase;
    if (selected == null || other == null || other <= 0) continue;
    const change = Math.round((1 - selected / other) * 100);
    const scope = demandClass === "all" ? "across all series" : `on ${classLabel(demandClass).toLowerCase()} series`;
    sentences.push(
      change === 0
        ? `The selection's error is about the same as ${name} ${scope}.`
        : `The selection's error is ${Math.abs(change)}% ${change > 0 ? "lower" : "higher"} than ${name} ${scope}.`,
    );
  }
  return sentences.length ? sentences.join(" ") : null;
}
