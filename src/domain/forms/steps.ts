// The resident's form in five steps (GOV.UK's "one thing per page"): who applies, the service's
// questions, the documents, check, send. A form definition does not name steps, so a field's step
// follows from what it asks: identity and contact fields are the applicant's, uploads are documents,
// the rest are the service's questions. A field shown only for an answer of a later step moves to
// that step, so no step asks something that depends on a page the resident has not seen yet.
import type { FormDefinition, FormField } from '../catalogue/form.ts';
import { NOTIFY_CHANNEL_KEY } from '../notifications/notice.ts';
import { conditionFields } from './rules/condition.ts';
import type { FieldError } from './validate.ts';

export const STEPS = ['applicant', 'answers', 'documents', 'check', 'send'] as const;
export type Step = (typeof STEPS)[number];
/** The steps that hold fields. */
export type FieldStep = Extract<Step, 'applicant' | 'answers' | 'documents'>;

/** Who the applicant is and how to reach them, whatever the service. */
const APPLICANT_KINDS: ReadonlySet<FormField['kind']> = new Set(['kk', 'phone', 'email']);
const APPLICANT_KEYS: ReadonlySet<string> = new Set(['nik', 'fullName', 'parentNik', NOTIFY_CHANNEL_KEY]);

const ORDER: Record<FieldStep, number> = { applicant: 0, answers: 1, documents: 2 };

/** The step a field belongs to by what it asks, before its conditions are considered. */
export function ownStep(field: FormField): FieldStep {
  if (field.kind === 'document') return 'documents';
  return APPLICANT_KINDS.has(field.kind) || APPLICANT_KEYS.has(field.key) ? 'applicant' : 'answers';
}

/**
 * The step of every field of a form, by key: its own step, or the latest step of a field its
 * relevance reads (followed through chains of conditions).
 */
export function fieldSteps(form: FormDefinition): Map<string, FieldStep> {
  const byKey = new Map(form.fields.map((f) => [f.key, f]));
  const steps = new Map<string, FieldStep>();
  const visiting = new Set<string>();
  const stepOf = (key: string): FieldStep | undefined => {
    const known = steps.get(key);
    if (known) return known;
    const field = byKey.get(key);
    // A condition on an unknown key or a cycle (rejected by checkDefinition): no move.
    if (!field || visiting.has(key)) return undefined;
    visiting.add(key);
    let step = ownStep(field);
    for (const read of field.relevant ? conditionFields(field.relevant) : []) {
      const other = stepOf(read);
      if (other && ORDER[other] > ORDER[step]) step = other;
    }
    visiting.delete(key);
    steps.set(key, step);
    return step;
  };
  for (const f of form.fields) stepOf(f.key);
  return steps;
}

/**
 * The step an error key belongs to: a field's key, a confirmation of a field (`nik.confirmed`), or a
 * requirement group's key (`requirements.<id>`, the documents).
 */
export function stepOfKey(steps: ReadonlyMap<string, FieldStep>, key: string): FieldStep | undefined {
  const direct = steps.get(key);
  if (direct) return direct;
  if (key.startsWith('requirements.')) return 'documents';
  if (key.endsWith('.confirmed')) return steps.get(key.slice(0, -'.confirmed'.length));
  return undefined;
}

/** The keys of the errors of one step, in the order they came (validateDraft's: form order). */
export function stepErrorKeys(
  steps: ReadonlyMap<string, FieldStep>,
  errors: Record<string, FieldError>,
  step: FieldStep,
): string[] {
  return Object.keys(errors).filter((k) => stepOfKey(steps, k) === step);
}

/** Whether a step is complete: none of the draft's errors is its. The check and send steps hold none. */
export function stepComplete(
  steps: ReadonlyMap<string, FieldStep>,
  errors: Record<string, FieldError>,
  step: Step,
): boolean {
  if (step === 'check' || step === 'send') return Object.keys(errors).length === 0;
  return stepErrorKeys(steps, errors, step).length === 0;
}

/** Step 1–5 of a step, for "Langkah 2 dari 5". */
export const stepNumber = (step: Step): number => STEPS.indexOf(step) + 1;
export const nextStep = (step: Step): Step | undefined => STEPS[STEPS.indexOf(step) + 1];
export const previousStep = (step: Step): Step | undefined => STEPS[STEPS.indexOf(step) - 1];
