// Problems with a definition or a spreadsheet, in words, with where they are.
import type { SheetIssue } from '../../../domain/backoffice/forms-api.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import type { EditorIssue, EditorState } from '../form-editor-state.ts';

/** The message of an issue code; an unknown code (a newer server) is shown as it is. */
export function issueMessage(code: string, params: Record<string, string | number>, t: Translate): string {
  const key = `forms.issue.${code}` as MessageKey;
  const text = t(key, params);
  return text === key ? `${code} ${JSON.stringify(params)}` : text;
}

const PARTS = new Set([
  'relevant',
  'constraint',
  'key',
  'label',
  'options',
  'requirementId',
  'requirementIds',
  'min',
  'id',
  'name',
]);

/** Where an editor issue is: "Kolom dateOfBirth (aturan tampil)". */
export function issuePlace(issue: EditorIssue, state: EditorState, t: Translate): string {
  const at = issue.at;
  if (at.kind === 'form') return t('forms.place.form');
  const part = at.part ? ` (${PARTS.has(at.part) ? t(`forms.part.${at.part}` as MessageKey) : at.part})` : '';
  if (at.kind === 'field')
    return `${t('forms.place.field', { name: state.fields[at.index]?.key || String(at.index + 1) })}${part}`;
  if (at.kind === 'group')
    return `${t('forms.place.group', { name: state.groups[at.index]?.id || String(at.index + 1) })}${part}`;
  return `${t('forms.place.requirement', { name: state.requirements[at.index]?.id || String(at.index + 1) })}${part}`;
}

export function editorIssueText(issue: EditorIssue, state: EditorState, t: Translate): string {
  return `${issuePlace(issue, state, t)}: ${issueMessage(issue.code, issue.params, t)}`;
}

export function sheetIssueText(issue: SheetIssue, t: Translate): string {
  const place = t('forms.place.sheet', {
    sheet: issue.sheet,
    row: issue.row ?? '—',
    column: issue.column ?? '—',
  });
  return `${place}: ${issueMessage(issue.code, issue.params, t)}`;
}
