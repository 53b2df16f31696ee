// /permohonan/<id>/tinjau, step 4 "check" (GOV.UK's check answers): every answer that applies with
// a link back to its step, each with its error beside it, and the requirements checklist of the
// standard (attached here, or to bring in person). Sending, with consent, is the next step.
import { useMemo } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type { FormDefinition } from '../../domain/catalogue/form.ts';
import { requirementsForVersion, type Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import { requirementChecklist } from '../../domain/forms/checklist.ts';
import { fieldSteps, stepComplete } from '../../domain/forms/steps.ts';
import { relevantFields, validateDraft } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { useI18n } from '../i18n/index.ts';
import '../i18n/steps-messages.ts';
import { answerText } from './answer-text.ts';
import { Checklist } from './Checklist.tsx';
import { DraftGate } from './DraftGate.tsx';
import { errorMessage } from './error-messages.ts';
import { stepHref } from './steps/paths.ts';
import { StepProgress } from './steps/StepProgress.tsx';
import { validationContext } from './validation.ts';

export default function Review() {
  const { params } = useRoute();
  return <DraftGate id={params.id ?? ''}>{(v) => <ReviewBody key={v.draft.id} {...v} />}</DraftGate>;
}

type BodyProps = { draft: Draft; service: Service; form: FormDefinition; region: RegionDataset | undefined };

function ReviewBody({ draft, service, form, region }: BodyProps) {
  const { t, lang } = useI18n();
  const ctx = useMemo(() => validationContext(region), [region]);
  const steps = useMemo(() => fieldSteps(form), [form]);
  const errors = validateDraft(form, draft.answers, draft.attachments, ctx);
  const fields = relevantFields(form, draft.answers, draft.attachments, ctx.today);
  const requirements = requirementsForVersion(service, draft.formVersion);
  const checklist = requirementChecklist(requirements, form, draft.answers, draft.attachments, ctx.today);
  const problems = Object.keys(errors).length;

  return (
    <article class="review">
      <StepProgress draftId={draft.id} current="check" done={(s) => stepComplete(steps, errors, s)} />
      <h1>{t('review.title', { service: service.name[lang] })}</h1>

      <section aria-labelledby="answers-title">
        <h2 id="answers-title">{t('review.answers')}</h2>
        <dl class="answers">
          {fields
            .filter((f) => f.kind !== 'document')
            .map((f) => (
              <div key={f.key} class={errors[f.key] ? 'answer answer--invalid' : 'answer'}>
                <dt>{f.label[lang]}</dt>
                <dd>
                  {answerText(f, draft.answers[f.key], region, t, lang)}
                  {errors[f.key] && <span class="field__error"> {errorMessage(errors[f.key]!, t, lang)}</span>}
                </dd>
                <dd class="answer__change">
                  <a class="answer__change-link" href={stepHref(draft.id, steps.get(f.key) ?? 'answers')}>
                    {t('steps.change')}
                    <span class="visually-hidden"> {f.label[lang]}</span>
                  </a>
                </dd>
              </div>
            ))}
        </dl>
      </section>

      <section aria-labelledby="checklist-title">
        <h2 id="checklist-title">{t('review.checklist')}</h2>
        <Checklist items={checklist} />
        <p>
          <a href={stepHref(draft.id, 'documents')}>{t('steps.changeDocuments')}</a>
        </p>
      </section>

      {problems > 0 && <p class="field__error">{t('review.problems', { n: problems })}</p>}
      <p class="application__next">
        <a class="btn btn--primary" href={stepHref(draft.id, 'send')}>
          {t('steps.toSend')}
        </a>
        <a class="btn" href={stepHref(draft.id, 'documents')}>
          {t('steps.back')}
        </a>
      </p>
    </article>
  );
}
