import { backtest, demandCdf, forecastSeries, orderQuantity, type DemandClass, type MethodName, type OrderExplanation } from "@/lib/forecast";
import type { StoreSkuSeries } from "./series";

export type PlanOptions = {
  /** cycle service level for the reorder point */
  serviceLevel?: number;
  /** weeks of demand to hold beyond the reorder point once an order arrives */
  weeksOfCover?: number;
  /** weeks between runs (the nightly run reviews every week at worst) */
  reviewPeriodWeeks?: number;
  /** backtest horizon and forecast band length */
  horizon?: number;
};

export const PLAN_DEFAULTS = { serviceLevel: 0.95, weeksOfCover: 8, reviewPeriodWeeks: 1, horizon: 4 } as const;

/** What the forecast says about one store × SKU, kept whether or not it leads to a proposal. */
export type SeriesAssessment = {
  series: StoreSkuSeries;
  demandClass: DemandClass;
  method: MethodName;
  weeklyRate: number;
  band: { lower: number; upper: number };
  leadTimeWeeks: number;
  reorderPoint: number;
  safetyStock: number;
  position: number;
  /** probability that demand over the protection interval exceeds the position */
  stockOutRisk: number;
  /** units above what the store needs (reorder point + cover): what it could send elsewhere */
  excess: number;
  order: OrderExplanation;
  backtest: { method: MethodName; mase: number | null; bias: number }[];
};

export type Proposal = {
  assessment: SeriesAssessment;
  type: "purchase" | "transfer";
  quantity: number;
  /** for a transfer: the store that sends */
  from: { storeId: string; storeName: string } | null;
};

/** Forecast, reorder point and order quantity for one series. Pure. */
export function assess(series: StoreSkuSeries, options: PlanOptions = {}): SeriesAssessment {
  const o = { ...PLAN_DEFAULTS, ...options };
  const leadTimeWeeks = Math.max(1, Math.ceil(series.leadTimeDays / 7));
  const fc = forecastSeries(series.history, {
    censored: series.censored,
    horizon: o.horizon,
    leadTimeWeeks,
    reviewPeriodWeeks: o.reviewPeriodWeeks,
    serviceLevel: o.serviceLevel,
  });
  const lt = fc.leadTime!;
  const position = series.onHand + series.onOrder - series.reserved;
  const order = orderQuantity({
    onHand: series.onHand,
    onOrder: series.onOrder,
    reserved: series.reserved,
    reorderPoint: lt.reorderPoint,
    weeklyRate: fc.forecast.point,
    weeksOfCover: o.weeksOfCover,
    packSize: series.packSize,
    minimumOrder: series.minOrderQty,
    unitCost: series.unitCostMinor,
    unitPrice: series.unitPriceMinor,
  }).explanation;
  const stockOutRisk = position < 0 ? 1 : 1 - demandCdf(lt.distribution, position);
  const needs = lt.reorderPoint + fc.forecast.point * o.weeksOfCover;
  return {
    series,
    demandClass: fc.classification.demandClass,
    method: fc.forecast.method,
    weeklyRate: fc.forecast.point,
    band: { lower: fc.band[0]?.lower ?? 0, upper: fc.band[0]?.upper ?? 0 },
    leadTimeWeeks,
    reorderPoint: lt.reorderPoint,
    safetyStock: lt.safetyStock,
    position,
    stockOutRisk: Math.min(1, Math.max(0, stockOutRisk)),
    excess: Math.max(0, Math.floor(position - needs)),
    order,
    backtest: withNaiveBaseline(
      fc.backtest.scores.map((s) => ({ method: s.method, mase: s.mase, bias: s.bias })),
      () => backtest(series.history, { censored: series.censored, horizon: o.horizon, methods: ["naive"] }).scores[0],
    ),
  };
}

/** The naive forecast is scored as a baseline for the accuracy page; it is never a candidate for selection. */
function withNaiveBaseline(scores: SeriesAssessment["backtest"], naive: () => { method: MethodName; mase: number | null; bias: number } | undefined) {
  if (scores.some((s) => s.method === "naive")) return scores;
  const score = naive();
  return score ? [...scores, { method: score.method, mase: score.mase, bias: score.bias }] : scores;
}

/**
 * Every proposal of a run: stores below their reorder point get a purchase, unless another store
 * holds enough excess of the same SKU, which then sends it (a transfer costs days, not money).
 * Excess is handed out once: two stores short of one piece don't both count on the same spare.
 */
export function planProposals(assessments: SeriesAssessment[]): Proposal[] {
  const spare = new Map<string, { storeId: string; storeName: string; excess: number }[]>();
  for (const a of assessments) {
    if (a.excess <= 0) continue;
    const list = spare.get(a.series.productId) ?? [];
    list.push({ storeId: a.series.storeId, storeName: a.series.storeName, excess: a.excess });
    spare.set(a.series.productId, list);
  }
  for (const list of spare.values()) list.sort((x, y) => y.excess - x.excess || x.storeId.localeCompare(y.storeId));

  const needing = assessments.filter((a) => a.order.quantity > 0).sort((x, y) => y.stockOutRisk - x.stockOutRisk || x.series.storeCode.localeCompare(y.series.storeCode));
  return needing.map((a) => {
    const donor = (spare.get(a.series.productId) ?? []).find((s) => s.storeId !== a.series.storeId && s.excess >= a.order.needed && a.order.needed > 0);
    if (donor) {
      const quantity = Math.ceil(a.order.needed);
      donor.excess -= quantity;
      return { assessment: a, type: "transfer", quantity, from: { storeId: donor.storeId, storeName: donor.storeName } };
    }
    return { assessment: a, type: "purchase", quantity: a.order.quantity, from: null };
  });
}

const METHOD_LABEL: Record<MethodName, string> = {
  naive: "the last week's demand (naive)",
  moving_average: "a 13-week moving average",
  mean: "the long-run mean",
  ses: "simple exponential smoothing",
  croston: "Croston's method",
  sba: "SBA (Syntetos–Boylan)",
  tsb: "TSB (Teunter–Syntetos–Babai)",
  adida: "ADIDA (aggregated, then spread over the weeks)",
};

const money = (minor: number, currency: string) =>
  new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: 0 }).format(minor / 100);
const units = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The buyer-facing why: history, forecast with its band, stock position, lead time, margin, and why this quantity. */
export function rationaleOf(p: Proposal, options: PlanOptions = {}): string {
  const o = { ...PLAN_DEFAULTS, ...options };
  const a = p.assessment;
  const s = a.series;
  const last52 = s.history.slice(-52).reduce((sum, q) => sum + q, 0);
  const out = s.censored.filter(Boolean).length;
  const lines = [
    `Sold ${last52} in the last 52 weeks${out ? `; ${out} week${out === 1 ? "" : "s"} out of stock are left out, not counted as zero demand` : ""}.`,
    `${capitalise(a.demandClass.replace("_", " "))} demand, forecast by ${METHOD_LABEL[a.method]}, which had the lowest backtest error: ${units(Number(a.weeklyRate.toFixed(2)))} a week (80% of weeks between ${a.band.lower} and ${a.band.upper}).`,
    `Lead time ${a.leadTimeWeeks} week${a.leadTimeWeeks === 1 ? "" : "s"}: reorder point ${a.reorderPoint} for a ${Math.round(o.serviceLevel * 100)}% service level (safety stock ${units(Number(a.safetyStock.toFixed(1)))}).`,
    `On hand ${s.onHand}, on order ${s.onOrder}, reserved ${s.reserved}: position ${a.position}, ${a.position < a.reorderPoint ? "below" : "at"} the reorder point; stock-out risk before a new delivery ${Math.round(a.stockOutRisk * 100)}%.`,
  ];
  if (p.type === "transfer" && p.from) {
    lines.push(`${p.from.storeName} holds more than it needs: transfer ${p.quantity} from there instead of buying.`);
  } else {
    const cost = p.quantity * s.unitCostMinor;
    const margin = p.quantity * (s.unitPriceMinor - s.unitCostMinor);
    const rounding = a.order.flags.includes("rounded_up_for_pack") ? `, rounded up to whole packs of ${s.packSize}` : a.order.flags.includes("raised_to_minimum") ? `, raised to the supplier's minimum of ${s.minOrderQty}` : "";
    lines.push(
      `Order ${p.quantity}: up to the reorder point plus ${o.weeksOfCover} weeks of cover (${units(Number(a.order.orderUpTo.toFixed(1)))})${rounding}. Cost ${money(cost, s.currency)}, expected margin ${money(margin, s.currency)} when sold.`,
    );
  }
  return lines.join("\n");
}
