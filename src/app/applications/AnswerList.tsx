// Every answer of a draft as words, each with its error beside it: the review of the kiosk and of the
// field officer (large screens, one resident at a time) shows this list before "Kirim".
import type { Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import type { FieldError } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { useI18n } from '../i18n/index.ts';
import { answerText } from './answer-text.ts';
import { errorMessage } from './error-messages.ts';

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
  return (
    <dl class="answers">
      {service.form.fields.map((f) => (
        <div key={f.key} class={errors[f.key] ? 'answer answer--invalid' : 'answer'}>
          <dt>{f.label[lang]}</dt>
          <dd>
            {f.kind === 'document'
              ? attached(draft.attachments[f.key]?.length ?? 0)
              : answerText(f, draft.answers[f.key], region, t, lang)}
            {errors[f.key] && <span class="field__error"> {errorMessage(errors[f.key]!, t)}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
