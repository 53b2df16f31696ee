// The rule language of forms (issue 17): requirement groups, relevance, constraints across fields
// and the NIK cross-checks, on the seeded services' real forms; the text syntax and its round trip;
// clear errors for a wrong definition; and the server's schema refusing exactly what the device does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '../../src/domain/catalogue/form.ts';
import type { Requirement, ServiceContent } from '../../src/domain/catalogue/service.ts';
import type { AnswerValue, AttachmentRef } from '../../src/domain/drafts/draft.ts';
import { requirementChecklist } from '../../src/domain/forms/checklist.ts';
import { applicationNotes } from '../../src/domain/forms/notes.ts';
import { checkDefinition, describeIssue } from '../../src/domain/forms/rules/check.ts';
import type { Condition } from '../../src/domain/forms/rules/condition.ts';
import { ageOn, evaluate } from '../../src/domain/forms/rules/evaluate.ts';
import { parseCondition, printCondition } from '../../src/domain/forms/rules/syntax.ts';
import {
  confirmationKey,
  draftAnswersSchema,
  missingFields,
  type ValidationContext,
  validateDraft,
} from '../../src/domain/forms/validate.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';

const csv = readFileSync(new URL('../../node_modules/idn-area-data/data/districts.csv', import.meta.url), 'utf8');
const DISTRICTS = new Set(
  csv
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]!.replaceAll('.', '')),
);
const ctx: ValidationContext = {
  today: new Date('2026-11-22T08:00:00Z'),
  districtExists: (code6) => DISTRICTS.has(code6),
};

const service = (id: string): ServiceContent => SEED_SERVICES.find((s) => s.id === id)!;
const JPEG: AttachmentRef = { sha256: 'a'.repeat(64), type: 'image/jpeg', size: 120_000, name: 'surat.jpg' };

/** A woman of Kota Sumenep born 5 July 1990 (45 = 5 + 40), and a man born 12 August 1985. */
const WOMAN_1990 = '3529014507900003';
const MAN_1985 = '3529241208850001';

const parse = (text: string) => {
  const r = parseCondition(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.code}`);
  return r.condition;
};

/** validateDraft and the server's schema over the same answers: the same keys refused, or both accepting. */
function bothSides(form: FormDefinition, answers: Record<string, AnswerValue>, files: Record<string, AttachmentRef[]>) {
  const device = Object.fromEntries(
    Object.entries(validateDraft(form, answers, files, ctx)).map(([k, e]) => [k, e.code]),
  );
  const parsed = draftAnswersSchema(form, ctx, files).safeParse(answers);
  const server = parsed.success
    ? {}
    : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
  return { device, server, kept: parsed.success ? parsed.data : undefined };
}

// ---------------------------------------------------------------------------------------------

describe('requirement groups: birth certificate (birth letter OR its SPTJM, marriage book OR SPTJM)', () => {
  const akta = service('akta-kelahiran');
  const answers: Record<string, AnswerValue> = {
    childName: 'Nur Aini',
    childSex: 'perempuan',
    dateOfBirth: '2026-11-20',
    placeOfBirth: 'Desa Gayam',
    birthAttendant: 'bidan',
    birthOrder: '2',
    motherNik: WOMAN_1990,
    kkNumber: '3529242201150004',
    phone: '081234567890',
  };
  const base = { kkDoc: [JPEG], ktpElOrangTuaDoc: [JPEG], bukuNikahDoc: [JPEG] };

  it('is met by the SPTJM instead of the birth letter, and the review lists only what met it', () => {
    const files = { ...base, sptjmKelahiranDoc: [JPEG] };
    expect(validateDraft(akta.form, answers, files, ctx)).toEqual({});
    const checklist = requirementChecklist(akta.requirements, akta.form, answers, files, ctx.today);
    const birth = checklist.find((i) => i.kind === 'group' && i.group.id === 'bukti-kelahiran');
    expect(birth).toMatchObject({ kind: 'group', satisfied: true, checked: true });
    if (birth?.kind !== 'group') throw new Error('no group');
    expect(birth.used.map((u) => u.requirement.id)).toEqual(['sptjm-kelahiran']);
    // Nothing in the checklist names the unused alternative as still to bring.
    expect(checklist.some((i) => i.kind === 'requirement' && i.requirement.id === 'surat-kelahiran')).toBe(false);
  });

  it('is not met by neither, on the device and on the server', () => {
    const { device, server } = bothSides(akta.form, answers, base);
    expect(device).toEqual({ 'requirements.bukti-kelahiran': 'group.oneOf' });
    expect(server).toEqual(device);
    expect(missingFields(akta.form, answers, base, ctx.today)).toEqual(['requirements.bukti-kelahiran']);
  });

  it('all of and at least n of', () => {
    const form: FormDefinition = {
      version: 1,
      fields: ['a', 'b', 'c'].map((x) => ({
        kind: 'document' as const,
        key: `${x}Doc`,
        label: { id: x, en: x },
        required: false,
        requirementId: x,
        accept: ['image' as const],
      })),
      groups: [{ id: 'g', rule: 'atLeast', min: 2, requirementIds: ['a', 'b', 'c'] }],
    };
    expect(validateDraft(form, {}, { aDoc: [JPEG] }, ctx)).toEqual({
      'requirements.g': { code: 'group.atLeast', params: { min: 2 } },
    });
    expect(validateDraft(form, {}, { aDoc: [JPEG], cDoc: [JPEG] }, ctx)).toEqual({});
    const all: FormDefinition = { ...form, groups: [{ id: 'g', rule: 'allOf', requirementIds: ['a', 'b', 'c'] }] };
    expect(validateDraft(all, {}, { aDoc: [JPEG], cDoc: [JPEG] }, ctx)).toEqual({
      'requirements.g': { code: 'group.allOf' },
    });
    expect(validateDraft(all, {}, { aDoc: [JPEG], bDoc: [JPEG], cDoc: [JPEG] }, ctx)).toEqual({});
  });

  it('a group of papers shown at the counter (no uploads) is told, not checked', () => {
    const puskesmas = service('pendaftaran-puskesmas');
    const items = requirementChecklist(puskesmas.requirements, puskesmas.form, {}, {}, ctx.today);
    expect(items).toEqual([expect.objectContaining({ kind: 'group', checked: false })]);
    expect(Object.keys(validateDraft(puskesmas.form, {}, {}, ctx)).some((k) => k.startsWith('requirements.'))).toBe(
      false,
    );
  });
});

describe('relevance', () => {
  const lost = service('ktp-el-hilang-rusak');
  const answers: Record<string, AnswerValue> = {
    nik: WOMAN_1990,
    fullName: 'Siti Aminah',
    kkNumber: '3529242201150004',
    phone: '081234567890',
  };

  it('a lost KTP-el needs the police report; a damaged one does not, and then neither asks nor keeps it', () => {
    const hilang = bothSides(lost.form, { ...answers, reason: 'hilang' }, { kkDoc: [JPEG] });
    expect(hilang.device).toEqual({ suratKehilanganDoc: 'document.missing' });
    expect(hilang.server).toEqual(hilang.device);

    const rusak = bothSides(lost.form, { ...answers, reason: 'rusak' }, { kkDoc: [JPEG] });
    expect(rusak.device).toEqual({ ktpElRusakDoc: 'document.missing' });
    expect(rusak.server).toEqual(rusak.device);

    const ok = bothSides(lost.form, { ...answers, reason: 'hilang' }, { kkDoc: [JPEG], suratKehilanganDoc: [JPEG] });
    expect(ok.device).toEqual({});
    expect(ok.server).toEqual({});
  });

  it('hides what depends on an answer not given yet', () => {
    const rules = evaluate({ form: lost.form, answers: {}, attachments: {}, today: ctx.today });
    expect(rules.relevant('suratKehilanganDoc')).toBe(false);
    expect(rules.relevant('ktpElRusakDoc')).toBe(false);
    expect(rules.relevant('nik')).toBe(true);
  });

  it('under 17 and married on the KTP-el form asks for the marriage document, and only then', () => {
    const ktp = service('ktp-el-baru');
    const young = '3529014507100003'; // a woman born 5 July 2010: 16 on 22 November 2026
    const common = {
      nik: young,
      fullName: 'Siti',
      sex: 'perempuan',
      dateOfBirth: '2010-07-05',
      kkNumber: '3529242201150004',
      address: {
        provinceCode: '35',
        regencyCode: '35.29',
        districtCode: '35.29.22',
        villageCode: '35.29.22.2001',
        street: 'Jl. 1',
      },
      recordingPlace: 'kecamatan',
      phone: '081234567890',
    };
    const married = bothSides(ktp.form, { ...common, maritalStatus: 'kawin' }, { kkDoc: [JPEG] });
    expect(married.device).toEqual({ bukuNikahDoc: 'document.missing' });
    expect(married.server).toEqual(married.device);

    const unmarried = bothSides(ktp.form, { ...common, maritalStatus: 'belum-kawin' }, { kkDoc: [JPEG] });
    // Not married under 17: no KTP-el yet (the rule says so), and no marriage document is asked for.
    expect(unmarried.device).toEqual({ maritalStatus: 'constraint' });
    expect(unmarried.server).toEqual(unmarried.device);

    const adult = bothSides(
      ktp.form,
      { ...common, nik: WOMAN_1990, dateOfBirth: '1990-07-05', maritalStatus: 'belum-kawin' },
      { kkDoc: [JPEG] },
    );
    expect(adult.device).toEqual({});
    expect(adult.server).toEqual({});
  });

  it('the server keeps only the answers that apply (UU 27/2022)', () => {
    const { kept } = bothSides(
      lost.form,
      { ...answers, reason: 'rusak' },
      { kkDoc: [JPEG], ktpElRusakDoc: [JPEG], suratKehilanganDoc: [JPEG] },
    );
    expect(kept).toMatchObject({ reason: 'rusak', nik: WOMAN_1990 });
    const kk = service('kartu-keluarga');
    const rentan = bothSides(
      kk.form,
      {
        reason: 'penduduk-rentan',
        nik: WOMAN_1990, // typed before the resident said they have none: not kept
        fullName: 'Wa Ode',
        address: {
          provinceCode: '35',
          regencyCode: '35.29',
          districtCode: '35.29.22',
          villageCode: '35.29.22.2001',
          street: 'Pulau Sapeken',
        },
        vulnerableGroup: 'komunitas-terpencil',
        sex: 'perempuan',
        placeOfBirth: 'Sapeken',
        dateOfBirth: '1995-01-01',
        religion: 'islam',
        motherName: 'Wa Nuri',
        phone: '081234567890',
      },
      {},
    );
    expect(rentan.device).toEqual({});
    expect(rentan.kept).not.toHaveProperty('nik');
    expect(rentan.kept).toMatchObject({ vulnerableGroup: 'komunitas-terpencil', motherName: 'Wa Nuri' });
  });

  it('by marital status and age: the KIA photo from age 5', () => {
    const kia = service('kia');
    const rules = (date: string) =>
      evaluate({ form: kia.form, answers: { childDateOfBirth: date }, attachments: {}, today: ctx.today });
    expect(rules('2022-01-01').relevant('pasFotoDoc')).toBe(false);
    expect(rules('2021-11-22').relevant('pasFotoDoc')).toBe(true); // 5 today
    expect(rules('2021-11-23').relevant('pasFotoDoc')).toBe(false); // 5 tomorrow
  });
});

describe('constraints across fields, with messages in both languages', () => {
  const ktp = service('ktp-el-baru');
  const base: Record<string, AnswerValue> = {
    nik: WOMAN_1990,
    fullName: 'Siti Aminah',
    sex: 'perempuan',
    dateOfBirth: '1990-07-05',
    maritalStatus: 'kawin',
    kkNumber: '3529242201150004',
    address: {
      provinceCode: '35',
      regencyCode: '35.29',
      districtCode: '35.29.22',
      villageCode: '35.29.22.2001',
      street: 'Jl. 1',
    },
    recordingPlace: 'kecamatan',
    phone: '081234567890',
  };
  const files = { kkDoc: [JPEG] };

  it('a 2015 birth date with a 1990 NIK is refused, on both sides, with the definition’s message', () => {
    const errors = validateDraft(ktp.form, { ...base, dateOfBirth: '2015-03-01' }, files, ctx);
    expect(errors.dateOfBirth?.code).toBe('constraint');
    expect(errors.dateOfBirth?.message?.id).toMatch(/tanggal lahir dalam NIK/);
    expect(errors.dateOfBirth?.message?.en).toMatch(/date of birth differs from the one in the NIK/);
    const { device, server } = bothSides(ktp.form, { ...base, dateOfBirth: '2015-03-01' }, files);
    expect(server).toEqual(device);
    expect(device).toMatchObject({ dateOfBirth: 'constraint' });
  });

  it('the sex must be the one the NIK encodes', () => {
    const { device, server } = bothSides(ktp.form, { ...base, sex: 'laki-laki' }, files);
    expect(device).toEqual({ sex: 'constraint' });
    expect(server).toEqual(device);
  });

  it('the mother’s NIK must be a woman’s and the father’s a man’s', () => {
    const akta = service('akta-kelahiran').form;
    const errors = validateDraft(akta, { motherNik: MAN_1985, fatherNik: WOMAN_1990 }, {}, ctx);
    expect(errors.motherNik).toMatchObject({ code: 'constraint', message: { en: expect.stringMatching(/man’s NIK/) } });
    expect(errors.fatherNik).toMatchObject({ code: 'constraint' });
    const swapped = validateDraft(akta, { motherNik: WOMAN_1990, fatherNik: MAN_1985 }, {}, ctx);
    expect(swapped.motherNik).toBeUndefined();
    expect(swapped.fatherNik).toBeUndefined();
  });

  it('age limits: a KIA is for children under 17', () => {
    const kia = service('kia').form;
    expect(validateDraft(kia, { childDateOfBirth: '2009-11-22' }, {}, ctx).childDateOfBirth?.code).toBe('constraint');
    expect(validateDraft(kia, { childDateOfBirth: '2009-11-23' }, {}, ctx).childDateOfBirth).toBeUndefined();
  });

  it('cannot be judged, and so does not fail, while an answer it reads is missing or invalid', () => {
    const errors = validateDraft(ktp.form, { ...base, nik: '3529' }, files, ctx);
    expect(errors).toEqual({ nik: { code: 'nik.length' } });
  });
});

describe('identity numbers that match real data', () => {
  const ktp = service('ktp-el-baru');

  it('a retired region code (Merauke before the 2022 split, Tarakan before Kalimantan Utara) is accepted', () => {
    const merauke = '9101014507900003';
    expect(validateDraft(ktp.form, { nik: merauke }, {}, ctx).nik).toBeUndefined();
    expect(validateDraft(ktp.form, { kkNumber: '6473012201150004' }, {}, ctx).kkNumber).toBeUndefined();
  });

  it('an unknown region code is a warning the resident confirms, and then passes on both sides', () => {
    const unknown = '9999014507900003';
    const answers: Record<string, AnswerValue> = { nik: unknown };
    expect(validateDraft(ktp.form, answers, {}, ctx).nik).toEqual({ code: 'nik.region', confirmable: true });
    const confirmed = { ...answers, [confirmationKey('nik')]: unknown };
    expect(validateDraft(ktp.form, confirmed, {}, ctx).nik).toBeUndefined();
    // Confirming one number does not confirm another.
    const changed = { ...confirmed, nik: '9999024507900003' };
    expect(validateDraft(ktp.form, changed, {}, ctx).nik?.code).toBe('nik.region');
  });

  it('the server keeps the confirmation with the number, so the office sees it', () => {
    const lost = service('ktp-el-hilang-rusak');
    const unknown = '9999014507900003';
    const answers = {
      reason: 'rusak',
      nik: unknown,
      [confirmationKey('nik')]: unknown,
      fullName: 'Siti',
      kkNumber: '3529242201150004',
      phone: '081234567890',
    };
    const { device, server, kept } = bothSides(lost.form, answers, { kkDoc: [JPEG], ktpElRusakDoc: [JPEG] });
    expect(device).toEqual({});
    expect(server).toEqual({});
    expect(kept).toMatchObject({ nik: unknown, 'nik.confirmed': unknown });
  });
});

describe('what the office is told to notice', () => {
  const kk = service('kartu-keluarga');
  const base = { fullName: 'Wa Ode', phone: '081234567890' };

  it('a resident without a NIK is flagged with what Disdukcapil must do first', () => {
    const notes = applicationNotes(
      kk.form,
      { ...base, reason: 'penduduk-rentan', vulnerableGroup: 'komunitas-terpencil' },
      ctx.today,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'flag', field: 'vulnerableGroup' });
    expect(notes[0]?.kind === 'flag' && notes[0].text.id).toContain('Permendagri 96/2019');
  });

  it('no flag for a resident with a NIK, even if the hidden answer is still in the draft', () => {
    const notes = applicationNotes(
      kk.form,
      { ...base, reason: 'ubah-data', nik: WOMAN_1990, vulnerableGroup: 'komunitas-terpencil' },
      ctx.today,
    );
    expect(notes).toEqual([]);
  });

  it('a confirmed unknown region code and a retired one with today’s code', () => {
    const ktp = service('ktp-el-hilang-rusak');
    const unknown = '9999014507900003';
    expect(
      applicationNotes(ktp.form, { reason: 'rusak', nik: unknown, [confirmationKey('nik')]: unknown }, ctx.today),
    ).toEqual([{ kind: 'confirmed', field: 'nik' }]);
    const [retired] = applicationNotes(ktp.form, { reason: 'rusak', nik: '9101014507900003' }, ctx.today);
    expect(retired).toMatchObject({ kind: 'retired', field: 'nik' });
    expect(retired?.kind === 'retired' && retired.region.today).toBe('93.01.01');
  });
});

describe('the text syntax', () => {
  it('reads the examples of the issue', () => {
    expect(parse("reason = 'hilang'")).toEqual({
      op: 'eq',
      left: { fn: 'answer', field: 'reason' },
      right: { fn: 'value', value: 'hilang' },
    });
    expect(parse('age(dateOfBirth) < 17')).toEqual({
      op: 'lt',
      left: { fn: 'age', field: 'dateOfBirth' },
      right: { fn: 'value', value: 17 },
    });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: XLSForm names a field ${name}
    expect(parse('${maritalStatus} in (\'kawin\', "cerai-hidup")')).toEqual({
      op: 'in',
      left: { fn: 'answer', field: 'maritalStatus' },
      values: ['kawin', 'cerai-hidup'],
    });
    expect(parse('not (a = 1 or b = 2) and answered(c)')).toEqual({
      op: 'and',
      of: [
        {
          op: 'not',
          of: {
            op: 'or',
            of: [
              { op: 'eq', left: { fn: 'answer', field: 'a' }, right: { fn: 'value', value: 1 } },
              { op: 'eq', left: { fn: 'answer', field: 'b' }, right: { fn: 'value', value: 2 } },
            ],
          },
        },
        { op: 'answered', field: 'c' },
      ],
    });
    expect(parseCondition('. >= 17', 'age').ok).toBe(true);
  });

  it('says where a rule is wrong', () => {
    expect(parseCondition("reason = 'hilang")).toMatchObject({
      ok: false,
      error: { code: 'syntax.unterminatedString', params: { at: 10 } },
    });
    expect(parseCondition('reason hilang')).toMatchObject({
      ok: false,
      error: { code: 'syntax.expectedComparison', params: { at: 8 } },
    });
    expect(parseCondition('(a = 1')).toMatchObject({ ok: false, error: { code: 'syntax.expectedClose' } });
    expect(parseCondition('a = 1 ;')).toMatchObject({ ok: false, error: { code: 'syntax.unexpected' } });
    expect(parseCondition('. = 1')).toMatchObject({ ok: false, error: { code: 'syntax.thisField' } });
    expect(parseCondition('   ')).toMatchObject({ ok: false, error: { code: 'syntax.empty' } });
    expect(parseCondition('a = "it\'s"')).toMatchObject({ ok: false, error: { code: 'syntax.invalid' } });
  });

  it('never evaluates the text: code in a rule is a syntax error', () => {
    expect(parseCondition("reason = 'x'; process.exit(1)").ok).toBe(false);
    expect(parseCondition('constructor(x) = 1').ok).toBe(false);
  });

  it('prints what it reads: parse(print(c)) is c for every rule of the seed forms', () => {
    const rules = SEED_SERVICES.flatMap((s) => [
      ...s.form.fields.flatMap((f) => [f.relevant, f.constraint?.check]),
      ...(s.form.groups ?? []).map((g) => g.relevant),
    ]).filter((c): c is Condition => c !== undefined);
    expect(rules.length).toBeGreaterThan(20);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a field named like a keyword is written ${and}
    const tricky = parse("not not (a = 1 and (b = 2 or c != 'x')) or ${and} = true");
    for (const c of [...rules, tricky]) expect(parse(printCondition(c))).toEqual(c);
  });

  it('bounds nesting', () => {
    const deep = `${'not ('.repeat(12)}a = 1${')'.repeat(12)}`;
    expect(parseCondition(deep)).toMatchObject({ ok: false, error: { code: 'syntax.invalid' } });
  });
});

describe('a wrong definition gets clear errors', () => {
  const requirements: Requirement[] = [
    { id: 'a', name: { id: 'A', en: 'A' }, form: 'copy', count: 1 },
    { id: 'b', name: { id: 'B', en: 'B' }, form: 'copy', count: 1 },
  ];
  const form = (over: Partial<FormDefinition>): FormDefinition => ({
    version: 1,
    fields: [
      {
        kind: 'choice',
        key: 'reason',
        label: { id: 'r', en: 'r' },
        required: true,
        options: [
          { value: 'hilang', label: { id: 'h', en: 'h' } },
          { value: 'rusak', label: { id: 'r', en: 'r' } },
        ],
      },
      { kind: 'date', key: 'born', label: { id: 'b', en: 'b' }, required: true },
      { kind: 'text', key: 'name', label: { id: 'n', en: 'n' }, required: true },
      {
        kind: 'document',
        key: 'aDoc',
        label: { id: 'a', en: 'a' },
        required: false,
        requirementId: 'a',
        accept: ['image'],
      },
    ],
    ...over,
  });
  const issues = (def: FormDefinition) => checkDefinition(requirements, def).map((i) => [i.path, describeIssue(i)]);

  it('names unknown fields, wrong options and types, with where', () => {
    const bad = form({});
    bad.fields[2] = { ...bad.fields[2]!, relevant: parse("reasn = 'hilang'") } as never;
    bad.fields[3] = { ...bad.fields[3]!, relevant: parse("reason = 'lost'") } as never;
    bad.fields[1] = {
      ...bad.fields[1]!,
      constraint: { check: parse('age(name) < 17'), message: { id: 'x', en: 'x' } },
    } as never;
    expect(issues(bad)).toEqual([
      ['form.fields.1.constraint', 'age(name) needs a date field'],
      ['form.fields.2.relevant', 'the rule names field reasn, which the form does not have'],
      ['form.fields.3.relevant', 'lost is not an option of reason'],
    ]);
    const types = form({});
    types.fields[2] = { ...types.fields[2]!, relevant: parse('born = 3') } as never;
    expect(issues(types)).toEqual([['form.fields.2.relevant', 'cannot compare date with number in born = 3']]);
  });

  it('finds relevance in circles, groups of unknown requirements and misplaced minimums', () => {
    const circle = form({});
    circle.fields[1] = { ...circle.fields[1]!, relevant: parse('answered(name)') } as never;
    circle.fields[2] = { ...circle.fields[2]!, relevant: parse('answered(born)') } as never;
    expect(issues(circle).map(([, m]) => m)).toEqual(['relevance goes in a circle: born → name → born']);
    expect(
      issues(form({ groups: [{ id: 'g', rule: 'oneOf', min: 1, requirementIds: ['a', 'zz'] }] })).map(([, m]) => m),
    ).toEqual([
      'group g names requirement zz, which the service does not have',
      'group g: "at least" needs a min from 1 to the number of its requirements, and only "at least" takes one',
      'group g: either every requirement has a document field (checked on upload) or none has (brought to the office)',
    ]);
    expect(
      issues(form({ groups: [{ id: 'g', rule: 'oneOf', requirementIds: ['a', 'b'] }] })).map(([, m]) => m),
    ).toEqual([
      'group g: either every requirement has a document field (checked on upload) or none has (brought to the office)',
    ]);
  });

  it('every seeded service is a correct definition', () => {
    for (const s of SEED_SERVICES) expect(checkDefinition(s.requirements, s.form), s.id).toEqual([]);
  });
});

describe('age', () => {
  it('counts whole years on the WIB calendar', () => {
    const today = new Date('2026-07-04T17:30:00Z'); // 5 July 2026, 00:30 WIB
    expect(ageOn('1990-07-05', today)).toBe(36);
    expect(ageOn('1990-07-06', today)).toBe(35);
    expect(ageOn('2026-07-06', today)).toBeNull();
  });
});
