import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addMessages,
  contentLanguage,
  interpolate,
  isUiLanguage,
  languageAt,
  languagesAt,
  storedLanguage,
  storeLanguage,
  translator,
} from '../../src/app/i18n/index.ts';
import en from '../../src/app/i18n/messages/core/en.json';
import id from '../../src/app/i18n/messages/core/id.json';
import fieldEn from '../../src/app/i18n/messages/field/en.json';
import fieldId from '../../src/app/i18n/messages/field/id.json';
import { relativeTime } from '../../src/app/i18n/relative-time.ts';
import type { FieldErrorCode } from '../../src/domain/forms/validate.ts';
import { SUBMISSION_REJECTIONS } from '../../src/domain/submissions/submission.ts';
import { ROOT } from '../support/server.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

type Texts = Record<string, string>;
/** One area's translator files: messages/<area>/{id,en,mad,context}.json (mad optional). */
type Area = { name: string; id: Texts; en: Texts; mad: Texts | undefined; context: Texts };

const MESSAGE_FOLDERS = ['src/app/i18n/messages', 'src/app/office/i18n/messages'];
const read = (path: string): Texts => JSON.parse(readFileSync(path, 'utf8')) as Texts;
/** Every area on disk, so an area converted later (scripts/i18n-from-ts.ts) is checked without listing it here. */
const AREAS: Area[] = MESSAGE_FOLDERS.flatMap((folder) =>
  readdirSync(join(ROOT, folder)).map((name) => {
    const dir = join(ROOT, folder, name);
    const files = readdirSync(dir);
    return {
      name,
      id: read(join(dir, 'id.json')),
      en: read(join(dir, 'en.json')),
      mad: files.includes('mad.json') ? read(join(dir, 'mad.json')) : undefined,
      context: read(join(dir, 'context.json')),
    };
  }),
);
const area = (name: string): Area => AREAS.find((a) => a.name === name)!;

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]).sort();

/**
 * What is wrong with a translation against the Indonesian source: a key missing (unless `partial`),
 * a key the source lacks, an empty text, other placeholders, or another order than the source's
 * (the files line up side by side for a translator).
 */
function problems(source: Texts, translation: Texts, partial = false): string[] {
  const found: string[] = [];
  for (const key of Object.keys(source)) if (!partial && !(key in translation)) found.push(`missing ${key}`);
  for (const [key, text] of Object.entries(translation)) {
    const original = source[key];
    if (original === undefined) found.push(`extra ${key}`);
    else if (placeholders(text).join() !== placeholders(original).join()) found.push(`placeholders ${key}`);
    if (!text.trim()) found.push(`empty ${key}`);
  }
  const order = Object.keys(source).filter((k) => k in translation);
  if (!found.length && order.join() !== Object.keys(translation).join()) found.push('order differs from id.json');
  return found;
}

describe('translation files', () => {
  it('are found for every area, Madurese for the resident and kiosk areas only', () => {
    expect(AREAS.map((a) => a.name).sort()).toEqual([
      'core',
      'feedback',
      'field',
      'forms',
      'kiosk',
      'office',
      'steps',
      'story',
    ]);
    expect(
      AREAS.filter((a) => a.mad)
        .map((a) => a.name)
        .sort(),
    ).toEqual(['core', 'feedback', 'kiosk', 'steps', 'story']);
  });

  it('catch a missing key, an extra key, changed placeholders and an empty text', () => {
    const source = { a: 'Kirim {n} berkas', b: 'Batal' };
    expect(problems(source, { a: 'Send {n} files', b: 'Cancel' })).toEqual([]);
    expect(problems(source, { a: 'Send {n} files' })).toEqual(['missing b']);
    expect(problems(source, { a: 'Send {n} files', b: 'Cancel', c: 'More' })).toEqual(['extra c']);
    expect(problems(source, { a: 'Send {count} files', b: 'Cancel' })).toEqual(['placeholders a']);
    expect(problems(source, { a: 'Send files', b: ' ' })).toEqual(['placeholders a', 'empty b']);
    expect(problems(source, { b: 'Cancel', a: 'Send {n} files' })).toEqual(['order differs from id.json']);
    expect(problems(source, { b: 'Bâṭal' }, true)).toEqual([]);
    expect(problems(source, { a: 'Kèrèm {m} berkas' }, true)).toEqual(['placeholders a']);
  });

  it('English has exactly the Indonesian keys, in the same order, with the same placeholders', () => {
    for (const a of AREAS) expect(problems(a.id, a.en), a.name).toEqual([]);
  });

  it('Madurese lists only Indonesian keys, with the same placeholders (it may leave keys to Indonesian)', () => {
    for (const a of AREAS) if (a.mad) expect(problems(a.id, a.mad, true), a.name).toEqual([]);
  });

  it('every key has a description for translators', () => {
    for (const a of AREAS) {
      expect(Object.keys(a.context), a.name).toEqual(Object.keys(a.id));
      for (const [key, text] of Object.entries(a.context)) expect(text.trim().length, key).toBeGreaterThan(3);
    }
  });

  it('translate the resident and kiosk screens, complaints and the survey into Madurese', () => {
    const left = (name: string) => {
      const { id: source, mad = {} } = area(name);
      return Object.keys(source).filter((k) => !(k in mad));
    };
    // Left to Indonesian on purpose: names, and the service standard's internal part for officers.
    expect(left('core').filter((k) => !/^(app\.name|lang\.|officeType\.|internal\.)/.test(k))).toEqual([]);
    expect(left('kiosk')).toEqual([]);
    expect(left('story')).toEqual(['story.receipt.imageFile']); // a file name, kept ASCII
    expect(left('feedback')).toEqual([]);
    expect(left('steps')).toEqual([]);
  });

  it('give every key one text: no area repeats a key of another', () => {
    const keys = AREAS.flatMap((a) => Object.keys(a.id));
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('are really translated: English differs from Indonesian except for names', () => {
    const same = AREAS.flatMap((a) => Object.keys(a.id).filter((k) => a.id[k] === a.en[k]));
    expect(same.sort()).toEqual([
      'admin.notices.channel.sms',
      'admin.notices.channel.whatsapp',
      'app.name',
      'contact.whatsapp',
      'lang.en',
      'lang.id',
      'lang.mad',
      'track.status',
    ]); // words both languages share
  });
});

describe('translator', () => {
  it('translates and fills placeholders', () => {
    expect(translator('id')('update.available')).toBe('Versi baru tersedia');
    expect(translator('en')('update.available')).toBe('A new version is available');
    expect(interpolate('Sinkron terakhir {time} ({n} data)', { time: '10.15', n: 3 })).toBe(
      'Sinkron terakhir 10.15 (3 data)',
    );
    expect(interpolate('Halo {name}', {})).toBe('Halo {name}');
  });

  it('writes English plurals through Intl.PluralRules: "1 application", not "1 applications"', () => {
    const en = translator('en');
    expect(en('outbox.panel.waiting', { n: 1 })).toBe('1 application waiting to be sent.');
    expect(en('outbox.panel.waiting', { n: 2 })).toBe('2 applications waiting to be sent.');
    expect(en('outbox.panel.waiting', { n: 0 })).toBe('0 applications waiting to be sent.');
    expect(en('catalogue.resultCount', { n: 1 })).toBe('1 service found');
    expect(en('catalogue.resultCount', { n: 1200 })).toBe('1,200 services found');
    expect(en('outbox.attempts', { n: 1 })).toBe('Tried 1 time; it will be tried again.');
    expect(translator('id')('outbox.panel.waiting', { n: 1 })).toBe('1 permohonan menunggu dikirim.');
  });

  it('writes the count of a plural form in the UI language and leaves a form without a count visible', () => {
    const forms = '{n, plural, one {# berkas} other {# berkas}}';
    expect(interpolate(forms, { n: 1500 }, 'id')).toBe('1.500 berkas');
    expect(interpolate(forms, { n: '3' }, 'id')).toBe(forms);
  });
});

describe('Bahasa Madura', () => {
  const mad = area('core').mad!;
  it('translates the resident screens and writes numbers as Indonesian does', () => {
    expect(translator('mad')('home.title')).toBe(mad['home.title']);
    expect(mad['home.title']).not.toBe(id['home.title']);
    // Intl has no Madurese: content, dates and numbers are Indonesian's (the context's `lang`).
    expect(contentLanguage('mad')).toBe('id');
    expect(interpolate('{n, plural, other {# berkas}}', { n: 1500 }, contentLanguage('mad'))).toBe('1.500 berkas');
    const now = new Date('2026-11-22T10:00:00+07:00');
    expect(relativeTime(new Date('2026-11-19T09:00:00+07:00'), now, contentLanguage('mad'))).toBe('3 hari yang lalu');
  });

  it('falls back to Indonesian for a text it lacks, also in an area loaded later', () => {
    expect(mad).not.toHaveProperty('internal.title');
    expect(translator('mad')('internal.title')).toBe(id['internal.title']);
    addMessages({ id: fieldId, en: fieldEn }); // officers' screens: no Madurese
    expect(translator('mad')('lapangan.signIn.title')).toBe(fieldId['lapangan.signIn.title']);
    expect(translator('en')('lapangan.signIn.title')).toBe(fieldEn['lapangan.signIn.title']);
  });

  it('is offered on resident and kiosk screens only: elsewhere the screen is Indonesian', () => {
    for (const path of [
      '/',
      '/layanan',
      '/layanan/akta-kelahiran',
      '/permohonan/x/tinjau',
      '/lacak',
      '/pengaduan',
      '/kios',
    ])
      expect(languagesAt(path), path).toEqual(['id', 'en', 'mad']);
    for (const path of ['/petugas', '/petugas/permohonan/x', '/lapangan', '/lapangan/masuk'])
      expect(languagesAt(path), path).toEqual(['id', 'en']);
    expect(languageAt('mad', '/layanan')).toBe('mad');
    expect(languageAt('mad', '/petugas')).toBe('id');
    expect(languageAt('en', '/petugas')).toBe('en');
  });
});

describe('language preference', () => {
  it('defaults to Bahasa Indonesia and persists a choice, Madurese included', () => {
    const storage = memoryStorage();
    expect(storedLanguage(storage)).toBe('id');
    storeLanguage('en', storage);
    expect(storedLanguage(storage)).toBe('en');
    storeLanguage('mad', storage);
    expect(storedLanguage(storage)).toBe('mad');
  });

  it('ignores an unknown stored value and a storage that throws', () => {
    expect(storedLanguage(memoryStorage({ 'nusa-layan.lang': 'fr' }))).toBe('id');
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceeded');
      },
    };
    expect(storedLanguage(broken)).toBe('id');
    expect(() => storeLanguage('en', broken)).not.toThrow();
    expect(isUiLanguage('en')).toBe(true);
    expect(isUiLanguage('mad')).toBe(true);
    expect(isUiLanguage('EN')).toBe(false);
  });
});

describe('relative time, for "updated 3 days ago"', () => {
  const now = new Date('2026-11-22T10:00:00+07:00');
  it('says how long ago in the UI language', () => {
    expect(relativeTime(new Date('2026-11-19T09:00:00+07:00'), now, 'id')).toBe('3 hari yang lalu');
    expect(relativeTime(new Date('2026-11-19T09:00:00+07:00'), now, 'en')).toBe('3 days ago');
    expect(relativeTime(new Date('2026-11-22T08:00:00+07:00'), now, 'en')).toBe('2 hours ago');
    expect(relativeTime(new Date('2026-11-22T09:55:00+07:00'), now, 'id')).toBe('5 menit yang lalu');
  });
});

describe('every validation error has a message', () => {
  // A Record over the union makes a new error code without an entry here a type error.
  const CODES: Record<FieldErrorCode, true> = {
    required: true,
    'nik.length': true,
    'nik.digits': true,
    'nik.region': true,
    'nik.birthDate': true,
    'nik.serial': true,
    'kk.length': true,
    'kk.digits': true,
    'kk.region': true,
    phone: true,
    email: true,
    'date.invalid': true,
    'date.future': true,
    'number.invalid': true,
    'number.min': true,
    'number.max': true,
    'text.tooLong': true,
    'text.invalid': true,
    'choice.invalid': true,
    'address.incomplete': true,
    'address.village': true,
    'document.missing': true,
    'document.type': true,
    'value.type': true,
    constraint: true,
    'group.oneOf': true,
    'group.allOf': true,
    'group.atLeast': true,
  };
  it('in both languages', () => {
    for (const code of [...Object.keys(CODES), ...SUBMISSION_REJECTIONS]) {
      expect(Object.keys(id), code).toContain(`error.${code}`);
      expect(Object.keys(en), code).toContain(`error.${code}`);
    }
  });
});
