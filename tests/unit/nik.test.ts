// NIK and Nomor KK checks (domain.md "Identity numbers"), against the real national list of
// district codes from idn-area-data: region digits may name any district of Indonesia.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkKk } from '../../src/domain/identity/kk.ts';
import { checkNik, maskIdNumber, normalizeIdNumber } from '../../src/domain/identity/nik.ts';

const csv = readFileSync(new URL('../../node_modules/idn-area-data/data/districts.csv', import.meta.url), 'utf8');
const DISTRICTS = new Set(
  csv
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(',')[0]!.replaceAll('.', '')),
);
const districtExists = (code6: string) => DISTRICTS.has(code6);

/** 22 November 2026, 15:00 WIB. */
const TODAY = new Date('2026-11-22T08:00:00Z');
const ctx = { districtExists, today: TODAY };

describe('checkNik', () => {
  it("reads a man's NIK: district, date of birth and sex", () => {
    expect(checkNik('3529011208850003', ctx)).toEqual({
      ok: true,
      birthDate: '1985-08-12',
      sex: 'male',
      districtCode: '35.29.01',
    });
  });

  it("reads a woman's NIK, whose day of birth has 40 added", () => {
    expect(checkNik('3529015208850003', ctx)).toEqual({
      ok: true,
      birthDate: '1985-08-12',
      sex: 'female',
      districtCode: '35.29.01',
    });
    expect(checkNik('3529014101990001', ctx)).toMatchObject({ ok: true, birthDate: '1999-01-01', sex: 'female' });
    expect(checkNik('3529017112990001', ctx)).toMatchObject({ ok: true, birthDate: '1999-12-31', sex: 'female' });
  });

  it('accepts a region code from anywhere in Indonesia (where the person was first registered)', () => {
    expect(checkNik('1101011208850003', ctx)).toMatchObject({ ok: true, districtCode: '11.01.01' });
  });

  it('accepts 29 February only in leap years', () => {
    expect(checkNik('3529012902040001', ctx)).toMatchObject({ ok: true, birthDate: '2004-02-29', sex: 'male' });
    expect(checkNik('3529016902040001', ctx)).toMatchObject({ ok: true, birthDate: '2004-02-29', sex: 'female' });
    expect(checkNik('3529012902000001', ctx)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(checkNik('3529012902010001', ctx)).toEqual({ ok: false, error: 'nik.birthDate' });
    expect(checkNik('3529012902970001', ctx)).toEqual({ ok: false, error: 'nik.birthDate' });
    // "00" read as 1900 (before 29 Feb 2000 had come): 1900 was not a leap year.
    expect(checkNik('3529012902000001', { districtExists, today: new Date('1999-06-01T00:00:00Z') })).toEqual({
      ok: false,
      error: 'nik.birthDate',
    });
  });

  it('resolves the century so that the birth date is not in the future', () => {
    expect(checkNik('3529010101260001', ctx)).toMatchObject({ birthDate: '2026-01-01' });
    expect(checkNik('3529012211260001', ctx)).toMatchObject({ birthDate: '2026-11-22' }); // today
    expect(checkNik('3529012311260001', ctx)).toMatchObject({ birthDate: '1926-11-23' }); // tomorrow → 1926
    expect(checkNik('3529010101990001', ctx)).toMatchObject({ birthDate: '1999-01-01' });
    expect(checkNik('3529010101000001', ctx)).toMatchObject({ birthDate: '2000-01-01' });
  });

  it('judges "today" in WIB: half past midnight WIB is already the next day', () => {
    const justAfterMidnightWib = new Date('2026-11-21T17:30:00Z'); // 22 Nov 00:30 WIB
    const justBeforeMidnightWib = new Date('2026-11-21T16:59:59Z'); // 21 Nov 23:59:59 WIB
    expect(checkNik('3529012211260001', { districtExists, today: justAfterMidnightWib })).toMatchObject({
      birthDate: '2026-11-22',
    });
    expect(checkNik('3529012211260001', { districtExists, today: justBeforeMidnightWib })).toMatchObject({
      birthDate: '1926-11-22',
    });
  });

  it('reports each error code', () => {
    expect(checkNik('3529a11208850003', ctx)).toEqual({ ok: false, error: 'nik.digits' });
    expect(checkNik('12a', ctx)).toEqual({ ok: false, error: 'nik.digits' }); // digits before length
    expect(checkNik('3529-0112-0885-0003', ctx)).toEqual({ ok: false, error: 'nik.digits' });
    expect(checkNik('352901120885000', ctx)).toEqual({ ok: false, error: 'nik.length' });
    expect(checkNik('35290112088500031', ctx)).toEqual({ ok: false, error: 'nik.length' });
    expect(checkNik('', ctx)).toEqual({ ok: false, error: 'nik.length' });
    expect(checkNik('9999991208850003', ctx)).toEqual({ ok: false, error: 'nik.region' });
    expect(checkNik('3529991208850003', ctx)).toEqual({ ok: false, error: 'nik.region' });
    expect(checkNik('3529010008850003', ctx)).toEqual({ ok: false, error: 'nik.birthDate' }); // day 00
    expect(checkNik('3529013208850003', ctx)).toEqual({ ok: false, error: 'nik.birthDate' }); // day 32
    expect(checkNik('3529014008850003', ctx)).toEqual({ ok: false, error: 'nik.birthDate' }); // 40 = woman's day 0
    expect(checkNik('3529017208850003', ctx)).toEqual({ ok: false, error: 'nik.birthDate' }); // woman's day 32
    expect(checkNik('3529013104850003', ctx)).toEqual({ ok: false, error: 'nik.birthDate' }); // 31 April
    expect(checkNik('3529011200850003', ctx)).toEqual({ ok: false, error: 'nik.birthDate' }); // month 00
    expect(checkNik('3529011213850003', ctx)).toEqual({ ok: false, error: 'nik.birthDate' }); // month 13
    expect(checkNik('3529011208850000', ctx)).toEqual({ ok: false, error: 'nik.serial' });
  });

  it('checks in order: region before date before serial', () => {
    expect(checkNik('9999990000000000', ctx)).toEqual({ ok: false, error: 'nik.region' });
    expect(checkNik('3529010000000000', ctx)).toEqual({ ok: false, error: 'nik.birthDate' });
  });

  it('ignores the spaces and dots people type', () => {
    expect(normalizeIdNumber(' 3529 0112.0885 0003 ')).toBe('3529011208850003');
    expect(checkNik('3529 0112 0885 0003', ctx)).toMatchObject({ ok: true, birthDate: '1985-08-12' });
    expect(checkNik('35.29.01.120885.0003', ctx)).toMatchObject({ ok: true, districtCode: '35.29.01' });
    expect(checkNik('3529\t0112\u00a00885\n0003', ctx)).toMatchObject({ ok: true });
  });
});

describe('checkKk', () => {
  it('checks digits, length and region only', () => {
    expect(checkKk('3529012201150004', ctx)).toEqual({ ok: true, districtCode: '35.29.01' });
    expect(checkKk('3529 0122 0115 0000', ctx)).toEqual({ ok: true, districtCode: '35.29.01' }); // no serial rule
    expect(checkKk('35290122O1150004', ctx)).toEqual({ ok: false, error: 'kk.digits' });
    expect(checkKk('35290122', ctx)).toEqual({ ok: false, error: 'kk.length' });
    expect(checkKk('9999992201150004', ctx)).toEqual({ ok: false, error: 'kk.region' });
  });
});

describe('maskIdNumber', () => {
  it('shows the first and last four digits', () => {
    expect(maskIdNumber('3529011208850003')).toBe('3529••••••••0003');
    expect(maskIdNumber('3529 0112 0885 0003')).toBe('3529••••••••0003');
  });

  it('hides a number too short to keep eight digits visible', () => {
    expect(maskIdNumber('35290112')).toBe('••••••••');
    expect(maskIdNumber('')).toBe('');
  });
});
