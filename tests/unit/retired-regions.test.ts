// The retired region codes a NIK or KK may still carry: each maps to a regency of today's list with
// the same name, and none is itself in today's list (else it would not be retired).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkKk } from '../../src/domain/identity/kk.ts';
import { checkNik } from '../../src/domain/identity/nik.ts';
import { RETIRED_REGENCIES, retiredRegion } from '../../src/domain/identity/retired-regions.ts';

const rows = (file: string) =>
  readFileSync(new URL(`../../node_modules/idn-area-data/data/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(','));
const regencies = new Map(rows('regencies.csv').map(([code, , name]) => [code!.replace('.', ''), name!]));
const districts = new Set(rows('districts.csv').map(([code]) => code!.replaceAll('.', '')));
const ctx = { today: new Date('2026-11-22T08:00:00Z'), districtExists: (c: string) => districts.has(c) };

describe('retired region codes', () => {
  it('map to today’s regency of the same name, and are not in today’s list themselves', () => {
    expect(Object.keys(RETIRED_REGENCIES).length).toBeGreaterThanOrEqual(30);
    for (const [old, { today, name }] of Object.entries(RETIRED_REGENCIES)) {
      expect(regencies.get(today), `${old} → ${today}`).toBe(name);
      expect(regencies.has(old), old).toBe(false);
    }
  });

  it('carry the district over: Merauke 91.01.01 is 93.01.01, Tarakan Barat 64.73.01 is 65.71.01', () => {
    expect(retiredRegion('910101')).toEqual({
      code: '91.01.01',
      today: '93.01.01',
      name: 'Kabupaten Merauke',
      since: 2022,
    });
    expect(retiredRegion('647301')?.today).toBe('65.71.01');
    for (const code of ['910101', '647301', '920101'])
      expect(districts.has(retiredRegion(code)!.today.replaceAll('.', ''))).toBe(true);
    expect(retiredRegion('352901')).toBeNull();
  });

  it('are accepted in a NIK and a KK, with today’s code beside them', () => {
    expect(checkNik('9101014507900003', ctx)).toMatchObject({ ok: true, retired: { today: '93.01.01' } });
    expect(checkKk('6473012201150004', ctx)).toMatchObject({ ok: true, retired: { name: 'Kota Tarakan' } });
    expect(checkNik('9999014507900003', ctx)).toEqual({ ok: false, error: 'nik.region' });
  });
});
