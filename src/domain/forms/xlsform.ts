// A service's form as a spreadsheet, in the spirit of XLSForm (the format of ODK, Enketo and Kobo):
// a `survey` sheet with a row per field (its kind, key, labels, `required`, `relevant`, `constraint`…),
// a `choices` sheet with the options of each choice field, a `requirements` sheet with the standard's
// requirements and their groups, and `settings`. Only the mapping between rows of cells and the
// definition lives here (pure); reading and writing .xlsx files is the server's (catalogue/spreadsheet.ts).
// Writing then reading gives the same definition back.
import { FormDefinition, type FormField, type GroupRule } from '../catalogue/form.ts';
import { Requirement } from '../catalogue/service.ts';
import type { LocalizedText } from '../text.ts';
import { checkDefinition, type DefinitionIssueCode } from './rules/check.ts';
import type { Condition } from './rules/condition.ts';
import { parseCondition, printCondition, type SyntaxErrorCode } from './rules/syntax.ts';

export type Cell = string | number | boolean | null;
/** Rows of cells, the first the column names. */
export type Sheet = Cell[][];
export const SHEETS = ['survey', 'choices', 'requirements', 'settings'] as const;
export type SheetName = (typeof SHEETS)[number];
export type FormWorkbook = Record<SheetName, Sheet>;

/** What a spreadsheet holds: the service's id and name (settings), its requirements and its form. */
export type FormSheetContent = {
  id?: string;
  name?: LocalizedText;
  requirements: Requirement[];
  form: FormDefinition;
};

export type SheetIssueCode =
  | 'sheet.missing'
  | 'sheet.column'
  | 'row.type'
  | 'row.empty'
  | 'row.value'
  | 'row.language'
  | 'row.list'
  | 'row.schema'
  | SyntaxErrorCode
  | DefinitionIssueCode;

/** A problem, where a person can find it: the sheet, the row number as the spreadsheet shows it, the column. */
export type SheetIssue = {
  sheet: SheetName;
  row: number | null;
  column: string | null;
  code: SheetIssueCode;
  params: Record<string, string | number>;
};

const LANGS = { id: 'Bahasa Indonesia (id)', en: 'English (en)' } as const;
const both = (base: string) => [`${base}::${LANGS.id}`, `${base}::${LANGS.en}`];

const SURVEY_COLUMNS = [
  'type',
  'name',
  ...both('label'),
  ...both('hint'),
  'required',
  'relevant',
  'constraint',
  ...both('constraint_message'),
  ...both('flag'),
  'max_length',
  'min',
  'max',
  'not_in_future',
  'requirement',
  'accept',
];
const CHOICE_COLUMNS = ['list_name', 'name', ...both('label')];
const REQUIREMENT_COLUMNS = [
  'type',
  'name',
  ...both('label'),
  'form',
  'count',
  ...both('notes'),
  'requirements',
  'min',
  'relevant',
];
const SETTINGS_COLUMNS = ['form_id', ...both('form_title'), 'version'];

/** Field kinds by their XLSForm-style type (`select_one <list>` for a choice). */
const TYPES: Record<Exclude<FormField['kind'], 'choice'>, string> = {
  text: 'text',
  longText: 'long_text',
  number: 'number',
  date: 'date',
  yesNo: 'yes_no',
  phone: 'phone',
  email: 'email',
  nik: 'nik',
  kk: 'kk',
  address: 'address',
  document: 'document',
};
const KIND_OF_TYPE = new Map(Object.entries(TYPES).map(([kind, type]) => [type, kind as FormField['kind']]));
const GROUP_TYPES: Record<GroupRule, string> = { oneOf: 'one_of', allOf: 'all_of', atLeast: 'at_least' };
const RULE_OF_TYPE = new Map(Object.entries(GROUP_TYPES).map(([rule, type]) => [type, rule as GroupRule]));

// ---------------------------------------------------------------------------------------------
// Writing

const yesNo = (v: boolean | undefined): Cell => (v === undefined ? null : v ? 'yes' : 'no');
const texts = (t: LocalizedText | undefined): Cell[] => [t?.id ?? null, t?.en ?? null];
const rule = (c: Condition | undefined): Cell => (c ? printCondition(c) : null);

export function toWorkbook(content: FormSheetContent): FormWorkbook {
  const { form } = content;
  const survey: Sheet = [SURVEY_COLUMNS];
  const choices: Sheet = [CHOICE_COLUMNS];
  for (const f of form.fields) {
    survey.push([
      f.kind === 'choice' ? `select_one ${f.key}` : TYPES[f.kind],
      f.key,
      ...texts(f.label),
      ...texts(f.help),
      yesNo(f.required),
      rule(f.relevant),
      rule(f.constraint?.check),
      ...texts(f.constraint?.message),
      ...texts(f.flag),
      (f.kind === 'text' || f.kind === 'longText') && f.maxLength !== undefined ? f.maxLength : null,
      f.kind === 'number' && f.min !== undefined ? f.min : null,
      f.kind === 'number' && f.max !== undefined ? f.max : null,
      f.kind === 'date' ? yesNo(f.notInFuture) : null,
      f.kind === 'document' ? f.requirementId : null,
      f.kind === 'document' ? f.accept.join(' ') : null,
    ]);
    if (f.kind === 'choice') for (const o of f.options) choices.push([f.key, o.value, ...texts(o.label)]);
  }
  const requirements: Sheet = [REQUIREMENT_COLUMNS];
  for (const r of content.requirements)
    requirements.push(['requirement', r.id, ...texts(r.name), r.form, r.count, ...texts(r.notes), null, null, null]);
  for (const g of form.groups ?? [])
    requirements.push([
      GROUP_TYPES[g.rule],
      g.id,
      null,
      null,
      null,
      null,
      null,
      null,
      g.requirementIds.join(' '),
      g.min ?? null,
      rule(g.relevant),
    ]);
  const settings: Sheet = [SETTINGS_COLUMNS, [content.id ?? null, ...texts(content.name), form.version]];
  return { survey, choices, requirements, settings };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** One sheet's rows as records by column name (case and spacing of names ignored), with row numbers. */
function table(sheet: Sheet | undefined) {
  const [header = [], ...rows] = sheet ?? [];
  const columns = header.map((h) => (typeof h === 'string' ? normalizeColumn(h) : ''));
  return rows
    .map((cells, i) => ({
      row: i + 2,
      get: (name: string): Cell => {
        const at = columns.indexOf(normalizeColumn(name));
        return at < 0 ? null : (cells[at] ?? null);
      },
      empty: cells.every((c) => c === null || (typeof c === 'string' && c.trim() === '')),
    }))
    .filter((r) => !r.empty);
}

/** "label::Bahasa Indonesia (id)", "label::id" and "Label :: id" are one column. */
function normalizeColumn(name: string): string {
  const m = /^\s*([^:]+?)\s*::\s*(?:.*\(\s*(\w+)\s*\)|(\w+))\s*$/.exec(name);
  return m ? `${m[1]!.toLowerCase()}::${(m[2] ?? m[3])!.toLowerCase()}` : name.trim().toLowerCase();
}

type Row = ReturnType<typeof table>[number];

export function fromWorkbook(
  book: Partial<FormWorkbook>,
): { ok: true; content: FormSheetContent } | { ok: false; issues: SheetIssue[] } {
  const issues: SheetIssue[] = [];
  const issue = (sheet: SheetName, row: number | null, column: string | null, code: SheetIssueCode, params = {}) =>
    issues.push({ sheet, row, column, code, params });

  for (const name of ['survey', 'requirements'] as const)
    if (!book[name]) issue(name, null, null, 'sheet.missing', { sheet: name });
  if (issues.length > 0) return { ok: false, issues };
  const header = (sheet: SheetName) =>
    (book[sheet]?.[0] ?? []).map((h) => (typeof h === 'string' ? normalizeColumn(h) : ''));
  for (const [sheet, needed] of [
    ['survey', ['type', 'name', 'label::id', 'label::en']],
    ['requirements', ['type', 'name']],
  ] as const)
    for (const column of needed)
      if (!header(sheet).includes(column)) issue(sheet, 1, column, 'sheet.column', { column });
  if (issues.length > 0) return { ok: false, issues };

  const cells = (sheet: SheetName) => ({
    text(r: Row, column: string, required = false): string | undefined {
      const v = r.get(column);
      const s = v === null ? '' : String(v).trim();
      if (s === '' && required) issue(sheet, r.row, column, 'row.empty', { column });
      return s === '' ? undefined : s;
    },
    number(r: Row, column: string): number | undefined {
      const v = r.get(column);
      if (v === null || v === '') return undefined;
      const n = typeof v === 'number' ? v : Number(String(v).trim());
      if (!Number.isFinite(n)) issue(sheet, r.row, column, 'row.value', { column, value: String(v) });
      return Number.isFinite(n) ? n : undefined;
    },
    flag(r: Row, column: string): boolean | undefined {
      const v = r.get(column);
      if (v === null || v === '') return undefined;
      if (typeof v === 'boolean') return v;
      const s = String(v).trim().toLowerCase();
      if (['yes', 'ya', 'true', '1', 'true()'].includes(s)) return true;
      if (['no', 'tidak', 'false', '0', 'false()'].includes(s)) return false;
      issue(sheet, r.row, column, 'row.value', { column, value: String(v) });
      return undefined;
    },
    localized(r: Row, base: string, required = false): LocalizedText | undefined {
      const id = this.text(r, `${base}::id`);
      const en = this.text(r, `${base}::en`);
      if (id && en) return { id, en };
      if (id || en || required) issue(sheet, r.row, `${base}::${id ? 'en' : 'id'}`, 'row.language', { column: base });
      return undefined;
    },
    rule(r: Row, column: string, self?: string): Condition | undefined {
      const text = this.text(r, column);
      if (!text) return undefined;
      const parsed = parseCondition(text, self);
      if (parsed.ok) return parsed.condition;
      issue(sheet, r.row, column, parsed.error.code, { ...parsed.error.params, column });
      return undefined;
    },
  });

  // choices: options by list name, in sheet order
  const c = cells('choices');
  const lists = new Map<string, Array<{ value: string; label: LocalizedText }>>();
  for (const r of table(book.choices)) {
    const list = c.text(r, 'list_name', true);
    const value = c.text(r, 'name', true);
    const label = c.localized(r, 'label', true);
    if (!list || !value || !label) continue;
    lists.set(list, [...(lists.get(list) ?? []), { value, label }]);
  }

  // survey: one field per row
  const s = cells('survey');
  const fieldRows: number[] = [];
  const fields: unknown[] = [];
  for (const r of table(book.survey)) {
    const type = s.text(r, 'type', true);
    const key = s.text(r, 'name', true);
    const label = s.localized(r, 'label', true);
    if (!type || !key) continue;
    const select = /^select_one\s+(\S+)$/.exec(type);
    const kind = select ? 'choice' : KIND_OF_TYPE.get(type);
    if (!kind) {
      issue('survey', r.row, 'type', 'row.type', { value: type });
      continue;
    }
    const help = s.localized(r, 'hint');
    const relevant = s.rule(r, 'relevant');
    const check = s.rule(r, 'constraint', key);
    const message = s.localized(r, 'constraint_message', check !== undefined);
    const flag = s.localized(r, 'flag');
    const field: Record<string, unknown> = {
      kind,
      key,
      label,
      ...(help ? { help } : {}),
      required: s.flag(r, 'required') ?? false,
      ...(relevant ? { relevant } : {}),
      ...(check && message ? { constraint: { check, message } } : {}),
      ...(flag ? { flag } : {}),
    };
    const put = (name: string, value: unknown) => {
      if (value !== undefined) field[name] = value;
    };
    if (kind === 'text' || kind === 'longText') put('maxLength', s.number(r, 'max_length'));
    if (kind === 'number') {
      put('min', s.number(r, 'min'));
      put('max', s.number(r, 'max'));
    }
    if (kind === 'date') put('notInFuture', s.flag(r, 'not_in_future'));
    if (kind === 'document') {
      put('requirementId', s.text(r, 'requirement', true));
      put('accept', (s.text(r, 'accept') ?? 'image pdf').split(/[\s,]+/));
    }
    if (select) {
      const options = lists.get(select[1]!);
      if (!options) issue('survey', r.row, 'type', 'row.list', { list: select[1]! });
      put('options', options ?? []);
    }
    fields.push(field);
    fieldRows.push(r.row);
  }

  // requirements and groups
  const q = cells('requirements');
  const requirements: unknown[] = [];
  const requirementRows: number[] = [];
  const groups: unknown[] = [];
  const groupRows: number[] = [];
  for (const r of table(book.requirements)) {
    const type = q.text(r, 'type', true);
    const id = q.text(r, 'name', true);
    if (!type || !id) continue;
    if (type === 'requirement') {
      const notes = q.localized(r, 'notes');
      requirements.push({
        id,
        name: q.localized(r, 'label', true),
        form: q.text(r, 'form') ?? 'copy',
        count: q.number(r, 'count') ?? 1,
        ...(notes ? { notes } : {}),
      });
      requirementRows.push(r.row);
      continue;
    }
    const groupRule = RULE_OF_TYPE.get(type);
    if (!groupRule) {
      issue('requirements', r.row, 'type', 'row.type', { value: type });
      continue;
    }
    const min = q.number(r, 'min');
    const relevant = q.rule(r, 'relevant');
    groups.push({
      id,
      rule: groupRule,
      ...(min !== undefined ? { min } : {}),
      requirementIds: (q.text(r, 'requirements', true) ?? '').split(/[\s,]+/).filter(Boolean),
      ...(relevant ? { relevant } : {}),
    });
    groupRows.push(r.row);
  }

  // settings: the service's id and name, the form's version
  const t = cells('settings');
  const [settings] = table(book.settings);
  const id = settings ? t.text(settings, 'form_id') : undefined;
  const name = settings ? t.localized(settings, 'form_title') : undefined;
  const version = (settings ? t.number(settings, 'version') : undefined) ?? 1;
  if (issues.length > 0) return { ok: false, issues };

  // Shapes (zod), then the rules between them (checkDefinition), each pinned to its row.
  const where = (path: readonly PropertyKey[]): Pick<SheetIssue, 'sheet' | 'row' | 'column'> => {
    const [top, index, column] = path;
    if (top === 'fields' && typeof index === 'number')
      return { sheet: 'survey', row: fieldRows[index] ?? null, column: column === undefined ? null : String(column) };
    if (top === 'groups' && typeof index === 'number')
      return {
        sheet: 'requirements',
        row: groupRows[index] ?? null,
        column: column === undefined ? null : String(column),
      };
    if (top === 'requirements' && typeof index === 'number')
      return {
        sheet: 'requirements',
        row: requirementRows[index] ?? null,
        column: column === undefined ? null : String(column),
      };
    return { sheet: 'survey', row: null, column: null };
  };
  const form = FormDefinition.safeParse({ version, fields, ...(groups.length > 0 ? { groups } : {}) });
  const reqs = Requirement.array().min(1).safeParse(requirements);
  for (const [result, prefix] of [
    [form, []],
    [reqs, ['requirements']],
  ] as const)
    if (!result.success)
      for (const i of result.error.issues)
        issues.push({
          ...where([...prefix, ...i.path]),
          code: 'row.schema',
          params: { message: i.message, path: i.path.join('.') },
        });
  if (!form.success || !reqs.success) return { ok: false, issues };
  for (const i of checkDefinition(reqs.data, form.data)) {
    const parts = i.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    issues.push({ ...where(parts[0] === 'form' ? parts.slice(1) : parts), code: i.code, params: i.params });
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    content: {
      ...(id ? { id } : {}),
      ...(name ? { name } : {}),
      requirements: reqs.data,
      form: form.data,
    },
  };
}
