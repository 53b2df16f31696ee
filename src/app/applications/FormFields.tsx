// The fields of a form as the rules show them: only the fields that apply to the answers so far, the
// documents of a requirement group together under what the group asks for, a constraint's message as
// soon as the answers it compares are there (while the resident types), and a checkbox to confirm a
// number whose region code is not in today's list. It holds no state: the resident's form (DraftFields,
// which saves every change) and the office editor's phone preview both drive it.
import { type ComponentChildren, Fragment } from 'preact';
import type { FormDefinition, FormField, RequirementGroup } from '../../domain/catalogue/form.ts';
import type { Requirement } from '../../domain/catalogue/service.ts';
import type { AnswerValue } from '../../domain/drafts/draft.ts';
import type { Answers, Attachments } from '../../domain/forms/answers.ts';
import { evaluate } from '../../domain/forms/rules/evaluate.ts';
import {
  confirmationKey,
  type FieldError,
  groupErrorKey,
  isCheckedGroup,
  type ValidationContext,
} from '../../domain/forms/validate.ts';
import { checkKk } from '../../domain/identity/kk.ts';
import { checkNik, normalizeIdNumber } from '../../domain/identity/nik.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { type Language, type MessageKey, type Translate, useI18n } from '../i18n/index.ts';
import { errorMessage } from './error-messages.ts';
import { AddressField } from './fields/AddressField.tsx';
import { FieldInput } from './fields/FieldInput.tsx';

export type DocumentRenderer = (
  field: Extract<FormField, { kind: 'document' }>,
  props: {
    error: string | undefined;
    requirementName: string | undefined;
    required: boolean;
    /** The error key of the requirement group it belongs to: touched with it when a file changes. */
    groupKey: string | undefined;
  },
) => ComponentChildren;

type Props = {
  form: FormDefinition;
  requirements: readonly Requirement[];
  region: RegionDataset | undefined;
  ctx: ValidationContext;
  answers: Answers;
  attachments: Attachments;
  errors: Record<string, FieldError>;
  /** Fields (and group keys) the person has left or changed: their errors show. */
  touched: ReadonlySet<string>;
  onAnswer(key: string, value: AnswerValue | undefined): void;
  onBlur(key: string): void;
  renderDocument: DocumentRenderer;
  /** Only these fields (one step of the resident's form); every field when absent. */
  only?: ((field: FormField) => boolean) | undefined;
};

export function FormFields(props: Props) {
  const { t, lang } = useI18n();
  const { form, answers, attachments, errors, touched, ctx } = props;
  const rules = evaluate({ form, answers, attachments, today: ctx.today });
  const checkedGroups = (form.groups ?? []).filter((g) => isCheckedGroup(form, g));
  const groupOf = (f: FormField) =>
    f.kind === 'document' ? checkedGroups.find((g) => g.requirementIds.includes(f.requirementId)) : undefined;
  const rendered = new Set<string>();

  const shown = (key: string): string | undefined => {
    const error = errors[key];
    if (!error) return undefined;
    // A constraint fails only once every answer it compares is there and valid: say so at once.
    return touched.has(key) || error.code === 'constraint' ? errorMessage(error, t, lang) : undefined;
  };

  const one = (field: FormField) => {
    if (field.kind === 'document') {
      const requirementName = props.requirements.find((r) => r.id === field.requirementId)?.name[lang];
      const group = groupOf(field);
      return props.renderDocument(field, {
        error: shown(field.key),
        requirementName,
        required: field.required && !group,
        groupKey: group && groupErrorKey(group.id),
      });
    }
    const value = answers[field.key];
    if (field.kind === 'address')
      return (
        <AddressField
          key={field.key}
          field={field}
          value={value}
          region={props.region}
          error={shown(field.key)}
          onChange={(v) => props.onAnswer(field.key, v)}
          onBlur={() => props.onBlur(field.key)}
        />
      );
    const error = errors[field.key];
    const note = retiredNote(field, value, ctx, t);
    const confirmation = answers[confirmationKey(field.key)];
    const confirmed =
      typeof confirmation === 'string' && typeof value === 'string' && confirmation === normalizeIdNumber(value);
    const askToConfirm = typeof value === 'string' && ((error?.confirmable && touched.has(field.key)) || confirmed);
    return (
      <Fragment key={field.key}>
        <FieldInput
          field={note ? { ...field, help: withNote(field, note, lang) } : field}
          value={value}
          error={shown(field.key)}
          onChange={(v) => props.onAnswer(field.key, v)}
          onBlur={() => props.onBlur(field.key)}
        />
        {askToConfirm && (
          <label class="choice field__confirm">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) =>
                props.onAnswer(
                  confirmationKey(field.key),
                  e.currentTarget.checked && typeof value === 'string' ? normalizeIdNumber(value) : undefined,
                )
              }
            />
            {t('form.confirmNumber')}
          </label>
        )}
      </Fragment>
    );
  };

  const group = (g: RequirementGroup) => {
    const members = form.fields.filter(
      (f) => f.kind === 'document' && g.requirementIds.includes(f.requirementId) && rules.relevant(f.key),
    );
    for (const m of members) rendered.add(m.key);
    if (!rules.groupRelevant(g) || members.length === 0) return null;
    const key = groupErrorKey(g.id);
    const error = errors[key] && touched.has(key) ? errorMessage(errors[key], t, lang) : undefined;
    const legend =
      g.rule === 'atLeast' ? t('form.group.atLeast', { min: g.min ?? 1 }) : t(`form.group.${g.rule}` as MessageKey);
    return (
      <fieldset key={key} class={`requirement-group${error ? ' field--invalid' : ''}`} id={`g-${g.id}`}>
        <legend>{legend}</legend>
        {members.map(one)}
        {error && (
          <p class="field__error" role="alert">
            {error}
          </p>
        )}
      </fieldset>
    );
  };

  return (
    <>
      {form.fields.map((field) => {
        if (rendered.has(field.key) || !rules.relevant(field.key)) return null;
        if (props.only && !props.only(field)) return null;
        const g = groupOf(field);
        return g ? group(g) : one(field);
      })}
    </>
  );
}

/** Help text plus a note, in the language on screen (FieldInput reads the help in that language). */
function withNote(field: FormField, note: string, lang: Language) {
  const help = field.help?.[lang];
  const text = help ? `${help} ${note}` : note;
  return { id: text, en: text };
}

/** "Region code 91.01.01 has been replaced by 93.01.01 …" for a NIK or KK that carries a retired code. */
function retiredNote(field: FormField, value: AnswerValue | undefined, ctx: ValidationContext, t: Translate) {
  if ((field.kind !== 'nik' && field.kind !== 'kk') || typeof value !== 'string') return undefined;
  const check = field.kind === 'nik' ? checkNik(value, ctx) : checkKk(value, ctx);
  if (!check.ok || !check.retired) return undefined;
  const { code, today, name, since } = check.retired;
  return t('form.retiredRegion', { code, today, name, since });
}
