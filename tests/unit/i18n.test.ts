import { describe, expect, it } from 'vitest';
import { en } from '../../src/app/i18n/en.ts';
import { feedbackEn } from '../../src/app/i18n/feedback-en.ts';
import { feedbackId } from '../../src/app/i18n/feedback-id.ts';
import { fieldEn } from '../../src/app/i18n/field-en.ts';
import { fieldId } from '../../src/app/i18n/field-id.ts';
import { id } from '../../src/app/i18n/id.ts';
import { interpolate, isLanguage, storedLanguage, storeLanguage, translator } from '../../src/app/i18n/index.ts';
import { kioskEn } from '../../src/app/i18n/kiosk-en.ts';
import { kioskId } from '../../src/app/i18n/kiosk-id.ts';
import { relativeTime } from '../../src/app/i18n/relative-time.ts';
import { storyEn } from '../../src/app/i18n/story-en.ts';
import { storyId } from '../../src/app/i18n/story-id.ts';
import { formsEn } from '../../src/app/office/i18n/forms-en.ts';
import { formsId } from '../../src/app/office/i18n/forms-id.ts';
import { officeEn } from '../../src/app/office/i18n/office-en.ts';
import { officeId } from '../../src/app/office/i18n/office-id.ts';
import type { FieldErrorCode } from '../../src/domain/forms/validate.ts';
import { SUBMISSION_REJECTIONS } from '../../src/domain/submissions/submission.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

/** The first-paint dictionary and each area's, in both languages. */
const DICTIONARIES: Array<[string, Record<string, string>, Record<string, string>]> = [
  ['core', id, en],
  ['office', officeId, officeEn],
  ['forms', formsId, formsEn],
  ['kiosk', kioskId, kioskEn],
  ['field', fieldId, fieldEn],
  ['feedback', feedbackId, feedbackEn],
  ['story', storyId, storyEn],
];

describe('i18n dictionaries', () => {
  it('have the same keys in both languages and no empty text', () => {
    for (const [, ind, eng] of DICTIONARIES) {
      expect(Object.keys(eng).sort()).toEqual(Object.keys(ind).sort());
      for (const [key, text] of [...Object.entries(ind), ...Object.entries(eng)]) expect(text.trim(), key).not.toBe('');
    }
  });

  it('give every key one text: no area repeats a key of another', () => {
    const keys = DICTIONARIES.flatMap(([, ind]) => Object.keys(ind));
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]).sort();
    for (const [, ind, eng] of DICTIONARIES)
      for (const key of Object.keys(ind)) expect(placeholders(eng[key]!), key).toEqual(placeholders(ind[key]!));
  });

  it('are really translated: English differs from Indonesian except for names', () => {
    const same = DICTIONARIES.flatMap(([, ind, eng]) => Object.keys(ind).filter((k) => ind[k] === eng[k]));
    expect(same.sort()).toEqual([
      'admin.notices.channel.sms',
      'admin.notices.channel.whatsapp',
      'app.name',
      'contact.whatsapp',
      'lang.en',
      'lang.id',
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

describe('language preference', () => {
  it('defaults to Bahasa Indonesia and persists a choice', () => {
    const storage = memoryStorage();
    expect(storedLanguage(storage)).toBe('id');
    storeLanguage('en', storage);
    expect(storedLanguage(storage)).toBe('en');
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
    expect(isLanguage('en')).toBe(true);
    expect(isLanguage('EN')).toBe(false);
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
