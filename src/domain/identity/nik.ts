// The NIK (Nomor Induk Kependudukan): normalising what people type, checking it against the rules
// of domain.md ("Identity numbers") and masking it for lists. NIK has no checksum, so these checks
// catch typing mistakes, not forgeries; the verifier still compares it with the documents.
import { wibClock } from '../time/wib.ts';
import { type RetiredRegion, retiredRegion } from './retired-regions.ts';

export type NikError = 'nik.length' | 'nik.digits' | 'nik.region' | 'nik.birthDate' | 'nik.serial';

export interface IdNumberContext {
  /** Whether a district code exists anywhere in Indonesia (6 digits, no dots, e.g. "352901"). */
  districtExists(code6: string): boolean;
  /** Now: the reference for resolving the century of the two-digit birth year. */
  today: Date;
}

export type NikCheck =
  | {
      ok: true;
      birthDate: string;
      sex: 'male' | 'female';
      districtCode: string;
      /** The region code was retired (e.g. Papua before the 2022 split): where it is today. */
      retired?: RetiredRegion;
    }
  | { ok: false; error: NikError };

const ID_LENGTH = 16;
/** Women's day of birth is written with 40 added (41–71). */
const FEMALE_DAY_OFFSET = 40;

/** Drops the spaces and dots people type to group the digits ("3529 0103 …", "35.29.01…"). */
export function normalizeIdNumber(value: string): string {
  return value.replace(/[\s.]/g, '');
}

/** "352901" → "35.29.01", the idn-area-data spelling of a district code. */
export function dottedDistrictCode(code6: string): string {
  return `${code6.slice(0, 2)}.${code6.slice(2, 4)}.${code6.slice(4, 6)}`;
}

/**
 * Checks one NIK. Digits are checked before length so that "12a4…" reports the letter rather than
 * a count the person cannot see is wrong; then region, birth date and serial, in reading order.
 */
export function checkNik(value: string, ctx: IdNumberContext): NikCheck {
  const nik = normalizeIdNumber(value);
  if (!/^\d*$/.test(nik)) return { ok: false, error: 'nik.digits' };
  if (nik.length !== ID_LENGTH) return { ok: false, error: 'nik.length' };
  const district = nik.slice(0, 6);
  // A code no longer in today's list may be a retired one, which a NIK keeps for life: accepted,
  // with today's code beside it. Any other unknown code is 'nik.region', which the form lets the
  // resident confirm (forms/validate.ts) rather than refusing a real card outright.
  const retired = ctx.districtExists(district) ? null : retiredRegion(district);
  if (!ctx.districtExists(district) && !retired) return { ok: false, error: 'nik.region' };
  const birth = birthFromNik(nik.slice(6, 12), ctx.today);
  if (!birth) return { ok: false, error: 'nik.birthDate' };
  if (nik.slice(12) === '0000') return { ok: false, error: 'nik.serial' };
  return {
    ok: true,
    birthDate: birth.date,
    sex: birth.sex,
    districtCode: dottedDistrictCode(district),
    ...(retired ? { retired } : {}),
  };
}

/**
 * The date of birth and sex a NIK encodes, whatever its region code: what the form's other answers
 * are compared with. Null unless it is 16 digits with a real date in digits 7–12.
 */
export function decodeNik(value: string, today: Date): { birthDate: string; sex: 'male' | 'female' } | null {
  const nik = normalizeIdNumber(value);
  if (!/^\d{16}$/.test(nik)) return null;
  const birth = birthFromNik(nik.slice(6, 12), today);
  return birth ? { birthDate: birth.date, sex: birth.sex } : null;
}

/** DDMMYY (DD + 40 for women) → the date, or null when it is not a real calendar date. */
function birthFromNik(ddmmyy: string, today: Date): { date: string; sex: 'male' | 'female' } | null {
  const dd = Number(ddmmyy.slice(0, 2));
  const mm = ddmmyy.slice(2, 4);
  const yy = ddmmyy.slice(4, 6);
  const sex = dd > FEMALE_DAY_OFFSET ? 'female' : 'male';
  const day = String(sex === 'female' ? dd - FEMALE_DAY_OFFSET : dd).padStart(2, '0');
  // The two-digit year is ambiguous: the most recent century that does not put the birth in the
  // future. Compared as text (ISO dates sort as text), so an impossible day cannot skew the choice;
  // the day is checked afterwards, in the chosen year (29 Feb "00" is real in 2000, not in 1900).
  const todayWib = wibClock(today).date;
  const in2000s = `20${yy}-${mm}-${day}`;
  const date = in2000s <= todayWib ? in2000s : `19${yy}-${mm}-${day}`;
  return isCalendarDate(date) ? { date, sex } : null;
}

/** Whether "YYYY-MM-DD" names a day that exists (month 1–12, day within the month, leap years). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  // Arithmetic rather than Date: Date.UTC maps years 0–99 to 1900–1999, and no time zone can interfere.
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= daysInMonth;
}

/** `3529••••••••0003`: enough to tell entries apart in a list, not enough to reuse (UU 27/2022). */
export function maskIdNumber(value: string): string {
  const id = normalizeIdNumber(value);
  // Too short to keep 8 digits visible without showing most of it: hide everything.
  if (id.length <= 8) return '•'.repeat(id.length);
  return `${id.slice(0, 4)}${'•'.repeat(id.length - 8)}${id.slice(-4)}`;
}
