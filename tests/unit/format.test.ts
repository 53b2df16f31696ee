// Rupiah, dates in WIB and completion times, in Indonesian and English, identical on every device.
import { describe, expect, it, vi } from 'vitest';
import { CompletionTime } from '../../src/domain/catalogue/service.ts';
import {
  formatCompletionTime,
  formatCount,
  formatDate,
  formatDateAnswer,
  formatDateTime,
  formatDateTimeShort,
  formatMegabytes,
  formatNumber,
  formatRupiah,
  pluralForm,
} from '../../src/domain/format.ts';

describe('formatDateTime', () => {
  it('keeps the time to the minute, in WIB, in both languages (a pickup at 09:00 is not just a date)', () => {
    expect(formatDateTime('2026-11-25T09:00:00+07:00', 'id')).toBe('25 November 2026 pukul 09.00 WIB');
    expect(formatDateTime('2026-11-25T09:00:00+07:00', 'en')).toBe('25 November 2026 at 09:00 WIB');
    expect(formatDateTime('2026-11-25T02:05:59Z', 'id')).toBe('25 November 2026 pukul 09.05 WIB');
  });

  it('crosses midnight into the WIB date, whatever zone the instant was written in', () => {
    expect(formatDateTime('2026-12-31T17:30:00Z', 'id')).toBe('1 Januari 2027 pukul 00.30 WIB');
    expect(formatDateTime(new Date('2026-11-21T16:59:00Z'), 'en')).toBe('21 November 2026 at 23:59 WIB');
    expect(formatDateTime('2026-11-21T23:30:00-02:00', 'id')).toBe('22 November 2026 pukul 08.30 WIB');
  });

  it('refuses what is not an instant', () => {
    expect(() => formatDateTime('besok pagi', 'id')).toThrow(RangeError);
  });
});

describe('formatRupiah', () => {
  it('writes Rp, a space and dots between thousands', () => {
    expect(formatRupiah(0)).toBe('Rp 0');
    expect(formatRupiah(500)).toBe('Rp 500');
    expect(formatRupiah(999)).toBe('Rp 999');
    expect(formatRupiah(1000)).toBe('Rp 1.000');
    expect(formatRupiah(10_000)).toBe('Rp 10.000');
    expect(formatRupiah(150_000)).toBe('Rp 150.000');
    expect(formatRupiah(1_500_000)).toBe('Rp 1.500.000');
    expect(formatRupiah(1_234_567_890)).toBe('Rp 1.234.567.890');
  });

  it('shows no decimals', () => {
    expect(formatRupiah(2500.4)).toBe('Rp 2.500');
    expect(formatRupiah(999.5)).toBe('Rp 1.000');
  });

  it('puts the sign of a refund or correction first', () => {
    expect(formatRupiah(-25_000)).toBe('-Rp 25.000');
  });

  it('rejects what is not an amount', () => {
    expect(() => formatRupiah(Number.NaN)).toThrow(RangeError);
    expect(() => formatRupiah(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('formatDate', () => {
  it('writes day, month name and year in both languages', () => {
    expect(formatDate('2026-11-22T08:00:00+07:00', 'id')).toBe('22 November 2026');
    expect(formatDate('2026-11-22T08:00:00+07:00', 'en')).toBe('22 November 2026');
    expect(formatDate('2026-08-05T10:00:00+07:00', 'id')).toBe('5 Agustus 2026');
    expect(formatDate('2026-08-05T10:00:00+07:00', 'en')).toBe('5 August 2026');
  });

  it('names every month', () => {
    const months = Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}-15T12:00:00+07:00`);
    expect(months.map((d) => formatDate(d, 'id').split(' ')[1])).toEqual([
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
    ]);
    expect(months.map((d) => formatDate(d, 'en').split(' ')[1])).toEqual([
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
    ]);
  });

  it('uses the WIB date of instants near midnight UTC', () => {
    expect(formatDate('2026-11-21T20:00:00Z', 'id')).toBe('22 November 2026');
    expect(formatDate('2026-11-21T16:59:59Z', 'id')).toBe('21 November 2026');
    expect(formatDate('2026-11-21T17:00:00Z', 'en')).toBe('22 November 2026');
    expect(formatDate('2026-11-22T00:00:00Z', 'id')).toBe('22 November 2026');
    expect(formatDate('2026-11-21T23:30:00-02:00', 'id')).toBe('22 November 2026');
    expect(formatDate('2026-12-31T17:30:00Z', 'id')).toBe('1 Januari 2027');
    expect(formatDate('2026-12-31T17:30:00Z', 'en')).toBe('1 January 2027');
  });

  it('accepts a Date', () => {
    expect(formatDate(new Date('2026-11-21T20:00:00Z'), 'id')).toBe('22 November 2026');
    expect(formatDate(new Date(Date.UTC(2026, 1, 28, 18)), 'en')).toBe('1 March 2026');
  });

  it('reads a calendar date, or a time without zone, as written', () => {
    expect(formatDate('2026-08-17', 'id')).toBe('17 Agustus 2026');
    expect(formatDate('2026-01-01', 'en')).toBe('1 January 2026');
    expect(formatDate('2026-11-22T23:30:00', 'id')).toBe('22 November 2026');
  });

  it('rejects what is not a date', () => {
    expect(() => formatDate('kemarin', 'id')).toThrow(RangeError);
    expect(() => formatDate('2026-02-30', 'id')).toThrow(RangeError);
    expect(() => formatDate(new Date(Number.NaN), 'en')).toThrow(RangeError);
  });
});

describe('formatCompletionTime', () => {
  const time = (value: number, unit: CompletionTime['unit']) => CompletionTime.parse({ value, unit });

  it('writes Indonesian without plural forms', () => {
    expect(formatCompletionTime(time(14, 'working-days'), 'id')).toBe('14 hari kerja');
    expect(formatCompletionTime(time(1, 'working-days'), 'id')).toBe('1 hari kerja');
    expect(formatCompletionTime(time(1, 'hours'), 'id')).toBe('1 jam');
    expect(formatCompletionTime(time(3, 'hours'), 'id')).toBe('3 jam');
    expect(formatCompletionTime(time(30, 'minutes'), 'id')).toBe('30 menit');
  });

  it('writes English singular and plural', () => {
    expect(formatCompletionTime(time(14, 'working-days'), 'en')).toBe('14 working days');
    expect(formatCompletionTime(time(1, 'working-days'), 'en')).toBe('1 working day');
    expect(formatCompletionTime(time(1, 'hours'), 'en')).toBe('1 hour');
    expect(formatCompletionTime(time(2, 'hours'), 'en')).toBe('2 hours');
    expect(formatCompletionTime(time(1, 'minutes'), 'en')).toBe('1 minute');
    expect(formatCompletionTime(time(30, 'minutes'), 'en')).toBe('30 minutes');
  });

  it('groups large numbers the way each language does', () => {
    expect(formatCompletionTime(time(1500, 'minutes'), 'id')).toBe('1.500 menit');
    expect(formatCompletionTime(time(1500, 'minutes'), 'en')).toBe('1,500 minutes');
  });
});

describe('formatNumber, formatMegabytes and pluralForm (issue 18, point 7: Intl)', () => {
  it('writes decimals with a comma and groups with dots in Indonesian, the other way in English', () => {
    expect(formatNumber(0.2, 'id', 1)).toBe('0,2');
    expect(formatNumber(0.2, 'en', 1)).toBe('0.2');
    expect(formatNumber(1234.56, 'id', 1)).toBe('1.234,6');
    expect(formatNumber(1234.56, 'en', 1)).toBe('1,234.6');
    expect(formatNumber(1500, 'id')).toBe('1.500');
    expect(formatNumber(3, 'en', 1)).toBe('3.0');
  });

  it('writes sizes in megabytes with one decimal, never "10240.0 MB"', () => {
    expect(formatMegabytes(10240 * 1024 * 1024, 'id')).toBe('10.240,0 MB');
    expect(formatMegabytes(10240 * 1024 * 1024, 'en')).toBe('10,240.0 MB');
    expect(formatMegabytes(1.5 * 1024 * 1024, 'id')).toBe('1,5 MB');
  });

  it('picks the English plural form and none in Indonesian', () => {
    expect(pluralForm(1, 'en')).toBe('one');
    expect(pluralForm(0, 'en')).toBe('other');
    expect(pluralForm(2, 'en')).toBe('other');
    expect(pluralForm(1, 'id')).toBe('other');
  });
});

describe('formatDateAnswer', () => {
  it('writes a date answer in words and leaves anything else as typed', () => {
    expect(formatDateAnswer('2026-11-20', 'id')).toBe('20 November 2026');
    expect(formatDateAnswer('2026-11-20', 'en')).toBe('20 November 2026');
    expect(formatDateAnswer('2026-08-05', 'id')).toBe('5 Agustus 2026');
    expect(formatDateAnswer('besok', 'id')).toBe('besok');
  });
});

describe('numbers and plurals without making Intl formatters', () => {
  // The shortcuts (whole numbers below a thousand, Indonesian's one plural form) and the cached
  // formatters must write exactly what a fresh Intl formatter writes.
  const locales = { id: 'id-ID', en: 'en-GB' } as const;
  const values = [0, 1, 2, 7, 14, 99, 999, 1000, 1234, 10_240, 0.5, 1.5, 2.25, 1234.5678, -1, -1000];

  it('writes numbers as Intl does, in both languages', () => {
    for (const lang of ['id', 'en'] as const) {
      for (const n of [...values, ...Array.from({ length: 1000 }, (_, i) => i)]) {
        for (const digits of [0, 1]) {
          const intl = new Intl.NumberFormat(locales[lang], {
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
          }).format(n);
          expect(formatNumber(n, lang, digits), `${lang} ${n} ${digits}`).toBe(intl);
        }
        expect(formatCount(n, lang), `${lang} ${n}`).toBe(new Intl.NumberFormat(locales[lang]).format(n));
      }
    }
  });

  it('writes dates as Intl does, in both languages, every day of a leap year and a few far years', () => {
    const days = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2028, 0, 1 + i)).toISOString().slice(0, 10));
    for (const lang of ['id', 'en'] as const) {
      const intl = new Intl.DateTimeFormat(locales[lang], {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
      for (const day of [...days, '1999-12-31', '2100-02-28', '2026-11-22'])
        expect(formatDate(day, lang), `${lang} ${day}`).toBe(intl.format(new Date(`${day}T00:00:00Z`)));
    }
  });

  it('chooses the plural form Intl chooses, in both languages', () => {
    for (const lang of ['id', 'en'] as const)
      for (const n of [...values, ...Array.from({ length: 200 }, (_, i) => i)])
        expect(pluralForm(n, lang), `${lang} ${n}`).toBe(new Intl.PluralRules(locales[lang]).select(n));
  });
});

/** The kinds of Intl formatter `run` constructs, in order. */
function intlMadeBy(run: () => void): string[] {
  const made: string[] = [];
  const kinds = ['NumberFormat', 'DateTimeFormat', 'PluralRules', 'RelativeTimeFormat'] as const;
  const originals = kinds.map((k) => Intl[k]);
  kinds.forEach((k, i) => {
    const Original = originals[i] as unknown as new (...args: unknown[]) => object;
    (Intl as unknown as Record<string, unknown>)[k] = class extends Original {
      constructor(...args: unknown[]) {
        super(...args);
        made.push(k);
      }
    };
  });
  try {
    run();
  } finally {
    kinds.forEach((k, i) => {
      (Intl as unknown as Record<string, unknown>)[k] = originals[i];
    });
  }
  return made;
}

describe('formatDateTimeShort', () => {
  it('writes an instant short, to the minute in WIB, for a table cell', () => {
    expect(formatDateTimeShort('2026-12-08T02:05:00Z', 'id')).toBe('8 Des 2026, 09.05 WIB');
    expect(formatDateTimeShort('2026-12-08T02:05:00Z', 'en')).toBe('8 Dec 2026, 09:05 WIB');
    // Past midnight in WIB, still the evening before in UTC.
    expect(formatDateTimeShort('2026-12-07T17:30:00Z', 'id')).toBe('8 Des 2026, 00.30 WIB');
    expect(() => formatDateTimeShort('kemarin', 'id')).toThrow(RangeError);
  });

  it('makes one formatter per language for a whole queue, not one per cell', async () => {
    vi.resetModules();
    const format = await import('../../src/domain/format.ts');
    const made = intlMadeBy(() => {
      for (const lang of ['id', 'en'] as const)
        for (let row = 0; row < 50; row++) format.formatDateTimeShort(new Date(Date.UTC(2026, 11, 1, row)), lang);
    });
    expect(made).toEqual(['DateTimeFormat', 'DateTimeFormat']);
  });
});

describe('formatterWarmers', () => {
  it('leave nothing for a screen to make: after them, formatting constructs no Intl formatter', async () => {
    vi.resetModules();
    const format = await import('../../src/domain/format.ts');
    for (const lang of ['id', 'en'] as const) for (const warm of format.formatterWarmers(lang)) warm();
    const made = intlMadeBy(() => {
      for (const lang of ['id', 'en'] as const) {
        format.formatDate('2026-11-22', lang);
        format.formatDateTime('2026-11-22T03:00:00Z', lang);
        format.formatNumber(10_240, lang);
        format.formatCount(1234, lang);
        format.pluralForm(2, lang);
        format.formatCompletionTime({ value: 14, unit: 'working-days' }, lang);
        format.relativeTimeFormat(lang).format(-3, 'day');
      }
      format.formatRupiah(150_000);
    });
    expect(made).toEqual([]);
  });
});
