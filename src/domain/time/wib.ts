// Time in WIB (Asia/Jakarta), the region's clock: opening hours, "today" for rules such as "not in
// the future", the back office's date ranges. WIB is UTC+7 all year with no daylight saving, so a
// fixed offset gives the same answer on every device whatever its own time zone, and without Intl
// (absent or incomplete on old phones).

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;
export const WIB_OFFSET_MS = 7 * 60 * MINUTE_MS;

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface WibClock {
  /** ISO weekday, Monday = 1 … Sunday = 7. */
  day: IsoWeekday;
  /** Whole minutes since midnight WIB. */
  minutes: number;
  /** The WIB calendar date, YYYY-MM-DD. */
  date: string;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** "08:30" for 510 minutes after midnight. */
export const clockTime = (minutes: number): string => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

export function wibClock(now: Date): WibClock {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('wibClock: invalid date');
  // Shift the instant by the offset and read it with the UTC getters: those are WIB wall-clock fields.
  const wib = new Date(ms + WIB_OFFSET_MS);
  const weekday = wib.getUTCDay();
  return {
    day: (weekday === 0 ? 7 : weekday) as IsoWeekday,
    minutes: wib.getUTCHours() * 60 + wib.getUTCMinutes(),
    date: `${String(wib.getUTCFullYear()).padStart(4, '0')}-${pad2(wib.getUTCMonth() + 1)}-${pad2(wib.getUTCDate())}`,
  };
}

/** A calendar date (YYYY-MM-DD) `days` later (earlier when negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
