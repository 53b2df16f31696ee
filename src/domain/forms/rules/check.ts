// Whether a service's requirements and form make sense together, beyond their zod shape: rules that
// name fields which do not exist or compare things that cannot be compared, relevance that goes in
// circles, groups of unknown requirements. The editor shows these before saving and the server
// refuses a definition that has any, so a form that reaches a phone can always be filled in.
import type { FormDefinition, FormField } from '../../catalogue/form.ts';
import type { Requirement } from '../../catalogue/service.ts';
import { isCalendarDate } from '../../identity/nik.ts';
import { type Condition, conditionFields, type Expr, type Literal } from './condition.ts';
import { NIK_SEX } from './evaluate.ts';
import { printCondition } from './syntax.ts';

export type DefinitionIssueCode =
  | 'field.duplicate'
  | 'field.range'
  | 'choice.duplicate'
  | 'requirement.duplicate'
  | 'document.requirement'
  | 'condition.unknownField'
  | 'condition.cycle'
  | 'condition.notDate'
  | 'condition.notNik'
  | 'condition.address'
  | 'condition.types'
  | 'condition.order'
  | 'condition.option'
  | 'condition.value'
  | 'group.duplicate'
  | 'group.requirement'
  | 'group.twice'
  | 'group.min'
  | 'group.mixed';

export type DefinitionIssue = {
  /** Where, as a path into the service ("form.fields.3.relevant"). */
  path: string;
  code: DefinitionIssueCode;
  params: Record<string, string | number>;
};

const ENGLISH: Record<DefinitionIssueCode, string> = {
  'field.duplicate': 'field key {key} is used twice',
  'field.range': 'min {min} is above max {max}',
  'choice.duplicate': 'option {value} is listed twice',
  'requirement.duplicate': 'requirement {id} is listed twice',
  'document.requirement': 'document field {key} names requirement {id}, which the service does not have',
  'condition.unknownField': 'the rule names field {field}, which the form does not have',
  'condition.cycle': 'relevance goes in a circle: {fields}',
  'condition.notDate': '{fn}({field}) needs a date field',
  'condition.notNik': '{fn}({field}) needs a NIK field',
  'condition.address': 'an address ({field}) cannot be compared',
  'condition.types': 'cannot compare {left} with {right} in {rule}',
  'condition.order': '{rule} orders values that are not numbers or dates',
  'condition.option': '{value} is not an option of {field}',
  'condition.value': '{value} cannot be a {kind}',
  'group.duplicate': 'group {id} is defined twice',
  'group.requirement': 'group {id} names requirement {requirement}, which the service does not have',
  'group.twice': 'requirement {requirement} is in groups {first} and {second}',
  'group.min':
    'group {id}: "at least" needs a min from 1 to the number of its requirements, and only "at least" takes one',
  'group.mixed':
    'group {id}: either every requirement has a document field (checked on upload) or none has (brought to the office)',
};

/** One issue in English, for API errors (the editor translates the code itself). */
export function describeIssue(issue: DefinitionIssue): string {
  return ENGLISH[issue.code].replace(/\{(\w+)\}/g, (m, name: string) => String(issue.params[name] ?? m));
}

type RuleType =
  | { t: 'text' | 'number' | 'boolean' | 'date' | 'sex' }
  | { t: 'choice'; field: Extract<FormField, { kind: 'choice' }> }
  | { t: 'string'; value: string };

export function checkDefinition(requirements: readonly Requirement[], form: FormDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const issue = (path: string, code: DefinitionIssueCode, params: DefinitionIssue['params'] = {}) =>
    issues.push({ path, code, params });
  const fields = new Map<string, FormField>();
  const requirementIds = new Set<string>();

  for (const [i, r] of requirements.entries()) {
    if (requirementIds.has(r.id)) issue(`requirements.${i}.id`, 'requirement.duplicate', { id: r.id });
    requirementIds.add(r.id);
  }
  for (const [i, f] of form.fields.entries()) {
    if (fields.has(f.key)) issue(`form.fields.${i}.key`, 'field.duplicate', { key: f.key });
    else fields.set(f.key, f);
    if (f.kind === 'document' && !requirementIds.has(f.requirementId))
      issue(`form.fields.${i}.requirementId`, 'document.requirement', { key: f.key, id: f.requirementId });
    if (f.kind === 'number' && f.min !== undefined && f.max !== undefined && f.min > f.max)
      issue(`form.fields.${i}`, 'field.range', { min: f.min, max: f.max });
    if (f.kind === 'choice') {
      const values = f.options.map((o) => o.value);
      for (const [j, v] of values.entries())
        if (values.indexOf(v) !== j) issue(`form.fields.${i}.options.${j}.value`, 'choice.duplicate', { value: v });
    }
  }

  const typeOf = (e: Expr, path: string): RuleType | null => {
    if (e.fn === 'value') {
      const v = e.value;
      return typeof v === 'string' ? { t: 'string', value: v } : { t: typeof v === 'number' ? 'number' : 'boolean' };
    }
    const field = fields.get(e.field);
    if (!field) {
      issue(path, 'condition.unknownField', { field: e.field });
      return null;
    }
    if (e.fn === 'age') {
      if (field.kind !== 'date') issue(path, 'condition.notDate', { fn: e.fn, field: e.field });
      return { t: 'number' };
    }
    if (e.fn === 'nikBirthDate' || e.fn === 'nikSex') {
      if (field.kind !== 'nik') issue(path, 'condition.notNik', { fn: e.fn, field: e.field });
      return { t: e.fn === 'nikSex' ? 'sex' : 'date' };
    }
    switch (field.kind) {
      case 'address':
        issue(path, 'condition.address', { field: e.field });
        return null;
      case 'number':
      case 'document':
        return { t: 'number' };
      case 'date':
        return { t: 'date' };
      case 'yesNo':
        return { t: 'boolean' };
      case 'choice':
        return { t: 'choice', field };
      default:
        return { t: 'text' };
    }
  };

  /** Whether a constant string fits where a value of `type` is compared. */
  const fitsString = (value: string, type: RuleType, path: string): boolean => {
    switch (type.t) {
      case 'choice':
        if (type.field.options.some((o) => o.value === value)) return true;
        issue(path, 'condition.option', { value, field: type.field.key });
        return false;
      case 'date':
        if (isCalendarDate(value)) return true;
        issue(path, 'condition.value', { value, kind: 'date (YYYY-MM-DD)' });
        return false;
      case 'sex':
        if ((Object.values(NIK_SEX) as string[]).includes(value)) return true;
        issue(path, 'condition.value', { value, kind: `sex (${Object.values(NIK_SEX).join(' or ')})` });
        return false;
      case 'text':
      case 'string':
        return true;
      default:
        return false;
    }
  };
  const kindName = (type: RuleType) => (type.t === 'choice' ? `${type.field.key} (choice)` : type.t);
  const STRINGISH = new Set(['text', 'choice', 'sex', 'date', 'string']);

  const compareTypes = (a: RuleType, b: RuleType, ordered: boolean, path: string, rule: string) => {
    if (a.t === 'string' && b.t === 'string') return;
    if (b.t === 'string' && STRINGISH.has(a.t)) {
      if (fitsString(b.value, a, path) && ordered && a.t !== 'date') issue(path, 'condition.order', { rule });
      return;
    }
    if (a.t === 'string' && STRINGISH.has(b.t)) return compareTypes(b, a, ordered, path, rule);
    const base = (x: RuleType) => (x.t === 'choice' || x.t === 'sex' ? 'text' : x.t);
    if (base(a) !== base(b)) {
      issue(path, 'condition.types', { left: kindName(a), right: kindName(b), rule });
      return;
    }
    if (ordered && a.t !== 'number' && a.t !== 'date') issue(path, 'condition.order', { rule });
  };

  const checkCondition = (c: Condition, path: string) => {
    const rule = printCondition(c);
    switch (c.op) {
      case 'and':
      case 'or':
        for (const inner of c.of) checkCondition(inner, path);
        return;
      case 'not':
        checkCondition(c.of, path);
        return;
      case 'answered':
        if (!fields.has(c.field)) issue(path, 'condition.unknownField', { field: c.field });
        return;
      case 'in': {
        const left = typeOf(c.left, path);
        if (!left) return;
        for (const v of c.values) compareTypes(left, literalType(v), false, path, rule);
        return;
      }
      default: {
        const left = typeOf(c.left, path);
        const right = typeOf(c.right, path);
        if (left && right) compareTypes(left, right, c.op !== 'eq' && c.op !== 'ne', path, rule);
      }
    }
  };

  for (const [i, f] of form.fields.entries()) {
    if (f.relevant) checkCondition(f.relevant, `form.fields.${i}.relevant`);
    if (f.constraint) checkCondition(f.constraint.check, `form.fields.${i}.constraint`);
  }
  checkCycles(form, fields, issue);
  checkGroups(form, requirementIds, checkCondition, issue);
  return issues;
}

const literalType = (v: Literal): RuleType =>
  typeof v === 'string' ? { t: 'string', value: v } : { t: typeof v === 'number' ? 'number' : 'boolean' };

/** Relevance must not depend on itself, directly or through other fields' relevance. */
function checkCycles(
  form: FormDefinition,
  fields: Map<string, FormField>,
  issue: (path: string, code: DefinitionIssueCode, params: DefinitionIssue['params']) => void,
) {
  const dependsOn = (f: FormField) => (f.relevant ? conditionFields(f.relevant).filter((k) => fields.has(k)) : []);
  const reported = new Set<string>();
  for (const [i, start] of form.fields.entries()) {
    // Depth-first from each field: a path that comes back to it is a cycle.
    const stack: Array<{ key: string; path: string[] }> = [{ key: start.key, path: [start.key] }];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const { key, path } = stack.pop()!;
      for (const next of dependsOn(fields.get(key)!)) {
        if (next === start.key) {
          const cycle = [...path, next];
          const id = [...new Set(cycle)].sort().join(',');
          if (!reported.has(id)) {
            reported.add(id);
            issue(`form.fields.${i}.relevant`, 'condition.cycle', { fields: cycle.join(' → ') });
          }
        } else if (!seen.has(next)) {
          seen.add(next);
          stack.push({ key: next, path: [...path, next] });
        }
      }
    }
  }
}

function checkGroups(
  form: FormDefinition,
  requirementIds: Set<string>,
  checkCondition: (c: Condition, path: string) => void,
  issue: (path: string, code: DefinitionIssueCode, params: DefinitionIssue['params']) => void,
) {
  const groupOf = new Map<string, string>();
  const ids = new Set<string>();
  for (const [i, g] of (form.groups ?? []).entries()) {
    const path = `form.groups.${i}`;
    if (ids.has(g.id)) issue(`${path}.id`, 'group.duplicate', { id: g.id });
    ids.add(g.id);
    for (const r of g.requirementIds) {
      if (!requirementIds.has(r)) issue(`${path}.requirementIds`, 'group.requirement', { id: g.id, requirement: r });
      const first = groupOf.get(r);
      if (first) issue(`${path}.requirementIds`, 'group.twice', { requirement: r, first, second: g.id });
      else groupOf.set(r, g.id);
    }
    const minFits = g.min !== undefined && g.min <= g.requirementIds.length;
    if (g.rule === 'atLeast' ? !minFits : g.min !== undefined) issue(`${path}.min`, 'group.min', { id: g.id });
    const withDocs = g.requirementIds.filter((r) =>
      form.fields.some((f) => f.kind === 'document' && f.requirementId === r),
    ).length;
    if (withDocs > 0 && withDocs < g.requirementIds.length) issue(path, 'group.mixed', { id: g.id });
    if (g.relevant) checkCondition(g.relevant, `${path}.relevant`);
  }
}
