// The requirements of the service standard and their groups in the editor: each requirement's id,
// name, whether the original or a copy is needed and how many; each group's rule (any one of, all
// of, at least n of), its requirements, and when it applies. "Add a required document" adds a
// requirement together with the upload that asks for it.
import { useState } from 'preact/hooks';
import type { GroupRule } from '../../../domain/catalogue/form.ts';
import type { Requirement } from '../../../domain/catalogue/service.ts';
import { type MessageKey, useI18n } from '../../i18n/index.ts';
import { type GroupDraft, newUid, type RequirementDraft } from '../form-editor-state.ts';
import { RowProblems, rowClass, TextPair } from './parts.tsx';

const FORMS: Requirement['form'][] = ['original', 'copy', 'original-and-copy'];
const RULES: GroupRule[] = ['oneOf', 'allOf', 'atLeast'];

export function RequirementRow({
  requirement,
  problems,
  onChange,
  onRemove,
}: {
  requirement: RequirementDraft;
  problems: string[];
  onChange(r: RequirementDraft): void;
  onRemove(): void;
}) {
  const { t } = useI18n();
  const id = `re-${requirement.uid}`;
  const set = (patch: Partial<RequirementDraft>) => onChange({ ...requirement, ...patch });
  return (
    <li class={rowClass(problems)}>
      <RowProblems problems={problems} />
      <div class="forms-pair">
        <div class="field">
          <label for={`${id}-id`}>{t('forms.requirement.id')}</label>
          <input id={`${id}-id`} value={requirement.id} onInput={(e) => set({ id: e.currentTarget.value.trim() })} />
        </div>
        <div class="field">
          <label for={`${id}-form`}>{t('forms.requirement.form')}</label>
          <select
            id={`${id}-form`}
            value={requirement.form}
            onChange={(e) => set({ form: e.currentTarget.value as Requirement['form'] })}
          >
            {FORMS.map((f) => (
              <option key={f} value={f}>
                {t(`requirement.${f}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-count`}>{t('forms.requirement.count')}</label>
          <input
            id={`${id}-count`}
            inputMode="numeric"
            value={requirement.count}
            onInput={(e) => set({ count: Number(e.currentTarget.value) || 0 })}
          />
        </div>
      </div>
      <TextPair
        id={`${id}-name`}
        label={t('forms.requirement.name')}
        value={requirement.name}
        onChange={(name) => set({ name: name ?? { id: '', en: '' } })}
      />
      <p class="forms-item__actions">
        <button type="button" class="btn btn--small" onClick={onRemove}>
          {t('forms.remove', { name: requirement.id })}
        </button>
      </p>
    </li>
  );
}

export function GroupRow({
  group,
  requirements,
  problems,
  onChange,
  onRemove,
}: {
  group: GroupDraft;
  requirements: readonly RequirementDraft[];
  problems: string[];
  onChange(g: GroupDraft): void;
  onRemove(): void;
}) {
  const { t, lang } = useI18n();
  const id = `ge-${group.uid}`;
  const set = (patch: Partial<GroupDraft>) => onChange({ ...group, ...patch });
  return (
    <li class={rowClass(problems)}>
      <RowProblems problems={problems} />
      <div class="forms-pair">
        <div class="field">
          <label for={`${id}-id`}>{t('forms.group.id')}</label>
          <input id={`${id}-id`} value={group.id} onInput={(e) => set({ id: e.currentTarget.value.trim() })} />
        </div>
        <div class="field">
          <label for={`${id}-rule`}>{t('forms.group.rule')}</label>
          <select
            id={`${id}-rule`}
            value={group.rule}
            onChange={(e) => {
              const rule = e.currentTarget.value as GroupRule;
              const { min: _m, ...rest } = group;
              onChange(rule === 'atLeast' ? { ...rest, rule, min: group.min ?? 2 } : { ...rest, rule });
            }}
          >
            {RULES.map((r) => (
              <option key={r} value={r}>
                {t(`forms.group.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        {group.rule === 'atLeast' && (
          <div class="field">
            <label for={`${id}-min`}>{t('forms.group.min')}</label>
            <input
              id={`${id}-min`}
              inputMode="numeric"
              value={group.min ?? ''}
              onInput={(e) => set({ min: Number(e.currentTarget.value) || 1 })}
            />
          </div>
        )}
      </div>
      <fieldset class="field field--group">
        <legend>{t('forms.group.members')}</legend>
        <div class="choices">
          {requirements.map((r) => (
            <label key={r.uid} class="choice">
              <input
                type="checkbox"
                checked={group.requirementIds.includes(r.id)}
                onChange={(e) =>
                  set({
                    requirementIds: e.currentTarget.checked
                      ? [...group.requirementIds, r.id]
                      : group.requirementIds.filter((x) => x !== r.id),
                  })
                }
              />
              {r.name[lang] || r.id}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for={`${id}-relevant`}>{t('forms.group.relevant')}</label>
        <input
          id={`${id}-relevant`}
          class="forms-rule"
          spellcheck={false}
          value={group.relevantText}
          onInput={(e) => set({ relevantText: e.currentTarget.value })}
        />
      </div>
      <p class="forms-item__actions">
        <button type="button" class="btn btn--small" onClick={onRemove}>
          {t('forms.remove', { name: group.id })}
        </button>
      </p>
    </li>
  );
}

export type NewDocument = { id: string; name: { id: string; en: string }; form: Requirement['form'] };

/** A small form: the requirement's id and name; adds it and a required upload field for it. */
export function AddDocument({ onAdd }: { onAdd(doc: NewDocument): void }) {
  const { t } = useI18n();
  const [id, setId] = useState('');
  const [nameId, setNameId] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [form, setForm] = useState<Requirement['form']>('copy');
  const uid = useState(newUid)[0];
  const ready = /^[a-z0-9-]+$/.test(id) && nameId.trim() !== '' && nameEn.trim() !== '';
  return (
    <fieldset class="field field--group forms-add">
      <legend>{t('forms.addDocument.title')}</legend>
      <div class="forms-pair">
        <div class="field">
          <label for={`${uid}-id`}>{t('forms.requirement.id')}</label>
          <p class="field__help" id={`${uid}-id-help`}>
            {t('forms.addDocument.idHelp')}
          </p>
          <input
            id={`${uid}-id`}
            aria-describedby={`${uid}-id-help`}
            value={id}
            onInput={(e) => setId(e.currentTarget.value.trim())}
          />
        </div>
        <div class="field">
          <label for={`${uid}-form`}>{t('forms.requirement.form')}</label>
          <select
            id={`${uid}-form`}
            value={form}
            onChange={(e) => setForm(e.currentTarget.value as Requirement['form'])}
          >
            {FORMS.map((f) => (
              <option key={f} value={f}>
                {t(`requirement.${f}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="forms-pair">
        <div class="field">
          <label for={`${uid}-name-id`}>{t('forms.in.id', { what: t('forms.requirement.name') })}</label>
          <input id={`${uid}-name-id`} value={nameId} onInput={(e) => setNameId(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={`${uid}-name-en`}>{t('forms.in.en', { what: t('forms.requirement.name') })}</label>
          <input id={`${uid}-name-en`} value={nameEn} onInput={(e) => setNameEn(e.currentTarget.value)} />
        </div>
      </div>
      <button
        type="button"
        class="btn"
        disabled={!ready}
        onClick={() => {
          onAdd({ id, name: { id: nameId.trim(), en: nameEn.trim() }, form });
          setId('');
          setNameId('');
          setNameEn('');
        }}
      >
        {t('forms.addDocument.add')}
      </button>
    </fieldset>
  );
}
