// Region codes that no longer exist but still begin the NIK and KK numbers of living people: a NIK
// lasts for life and keeps the code of where its holder was first registered, while regencies move
// to new provinces and get new codes. Each entry maps a retired regency code to today's (the district
// digits carry over). Sources: UU 14, 15 and 16/2022 (Papua Selatan, Papua Tengah, Papua
// Pegunungan, codes of Kepmendagri 100.1.1-6117/2022), UU 29/2022 (Papua Barat Daya) and
// UU 20/2012 (Kalimantan Utara). tests/unit/retired-regions.test.ts checks every target against
// idn-area-data by name.

/** Retired regency code (4 digits) → today's regency code (4 digits). */
export const RETIRED_REGENCIES: Readonly<Record<string, { today: string; name: string; since: number }>> = {
  // Papua → Papua Selatan (93), 2022
  '9101': { today: '9301', name: 'Kabupaten Merauke', since: 2022 },
  '9116': { today: '9302', name: 'Kabupaten Boven Digoel', since: 2022 },
  '9117': { today: '9303', name: 'Kabupaten Mappi', since: 2022 },
  '9118': { today: '9304', name: 'Kabupaten Asmat', since: 2022 },
  // Papua → Papua Tengah (94), 2022
  '9104': { today: '9401', name: 'Kabupaten Nabire', since: 2022 },
  '9107': { today: '9402', name: 'Kabupaten Puncak Jaya', since: 2022 },
  '9108': { today: '9403', name: 'Kabupaten Paniai', since: 2022 },
  '9109': { today: '9404', name: 'Kabupaten Mimika', since: 2022 },
  '9125': { today: '9405', name: 'Kabupaten Puncak', since: 2022 },
  '9126': { today: '9406', name: 'Kabupaten Dogiyai', since: 2022 },
  '9127': { today: '9407', name: 'Kabupaten Intan Jaya', since: 2022 },
  '9128': { today: '9408', name: 'Kabupaten Deiyai', since: 2022 },
  // Papua → Papua Pegunungan (95), 2022
  '9102': { today: '9501', name: 'Kabupaten Jayawijaya', since: 2022 },
  '9112': { today: '9502', name: 'Kabupaten Pegunungan Bintang', since: 2022 },
  '9113': { today: '9503', name: 'Kabupaten Yahukimo', since: 2022 },
  '9114': { today: '9504', name: 'Kabupaten Tolikara', since: 2022 },
  '9121': { today: '9505', name: 'Kabupaten Mamberamo Tengah', since: 2022 },
  '9122': { today: '9506', name: 'Kabupaten Yalimo', since: 2022 },
  '9123': { today: '9507', name: 'Kabupaten Lanny Jaya', since: 2022 },
  '9124': { today: '9508', name: 'Kabupaten Nduga', since: 2022 },
  // Papua Barat → Papua Barat Daya (96), 2022
  '9201': { today: '9601', name: 'Kabupaten Sorong', since: 2022 },
  '9204': { today: '9602', name: 'Kabupaten Sorong Selatan', since: 2022 },
  '9205': { today: '9603', name: 'Kabupaten Raja Ampat', since: 2022 },
  '9209': { today: '9604', name: 'Kabupaten Tambrauw', since: 2022 },
  '9210': { today: '9605', name: 'Kabupaten Maybrat', since: 2022 },
  '9271': { today: '9671', name: 'Kota Sorong', since: 2022 },
  // Kalimantan Timur → Kalimantan Utara (65), 2012
  '6404': { today: '6501', name: 'Kabupaten Bulungan', since: 2012 },
  '6405': { today: '6502', name: 'Kabupaten Malinau', since: 2012 },
  '6406': { today: '6503', name: 'Kabupaten Nunukan', since: 2012 },
  '6410': { today: '6504', name: 'Kabupaten Tana Tidung', since: 2012 },
  '6473': { today: '6571', name: 'Kota Tarakan', since: 2012 },
};

export type RetiredRegion = {
  /** The code as the number carries it, dotted ("91.01.01"). */
  code: string;
  /** The same district under today's code, dotted ("93.01.01"). */
  today: string;
  name: string;
  since: number;
};

const dotted = (code6: string) => `${code6.slice(0, 2)}.${code6.slice(2, 4)}.${code6.slice(4, 6)}`;

/** The district a retired code became, when its regency is in the list (6 digits, no dots). */
export function retiredRegion(code6: string): RetiredRegion | null {
  if (!/^\d{6}$/.test(code6)) return null;
  const regency = RETIRED_REGENCIES[code6.slice(0, 4)];
  if (!regency) return null;
  return {
    code: dotted(code6),
    today: dotted(`${regency.today}${code6.slice(4)}`),
    name: regency.name,
    since: regency.since,
  };
}
