// Evaluating the rule language against a draft's answers. Logic has three values: a comparison with
// an answer that is missing or not valid yet is *unknown*, `and`/`or`/`not` follow Kleene's rules,
// and only a definite result acts — a field is shown only when its condition is true, a constraint
// fails only when its check is false. So a half-filled form never shows rules it cannot judge yet.

import type { FormDefinition, FormField, RequirementGroup } from '../../catalogue/form.ts';
import { decodeNik, isCalendarDate, normalizeIdNumber } from '../../identity/nik.ts';
import { wibClock } from '../../time/wib.ts';
import { type Answers, type Attachments, isEmpty, own, parseNumberAnswer } from '../answers.ts';
import type { Condition, Expr, Literal } from './condition.ts';

export type RuleValue = Literal;
type Tri = boolean | undefined;

/** The values `nikSex` gives, the same as the seed forms' sex options. */
export const NIK_SEX = { male: 'laki-laki', female: 'perempuan' } as const;

/** Whole years from a YYYY-MM-DD birth date to the WIB date of `today`; null for a date to come. */
export function ageOn(birthDate: string, today: Date): number | null {
  const now = wibClock(today).date;
  if (birthDate > now) return null;
  const years = Number(now.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // ISO month-day compares as text: the birthday this year has not come yet.
  return now.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export interface RuleScope {
  form: FormDefinition;
  answers: Answers;
  attachments: Attachments;
  today: Date;
}

/** What the rules say about one draft: which fields and groups apply, and what conditions hold. */
export interface Evaluation {
  relevant(key: string): boolean;
  groupRelevant(group: RequirementGroup): boolean;
  holds(condition: Condition): Tri;
  value(expr: Expr): RuleValue | undefined;
}

export function evaluate(scope: RuleScope): Evaluation {
  const fields = new Map(scope.form.fields.map((f) => [f.key, f]));
  const relevance = new Map<string, boolean>();
  const visiting = new Set<string>();

  const relevant = (key: string): boolean => {
    const known = relevance.get(key);
    if (known !== undefined) return known;
    const field = fields.get(key);
    if (!field) return false;
    // A cycle is refused by checkDefinition; should one reach here, its fields stay hidden.
    if (visiting.has(key)) return false;
    visiting.add(key);
    const result = field.relevant ? holds(field.relevant) === true : true;
    visiting.delete(key);
    relevance.set(key, result);
    return result;
  };

  /** The answer as the rules read it: only a relevant field's, only a valid one. */
  const answer = (field: FormField): RuleValue | undefined => {
    if (!relevant(field.key)) return undefined;
    const value = own(scope.answers, field.key);
    const files = own(scope.attachments, field.key);
    if (field.kind === 'document') return files?.length ?? 0;
    if (isEmpty(field, value, files)) return undefined;
    switch (field.kind) {
      case 'yesNo':
        return typeof value === 'boolean' ? value : undefined;
      case 'address':
        return undefined;
      case 'number':
        return typeof value === 'string' ? (parseNumberAnswer(value) ?? undefined) : undefined;
      case 'date':
        return typeof value === 'string' && isCalendarDate(value.trim()) ? value.trim() : undefined;
      case 'nik':
      case 'kk':
        return typeof value === 'string' ? normalizeIdNumber(value) : undefined;
      case 'choice':
        return typeof value === 'string' && field.options.some((o) => o.value === value) ? value : undefined;
      default:
        return typeof value === 'string' ? value.trim() : undefined;
    }
  };

  const value = (expr: Expr): RuleValue | undefined => {
    if (expr.fn === 'value') return expr.value;
    const field = fields.get(expr.field);
    if (!field) return undefined;
    const v = answer(field);
    switch (expr.fn) {
      case 'answer':
        return v;
      case 'age':
        return field.kind === 'date' && typeof v === 'string' ? (ageOn(v, scope.today) ?? undefined) : undefined;
      case 'nikBirthDate':
      case 'nikSex': {
        const decoded = field.kind === 'nik' && typeof v === 'string' ? decodeNik(v, scope.today) : null;
        if (!decoded) return undefined;
        return expr.fn === 'nikBirthDate' ? decoded.birthDate : NIK_SEX[decoded.sex];
      }
    }
  };

  const holds = (c: Condition): Tri => {
    switch (c.op) {
      case 'and': {
        const results = c.of.map(holds);
        return results.includes(false) ? false : results.includes(undefined) ? undefined : true;
      }
      case 'or': {
        const results = c.of.map(holds);
        return results.includes(true) ? true : results.includes(undefined) ? undefined : false;
      }
      case 'not': {
        const r = holds(c.of);
        return r === undefined ? undefined : !r;
      }
      case 'answered': {
        const field = fields.get(c.field);
        if (!field) return false;
        return relevant(c.field) && !isEmpty(field, own(scope.answers, c.field), own(scope.attachments, c.field));
      }
      case 'in': {
        const left = value(c.left);
        return left === undefined ? undefined : c.values.some((v) => v === left);
      }
      default:
        return compare(c.op, value(c.left), value(c.right));
    }
  };

  const groupRelevant = (group: RequirementGroup): boolean => !group.relevant || holds(group.relevant) === true;

  return { relevant, groupRelevant, holds, value };
}

function compare(op: Exclude<Condition['op'], 'and' | 'or' | 'not' | 'answered' | 'in'>, a?: RuleValue, b?: RuleValue) {
  if (a === undefined || b === undefined || typeof a !== typeof b) return undefined;
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
  }
}
