// The rules an application form's answers must meet, generated from its FormDefinition: the same
// code runs on the device (as the resident types, offline) and on the server (on submission), so the
// server refuses exactly what the device would have. Besides each field's own checks: relevance (a
// field applies only while its condition holds), constraints across fields, requirement groups, and
// warnings the resident may confirm. Errors are message codes with parameters, never texts (a
// constraint's message is the definition's own, in both languages): the app translates them.
import { z } from 'zod';
import type { FormDefinition, FormField, RequirementGroup } from '../catalogue/form.ts';
import { type AddressAnswer, AnswerValue, type AttachmentRef } from '../drafts/draft.ts';
import { checkKk, type KkError } from '../identity/kk.ts';
import { checkNik, isCalendarDate, type NikError, normalizeIdNumber } from '../identity/nik.ts';
import { isStorableText, type LocalizedText } from '../text.ts';
import { wibClock } from '../time/wib.ts';
import { type Answers, type Attachments, isAddress, isBlank, isEmpty, own, parseNumberAnswer } from './answers.ts';
import { type Evaluation, evaluate } from './rules/evaluate.ts';

export { type Answers, type Attachments, parseNumberAnswer };

export type FieldErrorCode =
  | 'required'
  | NikError
  | KkError
  | 'phone'
  | 'email'
  | 'date.invalid'
  | 'date.future'
  | 'number.invalid'
  | 'number.min'
  | 'number.max'
  | 'text.tooLong'
  /** NUL or a broken character (isStorableText): nothing a keyboard types, so pasted or forged. */
  | 'text.invalid'
  | 'choice.invalid'
  | 'address.incomplete'
  /** The village is not in the region dataset, or not in the chosen district. */
  | 'address.village'
  /** A required document field has no attachment. */
  | 'document.missing'
  /** An attachment's file type is not one the field accepts. */
  | 'document.type'
  /** The answer has the wrong shape for the field (e.g. text for a yes/no): a bug or a forged request. */
  | 'value.type'
  /** The field's constraint is broken; `message` says how, in the definition's words. */
  | 'constraint'
  /** A requirement group is not met by the files attached (`min` for atLeast). */
  | 'group.oneOf'
  | 'group.allOf'
  | 'group.atLeast';

export interface FieldError {
  code: FieldErrorCode;
  params?: Record<string, string | number>;
  /** A constraint's message, from the form definition. */
  message?: LocalizedText;
  /** A warning the resident may confirm (a region code not in today's list): confirmed, it passes. */
  confirmable?: true;
}

export interface ValidationContext {
  /** Now; dates "not in the future" and NIK birth years are judged against its WIB calendar date. */
  today: Date;
  /** Any district of Indonesia (6 digits, no dots): NIK and KK carry where a person was first registered. */
  districtExists(code6: string): boolean;
  /** A village of the served region (e.g. "35.29.22.2001"); when absent, village codes are not checked. */
  villageExists?(code: string): boolean;
}

/** The longest answer any draft can store (AnswerValue). */
const ANSWER_MAX_LENGTH = 5000;

// ---------------------------------------------------------------------------------------------
// Single values

/**
 * An Indonesian mobile number as `+628…`, or null. Accepts `08…` (10–13 digits in all), `628…` and
 * `+628…`, with the spaces and dashes people type to group digits.
 */
export function normalizePhone(value: string): string | null {
  const compact = value.replace(/[\s-]/g, '');
  const m = /^(?:0|\+?62)(8\d{8,11})$/.exec(compact);
  return m ? `+62${m[1]}` : null;
}

const Email = z.email();

export function isEmail(value: string): boolean {
  return Email.safeParse(value.trim()).success;
}

const ACCEPTED_TYPES: Record<'image' | 'pdf', AttachmentRef['type']> = { image: 'image/jpeg', pdf: 'application/pdf' };

// ---------------------------------------------------------------------------------------------
// Fields

/** The first problem with one field's answer, or null. The single source of the form rules. */
export function validateField(
  field: FormField,
  value: AnswerValue | undefined,
  attachments: readonly AttachmentRef[] | undefined,
  ctx: ValidationContext,
): FieldError | null {
  if (isEmpty(field, value, attachments)) {
    if (!field.required) return null;
    return { code: field.kind === 'document' ? 'document.missing' : 'required' };
  }
  if (field.kind === 'document') {
    const accepted = field.accept.map((a) => ACCEPTED_TYPES[a]);
    const wrong = attachments?.find((a) => !accepted.includes(a.type));
    return wrong ? { code: 'document.type', params: { accept: field.accept.join(',') } } : null;
  }
  if (value === undefined) return null; // not reached: isEmpty covers it; narrows the type below
  switch (field.kind) {
    case 'yesNo':
      return typeof value === 'boolean' ? null : { code: 'value.type' };
    case 'address':
      if (!isAddress(value)) return { code: 'value.type' };
      return Object.values(value).every(isStorableText) ? checkAddress(value, ctx) : { code: 'text.invalid' };
    default:
      if (typeof value !== 'string') return { code: 'value.type' };
      return isStorableText(value) ? checkText(field, value, ctx) : { code: 'text.invalid' };
  }
}

function checkText(
  field: Exclude<FormField, { kind: 'yesNo' | 'address' | 'document' }>,
  value: string,
  ctx: ValidationContext,
): FieldError | null {
  switch (field.kind) {
    case 'text':
    case 'longText': {
      // Code points, as a person counts characters (an emoji is one); surrounding spaces are not
      // counted because they are trimmed before the answer is shown or printed anywhere.
      const length = [...value.trim()].length;
      return field.maxLength !== undefined && length > field.maxLength
        ? { code: 'text.tooLong', params: { max: field.maxLength } }
        : null;
    }
    case 'number': {
      const n = parseNumberAnswer(value);
      if (n === null) return { code: 'number.invalid' };
      if (field.min !== undefined && n < field.min) return { code: 'number.min', params: { min: field.min } };
      if (field.max !== undefined && n > field.max) return { code: 'number.max', params: { max: field.max } };
      return null;
    }
    case 'date': {
      const date = value.trim();
      if (!isCalendarDate(date)) return { code: 'date.invalid' };
      // ISO dates compare as text; today itself is allowed (a birth registered on the day).
      return field.notInFuture && date > wibClock(ctx.today).date ? { code: 'date.future' } : null;
    }
    case 'choice':
      return field.options.some((o) => o.value === value) ? null : { code: 'choice.invalid' };
    case 'phone':
      return normalizePhone(value) ? null : { code: 'phone' };
    case 'email':
      return isEmail(value) ? null : { code: 'email' };
    case 'nik': {
      const r = checkNik(value, ctx);
      return r.ok ? null : { code: r.error };
    }
    case 'kk': {
      const r = checkKk(value, ctx);
      return r.ok ? null : { code: r.error };
    }
  }
}

function checkAddress(address: AddressAnswer, ctx: ValidationContext): FieldError | null {
  if ([address.districtCode, address.villageCode, address.street].some(isBlank)) return { code: 'address.incomplete' };
  // A village code starts with its district's code ("35.29.22.2001" is in "35.29.22"): a village
  // left over after the district was changed must not slip through.
  if (!address.villageCode.startsWith(`${address.districtCode}.`)) return { code: 'address.village' };
  if (ctx.villageExists && !ctx.villageExists(address.villageCode)) return { code: 'address.village' };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Whole forms

/** Where a requirement group's error is reported: never a field key (those have no dot). */
export const groupErrorKey = (groupId: string): string => `requirements.${groupId}`;

/**
 * The answer key that holds the resident's confirmation of a field's warning: the number they
 * confirmed (a different number needs confirming again). Never a field key (those have no dot).
 */
export const confirmationKey = (fieldKey: string): string => `${fieldKey}.confirmed`;

const CONFIRMABLE: ReadonlySet<FieldErrorCode> = new Set(['nik.region', 'kk.region']);

function confirmed(answers: Answers, field: FormField, value: AnswerValue | undefined): boolean {
  const given = own(answers, confirmationKey(field.key));
  return typeof given === 'string' && typeof value === 'string' && given === normalizeIdNumber(value);
}

/**
 * The document fields whose requirement belongs to a checked group (every requirement of the group
 * has a document field): the group decides whether they are needed, not their own `required`.
 */
function groupedDocuments(def: FormDefinition): Map<string, RequirementGroup> {
  const grouped = new Map<string, RequirementGroup>();
  for (const group of def.groups ?? []) {
    if (!isCheckedGroup(def, group)) continue;
    for (const f of def.fields)
      if (f.kind === 'document' && group.requirementIds.includes(f.requirementId)) grouped.set(f.key, group);
  }
  return grouped;
}

/** Whether the device and the server check a group: all its requirements have a document field. */
export function isCheckedGroup(def: FormDefinition, group: RequirementGroup): boolean {
  return group.requirementIds.every((id) => def.fields.some((f) => f.kind === 'document' && f.requirementId === id));
}

export type GroupState = {
  /** Requirements of the group that apply (one whose every document field is hidden does not). */
  members: string[];
  /** Of those, the ones with a file attached, with how many files. */
  attached: Array<{ requirementId: string; files: number }>;
  /** How many must be attached. */
  needed: number;
  satisfied: boolean;
};

/** How far a checked group is met by the files attached to its relevant document fields. */
export function groupState(
  def: FormDefinition,
  group: RequirementGroup,
  rules: Evaluation,
  attachments: Attachments,
): GroupState {
  const members: string[] = [];
  const attached: GroupState['attached'] = [];
  for (const requirementId of group.requirementIds) {
    const docs = def.fields.filter((f) => f.kind === 'document' && f.requirementId === requirementId);
    const shown = docs.filter((f) => rules.relevant(f.key));
    if (shown.length === 0) continue;
    members.push(requirementId);
    const files = shown.reduce((n, f) => n + (own(attachments, f.key)?.length ?? 0), 0);
    if (files > 0) attached.push({ requirementId, files });
  }
  const needed =
    group.rule === 'oneOf'
      ? Math.min(1, members.length)
      : group.rule === 'allOf'
        ? members.length
        : Math.min(group.min ?? 1, members.length);
  return { members, attached, needed, satisfied: attached.length >= needed };
}

/** The errors of a draft, by field key (groups by groupErrorKey); fields without errors are left out. */
export function validateDraft(
  def: FormDefinition,
  answers: Answers,
  attachments: Attachments,
  ctx: ValidationContext,
): Record<string, FieldError> {
  const rules = evaluate({ form: def, answers, attachments, today: ctx.today });
  const grouped = groupedDocuments(def);
  const errors: Record<string, FieldError> = {};
  for (const field of def.fields) {
    // A field that does not apply is neither required nor checked (its answer is kept on the
    // device, in case the resident changes their mind, and dropped by the server).
    if (!rules.relevant(field.key)) continue;
    const value = own(answers, field.key);
    const rule = grouped.has(field.key) ? { ...field, required: false } : field;
    const error = validateField(rule, value, own(attachments, field.key), ctx);
    if (error && CONFIRMABLE.has(error.code)) {
      if (!confirmed(answers, field, value)) errors[field.key] = { ...error, confirmable: true };
    } else if (error) errors[field.key] = error;
    if (error && !CONFIRMABLE.has(error.code)) continue;
    if (field.constraint && rules.holds(field.constraint.check) === false && !errors[field.key])
      errors[field.key] = { code: 'constraint', params: { field: field.key }, message: field.constraint.message };
  }
  for (const group of def.groups ?? []) {
    if (!isCheckedGroup(def, group) || !rules.groupRelevant(group)) continue;
    const state = groupState(def, group, rules, attachments);
    if (!state.satisfied)
      errors[groupErrorKey(group.id)] = {
        code: `group.${group.rule}`,
        ...(group.rule === 'atLeast' ? { params: { min: state.needed } } : {}),
      };
  }
  return errors;
}

/**
 * What is still missing, in form order: keys of the relevant required fields still empty, then the
 * groupErrorKey of each group not met yet — "what is still missing" in the drafts list.
 */
export function missingFields(def: FormDefinition, answers: Answers, attachments: Attachments, today: Date): string[] {
  const rules = evaluate({ form: def, answers, attachments, today });
  const grouped = groupedDocuments(def);
  const fields = def.fields
    .filter((f) => f.required && !grouped.has(f.key) && rules.relevant(f.key))
    .filter((f) => isEmpty(f, own(answers, f.key), own(attachments, f.key)))
    .map((f) => f.key);
  const groups = (def.groups ?? [])
    .filter((g) => isCheckedGroup(def, g) && rules.groupRelevant(g))
    .filter((g) => !groupState(def, g, rules, attachments).satisfied)
    .map((g) => groupErrorKey(g.id));
  return [...fields, ...groups];
}

/** The fields that apply to these answers, in form order: what a review lists and the server keeps. */
export function relevantFields(def: FormDefinition, answers: Answers, attachments: Attachments, today: Date) {
  const rules = evaluate({ form: def, answers, attachments, today });
  return def.fields.filter((f) => rules.relevant(f.key));
}

/**
 * A zod schema of a form's answers for the server: every rule of validateDraft, each error as an
 * issue on its key with the FieldErrorCode as `message` (and its params as `params`). Document
 * fields are judged by `attachments`, the submission's files per field key: leaving it out makes
 * every required document fail with `document.missing` rather than pass unchecked. Only the answers
 * of relevant fields are kept (and the confirmations of their warnings): what the service does not
 * ask for is not stored (UU 27/2022).
 */
export function draftAnswersSchema(def: FormDefinition, ctx: ValidationContext, attachments: Attachments = {}) {
  return z.record(z.string(), z.unknown()).transform((raw, issues) => {
    const report = (key: string, error: FieldError) =>
      issues.addIssue({
        code: 'custom',
        path: [key],
        message: error.code,
        ...(error.params ? { params: error.params } : {}),
        input: own(raw, key),
      });
    const answers: Record<string, AnswerValue> = {};
    const wrongShape = new Set<string>();
    for (const field of def.fields) {
      const value = own(raw, field.key);
      const error = shapeError(value);
      if (error) {
        wrongShape.add(field.key);
        report(field.key, error);
      } else if (value !== undefined) answers[field.key] = value as AnswerValue;
      const confirmation = own(raw, confirmationKey(field.key));
      if ((field.kind === 'nik' || field.kind === 'kk') && typeof confirmation === 'string')
        answers[confirmationKey(field.key)] = confirmation.slice(0, 32);
    }
    const errors = validateDraft(def, answers, attachments, ctx);
    for (const [key, error] of Object.entries(errors)) if (!wrongShape.has(key)) report(key, error);
    if (wrongShape.size > 0 || Object.keys(errors).length > 0) return z.NEVER;
    const kept: Record<string, AnswerValue> = {};
    for (const field of relevantFields(def, answers, attachments, ctx.today)) {
      const value = own(answers, field.key);
      if (value !== undefined) kept[field.key] = value;
      const confirmation = own(answers, confirmationKey(field.key));
      if (confirmation !== undefined && confirmed(answers, field, value))
        kept[confirmationKey(field.key)] = confirmation;
    }
    return kept;
  });
}

/** What a request body can hold that a stored draft cannot (validateField trusts the AnswerValue type). */
function shapeError(value: unknown): FieldError | null {
  if (value === undefined || AnswerValue.safeParse(value).success) return null;
  const texts = typeof value === 'string' ? [value] : typeof value === 'object' && value ? Object.values(value) : [];
  if (texts.some((t) => typeof t === 'string' && !isStorableText(t))) return { code: 'text.invalid' };
  if (typeof value === 'string') return { code: 'text.tooLong', params: { max: ANSWER_MAX_LENGTH } };
  return { code: 'value.type' };
}
