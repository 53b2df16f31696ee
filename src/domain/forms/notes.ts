// What the office should notice about an application, from its form and answers: the flags the form
// sets on answered fields (e.g. a resident without a NIK, to be registered first), numbers whose
// region code is not in today's list but which the resident confirmed, and retired region codes.
import type { FormDefinition } from '../catalogue/form.ts';
import { normalizeIdNumber } from '../identity/nik.ts';
import { type RetiredRegion, retiredRegion } from '../identity/retired-regions.ts';
import type { LocalizedText } from '../text.ts';
import { type Answers, isEmpty, own } from './answers.ts';
import { evaluate } from './rules/evaluate.ts';
import { confirmationKey } from './validate.ts';

export type ApplicationNote =
  | { kind: 'flag'; field: string; text: LocalizedText }
  | { kind: 'confirmed'; field: string }
  | { kind: 'retired'; field: string; region: RetiredRegion };

export function applicationNotes(form: FormDefinition, answers: Answers, today: Date): ApplicationNote[] {
  const rules = evaluate({ form, answers, attachments: {}, today });
  const notes: ApplicationNote[] = [];
  for (const field of form.fields) {
    if (field.kind === 'document' || !rules.relevant(field.key)) continue;
    const value = own(answers, field.key);
    if (isEmpty(field, value, undefined)) continue;
    if (field.flag) notes.push({ kind: 'flag', field: field.key, text: field.flag });
    if ((field.kind === 'nik' || field.kind === 'kk') && typeof value === 'string') {
      const number = normalizeIdNumber(value);
      if (own(answers, confirmationKey(field.key)) === number) notes.push({ kind: 'confirmed', field: field.key });
      const retired = retiredRegion(number.slice(0, 6));
      if (retired) notes.push({ kind: 'retired', field: field.key, region: retired });
    }
  }
  return notes;
}
