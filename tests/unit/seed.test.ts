// The seed catalogue: valid against the domain schemas, consistent with itself and with
// idn-area-data, and faithful to the civil-registration rules of domain.md (free, no cover letter).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnnouncementContent } from '../../src/domain/catalogue/announcement.ts';
import { OfficeContent } from '../../src/domain/catalogue/office.ts';
import { ServiceContent } from '../../src/domain/catalogue/service.ts';
import { SEED_ANNOUNCEMENTS } from '../../src/server/catalogue/seed/announcements.ts';
import { SEED_OFFICES } from '../../src/server/catalogue/seed/offices.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';

const CIVIL_SLUGS = [
  'ktp-el-baru',
  'ktp-el-hilang-rusak',
  'kartu-keluarga',
  'akta-kelahiran',
  'akta-kematian',
  'pindah-datang',
  'kia',
];

/** The first column (the code) of every row of an idn-area-data CSV file. */
function areaCodes(file: string): Set<string> {
  const text = readFileSync(new URL(`../../node_modules/idn-area-data/data/${file}`, import.meta.url), 'utf8');
  return new Set(
    text
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]!),
  );
}

const officeIds = new Set(SEED_OFFICES.map((o) => o.id));
const civil = SEED_SERVICES.filter((s) => s.category === 'civil-registration');
const villageOffices = SEED_OFFICES.filter((o) => o.type === 'kantor-desa');

describe('seed catalogue', () => {
  it('promises no electronic signature nor delivery the app does not make (issue 15)', () => {
    // Offices attach a signed PDF only when they have one (BSrE is outside the app): the standard may
    // not promise it. Documents reach the resident in the app, not by WhatsApp or e-mail.
    const text = JSON.stringify(SEED_SERVICES);
    expect(text).not.toMatch(/tanda tangan elektronik|ditandatangani secara elektronik|electronic(ally)? sign/i);
    expect(text).not.toMatch(/terima lewat WhatsApp|receive it by WhatsApp/i);
    const kk = SEED_SERVICES.find((s) => s.id === 'kartu-keluarga')!;
    expect(kk.product.id).toContain('kode verifikasi');
  });

  it('parses with the content schemas', () => {
    for (const o of SEED_OFFICES) expect(() => OfficeContent.parse(o), o.id).not.toThrow();
    for (const s of SEED_SERVICES) expect(() => ServiceContent.parse(s), s.id).not.toThrow();
    for (const a of SEED_ANNOUNCEMENTS) expect(() => AnnouncementContent.parse(a), a.id).not.toThrow();
  });

  it('has the seven civil-registration services of domain.md and unique ids everywhere', () => {
    expect(civil.map((s) => s.id).sort()).toEqual([...CIVIL_SLUGS].sort());
    for (const ids of [SEED_OFFICES, SEED_SERVICES, SEED_ANNOUNCEMENTS].map((list) => list.map((x) => x.id))) {
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('keeps civil registration free and without a cover letter (UU 24/2013 art. 79A; Perpres 96/2018)', () => {
    for (const s of civil) {
      expect(s.cost.amount, s.id).toBe(0);
      expect(s.cost.legalBasis.id, s.id).toMatch(/79A/);
      for (const r of s.requirements) {
        const text = [r.name.id, r.name.en, r.notes?.id ?? '', r.notes?.en ?? ''].join(' ');
        expect(text, `${s.id}/${r.id}`).not.toMatch(/RT\s*\/\s*RW|pengantar|cover letter/i);
      }
    }
  });

  it('asks for the KTP-el biometric recording in person, and only there among civil services', () => {
    const ktp = SEED_SERVICES.find((s) => s.id === 'ktp-el-baru');
    expect(ktp?.procedure.some((p) => p.inPerson)).toBe(true);
    expect(ktp?.channels).toEqual(expect.arrayContaining(['online', 'kiosk', 'field', 'counter']));
    for (const s of civil.filter((x) => x.id !== 'ktp-el-baru'))
      expect(
        s.procedure.some((p) => p.inPerson),
        s.id,
      ).toBe(false);
  });

  it('refers only to offices that exist', () => {
    for (const s of SEED_SERVICES)
      for (const id of s.officeIds) expect(officeIds.has(id), `${s.id} -> ${id}`).toBe(true);
    for (const a of SEED_ANNOUNCEMENTS)
      for (const id of a.officeIds) expect(officeIds.has(id), `${a.id} -> ${id}`).toBe(true);
  });

  it('ties every document field to a requirement of its own service, and uses each field key once', () => {
    for (const s of SEED_SERVICES) {
      const requirementIds = new Set(s.requirements.map((r) => r.id));
      for (const f of s.form.fields) {
        if (f.kind === 'document') expect(requirementIds.has(f.requirementId), `${s.id}.${f.key}`).toBe(true);
      }
      const keys = s.form.fields.map((f) => f.key);
      expect(new Set(keys).size, s.id).toBe(keys.length);
      expect(new Set(s.requirements.map((r) => r.id)).size, s.id).toBe(s.requirements.length);
    }
  });

  it('has at least five island village offices, each with a kiosk and a real village code of its district', () => {
    const villages = areaCodes('villages.csv');
    expect(villageOffices.length).toBeGreaterThanOrEqual(5);
    for (const o of villageOffices) {
      expect(o.hasKiosk, o.id).toBe(true);
      expect(o.island, o.id).toBeDefined();
      expect(o.villageCode?.startsWith(`${o.districtCode}.`), o.id).toBe(true);
      expect(villages.has(o.villageCode ?? ''), o.id).toBe(true);
    }
  });

  it('uses real district and island codes', () => {
    const districts = areaCodes('districts.csv');
    const islands = areaCodes('islands.csv');
    for (const o of SEED_OFFICES) {
      expect(o.regencyCode, o.id).toBe('35.29');
      expect(districts.has(o.districtCode), o.id).toBe(true);
      if (o.island) expect(islands.has(o.island.code), o.id).toBe(true);
    }
  });

  it('covers the abbreviations residents type', () => {
    const keywords = new Set(SEED_SERVICES.flatMap((s) => s.keywords));
    for (const k of ['KTP', 'e-KTP', 'KK', 'KIA', 'SKTM', 'akta']) expect(keywords.has(k), k).toBe(true);
  });

  it('marks every sample office contact and complaint channel as an example (issue 18, point 9)', () => {
    for (const o of SEED_OFFICES) expect(o.contacts.example, o.id).toBe(true);
    for (const s of SEED_SERVICES) {
      for (const c of s.complaintChannels) {
        // Phone numbers and addresses of the region's offices are samples; SP4N-LAPOR! is the real
        // national channel and in-person desks name no number.
        const sample = ['phone', 'whatsapp', 'email'].includes(c.kind);
        expect(c.example === true, `${s.id} ${c.kind} ${c.value}`).toBe(sample);
      }
    }
  });

  it('rejects an example flag that is not a boolean', () => {
    const [office] = SEED_OFFICES;
    expect(OfficeContent.safeParse({ ...office, contacts: { ...office!.contacts, example: 'yes' } }).success).toBe(
      false,
    );
  });

  it('gives every office opening hours on Monday', () => {
    for (const o of SEED_OFFICES)
      expect(
        o.hours.some((h) => h.day === 1),
        o.id,
      ).toBe(true);
  });
});
