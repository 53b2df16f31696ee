// A draft's answers and files as the form rules read them: by field key, absent until answered.
import type { FormField } from '../catalogue/form.ts';
import type { AddressAnswer, AnswerValue, AttachmentRef } from '../drafts/draft.ts';

export type Answers = Readonly<Record<string, AnswerValue>>;
export type Attachments = Readonly<Record<string, readonly AttachmentRef[]>>;

// Answers may come from JSON: a field key like "constructor" must not read Object.prototype.
export const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

export const isBlank = (s: string): boolean => s.trim() === '';
export const isAddress = (v: AnswerValue): v is AddressAnswer => typeof v === 'object' && v !== null;

/** Whether the field has no answer yet. `false` is an answer to a yes/no question, not an absence. */
export function isEmpty(
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
