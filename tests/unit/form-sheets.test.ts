// A form's definition survives the round trips it takes: to a spreadsheet's rows and back (every seed
// service), to the editor's working copy with rules as text and back, and through a new version that
// keeps the old one open with its requirements.
import { describe, expect, it } from 'vitest';
import { fromEditorState, toEditorState } from '../../src/app/office/form-editor-state.ts';
import { formForVersion, requirementsForVersion, type ServiceContent } from '../../src/domain/catalogue/service.ts';
import { fromWorkbook, toWorkbook } from '../../src/domain/forms/xlsform.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { nextVersions } from '../../src/server/catalogue/service-versions.ts';

describe('a form as spreadsheet rows', () => {
  it('reads back to the same definition, for every seeded service', () => {
    for (const s of SEED_SERVICES) {
      const content = { id: s.id, name: s.name, requirements: s.requirements, form: s.form };
      expect(fromWorkbook(toWorkbook(content)), s.id).toEqual({ ok: true, content });
    }
  });

  it('reads columns the XLSForm way: language suffixes, yes/no words, a missing sheet named', () => {
    const book = toWorkbook({ requirements: SEED_SERVICES[0]!.requirements, form: SEED_SERVICES[0]!.form });
    book.survey[0] = book.survey[0]!.map((h) => (typeof h === 'string' ? h.replace('Bahasa Indonesia (id)', 'id') : h));
    const required = book.survey[0]!.indexOf('required');
    for (const row of book.survey.slice(1)) row[required] = row[required] === 'yes' ? 'TRUE' : 'false';
    const read = fromWorkbook(book);
    expect(read.ok && read.content.form).toEqual(SEED_SERVICES[0]!.form);
    expect(fromWorkbook({ survey: book.survey })).toEqual({
      ok: false,
      issues: [
        { sheet: 'requirements', row: null, column: null, code: 'sheet.missing', params: { sheet: 'requirements' } },
      ],
    });
  });
});

describe('the editor’s working copy', () => {
  it('gives every seeded definition back unchanged', () => {
    for (const s of SEED_SERVICES)
      expect(fromEditorState(toEditorState(s)), s.id).toEqual({ ok: true, requirements: s.requirements, form: s.form });
  });

  it('names where a rule is wrong before saving', () => {
    const state = toEditorState(SEED_SERVICES.find((s) => s.id === 'ktp-el-hilang-rusak')!);
    const police = state.fields.findIndex((f) => f.key === 'suratKehilanganDoc');
    state.fields[police] = { ...state.fields[police]!, relevantText: "reason = 'lost'" };
    state.fields[0] = { ...state.fields[0]!, constraintText: 'reason =' };
    const built = fromEditorState(state);
    expect(built.ok).toBe(false);
    expect(!built.ok && built.issues).toEqual([
      {
        at: { kind: 'field', index: 0, part: 'constraint' },
        code: 'syntax.expectedValue',
        params: { at: 9, found: '' },
      },
    ]);
    state.fields[0] = { ...state.fields[0]!, constraintText: '' };
    const second = fromEditorState(state);
    expect(!second.ok && second.issues).toEqual([
      {
        at: { kind: 'field', index: police, part: 'relevant' },
        code: 'condition.option',
        params: { value: 'lost', field: 'reason' },
      },
    ]);
  });
});

describe('form versions', () => {
  const base = SEED_SERVICES.find((s) => s.id === 'surat-pengantar')!;
  const photo = { id: 'pas-foto', name: { id: 'Pas foto', en: 'Photo' }, form: 'original' as const, count: 1 };
  const changed: ServiceContent = {
    ...base,
    requirements: [...base.requirements, photo],
    form: {
      ...base.form,
      fields: [
        ...base.form.fields,
        {
          kind: 'document',
          key: 'pasFotoDoc',
          label: photo.name,
          required: true,
          requirementId: 'pas-foto',
          accept: ['image'],
        },
      ],
    },
  };

  it('a changed form is the next version; the old one stays open with the requirements it had', () => {
    const next = nextVersions(base, changed);
    expect(next.formVersion).toBe(2);
    expect(next.content.earlierForms).toEqual([{ ...base.form, requirements: base.requirements }]);
    expect(formForVersion(next.content, 1)).toEqual({ ...base.form, requirements: base.requirements });
    expect(requirementsForVersion(next.content, 1)).toEqual(base.requirements);
    expect(requirementsForVersion(next.content, 2)).toContainEqual(photo);
    // A closed or unknown version is shown with the current form.
    expect(formForVersion(next.content, 7).version).toBe(2);
  });

  it('an unchanged form keeps its version; earlierForms in the body only closes versions', () => {
    const v2 = nextVersions(base, changed).content;
    expect(nextVersions(v2, { ...v2, summary: { id: 'Baru', en: 'New' } }).formVersion).toBe(2);
    const forged = { ...base.form, version: 1, fields: base.form.fields.slice(0, 2), requirements: base.requirements };
    expect(nextVersions(v2, { ...v2, earlierForms: [forged] }).content.earlierForms).toEqual(v2.earlierForms);
    const closed = nextVersions(v2, { ...v2, earlierForms: [] });
    expect(closed.content.earlierForms).toBeUndefined();
    expect(closed.closed).toEqual([1]);
  });
});
