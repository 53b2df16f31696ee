// Catalogue search and filters: accents, case, both languages, abbreviations, the word-start rule,
// and the office, island and channel filters alone and together.
import { describe, expect, it } from 'vitest';
import { Office } from '../../src/domain/catalogue/office.ts';
import {
  filterServices,
  matchesQuery,
  normalizeForSearch,
  serviceSearchText,
  wordRoots,
} from '../../src/domain/catalogue/search.ts';
import { type Channel, Service } from '../../src/domain/catalogue/service.ts';

const UPDATED_AT = '2026-11-01T08:00:00+07:00';
const t = (id: string, en = id) => ({ id, en });

// Island codes in the shape of idn-area-data; the numbers are fixture values.
const RAAS = '35.29.40012';
const SAPEKEN = '35.29.40088';

function office(id: string, type: Office['type'], island?: { code: string; name: string }): Office {
  return Office.parse({
    id,
    type,
    name: t(id),
    regencyCode: '35.29',
    districtCode: '35.29.22',
    ...(island ? { island } : {}),
    address: 'Jl. Pelabuhan 1',
    hours: [{ day: 1, open: '08:00', close: '15:00' }],
    contacts: { phone: '+62328662018' },
    hasKiosk: type === 'kantor-desa',
    updatedAt: UPDATED_AT,
  });
}

const OFFICES = [
  office('disdukcapil-sumenep', 'disdukcapil'),
  office('kecamatan-raas', 'kecamatan', { code: RAAS, name: "Ra'as" }),
  office('desa-brakas', 'kantor-desa', { code: RAAS, name: "Ra'as" }),
  office('puskesmas-sapeken', 'puskesmas', { code: SAPEKEN, name: 'Sapeken' }),
];

interface ServiceFixture {
  id: string;
  name: [string, string];
  summary: [string, string];
  product: [string, string];
  keywords: string[];
  channels: Channel[];
  officeIds: string[];
}

function service(f: ServiceFixture): Service {
  return Service.parse({
    id: f.id,
    name: t(...f.name),
    summary: t(...f.summary),
    category: 'civil-registration',
    keywords: f.keywords,
    requirements: [{ id: 'kk', name: t('Kartu Keluarga', 'Family card'), form: 'copy', count: 1 }],
    procedure: [{ text: t('Isi formulir', 'Fill in the form'), actor: 'resident', inPerson: false }],
    completionTime: { value: 1, unit: 'working-days' },
    cost: { amount: 0, legalBasis: t('UU 24/2013 pasal 79A', 'Law 24/2013 art. 79A') },
    product: t(...f.product),
    complaintChannels: [{ kind: 'phone', value: '+62328662018', label: t('Telepon', 'Phone') }],
    channels: f.channels,
    officeIds: f.officeIds,
    form: { version: 1, fields: [{ key: 'nama', kind: 'text', label: t('Nama', 'Name'), required: true }] },
    internal: {
      legalBasis: [t('Perpres 96/2018')],
      facilities: t('Ruang pelayanan', 'Service room'),
      staffCompetence: t('Operator terlatih', 'Trained operator'),
      supervision: t('Kepala dinas', 'Head of agency'),
      staffCount: 3,
      guarantee: t('Sesuai standar', 'As per standard'),
      securityGuarantee: t('Data dilindungi', 'Data protected'),
      evaluation: t('Survei kepuasan', 'Satisfaction survey'),
    },
    updatedAt: UPDATED_AT,
  });
}

const AKTA = service({
  id: 'akta-kelahiran',
  name: ['Akta Kelahiran', 'Birth certificate'],
  summary: ['Pencatatan kelahiran anak', 'Registering the birth of a child'],
  product: ['Kutipan akta kelahiran (PDF ber-QR)', 'Birth certificate extract (PDF with QR code)'],
  keywords: ['akta lahir'],
  channels: ['online', 'kiosk', 'counter'],
  officeIds: ['disdukcapil-sumenep', 'desa-brakas'],
});
const KTP = service({
  id: 'ktp-el-baru',
  name: ['KTP-el Baru', 'New electronic identity card'],
  summary: ['Perekaman biometrik untuk usia 17 atau menikah', 'Biometric recording for age 17 or married'],
  product: ['Kartu KTP-el', 'KTP-el card'],
  keywords: ['KTP', 'e-KTP'],
  channels: ['counter', 'field'],
  officeIds: ['disdukcapil-sumenep', 'kecamatan-raas'],
});
const KK = service({
  id: 'kartu-keluarga',
  name: ['Kartu Keluarga', 'Family card'],
  summary: ['Penerbitan baru atau perubahan', 'New issue or change'],
  product: ['Kartu Keluarga (PDF)', 'Family card (PDF)'],
  keywords: ['KK'],
  channels: ['online', 'counter'],
  officeIds: ['disdukcapil-sumenep'],
});
const KIA = service({
  id: 'kia',
  name: ['Kartu Identitas Anak', 'Child identity card'],
  summary: ['Kartu identitas untuk anak di bawah 17', 'Identity card for children under 17'],
  product: ['Kartu KIA', 'KIA card'],
  keywords: ['KIA'],
  channels: ['online', 'kiosk'],
  officeIds: ['disdukcapil-sumenep', 'desa-brakas'],
});
const SKTM = service({
  id: 'sktm',
  name: ['Surat Keterangan Tidak Mampu', 'Certificate of low income'],
  summary: ['Untuk keringanan biaya sekolah atau berobat', 'For reduced school or medical fees'],
  product: ['Surat keterangan dari kepala desa', 'Letter signed by the village head'],
  keywords: ['SKTM', 'miskin'],
  channels: ['kiosk', 'counter'],
  officeIds: ['desa-brakas'],
});
const PUSKESMAS = service({
  id: 'pendaftaran-puskesmas',
  name: ['Pendaftaran Rawat Jalan', 'Outpatient registration'],
  summary: ['Daftar berobat sebelum datang', 'Register before the visit'],
  product: ['Nomor antrean', 'Queue number'],
  keywords: ['berobat', 'dokter'],
  channels: ['online', 'counter'],
  officeIds: ['puskesmas-sapeken'],
});

const SERVICES = [AKTA, KTP, KK, KIA, SKTM, PUSKESMAS];
const ids = (services: readonly Service[]) => services.map((s) => s.id);
const search = (query: string) => ids(filterServices(SERVICES, { query }, OFFICES));

describe('normalizeForSearch', () => {
  it('lowercases and strips diacritics', () => {
    expect(normalizeForSearch('Ákta KELAHIRAN')).toBe('akta kelahiran');
    expect(normalizeForSearch('Pêndaftaran Ñ')).toBe('pendaftaran n');
  });

  it("drops apostrophes so Ra'as matches raas, whatever the keyboard", () => {
    expect(normalizeForSearch("Ra'as")).toBe('raas');
    expect(normalizeForSearch('Ra’as')).toBe('raas');
    expect(normalizeForSearch('Raʼas')).toBe('raas');
  });

  it('turns every other run of non-letters into one space and trims', () => {
    expect(normalizeForSearch('  KTP-el / e-KTP (baru)!  ')).toBe('ktp el e ktp baru');
    expect(normalizeForSearch('35.29 — Sumenep')).toBe('35 29 sumenep');
    expect(normalizeForSearch(' -- ')).toBe('');
  });
});

describe('serviceSearchText', () => {
  it('covers the slug, both languages of name and product, and the keywords', () => {
    const text = serviceSearchText(KTP);
    for (const part of ['ktp el baru', 'new electronic identity card', 'kartu ktp el', 'e ktp']) {
      expect(text).toContain(part);
    }
    expect(text).toBe(normalizeForSearch(text));
  });

  it('leaves the summary out: a summary saying what a service is not for must not list it', () => {
    const text = serviceSearchText({
      ...KTP,
      summary: { id: 'Tidak diperlukan untuk akta', en: 'Not needed for certificates' },
    } as typeof KTP);
    expect(matchesQuery(text, 'akta')).toBe(false);
    expect(matchesQuery(text, 'perekaman')).toBe(false);
  });
});

describe('wordRoots', () => {
  it('strips Indonesian affixes to every plausible root', () => {
    expect(wordRoots('kelahiran')).toContain('lahir');
    expect(wordRoots('pindahan')).toContain('pindah');
    expect(wordRoots('perekaman')).toContain('rekam');
    expect(wordRoots('menikah')).toContain('nikah');
    expect(wordRoots('meninggal')).toContain('tinggal');
    expect(wordRoots('mengurus')).toContain('urus');
    expect(wordRoots('penyakit')).toContain('sakit');
    expect(wordRoots('memakai')).toContain('pakai');
    expect(wordRoots('anaknya')).toContain('anak');
    expect(wordRoots('pendaftaran')).toContain('daftar');
    expect(wordRoots('kesehatan')).toContain('sehat');
  });

  it('strips English plural and verb endings', () => {
    expect(wordRoots('certificates')).toContain('certificate');
    expect(wordRoots('births')).toContain('birth');
    expect(wordRoots('moving')).toContain('move');
  });

  it('keeps the word itself and no root shorter than three letters', () => {
    expect(wordRoots('kk')).toEqual(new Set(['kk']));
    expect([...wordRoots('dian')].every((r) => r.length >= 3)).toBe(true);
    expect(wordRoots('ktp')).toEqual(new Set(['ktp']));
  });
});

describe('matchesQuery', () => {
  const text = normalizeForSearch('Akta Kelahiran KTP-el KK');

  it('matches words by their start only', () => {
    expect(matchesQuery(text, 'akta')).toBe(true);
    expect(matchesQuery(text, 'kela')).toBe(true);
    expect(matchesQuery(text, 'ktp')).toBe(true);
    expect(matchesQuery(text, 'ta')).toBe(false);
    expect(matchesQuery(text, 'hiran')).toBe(false);
    expect(matchesQuery(text, 'tp')).toBe(false);
  });

  it('needs every token of the query (AND)', () => {
    expect(matchesQuery(text, 'akta kel')).toBe(true);
    expect(matchesQuery(text, 'kel akta')).toBe(true);
    expect(matchesQuery(text, 'akta kematian')).toBe(false);
  });

  it('is accent- and case-insensitive and ignores punctuation in the query', () => {
    expect(matchesQuery(text, 'ÁKTA')).toBe(true);
    expect(matchesQuery(text, 'KTP-EL')).toBe(true);
    expect(matchesQuery(text, '  akta,  ')).toBe(true);
  });

  it('matches everything with an empty or blank query', () => {
    expect(matchesQuery(text, '')).toBe(true);
    expect(matchesQuery(text, '   ')).toBe(true);
    expect(matchesQuery('', '')).toBe(true);
  });
});

describe('filterServices: query', () => {
  it('finds akta-kelahiran in either language, and with an accent', () => {
    expect(search('kelahiran')).toEqual(['akta-kelahiran']);
    expect(search('birth certificate')).toEqual(['akta-kelahiran']);
    expect(search('Ákta')).toEqual(['akta-kelahiran']);
    expect(search('AKTA LAHIR')).toEqual(['akta-kelahiran']);
  });

  it('finds services by the abbreviations residents type', () => {
    expect(search('KTP')).toEqual(['ktp-el-baru']);
    expect(search('ktp el')).toEqual(['ktp-el-baru']);
    expect(search('kk')).toEqual(['kartu-keluarga']);
    expect(search('KIA')).toEqual(['kia']);
    expect(search('sktm')).toEqual(['sktm']);
  });

  it('applies the word-start rule to whole services', () => {
    // "ta" is inside "akta" and "kartu" but starts no word of any fixture.
    expect(search('ta')).toEqual([]);
    // Named "Kartu …" first; the KTP-el only issues a "Kartu KTP-el" (its product).
    expect(search('kar')).toEqual(['kartu-keluarga', 'kia', 'ktp-el-baru']);
    expect(search('ahiran')).toEqual([]);
  });

  it('keeps the services matching every word of the query, the name matches first', () => {
    expect(search('kartu')).toEqual(['kartu-keluarga', 'kia', 'ktp-el-baru']);
    expect(search('kartu anak')).toEqual(['kia']);
    expect(search('card family')).toEqual(['kartu-keluarga']);
  });

  it('shows the services matching the most words when none matches them all', () => {
    // Nothing is both "kartu" and "kelahiran": each of the four matches one word, names first.
    expect(search('kartu kelahiran')).toEqual(['akta-kelahiran', 'kartu-keluarga', 'kia', 'ktp-el-baru']);
    expect(search('akta dokter')).toEqual(['akta-kelahiran', 'pendaftaran-puskesmas']);
    expect(search('zebra unicorn')).toEqual([]);
  });

  it('finds words by their Indonesian and English stems', () => {
    expect(search('lahir')).toEqual(['akta-kelahiran']);
    expect(search('births')).toEqual(['akta-kelahiran']);
    expect(search('keluarganya')).toEqual(['kartu-keluarga']);
    expect(search('pendaftar')).toEqual(['pendaftaran-puskesmas']);
  });

  it('ignores the words around what a resident wants', () => {
    expect(search('cara bikin KTP untuk saya')).toEqual(['ktp-el-baru']);
    expect(search('how to get a family card')).toEqual(['kartu-keluarga']);
    // A query of nothing but such words still means them.
    expect(search('cara')).toEqual([]);
  });

  it('returns everything, in order, for an empty query or no criteria', () => {
    expect(search('')).toEqual(ids(SERVICES));
    expect(ids(filterServices(SERVICES, {}, OFFICES))).toEqual(ids(SERVICES));
  });
});

describe('filterServices: office, island and channel', () => {
  it('keeps services that list the office', () => {
    expect(ids(filterServices(SERVICES, { officeId: 'desa-brakas' }, OFFICES))).toEqual([
      'akta-kelahiran',
      'kia',
      'sktm',
    ]);
    expect(ids(filterServices(SERVICES, { officeId: 'nowhere' }, OFFICES))).toEqual([]);
  });

  it('keeps services served by at least one office on the island', () => {
    expect(ids(filterServices(SERVICES, { islandCode: RAAS }, OFFICES))).toEqual([
      'akta-kelahiran',
      'ktp-el-baru',
      'kia',
      'sktm',
    ]);
    expect(ids(filterServices(SERVICES, { islandCode: SAPEKEN }, OFFICES))).toEqual(['pendaftaran-puskesmas']);
    // An island without offices in the list serves nothing, and mainland offices have no island.
    expect(ids(filterServices(SERVICES, { islandCode: '35.29.49999' }, OFFICES))).toEqual([]);
    expect(ids(filterServices(SERVICES, { islandCode: RAAS }, []))).toEqual([]);
  });

  it('keeps services that accept the channel', () => {
    expect(ids(filterServices(SERVICES, { channel: 'kiosk' }, OFFICES))).toEqual(['akta-kelahiran', 'kia', 'sktm']);
    expect(ids(filterServices(SERVICES, { channel: 'field' }, OFFICES))).toEqual(['ktp-el-baru']);
    expect(ids(filterServices(SERVICES, { channel: 'online' }, OFFICES))).toEqual([
      'akta-kelahiran',
      'kartu-keluarga',
      'kia',
      'pendaftaran-puskesmas',
    ]);
  });

  it('combines every given criterion', () => {
    expect(ids(filterServices(SERVICES, { islandCode: RAAS, channel: 'online' }, OFFICES))).toEqual([
      'akta-kelahiran',
      'kia',
    ]);
    expect(ids(filterServices(SERVICES, { query: 'kartu', islandCode: RAAS, channel: 'online' }, OFFICES))).toEqual([
      'kia',
    ]);
    expect(
      ids(filterServices(SERVICES, { query: 'kartu', officeId: 'disdukcapil-sumenep', channel: 'counter' }, OFFICES)),
    ).toEqual(['kartu-keluarga', 'ktp-el-baru']);
    expect(ids(filterServices(SERVICES, { query: 'sktm', islandCode: SAPEKEN }, OFFICES))).toEqual([]);
  });

  it('keeps the input order and returns the same objects', () => {
    const reversed = [...SERVICES].reverse();
    expect(ids(filterServices(reversed, { channel: 'kiosk' }, OFFICES))).toEqual(['sktm', 'kia', 'akta-kelahiran']);
    expect(filterServices(SERVICES, { query: 'kia' }, OFFICES)[0]).toBe(KIA);
  });

  it('handles a catalogue of 500 services and 300 offices quickly', () => {
    const offices = Array.from({ length: 300 }, (_, i) =>
      office(`kantor-${i}`, 'kantor-desa', { code: `35.29.4${String(i % 50).padStart(4, '0')}`, name: `Pulau ${i}` }),
    );
    const services = Array.from({ length: 500 }, (_, i) => ({
      ...SERVICES[i % SERVICES.length]!,
      id: `layanan-${i}`,
      officeIds: [`kantor-${i % 300}`, `kantor-${(i * 7) % 300}`],
    }));
    const started = performance.now();
    let found = 0;
    for (let run = 0; run < 20; run++) {
      found = filterServices(
        services,
        { query: 'kartu', islandCode: '35.29.40007', channel: 'online' },
        offices,
      ).length;
    }
    expect(found).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
