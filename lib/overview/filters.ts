import { z } from "zod";

export const RANGE_PRESETS = { "7d": 7, "30d": 30, "90d": 90 } as const;
export type RangePreset = keyof typeof RANGE_PRESETS;

/** The dashboard's URL: a preset or an explicit from/to (local days, inclusive) and an optional store. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)));
const blankToUndefined = (v: unknown) => (v === "" || v === "all" ? undefined : v);
export const dashboardParamsSchema = z.object({
  range: z.preprocess(blankToUndefined, z.enum(Object.keys(RANGE_PRESETS) as [RangePreset, ...RangePreset[]]).optional()).catch(undefined),
  from: z.preprocess(blankToUndefined, day.optional()).catch(undefined),
  to: z.preprocess(blankToUndefined, day.optional()).catch(undefined),
  store: z.preprocess(blankToUndefined, z.uuid().optional()).catch(undefined),
});

export type DashboardFilters = {
  /** first and last local day, inclusive (yyyy-mm-dd) */
  from: string;
  to: string;
  /** the preset the range came from, if any */
  preset: RangePreset | null;
  /** one store, or null for every store the viewer reaches */
  storeId: string | null;
};

const DAY_MS = 86_400_000;
export const MAX_RANGE_DAYS = 366;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Every day from `from` to `to`, inclusive. */
export function dayList(from: string, to: string): string[] {
  return Array.from({ length: daysBetween(from, to) }, (_, i) => addDays(from, i));
}

/**
 * The time zone of the viewer's own "today" (the default range's last day, team activity): that of
 * their first store, else UTC. Store figures use each store's own zone.
 */
export function viewerTimeZone(viewer: { stores: { timezone: string }[] }): string {
  return viewer.stores[0]?.timezone ?? "UTC";
}

/** Today's date in a time zone (yyyy-mm-dd). */
export function localDay(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * Filters from the search params; an unknown store, a reversed or over-long range fall back to the
 * defaults (last 30 days, every store in reach) rather than failing the page.
 */
export function parseDashboardFilters(
  searchParams: Record<string, string | string[] | undefined>,
  { today, storeIds, fallbackStoreId = null }: { today: string; storeIds: string[]; fallbackStoreId?: string | null },
): DashboardFilters {
  const flat = Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const params = dashboardParamsSchema.parse(flat);
  const requestedStore = params.store ?? fallbackStoreId;
  const storeId = requestedStore && storeIds.includes(requestedStore) ? requestedStore : null;
  if (!params.range && params.from && params.to && params.from <= params.to && daysBetween(params.from, params.to) <= MAX_RANGE_DAYS) {
    return { from: params.from, to: params.to, preset: null, storeId };
  }
  const preset = params.range ?? "30d";
  return { from: addDays(today, 1 - RANGE_PRESETS[preset]), to: today, preset, storeId };
}
