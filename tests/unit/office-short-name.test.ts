import { describe, expect, it } from 'vitest';
import { shortOfficeName } from '../../src/domain/catalogue/office-short-name.ts';
import { SEED_OFFICES } from '../../src/server/catalogue/seed/offices.ts';

describe('short office names', () => {
  it('abbreviates long Indonesian names the way government offices write them', () => {
    expect(shortOfficeName('Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sumenep', 'id')).toBe(
      'Disdukcapil Kab. Sumenep',
    );
    expect(shortOfficeName('Mal Pelayanan Publik Kabupaten Sumenep', 'id')).toBe('MPP Kab. Sumenep');
    expect(shortOfficeName('Kantor Kecamatan Nonggunong Pulau Sapudi', 'id')).toBe('Kec. Nonggunong Pulau Sapudi');
  });

  it('keeps the place and the acronym of a long English name', () => {
    expect(shortOfficeName('Talango Community Health Centre (Puskesmas)', 'en')).toBe('Talango Puskesmas');
    expect(shortOfficeName('Sumenep Regency Population and Civil Registration Office (Disdukcapil)', 'en')).toBe(
      'Sumenep Disdukcapil',
    );
  });

  it('leaves short names alone', () => {
    expect(shortOfficeName('Puskesmas Talango', 'id')).toBe('Puskesmas Talango');
    expect(shortOfficeName('Talango District Office', 'en')).toBe('Talango District Office');
  });

  it('makes every seeded office name fit a queue column (at most 28 characters)', () => {
    for (const office of SEED_OFFICES)
      for (const lang of ['id', 'en'] as const)
        expect(shortOfficeName(office.name[lang], lang).length, office.name[lang]).toBeLessThanOrEqual(28);
  });
});
