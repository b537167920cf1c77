export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (a calendar date with no time zone). */
export type DayNumber = number;

export function dayNumberOf(ms: number): DayNumber {
  return Math.floor(ms / DAY_MS);
}

/** "YYYY-MM-DD" of a day number. */
export function dateString(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The same day of the month `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: DayNumber, months: number): DayNumber {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dayNumberOf(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

export type CalendarDay = { year: number; month: number; day: number; weekday: number };

export function calendarOf(day: DayNumber): CalendarDay {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), weekday: date.getUTCDay() };
}

/** Wall-clock time in one IANA zone, with the zone's offset looked up once per local day. */
export class ZoneClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<DayNumber, number>();
  /** Offsets by UTC hour: the zones seeded here only change offset on the hour. */
  private readonly hourlyOffsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  }

  /** Offset from UTC (ms) in effect at `utcMs`. */
  offsetAt(utcMs: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(new Date(utcMs))) {
      if (part.type !== "literal") parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return wall - Math.floor(utcMs / 1000) * 1000;
  }

  /**
   * The instant of `minuteOfDay` on local date `day`. The offset is taken at local noon, which is
   * right for shop hours (daylight-saving switches happen at night).
   */
  toUtc(day: DayNumber, minuteOfDay: number): number {
    let offset = this.offsets.get(day);
    if (offset === undefined) {
      offset = this.offsetAt(day * DAY_MS + 12 * HOUR_MS);
      this.offsets.set(day, offset);
    }
    return day * DAY_MS + minuteOfDay * MINUTE_MS - offset;
  }

  /** The local calendar date of an instant. */
  localDay(utcMs: number): DayNumber {
    const hour = Math.floor(utcMs / HOUR_MS);
    let offset = this.hourlyOffsets.get(hour);
    if (offset === undefined) {
      offset = this.offsetAt(hour * HOUR_MS);
      this.hourlyOffsets.set(hour, offset);
    }
    return dayNumberOf(utcMs + offset);
  }
}
