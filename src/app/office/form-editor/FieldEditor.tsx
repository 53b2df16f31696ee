// One field of the form in the editor: its key, kind, labels, whether it is required, and its rules as
// text — when it is shown (`relevant`) and what it must agree with (`constraint`, with its message in
// both languages) — plus what its kind needs (options, limits, the requirement a document is for).
import type { FormField } from '../../../domain/catalogue/form.ts';
import type { Requirement } from '../../../domain/catalogue/service.ts';
import { type MessageKey, useI18n } from '../../i18n/index.ts';
import { type FieldDraft, optionsText, parseOptions } from '../form-editor-state.ts';
import { RowProblems, rowClass, TextPair } from './parts.tsx';

export const FIELD_KINDS: FormField['kind'][] = [
  'text',
  'longText',
  'number',
  'date',
  'choice',
  'yesNo',
  'phone',
  'email',
  'nik',
  'kk',
  'address',
  'document',
];

type Props = {
  field: FieldDraft;
  index: number;
  count: number;
  requirements: readonly Requirement[];
  problems: string[];
  onChange(field: FieldDraft): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
  open: boolean;
};

export function FieldEditor({ field, index, count, requirements, problems, onChange, onMove, onRemove, open }: Props) {
  const { t, lang } = useI18n();
  const id = `fe-${field.uid}`;
  const set = (patch: Partial<FieldDraft>) => onChange({ ...field, ...patch } as FieldDraft);
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));

  return (
    <li class={rowClass(problems)}>
      <details open={open}>
        <summary>
          {/* One flex item, so a long label wraps after the key instead of dropping below it. */}
          <span>
            <strong>{field.key || t('forms.field.unnamed')}</strong>{' '}
            {t('forms.field.summary', {
              label: field.label[lang] || '…',
              kind: t(`forms.kind.${field.kind}` as MessageKey),
            })}
          </span>
          {field.relevantText && <span class="badge">{t('forms.field.conditional')}</span>}
        </summary>
        <div class="forms-item__body">
          <RowProblems problems={problems} />
          <div class="forms-pair">
            <div class="field">
              <label for={`${id}-key`}>{t('forms.field.key')}</label>
              <input id={`${id}-key`} value={field.key} onInput={(e) => set({ key: e.currentTarget.value.trim() })} />
            </div>
            <div class="field">
              <label for={`${id}-kind`}>{t('forms.field.kind')}</label>
              <select
                id={`${id}-kind`}
                value={field.kind}
                onChange={(e) => {
                  const kind = e.currentTarget.value as FormField['kind'];
                  const extra =
                    kind === 'choice'
                      ? { options: [] }
                      : kind === 'document'
                        ? { requirementId: requirements[0]?.id ?? '', accept: ['image', 'pdf'] }
                        : {};
                  const { uid, key, label, help, required, relevantText, constraintText, constraintMessage, flag } =
                    field;
                  onChange({
                    uid,
                    key,
                    label,
                    ...(help ? { help } : {}),
                    required,
                    relevantText,
                    constraintText,
                    constraintMessage,
                    ...(flag ? { flag } : {}),
                    kind,
                    ...extra,
                  } as FieldDraft);
                }}
              >
                {FIELD_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`forms.kind.${k}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <TextPair
            id={`${id}-label`}
            label={t('forms.field.label')}
            value={field.label}
            onChange={(v) => set({ label: v ?? { id: '', en: '' } })}
          />
          <TextPair
            id={`${id}-help`}
            label={t('forms.field.help')}
            value={field.help}
            onChange={(v) => set({ help: v })}
          />
          <label class="choice">
            <input
              type="checkbox"
              checked={field.required}
              onChange={(e) => set({ required: e.currentTarget.checked })}
            />
            {t('forms.field.required')}
          </label>
          <div class="field">
            <label for={`${id}-relevant`}>{t('forms.field.relevant')}</label>
            <p class="field__help" id={`${id}-relevant-help`}>
              {t('forms.field.relevantHelp')}
            </p>
            <input
              id={`${id}-relevant`}
              class="forms-rule"
              aria-describedby={`${id}-relevant-help`}
              spellcheck={false}
              value={field.relevantText}
              onInput={(e) => set({ relevantText: e.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for={`${id}-constraint`}>{t('forms.field.constraint')}</label>
            <p class="field__help" id={`${id}-constraint-help`}>
              {t('forms.field.constraintHelp')}
            </p>
            <input
              id={`${id}-constraint`}
              class="forms-rule"
              aria-describedby={`${id}-constraint-help`}
              spellcheck={false}
              value={field.constraintText}
              onInput={(e) => set({ constraintText: e.currentTarget.value })}
            />
          </div>
          {field.constraintText.trim() !== '' && (
            <TextPair
              id={`${id}-message`}
              label={t('forms.field.constraintMessage')}
              value={field.constraintMessage}
              onChange={(v) => set({ constraintMessage: v ?? { id: '', en: '' } })}
            />
          )}
          <TextPair
            id={`${id}-flag`}
            label={t('forms.field.flag')}
            value={field.flag}
            onChange={(v) => set({ flag: v })}
          />
          <KindOptions field={field} id={id} requirements={requirements} set={set} number={number} />
          <p class="forms-item__actions">
            <button type="button" class="btn btn--small" disabled={index === 0} onClick={() => onMove(-1)}>
              {t('forms.move.up', { name: field.key })}
            </button>
            <button type="button" class="btn btn--small" disabled={index === count - 1} onClick={() => onMove(1)}>
              {t('forms.move.down', { name: field.key })}
            </button>
            <button type="button" class="btn btn--small" onClick={onRemove}>
              {t('forms.remove', { name: field.key })}
            </button>
          </p>
        </div>
      </details>
    </li>
  );
}

function KindOptions({
  field,
  id,
  requirements,
  set,
  number,
}: {
  field: FieldDraft;
  id: string;
  requirements: readonly Requirement[];
  set(patch: Partial<FieldDraft>): void;
  number(text: string): number | undefined;
}) {
  const { t, lang } = useI18n();
  switch (field.kind) {
    case 'text':
    case 'longText':
      return (
        <div class="field">
          <label for={`${id}-max`}>{t('forms.field.maxLength')}</label>
          <input
            id={`${id}-max`}
            inputMode="numeric"
            value={field.maxLength ?? ''}
            onInput={(e) => set({ maxLength: number(e.currentTarget.value) })}
          />
        </div>
      );
    case 'number':
      return (
        <div class="forms-pair">
          <div class="field">
            <label for={`${id}-min`}>{t('forms.field.min')}</label>
            <input
              id={`${id}-min`}
              value={field.min ?? ''}
              onInput={(e) => set({ min: number(e.currentTarget.value) })}
            />
          </div>
          <div class="field">
            <label for={`${id}-maxn`}>{t('forms.field.max')}</label>
            <input
              id={`${id}-maxn`}
              value={field.max ?? ''}
              onInput={(e) => set({ max: number(e.currentTarget.value) })}
            />
          </div>
        </div>
      );
    case 'date':
      return (
        <label class="choice">
          <input
            type="checkbox"
            checked={field.notInFuture ?? false}
            onChange={(e) => set({ notInFuture: e.currentTarget.checked })}
          />
          {t('forms.field.notInFuture')}
        </label>
      );
    case 'choice':
      return (
        <div class="field">
          <label for={`${id}-options`}>{t('forms.field.options')}</label>
          <p class="field__help" id={`${id}-options-help`}>
            {t('forms.field.optionsHelp')}
          </p>
          <textarea
            id={`${id}-options`}
            rows={Math.max(3, field.options.length + 1)}
            aria-describedby={`${id}-options-help`}
            value={optionsText(field)}
            onInput={(e) => set({ options: parseOptions(e.currentTarget.value) })}
          />
        </div>
      );
    case 'document':
      return (
        <>
          <div class="field">
            <label for={`${id}-requirement`}>{t('forms.field.requirement')}</label>
            <select
              id={`${id}-requirement`}
              value={field.requirementId}
              onChange={(e) => set({ requirementId: e.currentTarget.value })}
            >
              <option value="">{t('form.choose')}</option>
              {requirements.map((r) => (
                <option key={r.id} value={r.id}>
                  {t('forms.field.requirementOption', { id: r.id, name: r.name[lang] })}
                </option>
              ))}
            </select>
          </div>
          <fieldset class="field field--group">
            <legend>{t('forms.field.accept')}</legend>
            <div class="choices">
              {(['image', 'pdf'] as const).map((a) => (
                <label key={a} class="choice">
                  <input
                    type="checkbox"
                    checked={field.accept.includes(a)}
                    onChange={(e) =>
                      set({
                        accept: e.currentTarget.checked ? [...field.accept, a] : field.accept.filter((x) => x !== a),
                      })
                    }
                  />
                  {t(`forms.accept.${a}`)}
                </label>
              ))}
            </div>
          </fieldset>
        </>
      );
    default:
      return null;
  }
}
