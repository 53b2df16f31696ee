// The form as a resident's phone will show it, at phone width, live while the administrator edits:
// the same FormFields with the same rules. Answers typed here stay in this screen; a document is
// marked "attached" with a checkbox instead of a photo, so groups and conditions can be tried out.
import { useMemo, useState } from 'preact/hooks';
import { regions$ } from '../../../data/catalogue/queries.ts';
import type { FormDefinition } from '../../../domain/catalogue/form.ts';
import type { Requirement } from '../../../domain/catalogue/service.ts';
import type { AnswerValue, AttachmentRef } from '../../../domain/drafts/draft.ts';
import { validateDraft } from '../../../domain/forms/validate.ts';
import type { RegionDataset } from '../../../domain/region.ts';
import { FormFields } from '../../applications/FormFields.tsx';
import { validationContext } from '../../applications/validation.ts';
import { useObservable } from '../../hooks/useObservable.ts';
import { useI18n } from '../../i18n/index.ts';

const SAMPLE: AttachmentRef = { sha256: '0'.repeat(64), type: 'image/jpeg', size: 1, name: 'contoh.jpg' };

export function Preview({ form, requirements }: { form: FormDefinition; requirements: readonly Requirement[] }) {
  const { t, lang } = useI18n();
  const regions = useObservable<RegionDataset[]>(() => regions$(), []);
  const region = regions.status === 'ready' ? regions.value[0] : undefined;
  const ctx = useMemo(() => validationContext(region), [region]);
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [attachments, setAttachments] = useState<Record<string, AttachmentRef[]>>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const errors = validateDraft(form, answers, attachments, ctx);
  const touch = (...keys: string[]) => setTouched((s) => new Set([...s, ...keys]));

  return (
    <section class="phone-preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('forms.preview.title')}</h2>
      <p class="field__help">{t('forms.preview.help')}</p>
      <div class="phone-preview__screen" data-testid="phone-preview">
        <form class="application__form" onSubmit={(e) => e.preventDefault()} noValidate>
          <FormFields
            form={form}
            requirements={requirements}
            region={region}
            ctx={ctx}
            answers={answers}
            attachments={attachments}
            errors={errors}
            touched={touched}
            onAnswer={(key, value) => {
              setAnswers((a) => {
                const next = { ...a };
                if (value === undefined || value === '') delete next[key];
                else next[key] = value;
                return next;
              });
            }}
            onBlur={(key) => touch(key)}
            renderDocument={(field, { error, requirementName, required, groupKey }) => {
              const attached = (attachments[field.key]?.length ?? 0) > 0;
              return (
                <fieldset key={field.key} class={`field field--group${error ? ' field--invalid' : ''}`}>
                  <legend>
                    {field.label[lang]}
                    {required && <span class="field__required"> {t('form.required')}</span>}
                  </legend>
                  {requirementName && requirementName !== field.label[lang] && (
                    <p class="field__help">{t('form.documentFor', { name: requirementName })}</p>
                  )}
                  {error && <p class="field__error">{error}</p>}
                  <label class="choice">
                    <input
                      type="checkbox"
                      checked={attached}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setAttachments((a) => ({ ...a, [field.key]: on ? [SAMPLE] : [] }));
                        touch(field.key, ...(groupKey ? [groupKey] : []));
                      }}
                    />
                    {t('forms.preview.attached')}
                  </label>
                </fieldset>
              );
            }}
          />
        </form>
      </div>
      <p>
        <button
          type="button"
          class="btn btn--small"
          onClick={() => {
            setAnswers({});
            setAttachments({});
            setTouched(new Set());
          }}
        >
          {t('forms.preview.reset')}
        </button>
      </p>
    </section>
  );
}
