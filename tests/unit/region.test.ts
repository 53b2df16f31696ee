// The region dataset shipped to devices, checked against the facts of Kabupaten Sumenep
// recorded in domain.md ("Region"), and the parsing of idn-area-data's island coordinates.
import { describe, expect, it } from 'vitest';
import { parseDms } from '../../src/server/region/coordinates.ts';
import { loadRegionDataset } from '../../src/server/region/dataset.ts';

const UPDATED_AT = '2026-11-22T08:00:00+07:00';

describe('region dataset of Kabupaten Sumenep (35.29)', () => {
  it('has the regency, its province and the documented counts', async () => {
    const ds = await loadRegionDataset('35.29', UPDATED_AT);
    expect(ds).toMatchObject({ id: '35.29', name: 'Kabupaten Sumenep', province: { code: '35', name: 'Jawa Timur' } });
    expect(ds.updatedAt).toBe(UPDATED_AT);
    expect(ds.districts).toHaveLength(27);
    expect(ds.villages).toHaveLength(334);
    expect(ds.islands).toHaveLength(119);
    expect(ds.islands.filter((i) => i[4] === 1)).toHaveLength(38);
  });

  it("names the island districts, with the apostrophe of Ra'as restored", async () => {
    const ds = await loadRegionDataset('35.29', UPDATED_AT);
    const names = ds.districts.map(([, name]) => name);
    expect(names).toEqual(expect.arrayContaining(['Masalembu', 'Sapeken', 'Kangayan', "Ra'as"]));
    expect(ds.districts).toContainEqual(['35.29.22', "Ra'as"]);
    const all = [...ds.districts, ...ds.villages, ...ds.islands].map((e) => e[1]);
    expect(all.filter((n) => n.includes('"'))).toEqual([]);
  });

  it('keeps every village inside one of the districts, and every list sorted by code', async () => {
    const ds = await loadRegionDataset('35.29', UPDATED_AT);
    const districtCodes = new Set(ds.districts.map(([code]) => code));
    expect(ds.villages.filter(([code]) => !districtCodes.has(code.slice(0, 8)))).toEqual([]);
    for (const list of [ds.districts, ds.villages, ds.islands]) {
      const codes = list.map((e) => e[0]);
      expect(codes).toEqual([...codes].sort());
    }
  });

  it('places every island inside Indonesia', async () => {
    const ds = await loadRegionDataset('35.29', UPDATED_AT);
    const outside = ds.islands.filter(([, , lat, lon]) => !(lat >= -12 && lat <= 7 && lon >= 94 && lon <= 142));
    expect(outside).toEqual([]);
    expect(ds.islands).toContainEqual(['35.29.40001', 'Pulau Air Batu', -7.01907, 115.54593, 0, 0]);
  });

  it('fits the size budget for devices (24 KB of raw JSON)', async () => {
    const ds = await loadRegionDataset('35.29', UPDATED_AT);
    expect(Buffer.byteLength(JSON.stringify(ds), 'utf8')).toBeLessThanOrEqual(24 * 1024);
  });

  it('hands out copies: changing one result does not change the next', async () => {
    const first = await loadRegionDataset('35.29', UPDATED_AT);
    first.districts.length = 0;
    expect((await loadRegionDataset('35.29', UPDATED_AT)).districts).toHaveLength(27);
  });

  it('rejects an unknown regency code, naming it', async () => {
    await expect(loadRegionDataset('99.99', UPDATED_AT)).rejects.toThrow(/99\.99/);
  });
});

describe('parseDms', () => {
  it('reads the idn-area-data form (S, E)', () => {
    expect(parseDms(`07°01'08.65" S 115°32'45.36" E`)).toEqual({ lat: -7.01907, lon: 115.54593 });
  });

  it('signs the hemispheres: N and E positive, S and W negative', () => {
    expect(parseDms(`03°19'03.44" N 097°07'41.73" E`)).toEqual({ lat: 3.31762, lon: 97.12826 });
    expect(parseDms(`07°01'08.65" S 115°32'45.36" W`)).toEqual({ lat: -7.01907, lon: -115.54593 });
    expect(parseDms(`00°00'00.00" S 000°00'00.00" W`)).toEqual({ lat: 0, lon: 0 });
  });

  it('accepts small variations in spacing and marks', () => {
    const expected = { lat: -7.01907, lon: 115.54593 };
    expect(parseDms(` 7° 1' 8.65"S, 115°32'45.36''E `)).toEqual(expected);
    expect(parseDms(`07º01′08,65″ s 115º32′45,36″ e`)).toEqual(expected);
    expect(parseDms(`07°01'09" S 115°32'45" E`)).toEqual({ lat: -7.01917, lon: 115.54583 });
  });

  it('throws a clear error on malformed input', () => {
    for (const bad of [
      '',
      '-7.01907, 115.54593',
      `07°01'08.65" S`,
      `115°32'45.36" E 07°01'08.65" S`,
      `07°61'08.65" S 115°32'45.36" E`,
      `07°01'68.65" S 115°32'45.36" E`,
      `91°00'00.00" N 115°32'45.36" E`,
      `07°01'08.65" S 181°00'00.00" E`,
      `07°01'08.65" X 115°32'45.36" E`,
    ]) {
      expect(() => parseDms(bad), bad).toThrow(/coordinate/i);
    }
  });
});
