// The region dataset shipped to devices: one regency's districts, villages and islands from
// idn-area-data, read once per process and cut per regency on request.
import { getDistricts, getIslands, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import { RegionDataset } from '../../domain/region.ts';
import { parseDms } from './coordinates.ts';

type Entry = [code: string, name: string];
type Island = RegionDataset['islands'][number];

interface RawIsland {
  code: string;
  name: string;
  coordinate: string;
  populated: string;
  outermostSmall: string;
}

interface Regency {
  name: string;
  provinceCode: string;
  districts: Entry[];
  villages: Entry[];
  islands: RawIsland[];
}

interface AreaIndex {
  provinces: Map<string, string>;
  regencies: Map<string, Regency>;
}

let cached: Promise<AreaIndex> | undefined;

/**
 * The dataset of regency `regencyCode` (e.g. "35.29"), stamped `updatedAt`. Rejects for a regency
 * idn-area-data does not know, and for an island row whose coordinate or flags do not parse.
 */
export async function loadRegionDataset(regencyCode: string, updatedAt: string): Promise<RegionDataset> {
  const { provinces, regencies } = await areaIndex();
  const regency = regencies.get(regencyCode);
  if (!regency) throw new Error(`Unknown regency code "${regencyCode}" (not in idn-area-data)`);
  const provinceName = provinces.get(regency.provinceCode);
  if (provinceName === undefined) {
    throw new Error(`Regency "${regencyCode}" names unknown province "${regency.provinceCode}"`);
  }
  // Coordinates are parsed here rather than when indexing so that a bad row elsewhere in the country
  // cannot stop a deployment that does not ship it.
  const islands = regency.islands.map((island): Island => {
    try {
      const { lat, lon } = parseDms(island.coordinate);
      return [island.code, island.name, lat, lon, flag(island.populated), flag(island.outermostSmall)];
    } catch (err) {
      throw new Error(`Island ${island.code} (${island.name}): ${(err as Error).message}`, { cause: err });
    }
  });
  // Parsing copies every array, so callers cannot alter the per-process index.
  return RegionDataset.parse({
    id: regencyCode,
    name: regency.name,
    province: { code: regency.provinceCode, name: provinceName },
    districts: regency.districts,
    villages: regency.villages,
    islands,
    updatedAt,
  });
}

function areaIndex(): Promise<AreaIndex> {
  if (!cached) {
    const building = buildIndex();
    cached = building;
    // A failed read is not cached: the next call tries again instead of failing forever.
    building.catch(() => {
      if (cached === building) cached = undefined;
    });
  }
  return cached;
}

async function buildIndex(): Promise<AreaIndex> {
  const [provinceRows, regencyRows, districtRows, villageRows, islandRows] = await Promise.all([
    getProvinces(),
    getRegencies(),
    getDistricts(),
    getVillages(),
    getIslands(),
  ]);
  const provinces = new Map(provinceRows.map((p) => [p.code, cleanName(p.name)]));
  const regencies = new Map<string, Regency>();
  for (const r of regencyRows) {
    regencies.set(r.code, {
      name: cleanName(r.name),
      provinceCode: r.province_code,
      districts: [],
      villages: [],
      islands: [],
    });
  }
  const regencyOfDistrict = new Map<string, Regency>();
  for (const d of districtRows) {
    const regency = regencies.get(d.regency_code);
    if (!regency) continue;
    regency.districts.push([d.code, cleanName(d.name)]);
    regencyOfDistrict.set(d.code, regency);
  }
  for (const v of villageRows) regencyOfDistrict.get(v.district_code)?.villages.push([v.code, cleanName(v.name)]);
  // Islands shared by several regencies (e.g. Pulau Madura, 35.00.40001) have an empty regency_code
  // and belong to no regency's dataset.
  for (const i of islandRows) {
    regencies.get(i.regency_code)?.islands.push({
      code: i.code,
      name: cleanName(i.name),
      coordinate: i.coordinate,
      populated: i.is_populated,
      outermostSmall: i.is_outermost_small,
    });
  }
  // Codes have a fixed width per level, so comparing them as strings orders them numerically.
  for (const r of regencies.values()) {
    r.districts.sort(byCode);
    r.villages.sort(byCode);
    r.islands.sort((a, b) => compare(a.code, b.code));
  }
  return { provinces, regencies };
}

/** idn-area-data turned apostrophes in some names into double quotes (`Ra"as`); restore them. */
function cleanName(name: string): string {
  return name.replaceAll('"', "'").trim();
}

function flag(value: string): 0 | 1 {
  if (value === '1') return 1;
  if (value === '0') return 0;
  throw new Error(`flag "${value}" is neither 0 nor 1`);
}

function byCode(a: Entry, b: Entry): number {
  return compare(a[0], b[0]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
