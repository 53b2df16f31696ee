// How money, dates and completion times are written for residents, in Indonesian and English.
// Done by hand rather than with Intl: old Android WebViews ship partial locale data, and a printed
// service standard must read the same as the screen and the server's output. Dates are WIB.
import type { CompletionTime } from './catalogue/service.ts';
import { WIB_OFFSET_MS } from './time/wib.ts';

export type Lang = 'id' | 'en';

const MONTHS: Record<Lang, readonly string[]> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** Digits of a non-negative integer grouped by thousands: Indonesian uses dots, English commas. */
function groupThousands(n: number, separator: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** `Rp 10.000`; whole rupiah (rounded), `Rp 0` for zero — the UI decides when to say "Gratis". */
export function formatRupiah(amount: number): string {
  if (!Number.isSafeInteger(Math.round(amount))) throw new RangeError(`formatRupiah: not a rupiah amount: ${amount}`);
  const rounded = Math.round(amount);
  const text = `Rp ${groupThousands(Math.abs(rounded), '.')}`;
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
  const name = MONTHS[lang][month - 1];
  if (name === undefined) throw new RangeError(`formatDate: not a date: ${String(value)}`);
  return `${day} ${name} ${year}`;
}

const UNITS: Record<CompletionTime['unit'], Record<Lang, readonly [one: string, many: string]>> = {
  // Indonesian nouns do not inflect for number.
  'working-days': { id: ['hari kerja', 'hari kerja'], en: ['working day', 'working days'] },
  hours: { id: ['jam', 'jam'], en: ['hour', 'hours'] },
  minutes: { id: ['menit', 'menit'], en: ['minute', 'minutes'] },
};

/** `14 hari kerja`, `1 jam`, `30 menit`; `14 working days`, `1 working day`, `2 hours`. */
export function formatCompletionTime(t: CompletionTime, lang: Lang): string {
  const [one, many] = UNITS[t.unit][lang];
  return `${groupThousands(t.value, lang === 'id' ? '.' : ',')} ${t.value === 1 ? one : many}`;
}
