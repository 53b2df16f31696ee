// The resident's form in five steps: which step each field of a form is asked on (by what it asks,
// moved later when its relevance reads an answer of a later step), which step an error key belongs
// to, and when a step is complete.
import { describe, expect, it } from 'vitest';
import type { FormDefinition, FormField } from '../../src/domain/catalogue/form.ts';
import { parseCondition } from '../../src/domain/forms/rules/syntax.ts';
import {
  fieldSteps,
  nextStep,
  ownStep,
  previousStep,
  STEPS,
  stepComplete,
  stepErrorKeys,
  stepNumber,
  stepOfKey,
} from '../../src/domain/forms/steps.ts';
import type { FieldError } from '../../src/domain/forms/validate.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';

const L = { id: 'x', en: 'x' };
const when = (text: string) => {
  const parsed = parseCondition(text);
  if (!parsed.ok) throw new Error(text);
  return { relevant: parsed.condition };
};
const field = (f: Partial<FormField> & Pick<FormField, 'kind' | 'key'>): FormField =>
  ({ label: L, required: true, ...f }) as FormField;
const doc = (key: string, requirementId: string, extra: Partial<FormField> = {}): FormField =>
  field({ kind: 'document', key, requirementId, accept: ['image'], ...extra } as FormField);

const FORM: FormDefinition = {
  version: 1,
  fields: [
    field({ kind: 'nik', key: 'nik' }),
    field({ kind: 'text', key: 'fullName' }),
    field({ kind: 'kk', key: 'kkNumber' }),
    field({ kind: 'phone', key: 'phone' }),
    field({ kind: 'email', key: 'email', required: false }),
    field({ kind: 'nik', key: 'motherNik' }),
    field({
      kind: 'choice',
      key: 'reason',
      options: [
        { value: 'a', label: L },
        { value: 'b', label: L },
      ],
    }),
    // Asked about the applicant, but only for one reason: it waits for the step that asks the reason.
    field({ kind: 'phone', key: 'otherPhone', ...when("reason = 'b'") }),
    // Reads the phone (step 1) only: each stays in its own step, never moved earlier.
    field({ kind: 'email', key: 'otherEmail', required: false, ...when('answered(phone)') }),
    field({ kind: 'text', key: 'note', ...when('answered(phone)') }),
    doc('kkDoc', 'kk'),
    doc('ktpDoc', 'ktp'),
    // A chain: the place follows a document's field, which is in the documents step.
    field({ kind: 'text', key: 'place', ...when('answered(kkDoc)') }),
  ],
  groups: [{ id: 'ids', rule: 'oneOf', requirementIds: ['kk', 'ktp'] }],
};

const err: FieldError = { code: 'required' };

describe('form steps', () => {
  it('has the five steps in order, numbered from 1', () => {
    expect(STEPS).toEqual(['applicant', 'answers', 'documents', 'check', 'send']);
    expect(STEPS.map(stepNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(nextStep('documents')).toBe('check');
    expect(nextStep('send')).toBeUndefined();
    expect(previousStep('applicant')).toBeUndefined();
    expect(previousStep('send')).toBe('check');
  });

  it('asks identity and contact on the applicant step, uploads on the documents step, the rest as answers', () => {
    const own = Object.fromEntries(FORM.fields.map((f) => [f.key, ownStep(f)]));
    expect(own).toMatchObject({
      nik: 'applicant',
      fullName: 'applicant',
      kkNumber: 'applicant',
      phone: 'applicant',
      email: 'applicant',
      motherNik: 'answers', // someone else's number is a question of the service
      reason: 'answers',
      kkDoc: 'documents',
    });
  });

  it('moves a field to the latest step its relevance reads, following chains', () => {
    const steps = fieldSteps(FORM);
    expect(steps.get('otherPhone')).toBe('answers');
    expect(steps.get('otherEmail')).toBe('applicant');
    expect(steps.get('note')).toBe('answers');
    expect(steps.get('place')).toBe('documents');
    expect(steps.get('nik')).toBe('applicant');
  });

  it('puts the family card service’s NIK after the reason it depends on (seed form)', () => {
    const form = SEED_SERVICES.find((s) => s.id === 'kartu-keluarga')!.form;
    const steps = fieldSteps(form);
    expect(steps.get('nik')).toBe('answers');
    expect(steps.get('fullName')).toBe('applicant');
    expect(steps.get('phone')).toBe('applicant');
    expect(steps.get('reason')).toBe('answers');
    // Every field of every seeded form has a step.
    for (const s of SEED_SERVICES) expect(fieldSteps(s.form).size).toBe(s.form.fields.length);
  });

  it('gives every error key its step: fields, confirmations and requirement groups', () => {
    const steps = fieldSteps(FORM);
    expect(stepOfKey(steps, 'phone')).toBe('applicant');
    expect(stepOfKey(steps, 'nik.confirmed')).toBe('applicant');
    expect(stepOfKey(steps, 'motherNik.confirmed')).toBe('answers');
    expect(stepOfKey(steps, 'requirements.ids')).toBe('documents');
    expect(stepOfKey(steps, 'unknown')).toBeUndefined();
    const errors = { phone: err, reason: err, 'requirements.ids': err, 'nik.confirmed': err };
    expect(stepErrorKeys(steps, errors, 'applicant')).toEqual(['phone', 'nik.confirmed']);
    expect(stepErrorKeys(steps, errors, 'answers')).toEqual(['reason']);
    expect(stepErrorKeys(steps, errors, 'documents')).toEqual(['requirements.ids']);
  });

  it('counts a step complete when none of the errors is its; check and send when there are none', () => {
    const steps = fieldSteps(FORM);
    const errors = { reason: err };
    expect(stepComplete(steps, errors, 'applicant')).toBe(true);
    expect(stepComplete(steps, errors, 'answers')).toBe(false);
    expect(stepComplete(steps, errors, 'documents')).toBe(true);
    expect(stepComplete(steps, errors, 'check')).toBe(false);
    expect(stepComplete(steps, errors, 'send')).toBe(false);
    expect(stepComplete(steps, {}, 'send')).toBe(true);
  });
});
