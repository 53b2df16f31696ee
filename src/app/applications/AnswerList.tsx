// Every answer of a draft that applies as words, each with its error beside it: the review of the
// kiosk and of the field officer (large screens, one resident at a time) shows this list before "Kirim".
import { useMemo } from 'preact/hooks';
import { formForVersion, requirementsForVersion, type Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import { type FieldError, relevantFields } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { useI18n } from '../i18n/index.ts';
import { answerText } from './answer-text.ts';
import { errorMessage } from './error-messages.ts';
import { keyLabel } from './form-labels.ts';

type Props = {
  draft: Draft;
  service: Service;
  region: RegionDataset | undefined;
  errors: Record<string, FieldError>;
  /** How a document field reads: "n files attached", in the screen's words. */
  attached: (n: number) => string;
};

export function AnswerList({ draft, service, region, errors, attached }: Props) {
  const { t, lang } = useI18n();
  const form = formForVersion(service, draft.formVersion);
  const fields = useMemo(
    () => relevantFields(form, draft.answers, draft.attachments, new Date()),
    [form, draft.answers, draft.attachments],
  );
  const groupErrors = Object.keys(errors).filter((k) => !form.fields.some((f) => f.key === k));
  return (
    <dl class="answers">
      {fields.map((f) => (
        <div key={f.key} class={errors[f.key] ? 'answer answer--invalid' : 'answer'}>
          <dt>{f.label[lang]}</dt>
          <dd>
            {f.kind === 'document'
              ? attached(draft.attachments[f.key]?.length ?? 0)
              : answerText(f, draft.answers[f.key], region, t, lang)}
            {errors[f.key] && <span class="field__error"> {errorMessage(errors[f.key]!, t, lang)}</span>}
          </dd>
        </div>
      ))}
      {groupErrors.map((key) => (
        <div key={key} class="answer answer--invalid">
          <dt>{keyLabel(requirementsForVersion(service, draft.formVersion), form, key, lang)}</dt>
          <dd>
            <span class="field__error">{errorMessage(errors[key]!, t, lang)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
