// Form validation generated from a FormDefinition: each field kind, required vs optional, whole
// drafts (the real akta-kelahiran form) and the zod schema the server will validate submissions with.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FormDefinition, FormField } from '../../src/domain/catalogue/form.ts';
import type { AddressAnswer, AnswerValue, AttachmentRef } from '../../src/domain/drafts/draft.ts';
import {
  draftAnswersSchema,
  missingFields,
  normalizePhone,
  parseNumberAnswer,
  type ValidationContext,
  validateDraft,
  validateField,
} from '../../src/domain/forms/validate.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';

const csv = readFileSync(new URL('../../node_modules/idn-area-data/data/districts.csv', import.meta.url), 'utf8');
const DISTRICTS = new Set(
  csv
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]!.replaceAll('.', '')),
);

const LABEL = { id: 'Label', en: 'Label' };
const ctx: ValidationContext = {
  today: new Date('2026-11-22T08:00:00Z'), // 15:00 WIB
  districtExists: (code6) => DISTRICTS.has(code6),
};

const JPEG: AttachmentRef = { sha256: 'a'.repeat(64), type: 'image/jpeg', size: 120_000, name: 'kk.jpg' };
const PDF: AttachmentRef = { sha256: 'b'.repeat(64), type: 'application/pdf', size: 300_000, name: 'surat.pdf' };

const ADDRESS: AddressAnswer = {
  provinceCode: '35',
  regencyCode: '35.29',
  districtCode: '35.29.22',
  villageCode: '35.29.22.2001',
  street: 'Dusun Barat RT 01',
};

type Distribute<T> = T extends unknown ? Omit<T, 'key' | 'label' | 'required'> & { required?: boolean } : never;
const field = (spec: Distribute<FormField>): FormField =>
  ({ key: 'f', label: LABEL, required: true, ...spec }) as FormField;

const check = (f: FormField, value: AnswerValue | undefined, c: ValidationContext = ctx) =>
  validateField(f, value, undefined, c);

describe('validateField: required and optional', () => {
  const kinds: Distribute<FormField>[] = [
    { kind: 'text' },
    { kind: 'longText' },
    { kind: 'number' },
    { kind: 'date' },
    {
      kind: 'choice',
      options: [
        { value: 'a', label: LABEL },
        { value: 'b', label: LABEL },
      ],
    },
    { kind: 'yesNo' },
    { kind: 'phone' },
    { kind: 'email' },
    { kind: 'nik' },
    { kind: 'kk' },
    { kind: 'address' },
  ];

  for (const spec of kinds) {
    it(`${spec.kind}: absent or blank is "required" when required, fine when optional`, () => {
      expect(check(field(spec), undefined)).toEqual({ code: 'required' });
      expect(check(field({ ...spec, required: false }), undefined)).toBeNull();
      if (spec.kind !== 'yesNo' && spec.kind !== 'address') {
        expect(check(field(spec), '   ')).toEqual({ code: 'required' });
        expect(check(field({ ...spec, required: false }), '')).toBeNull();
      }
    });
  }

  it('an optional field that is filled in is still checked', () => {
    expect(check(field({ kind: 'email', required: false }), 'bukan-email')).toEqual({ code: 'email' });
  });

  it('"no" answers a yes/no question', () => {
    expect(check(field({ kind: 'yesNo' }), false)).toBeNull();
    expect(check(field({ kind: 'yesNo' }), true)).toBeNull();
    expect(check(field({ kind: 'yesNo' }), 'ya')).toEqual({ code: 'value.type' });
  });

  it('an answer of the wrong shape is "value.type"', () => {
    expect(check(field({ kind: 'text' }), true)).toEqual({ code: 'value.type' });
    expect(check(field({ kind: 'address' }), 'Jl. Trunojoyo')).toEqual({ code: 'value.type' });
    expect(check(field({ kind: 'nik' }), ADDRESS)).toEqual({ code: 'value.type' });
  });
});

describe('validateField: text and numbers', () => {
  it('text and long text respect maxLength, counted in characters', () => {
    const text = field({ kind: 'text', maxLength: 5 });
    expect(check(text, 'Siti')).toBeNull();
    expect(check(text, 'Ahmad')).toBeNull();
    expect(check(text, ' Ahmad ')).toBeNull();
    expect(check(text, 'Ahmadi')).toEqual({ code: 'text.tooLong', params: { max: 5 } });
    expect(check(text, '😀😀😀😀😀')).toBeNull();
    expect(check(field({ kind: 'longText', maxLength: 150 }), 'x'.repeat(151))).toEqual({
      code: 'text.tooLong',
      params: { max: 150 },
    });
    expect(check(field({ kind: 'text' }), 'x'.repeat(500))).toBeNull();
  });

  it('numbers are written the Indonesian way and kept within bounds', () => {
    const order = field({ kind: 'number', min: 1, max: 30 });
    expect(check(order, '1')).toBeNull();
    expect(check(order, '30')).toBeNull();
    expect(check(order, ' 3 ')).toBeNull();
    expect(check(order, '0')).toEqual({ code: 'number.min', params: { min: 1 } });
    expect(check(order, '-2')).toEqual({ code: 'number.min', params: { min: 1 } });
    expect(check(order, '31')).toEqual({ code: 'number.max', params: { max: 30 } });
    expect(check(order, 'tiga')).toEqual({ code: 'number.invalid' });
    expect(check(order, '3a')).toEqual({ code: 'number.invalid' });
    expect(check(field({ kind: 'number', min: 0 }), '1.500.000')).toBeNull();
    expect(parseNumberAnswer('1.500.000')).toBe(1_500_000);
    expect(parseNumberAnswer('1 500 000')).toBe(1_500_000);
    expect(parseNumberAnswer('2,5')).toBe(2.5);
    expect(parseNumberAnswer('1.5')).toBeNull();
    expect(parseNumberAnswer('1e3')).toBeNull();
    expect(parseNumberAnswer('')).toBeNull();
  });

  it('choices must be one of the options', () => {
    const sex = field({
      kind: 'choice',
      options: [
        { value: 'laki-laki', label: LABEL },
        { value: 'perempuan', label: LABEL },
      ],
    });
    expect(check(sex, 'perempuan')).toBeNull();
    expect(check(sex, 'Perempuan')).toEqual({ code: 'choice.invalid' });
  });
});

describe('validateField: phone and e-mail', () => {
  const phone = field({ kind: 'phone' });

  it('accepts 08…, 628… and +628…, with spaces and dashes', () => {
    for (const v of [
      '081234567890',
      '0812-3456-7890',
      '0812 3456 7890',
      '6281234567890',
      '+62 812-3456-7890',
      '+6281234567890',
    ]) {
      expect(check(phone, v)).toBeNull();
      expect(normalizePhone(v)).toBe('+6281234567890');
    }
    expect(normalizePhone('0812345678')).toBe('+62812345678'); // 10 digits
    expect(normalizePhone('0812345678901')).toBe('+62812345678901'); // 13 digits
  });

  it('refuses landlines, wrong lengths and other countries', () => {
    for (const v of [
      '081234567',
      '08123456789012',
      '0328662340',
      '+60123456789',
      '812345678901',
      '0812345678x',
      '+62 0812 3456 7890',
    ]) {
      expect(check(phone, v)).toEqual({ code: 'phone' });
      expect(normalizePhone(v)).toBeNull();
    }
  });

  it('checks e-mail addresses', () => {
    const email = field({ kind: 'email' });
    expect(check(email, 'dispendukcapil@sumenepkab.go.id')).toBeNull();
    expect(check(email, ' siti@example.id ')).toBeNull();
    for (const v of ['siti', 'siti@', '@example.id', 'siti@example', 'siti @example.id'])
      expect(check(email, v)).toEqual({ code: 'email' });
  });
});

describe('validateField: dates', () => {
  const birth = field({ kind: 'date', notInFuture: true });

  it('needs a real YYYY-MM-DD date', () => {
    expect(check(birth, '2024-02-29')).toBeNull();
    expect(check(birth, '2023-02-29')).toEqual({ code: 'date.invalid' });
    expect(check(birth, '2026-04-31')).toEqual({ code: 'date.invalid' });
    expect(check(birth, '22-11-2026')).toEqual({ code: 'date.invalid' });
    expect(check(birth, '2026-1-5')).toEqual({ code: 'date.invalid' });
  });

  it('refuses a future date when notInFuture, judged by the WIB calendar near midnight', () => {
    const after = { ...ctx, today: new Date('2026-11-21T17:30:00Z') }; // 22 Nov, 00:30 WIB
    const before = { ...ctx, today: new Date('2026-11-21T16:59:59Z') }; // 21 Nov, 23:59:59 WIB
    expect(check(birth, '2026-11-22', after)).toBeNull(); // today is fine
    expect(check(birth, '2026-11-23', after)).toEqual({ code: 'date.future' });
    expect(check(birth, '2026-11-21', before)).toBeNull();
    expect(check(birth, '2026-11-22', before)).toEqual({ code: 'date.future' });
    expect(check(field({ kind: 'date' }), '2030-01-01')).toBeNull();
  });
});

describe('validateField: NIK and KK', () => {
  it("passes the identity checks' codes through", () => {
    expect(check(field({ kind: 'nik' }), '3529 0152 0885 0003')).toBeNull();
    expect(check(field({ kind: 'nik' }), '9999991208850003')).toEqual({ code: 'nik.region' });
    expect(check(field({ kind: 'nik' }), '3529011208850000')).toEqual({ code: 'nik.serial' });
    expect(check(field({ kind: 'kk' }), '3529012201150004')).toBeNull();
    expect(check(field({ kind: 'kk' }), '352901220115')).toEqual({ code: 'kk.length' });
  });
});

describe('validateField: address', () => {
  const address = field({ kind: 'address' });
  const blank: AddressAnswer = { provinceCode: '', regencyCode: '', districtCode: '', villageCode: '', street: '' };

  it('needs district, village and street', () => {
    expect(check(address, ADDRESS)).toBeNull();
    expect(check(address, { ...ADDRESS, street: ' ' })).toEqual({ code: 'address.incomplete' });
    expect(check(address, { ...ADDRESS, villageCode: '' })).toEqual({ code: 'address.incomplete' });
    expect(check(address, { ...ADDRESS, districtCode: '', villageCode: '' })).toEqual({ code: 'address.incomplete' });
    expect(check(address, blank)).toEqual({ code: 'required' });
    expect(check(field({ kind: 'address', required: false }), blank)).toBeNull();
  });

  it('needs the village to lie in the district, and to exist when the region is known', () => {
    expect(check(address, { ...ADDRESS, districtCode: '35.29.01' })).toEqual({ code: 'address.village' });
    const withRegion = { ...ctx, villageExists: (code: string) => code === '35.29.22.2001' };
    expect(check(address, ADDRESS, withRegion)).toBeNull();
    expect(check(address, { ...ADDRESS, villageCode: '35.29.22.2099' }, withRegion)).toEqual({
      code: 'address.village',
    });
  });
});

describe('validateField: documents', () => {
  const doc = field({ kind: 'document', requirementId: 'kk', accept: ['image', 'pdf'] });

  it('is satisfied by at least one attachment', () => {
    expect(validateField(doc, undefined, [JPEG], ctx)).toBeNull();
    expect(validateField(doc, undefined, [JPEG, PDF], ctx)).toBeNull();
    expect(validateField(doc, undefined, [], ctx)).toEqual({ code: 'document.missing' });
    expect(validateField(doc, undefined, undefined, ctx)).toEqual({ code: 'document.missing' });
    expect(validateField({ ...doc, required: false }, undefined, [], ctx)).toBeNull();
  });

  it('accepts only the file types the field names', () => {
    const photoOnly = field({ kind: 'document', requirementId: 'pas-foto', accept: ['image'] });
    expect(validateField(photoOnly, undefined, [JPEG], ctx)).toBeNull();
    expect(validateField(photoOnly, undefined, [JPEG, PDF], ctx)).toEqual({
      code: 'document.type',
      params: { accept: 'image' },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The real birth-certificate form

const akta = SEED_SERVICES.find((s) => s.id === 'akta-kelahiran')!.form;

const VALID_ANSWERS: Record<string, AnswerValue> = {
  childName: 'Nur Aini',
  childSex: 'perempuan',
  dateOfBirth: '2026-11-20',
  placeOfBirth: 'Desa Gayam',
  birthAttendant: 'bidan',
  birthOrder: '2',
  motherNik: '3529 2454 0398 0002',
  kkNumber: '3529242201150004',
  phone: '0812-3456-7890',
};
const VALID_ATTACHMENTS: Record<string, AttachmentRef[]> = {
  suratKelahiranDoc: [JPEG],
  bukuNikahDoc: [JPEG],
  kkDoc: [JPEG],
  ktpElOrangTuaDoc: [JPEG, PDF],
};

describe('a whole draft: akta-kelahiran', () => {
  it('lists what is still missing, in form order', () => {
    expect(missingFields(akta, {}, {}, ctx.today)).toEqual([
      'childName',
      'childSex',
      'dateOfBirth',
      'placeOfBirth',
      'birthAttendant',
      'birthOrder',
      'motherNik',
      'kkNumber',
      'phone',
      'kkDoc',
      'ktpElOrangTuaDoc',
      'requirements.bukti-kelahiran',
      'requirements.bukti-perkawinan',
    ]);
    expect(
      missingFields(
        akta,
        { childName: 'Nur Aini', birthOrder: ' ', phone: '08' },
        { kkDoc: [JPEG], ktpElOrangTuaDoc: [], sptjmKelahiranDoc: [PDF] },
        ctx.today,
      ),
    ).toEqual([
      'childSex',
      'dateOfBirth',
      'placeOfBirth',
      'birthAttendant',
      'birthOrder',
      'motherNik',
      'kkNumber',
      'ktpElOrangTuaDoc',
      'requirements.bukti-perkawinan',
    ]);
    expect(missingFields(akta, VALID_ANSWERS, VALID_ATTACHMENTS, ctx.today)).toEqual([]);
  });

  it('has no errors when complete, optional fields left empty', () => {
    expect(validateDraft(akta, VALID_ANSWERS, VALID_ATTACHMENTS, ctx)).toEqual({});
  });

  it('reports each wrong field, and only those', () => {
    const answers = {
      ...VALID_ANSWERS,
      dateOfBirth: '2026-12-01',
      birthOrder: '0',
      fatherNik: '3529241208850000',
      email: 'ayah@',
      childSex: 'P',
    };
    expect(validateDraft(akta, answers, { kkDoc: [JPEG] }, ctx)).toEqual({
      childSex: { code: 'choice.invalid' },
      dateOfBirth: { code: 'date.future' },
      birthOrder: { code: 'number.min', params: { min: 1 } },
      fatherNik: { code: 'nik.serial' },
      email: { code: 'email' },
      ktpElOrangTuaDoc: { code: 'document.missing' },
      'requirements.bukti-kelahiran': { code: 'group.oneOf' },
      'requirements.bukti-perkawinan': { code: 'group.oneOf' },
    });
  });

  it('does not read inherited properties as answers', () => {
    const def: FormDefinition = {
      version: 1,
      fields: [{ kind: 'text', key: 'constructor', label: LABEL, required: true }],
    };
    expect(missingFields(def, {}, {}, ctx.today)).toEqual(['constructor']);
    expect(validateDraft(def, {}, {}, ctx)).toEqual({ constructor: { code: 'required' } });
  });
});

describe('draftAnswersSchema', () => {
  const schema = draftAnswersSchema(akta, ctx, VALID_ATTACHMENTS);

  it('accepts a valid submission and strips keys the form does not ask for', () => {
    const r = schema.safeParse({ ...VALID_ANSWERS, religion: 'Islam' });
    expect(r.success).toBe(true);
    expect(r.data).not.toHaveProperty('religion');
    expect(r.data).toMatchObject({ childName: 'Nur Aini', motherNik: '3529 2454 0398 0002' });
  });

  it('carries the FieldErrorCode as the issue message, with its params', () => {
    const r = schema.safeParse({
      ...VALID_ANSWERS,
      birthOrder: '31',
      childName: undefined,
      motherNik: '3529a',
      email: 'x',
    });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => ({
      path: i.path,
      message: i.message,
      ...('params' in i && i.params ? { params: i.params } : {}),
    }));
    expect(issues).toEqual([
      { path: ['childName'], message: 'required' },
      { path: ['birthOrder'], message: 'number.max', params: { max: 30 } },
      { path: ['motherNik'], message: 'nik.digits' },
      { path: ['email'], message: 'email' },
    ]);
  });

  it('agrees with validateDraft, field for field', () => {
    const answers = {
      ...VALID_ANSWERS,
      dateOfBirth: '2026-02-30',
      kkNumber: '9999992201150004',
      phone: '021 555 1234',
    };
    const fromDraft = validateDraft(akta, answers, VALID_ATTACHMENTS, ctx);
    const r = schema.safeParse(answers);
    const fromSchema = Object.fromEntries(r.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(fromSchema).toEqual(Object.fromEntries(Object.entries(fromDraft).map(([k, e]) => [k, e.code])));
    expect(fromSchema).toEqual({ dateOfBirth: 'date.invalid', kkNumber: 'kk.region', phone: 'phone' });
    expect(fromDraft.kkNumber).toEqual({ code: 'kk.region', confirmable: true });
  });

  it('refuses answers of a shape no draft can hold', () => {
    const r = schema.safeParse({
      ...VALID_ANSWERS,
      birthOrder: 2,
      childName: 'x'.repeat(5001),
      phone: { number: '0812' },
    });
    const byKey = Object.fromEntries(r.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(byKey).toEqual({ birthOrder: 'value.type', childName: 'text.tooLong', phone: 'value.type' });
  });

  it('judges documents by the attachments it is given: none given, required ones are missing', () => {
    const r = draftAnswersSchema(akta, ctx).safeParse(VALID_ANSWERS);
    expect(r.error!.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['kkDoc', 'document.missing'],
      ['ktpElOrangTuaDoc', 'document.missing'],
      ['requirements.bukti-kelahiran', 'group.oneOf'],
      ['requirements.bukti-perkawinan', 'group.oneOf'],
    ]);
  });
});
