// The rules an application form's answers must meet, generated from its FormDefinition: the same
// code runs on the device (as the resident types, offline) and on the server (on submission).
// Errors are message codes with parameters, never texts: the app translates them.
import { z } from 'zod';
import type { FormDefinition, FormField } from '../catalogue/form.ts';
import { type AddressAnswer, AnswerValue, type AttachmentRef } from '../drafts/draft.ts';
import { checkKk, type KkError } from '../identity/kk.ts';
import { checkNik, isCalendarDate, type NikError } from '../identity/nik.ts';
import { isStorableText } from '../text.ts';
import { wibClock } from '../time/wib.ts';

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
  | 'value.type';

export interface FieldError {
  code: FieldErrorCode;
  params?: Record<string, string | number>;
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

export type Answers = Readonly<Record<string, AnswerValue>>;
export type Attachments = Readonly<Record<string, readonly AttachmentRef[]>>;

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

/**
 * A number as written in Indonesia (as the app writes Rupiah): dots group thousands, a comma marks
 * decimals — "1.500.000", "2,5". A lone "1.5" is refused rather than guessed: it reads as 1.5 in
 * English and as a typo of 1.500 in Indonesian.
 */
export function parseNumberAnswer(value: string): number | null {
  const text = value.replace(/\s/g, '');
  if (!/^-?(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d+)?$/.test(text)) return null;
  const n = Number(text.replaceAll('.', '').replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

const ACCEPTED_TYPES: Record<'image' | 'pdf', AttachmentRef['type']> = { image: 'image/jpeg', pdf: 'application/pdf' };

const isBlank = (s: string): boolean => s.trim() === '';
const isAddress = (v: AnswerValue): v is AddressAnswer => typeof v === 'object' && v !== null;

/** Whether the field has no answer yet. `false` is an answer to a yes/no question, not an absence. */
function isEmpty(
  field: FormField,
  value: AnswerValue | undefined,
  attachments: readonly AttachmentRef[] | undefined,
): boolean {
  if (field.kind === 'document') return !attachments || attachments.length === 0;
  if (value === undefined) return true;
  if (typeof value === 'string') return isBlank(value);
  if (isAddress(value)) return [value.districtCode, value.villageCode, value.street].every(isBlank);
  return false;
}

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

// Answers may come from JSON: a field key like "constructor" must not read Object.prototype.
const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

/** The errors of a draft, by field key; fields without errors are left out. */
export function validateDraft(
  def: FormDefinition,
  answers: Answers,
  attachments: Attachments,
  ctx: ValidationContext,
): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  for (const field of def.fields) {
    const error = validateField(field, own(answers, field.key), own(attachments, field.key), ctx);
    if (error) errors[field.key] = error;
  }
  return errors;
}

/** Keys of the required fields still empty, in form order: "what is still missing" in the drafts list. */
export function missingFields(def: FormDefinition, answers: Answers, attachments: Attachments): string[] {
  return def.fields
    .filter((f) => f.required && isEmpty(f, own(answers, f.key), own(attachments, f.key)))
    .map((f) => f.key);
}

/**
 * A zod schema of a form's answers for the server: one key per field, each checked by
 * validateField, with the FieldErrorCode as the issue's `message` (and its params as `params`).
 * Document fields are judged by `attachments`, the submission's files per field key: leaving it out
 * makes every required document fail with `document.missing` rather than pass unchecked. Keys not in
 * the form are stripped: only what the service asks for is kept (UU 27/2022).
 */
export function draftAnswersSchema(def: FormDefinition, ctx: ValidationContext, attachments: Attachments = {}) {
  const shape: Record<string, z.ZodType<AnswerValue | undefined, unknown>> = {};
  for (const field of def.fields) {
    // The key may be absent (optional in), yet the check must still run then: an absent required
    // answer is exactly what to report. A plain .optional() would make z.object drop the issues of
    // an absent key, and a non-optional schema makes it add zod's own "nonoptional" issue; piping
    // an optional input into the refined schema gives optional-in, checked-out.
    shape[field.key] = z
      .unknown()
      .optional()
      .pipe(
        z.custom<AnswerValue | undefined>().superRefine((value, issues) => {
          const error = shapeError(value) ?? validateField(field, value, own(attachments, field.key), ctx);
          if (error)
            issues.addIssue({ code: 'custom', message: error.code, ...(error.params ? { params: error.params } : {}) });
        }),
      );
  }
  return z.object(shape);
}

/** What a request body can hold that a stored draft cannot (validateField trusts the AnswerValue type). */
function shapeError(value: unknown): FieldError | null {
  if (value === undefined || AnswerValue.safeParse(value).success) return null;
  const texts = typeof value === 'string' ? [value] : typeof value === 'object' && value ? Object.values(value) : [];
  if (texts.some((t) => typeof t === 'string' && !isStorableText(t))) return { code: 'text.invalid' };
  if (typeof value === 'string') return { code: 'text.tooLong', params: { max: ANSWER_MAX_LENGTH } };
  return { code: 'value.type' };
}
