// The national district-code list for devices: the build plugin's compact string and the lookup
// over it (NIK/KK region digits name the district where a person was first registered).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compactDistrictCodes,
  DISTRICT_CODES_MODULE,
  DISTRICTS_CSV,
  districtCodesPlugin,
} from '../../src/app/build/district-codes-plugin.ts';
import { districtRuns, districtSetFromCompact, expandDistrictRuns } from '../../src/domain/identity/district-set.ts';

const compact = compactDistrictCodes(readFileSync(DISTRICTS_CSV, 'utf8'));
const codes = compact.match(/.{6}/g) ?? [];

describe('compactDistrictCodes', () => {
  it('holds every district of idn-area-data as 6 digits, sorted, without separators', () => {
    expect(compact.length % 6).toBe(0);
    expect(codes.length).toBeGreaterThanOrEqual(7200);
    expect(codes.length).toBeLessThan(7300);
    expect(compact).toMatch(/^\d+$/);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toContain('352901');
  });

  it('refuses a file whose format changed', () => {
    expect(() => compactDistrictCodes('code,regency_code,name\n35.29.1,35.29,X\n')).toThrow(/line 2/);
    expect(() => compactDistrictCodes('kode,nama\n')).toThrow(/header/);
  });
});

describe('districtCodesPlugin', () => {
  it('serves virtual:district-codes as runs per regency that expand to every code', async () => {
    const plugin = districtCodesPlugin();
    const resolveId = plugin.resolveId as unknown as (id: string) => string | null;
    const load = plugin.load as unknown as (this: { addWatchFile(file: string): void }, id: string) => string | null;
    const id = resolveId(DISTRICT_CODES_MODULE);
    expect(id).toBe(`\0${DISTRICT_CODES_MODULE}`);
    expect(resolveId('./other.ts')).toBeNull();
    const watched: string[] = [];
    const code = load.call({ addWatchFile: (f) => watched.push(f) }, id!);
    expect(watched).toEqual([DISTRICTS_CSV]);
    const mod = (await import(`data:text/javascript,${encodeURIComponent(code!)}`)) as { DISTRICT_RUNS: string };
    expect(mod.DISTRICT_RUNS).toMatch(/^1101:1-\d+(,[\d-]+)*;/);
    expect(expandDistrictRuns(mod.DISTRICT_RUNS)).toBe(compact);
    // What the runs are for: a device downloads a tenth of the fixed-width list.
    expect(mod.DISTRICT_RUNS.length).toBeLessThan(compact.length / 5);
  });
});

describe('district runs', () => {
  it('round-trip gaps, single districts and districts numbered above 9', () => {
    const list = ['110101', '110102', '110103', '110105', '110110', '110111', '352901', '352999'].join('');
    expect(districtRuns(list)).toBe('1101:1-3,5,10-11;3529:1,99');
    expect(expandDistrictRuns(districtRuns(list))).toBe(list);
    expect(expandDistrictRuns('')).toBe('');
  });

  it('refuse malformed or unsorted runs rather than answer wrongly', () => {
    for (const bad of [
      '1101',
      '1101:',
      '110:1',
      '1101:0',
      '1101:3-1',
      '1101:1;1101:1',
      '3529:1;1101:1',
      '1101:a',
      '1101:1:2',
    ])
      expect(() => expandDistrictRuns(bad), bad).toThrow(RangeError);
  });
});

describe('districtSetFromCompact', () => {
  const exists = districtSetFromCompact(compact);

  it('finds existing districts, the first and the last', () => {
    expect(exists('352901')).toBe(true);
    expect(exists('110101')).toBe(true);
    expect(exists(codes[0]!)).toBe(true);
    expect(exists(codes.at(-1)!)).toBe(true);
    expect(codes.every(exists)).toBe(true);
  });

  it('rejects unknown codes and anything that is not 6 digits', () => {
    expect(exists('352999')).toBe(false);
    expect(exists('000000')).toBe(false);
    expect(exists('999999')).toBe(false);
    expect(exists('35290')).toBe(false);
    expect(exists('3529011')).toBe(false);
    expect(exists('35.29.01')).toBe(false);
    expect(exists('')).toBe(false);
    expect(exists('3529o1')).toBe(false);
  });

  it('works on an empty list and refuses a malformed one', () => {
    expect(districtSetFromCompact('')('352901')).toBe(false);
    expect(() => districtSetFromCompact('12345')).toThrow(RangeError);
  });
});
