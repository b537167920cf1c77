import type { SeededStore } from "./context";
import type { Rng } from "./random";
import { RETAIL_MONTH_FACTOR } from "./stores";
import { calendarOf, type DayNumber } from "./time";

export const HISTORY_DAYS = 730;

/** The Friday after the fourth Thursday of November. */
function isBlackFriday(year: number, month: number, day: number): boolean {
  if (month !== 11) return false;
  const firstWeekday = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - firstWeekday + 7) % 7);
  return day === firstThursday + 22;
}

function dayWeight(store: SeededStore, day: DayNumber, progress: number): number {
  const { year, month, day: dayOfMonth, weekday } = calendarOf(day);
  const def = store.def;
  if (!def.hours[weekday]) return 0;
  const isHoliday = (month === 12 && dayOfMonth === 25) || (month === 1 && dayOfMonth === 1);
  if (isHoliday && def.code !== "DXB") return 0;
  let weight = RETAIL_MONTH_FACTOR[month - 1] * def.monthFactor[month - 1] * def.weekdayFactor[weekday];
  if (month === 12 && dayOfMonth >= 10 && dayOfMonth <= 24) weight *= 1.35;
  if (month === 2 && dayOfMonth >= 7 && dayOfMonth <= 14) weight *= 1.35;
  if (def.code === "NYC" && isBlackFriday(year, month, dayOfMonth)) weight *= 2.2;
  // the retailer grows about 10 % a year
  return weight * (0.9 + 0.2 * progress);
}

/**
 * Sales per store per local day over the history, `totalSales` in all: each store's share spread
 * over its days by seasonality, with day-to-day noise, rounded so the totals are exact.
 */
export function planSales(rng: Rng, stores: SeededStore[], firstDay: DayNumber, totalSales: number): Int32Array[] {
  const shareSum = stores.reduce((sum, store) => sum + store.def.salesShare, 0);
  return stores.map((store) => {
    const target = Math.round((totalSales * store.def.salesShare) / shareSum);
    const weights = new Float64Array(HISTORY_DAYS);
    let total = 0;
    for (let i = 0; i < HISTORY_DAYS; i++) {
      const weight = dayWeight(store, firstDay + i, i / HISTORY_DAYS) * Math.exp(0.25 * rng.normal());
      weights[i] = weight;
      total += weight;
    }
    const counts = new Int32Array(HISTORY_DAYS);
    let cumulative = 0;
    let allocated = 0;
    for (let i = 0; i < HISTORY_DAYS; i++) {
      cumulative += weights[i];
      const upTo = Math.round((cumulative / total) * target);
      counts[i] = upTo - allocated;
      allocated = upTo;
    }
    return counts;
  });
}
