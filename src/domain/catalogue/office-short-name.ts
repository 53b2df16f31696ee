// Short office names for narrow places (the office queue's column, where "Dinas Kependudukan dan
// Pencatatan Sipil Kabupaten Sumenep" wrapped over seven lines): the abbreviations Indonesian
// government itself uses, so a clerk reads them at a glance. The full name stays beside them for
// hover and screen readers. Names already short are kept as they are.

const SHORT_ENOUGH = 28;

/** Indonesian: the standard abbreviations of office kinds and of "Kabupaten", longest first. */
const ID_ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bDinas Kependudukan dan Pencatatan Sipil\b/g, 'Disdukcapil'],
  [/\bMal Pelayanan Publik\b/g, 'MPP'],
  [/\bPusat Kesehatan Masyarakat\b/g, 'Puskesmas'],
  [/\bKantor Kecamatan\b/g, 'Kec.'],
  [/\bKantor Desa\b/g, 'Desa'],
  [/\bKantor Kelurahan\b/g, 'Kel.'],
  [/\bKabupaten\b/g, 'Kab.'],
  [/\bKecamatan\b/g, 'Kec.'],
];

export function shortOfficeName(name: string, lang: 'id' | 'en'): string {
  const full = name.trim().replace(/\s+/g, ' ');
  if (full.length <= SHORT_ENOUGH) return full;
  if (lang === 'en') {
    // "Talango Community Health Centre (Puskesmas)" → "Talango Puskesmas": the place and the acronym.
    const acronym = /\(([^()]+)\)\s*$/.exec(full)?.[1];
    if (acronym) return `${full.split(' ')[0]} ${acronym}`;
    return full;
  }
  return ID_ABBREVIATIONS.reduce((text, [pattern, short]) => text.replace(pattern, short), full);
}
