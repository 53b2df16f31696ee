// The search as residents use it: thirty queries typed the way people type them (stems, synonyms,
// abbreviations, filler words, English), over the seed catalogue, each finding the service meant
// among the first three results.
import { describe, expect, it } from 'vitest';
import { filterServices } from '../../src/domain/catalogue/search.ts';
import { SEED_OFFICES } from '../../src/server/catalogue/seed/offices.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';

const QUERIES: Array<[query: string, expected: string]> = [
  ['kelahiran anak', 'akta-kelahiran'],
  ['lahir', 'akta-kelahiran'],
  ['akte lahir bayi', 'akta-kelahiran'],
  ['bayi baru lahir', 'akta-kelahiran'],
  ['cara bikin akta kelahiran', 'akta-kelahiran'],
  ['ktp', 'ktp-el-baru'],
  ['e-KTP', 'ktp-el-baru'],
  ['rekam ktp', 'ktp-el-baru'],
  ['perekaman e ktp pertama', 'ktp-el-baru'],
  ['ktp hilang', 'ktp-el-hilang-rusak'],
  ['KTP-el rusak', 'ktp-el-hilang-rusak'],
  ['kehilangan ktp', 'ktp-el-hilang-rusak'],
  ['kartu keluarga', 'kartu-keluarga'],
  ['tambah anak di kk', 'kartu-keluarga'],
  ['pecah kk', 'kartu-keluarga'],
  ['pindah', 'pindah-datang'],
  ['pindahan rumah', 'pindah-datang'],
  ['surat pindah domisili', 'pindah-datang'],
  ['orang meninggal', 'akta-kematian'],
  ['akte kematian bapak', 'akta-kematian'],
  ['ktp anak', 'kia'],
  ['kartu identitas anak', 'kia'],
  ['surat domisili', 'surat-keterangan-domisili'],
  ['surat keterangan miskin', 'sktm'],
  ['keringanan biaya sekolah', 'sktm'],
  ['pengantar skck', 'surat-pengantar'],
  ['antri berobat', 'pendaftaran-puskesmas'],
  ['periksa ke dokter', 'pendaftaran-puskesmas'],
  ['surat sehat untuk kerja', 'surat-keterangan-sehat'],
  ['birth certificate', 'akta-kelahiran'],
  ['lost id card', 'ktp-el-hilang-rusak'],
  ['moving house', 'pindah-datang'],
];

const firstThree = (query: string) =>
  filterServices(SEED_SERVICES, { query }, SEED_OFFICES)
    .slice(0, 3)
    .map((s) => s.id);

describe('catalogue search over the seed catalogue: what residents type', () => {
  it('has at least thirty queries, each naming a seed service', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(30);
    const ids = new Set(SEED_SERVICES.map((s) => s.id));
    for (const [, expected] of QUERIES) expect(ids.has(expected), expected).toBe(true);
  });

  it.each(QUERIES)('"%s" finds %s among the first three results', (query, expected) => {
    expect(firstThree(query)).toContain(expected);
  });
});
