// How money, dates, numbers, sizes and completion times are written for residents, in Indonesian and
// English: through Intl (id-ID, en-GB), so that digits, separators, month names and plurals follow
// each language (a comma decimal in Indonesian, "1 working day" but "2 working days" in English). Node
// and the browsers the app supports ship full ICU data for both. Dates are WIB.
import type { CompletionTime } from './catalogue/service.ts';
import { clockTime, WIB_OFFSET_MS, wibClock } from './time/wib.ts';

export type Lang = 'id' | 'en';

/** The Intl locale of a UI language. */
export const localeOf = (lang: Lang): string => (lang === 'id' ? 'id-ID' : 'en-GB');

// Making an Intl formatter is slow (a page's first, of whatever kind, loads ICU data: ~30 ms in
// Chromium, ~120 ms on a slow phone; later ones up to ~30 ms there), while using one is fast: each
// kind is made once per locale and options.
type Formatter = Intl.NumberFormat | Intl.PluralRules | Intl.DateTimeFormat | Intl.RelativeTimeFormat;
const formatters = new Map<string, Formatter>();
function cached<F extends Formatter>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

/**
 * One thunk per formatter the screens make, each making (and caching) it: making one costs up to
 * ~30 ms on a slow phone even after ICU is loaded (a long-month date most), so the shell runs them
 * in tasks of their own before a first visit's data arrives, not in the render that shows it.
 */
export function formatterWarmers(lang: Lang): Array<() => unknown> {
  return [
    () => formatDate(new Date(0), lang),
    () => formatNumber(1000, lang),
    () => formatCount(1000, lang),
    () => pluralForm(2, lang),
    () => relativeTimeFormat(lang),
    // Rupiah are written in Indonesian whatever the UI language.
    () => formatRupiah(1000),
  ];
}

/** "3 hari yang lalu", "kemarin" / "3 days ago", "yesterday": the app bar says how old the data is on every screen. */
export function relativeTimeFormat(lang: Lang): Intl.RelativeTimeFormat {
  return cached(`relative:${lang}`, () => new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'auto' }));
}

/** `Rp 10.000`; whole rupiah (rounded), `Rp 0` for zero — the UI decides when to say "Gratis". */
export function formatRupiah(amount: number): string {
  if (!Number.isSafeInteger(Math.round(amount))) throw new RangeError(`formatRupiah: not a rupiah amount: ${amount}`);
  const rounded = Math.round(amount);
  const text = `Rp ${formatNumber(Math.abs(rounded), 'id')}`;
  return rounded < 0 ? `-${text}` : text;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T/;

/** The WIB calendar date of an instant, or the date as written when the text names no instant. */
function wibDate(value: string | Date): { year: number; month: number; day: number } {
  if (typeof value === 'string') {
    // "2026-11-22" is a calendar date, and "2026-11-22T10:00" a wall-clock time with no zone: read
    // them as written, since Date.parse would place the latter in the device's own zone.
    const written = DATE_ONLY.exec(value) ?? (HAS_ZONE.test(value) ? null : LOCAL_DATE_TIME.exec(value));
    if (written) {
      const [year, month, day] = [Number(written[1]), Number(written[2]), Number(written[3])];
      // Reject what the calendar lacks ("2026-02-31") instead of printing it.
      const check = new Date(Date.UTC(year, month - 1, day));
      if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
        throw new RangeError(`formatDate: not a date: ${value}`);
      }
      return { year, month, day };
    }
  }
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`formatDate: not a date: ${String(value)}`);
  const wib = new Date(ms + WIB_OFFSET_MS);
  return { year: wib.getUTCFullYear(), month: wib.getUTCMonth() + 1, day: wib.getUTCDate() };
}

/** `22 November 2026` (id: Januari…Desember, en: January…December), the date in WIB. */
export function formatDate(value: string | Date, lang: Lang): string {
  const { year, month, day } = wibDate(value);
  // The WIB calendar date is already known: render it as that day in UTC, whatever the device's zone.
  const format = cached(
    `date:${lang}`,
    () => new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  );
  return format.format(new Date(Date.UTC(year, month - 1, day)));
}

/**
 * `22 November 2026 pukul 09.00 WIB` / `22 November 2026 at 09:00 WIB`: an instant to the minute in
 * WIB, whatever the device's own zone (a pickup time, a step of an application's history). Indonesian
 * writes the clock with a period (PUEBI), English with a colon.
 */
export function formatDateTime(value: string | Date, lang: Lang): string {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`formatDateTime: not an instant: ${String(value)}`);
  const { date, minutes } = wibClock(new Date(ms));
  const time = clockTime(minutes);
  return lang === 'id'
    ? `${formatDate(date, lang)} pukul ${time.replace(':', '.')} WIB`
    : `${formatDate(date, lang)} at ${time} WIB`;
}

/**
 * `8 Des 2026, 09.00 WIB` / `8 Dec 2026, 09:00 WIB`: an instant to the minute in WIB, short enough
 * for a table cell (the back office's queue and lists: a row each, fifty at a time).
 */
export function formatDateTimeShort(value: string | Date, lang: Lang): string {
  const at = typeof value === 'string' ? new Date(value) : value;
  if (!Number.isFinite(at.getTime())) throw new RangeError(`formatDateTimeShort: not an instant: ${String(value)}`);
  const format = cached(
    `date-time-short:${lang}`,
    () =>
      new Intl.DateTimeFormat(localeOf(lang), {
        timeZone: 'Asia/Jakarta',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
  );
  return `${format.format(at)} WIB`;
}

/** A date answer as words ("20 November 2026" for "2026-11-20"); a value that is not a date stays as typed. */
export function formatDateAnswer(value: string, lang: Lang): string {
  try {
    return formatDate(value, lang);
  } catch {
    return value;
  }
}

/** `1.234,5` / `1,234.5`: a number with at most `fractionDigits` decimals (trailing zeros kept). */
export function formatNumber(n: number, lang: Lang, fractionDigits = 0): string {
  // A whole number below a thousand has no separator in either language: the catalogue's completion
  // times and counts are written without loading any ICU data.
  if (fractionDigits === 0 && Number.isInteger(n) && n >= 0 && n < 1000) return String(n);
  return cached(
    `number:${lang}:${fractionDigits}`,
    () =>
      new Intl.NumberFormat(localeOf(lang), {
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }),
  ).format(n);
}

/** A count as Intl writes it by default (`1.234`, `2,5` / `1,234`, `2.5`: up to three decimals). */
export function formatCount(n: number, lang: Lang): string {
  if (Number.isInteger(n)) return formatNumber(n, lang);
  return cached(`count:${lang}`, () => new Intl.NumberFormat(localeOf(lang))).format(n);
}

/** A size in bytes as megabytes with one decimal: `10.240,0 MB` / `10,240.0 MB`. */
export function formatMegabytes(bytes: number, lang: Lang): string {
  return `${formatNumber(bytes / (1024 * 1024), lang, 1)} MB`;
}

/** Which plural form a count takes: `one` or `other` in English; always `other` in Indonesian. */
export function pluralForm(n: number, lang: Lang): Intl.LDMLPluralRule {
  return cached(`plural:${lang}`, () => new Intl.PluralRules(localeOf(lang))).select(n);
}

const UNITS: Record<CompletionTime['unit'], Record<Lang, Partial<Record<Intl.LDMLPluralRule, string>>>> = {
  // Indonesian nouns do not inflect for number: Intl.PluralRules gives "other" for every count.
  'working-days': { id: { other: 'hari kerja' }, en: { one: 'working day', other: 'working days' } },
  hours: { id: { other: 'jam' }, en: { one: 'hour', other: 'hours' } },
  minutes: { id: { other: 'menit' }, en: { one: 'minute', other: 'minutes' } },
};

/** `14 hari kerja`, `1 jam`, `30 menit`; `14 working days`, `1 working day`, `2 hours`. */
export function formatCompletionTime(t: CompletionTime, lang: Lang): string {
  const forms = UNITS[t.unit][lang];
  return `${formatNumber(t.value, lang)} ${forms[pluralForm(t.value, lang)] ?? forms.other}`;
}
