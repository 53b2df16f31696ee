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
import { districtSetFromCompact } from '../../src/domain/identity/district-set.ts';

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
  it('serves virtual:district-codes as a module exporting the compact string', async () => {
    const plugin = districtCodesPlugin();
    const resolveId = plugin.resolveId as unknown as (id: string) => string | null;
    const load = plugin.load as unknown as (this: { addWatchFile(file: string): void }, id: string) => string | null;
    const id = resolveId(DISTRICT_CODES_MODULE);
    expect(id).toBe(`\0${DISTRICT_CODES_MODULE}`);
    expect(resolveId('./other.ts')).toBeNull();
    const watched: string[] = [];
    const code = load.call({ addWatchFile: (f) => watched.push(f) }, id!);
    expect(watched).toEqual([DISTRICTS_CSV]);
    const mod = (await import(`data:text/javascript,${encodeURIComponent(code!)}`)) as { DISTRICT_CODES: string };
    expect(mod.DISTRICT_CODES).toBe(compact);
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
