// The form editor's working copy of a service's requirements and form: the definition with every rule
// as the text the administrator types (the rule syntax of domain/forms/rules/syntax.ts). Turning it
// back into a definition parses each rule and checks the whole as the server will: the problems, each
// with where it is, are shown before anything is saved.
import { FormDefinition, type FormField, type RequirementGroup } from '../../domain/catalogue/form.ts';
import { Requirement, type ServiceContent } from '../../domain/catalogue/service.ts';
import { checkDefinition, type DefinitionIssueCode } from '../../domain/forms/rules/check.ts';
import type { Condition } from '../../domain/forms/rules/condition.ts';
import { parseCondition, printCondition, type SyntaxErrorCode } from '../../domain/forms/rules/syntax.ts';
import type { LocalizedText } from '../../domain/text.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A field as edited: its rules as text. */
export type FieldDraft = DistributiveOmit<FormField, 'relevant' | 'constraint'> & {
  /** A stable id for the list while keys are being typed. */
  uid: string;
  relevantText: string;
  constraintText: string;
  constraintMessage: LocalizedText;
};
export type GroupDraft = Omit<RequirementGroup, 'relevant'> & { uid: string; relevantText: string };
export type RequirementDraft = Requirement & { uid: string };

export type EditorState = {
  version: number;
  requirements: RequirementDraft[];
  fields: FieldDraft[];
  groups: GroupDraft[];
};

export type EditorIssue = {
  /** Where: a field, a requirement or a group (its index in the editor's lists), or the whole form. */
  at: { kind: 'field' | 'requirement' | 'group'; index: number; part?: string } | { kind: 'form' };
  code: SyntaxErrorCode | DefinitionIssueCode | 'schema';
  params: Record<string, string | number>;
};

let next = 0;
export const newUid = (): string => `u${++next}`;
const printed = (c: Condition | undefined) => (c ? printCondition(c) : '');

export function toEditorState(content: Pick<ServiceContent, 'requirements' | 'form'>): EditorState {
  return {
    version: content.form.version,
    requirements: content.requirements.map((r) => ({ ...r, uid: newUid() })),
    fields: content.form.fields.map((f) => {
      const { relevant, constraint, ...rest } = f;
      return {
        ...rest,
        uid: newUid(),
        relevantText: printed(relevant),
        constraintText: printed(constraint?.check),
        constraintMessage: constraint?.message ?? { id: '', en: '' },
      } as FieldDraft;
    }),
    groups: (content.form.groups ?? []).map((g) => {
      const { relevant, ...rest } = g;
      return { ...rest, uid: newUid(), relevantText: printed(relevant) };
    }),
  };
}

export type Built =
  | { ok: true; requirements: Requirement[]; form: FormDefinition }
  | { ok: false; issues: EditorIssue[] };

/** The definition the editor holds, or every problem with it (rule syntax, shapes, rules together). */
export function fromEditorState(state: EditorState): Built {
  const issues: EditorIssue[] = [];
  const rule = (text: string, at: EditorIssue['at'], self?: string): Condition | undefined => {
    if (text.trim() === '') return undefined;
    const parsed = parseCondition(text, self);
    if (parsed.ok) return parsed.condition;
    issues.push({ at, code: parsed.error.code, params: parsed.error.params });
    return undefined;
  };
  const fields = state.fields.map((f, index) => {
    const { uid: _u, relevantText, constraintText, constraintMessage, ...rest } = f;
    const relevant = rule(relevantText, { kind: 'field', index, part: 'relevant' });
    const check = rule(constraintText, { kind: 'field', index, part: 'constraint' }, f.key);
    return {
      ...rest,
      ...(relevant ? { relevant } : {}),
      ...(check ? { constraint: { check, message: constraintMessage } } : {}),
    };
  });
  const groups = state.groups.map((g, index) => {
    const { uid: _u, relevantText, ...rest } = g;
    const relevant = rule(relevantText, { kind: 'group', index, part: 'relevant' });
    return { ...rest, ...(relevant ? { relevant } : {}) };
  });
  const requirements = state.requirements.map(({ uid: _u, ...r }) => r);
  if (issues.length > 0) return { ok: false, issues };

  const form = FormDefinition.safeParse({
    version: state.version,
    fields,
    ...(groups.length > 0 ? { groups } : {}),
  });
  const reqs = Requirement.array().min(1).safeParse(requirements);
  const place = (path: readonly PropertyKey[]): EditorIssue['at'] => {
    const [top, index, part] = path;
    if (typeof index !== 'number') return { kind: 'form' };
    const kind =
      top === 'fields' ? 'field' : top === 'groups' ? 'group' : top === 'requirements' ? 'requirement' : null;
    return kind ? { kind, index, ...(part !== undefined ? { part: String(part) } : {}) } : { kind: 'form' };
  };
  if (!form.success)
    for (const i of form.error.issues)
      issues.push({ at: place(i.path), code: 'schema', params: { message: i.message, path: i.path.join('.') } });
  if (!reqs.success)
    for (const i of reqs.error.issues)
      issues.push({
        at: place(['requirements', ...i.path]),
        code: 'schema',
        params: { message: i.message, path: i.path.join('.') },
      });
  if (!form.success || !reqs.success) return { ok: false, issues };

  for (const i of checkDefinition(reqs.data, form.data)) {
    const parts = i.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    issues.push({ at: place(parts[0] === 'form' ? parts.slice(1) : parts), code: i.code, params: i.params });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, requirements: reqs.data, form: form.data };
}

/** "pas-foto" → "pasFotoDoc": the key of a requirement's document field, as the seed forms name them. */
export const documentKey = (requirementId: string) =>
  `${requirementId.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase())}Doc`;

/** A new field of a kind, with what that kind needs. */
export function blankField(kind: FormField['kind'], key: string): FieldDraft {
  const base = {
    uid: newUid(),
    key,
    label: { id: '', en: '' },
    required: true,
    relevantText: '',
    constraintText: '',
    constraintMessage: { id: '', en: '' },
  };
  switch (kind) {
    case 'choice':
      return {
        ...base,
        kind,
        options: [
          { value: 'ya', label: { id: 'Ya', en: 'Yes' } },
          { value: 'tidak', label: { id: 'Tidak', en: 'No' } },
        ],
      };
    case 'document':
      return { ...base, kind, requirementId: '', accept: ['image', 'pdf'] };
    default:
      return { ...base, kind } as FieldDraft;
  }
}

/** Options as lines "value | label (id) | label (en)", as a choice field is edited. */
export function optionsText(field: FieldDraft): string {
  return field.kind === 'choice'
    ? field.options.map((o) => `${o.value} | ${o.label.id} | ${o.label.en}`).join('\n')
    : '';
}

export function parseOptions(text: string): Array<{ value: string; label: LocalizedText }> {
  return text
    .split('\n')
    .map((line) => line.split('|').map((p) => p.trim()))
    .filter((parts) => parts.some(Boolean))
    .map(([value = '', id = '', en = '']) => ({ value, label: { id, en: en || id } }));
}
