// /permohonan/<id>, …/isian, …/dokumen: the first three steps of the resident's form — the applicant,
// the service's questions, the documents (one block, with the checklist of what is attached) — each
// with the progress indicator. Every change is written to the device at once (no save button); the
// typed value stays on screen even when it is invalid or the device is full. "Lanjut" shows the
// step's errors in a summary and stays while there are any; the steps above and "Kembali" always go.
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { isQuotaError } from '../../data/storage-errors.ts';
import type { FormDefinition } from '../../domain/catalogue/form.ts';
import { requirementsForVersion, type Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import { requirementChecklist } from '../../domain/forms/checklist.ts';
import {
  type FieldStep,
  fieldSteps,
  nextStep,
  previousStep,
  stepComplete,
  stepErrorKeys,
} from '../../domain/forms/steps.ts';
import { relevantFields } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { useI18n } from '../i18n/index.ts';
import '../i18n/steps-messages.ts';
import { Checklist } from './Checklist.tsx';
import { DraftFields, type FieldsState } from './DraftFields.tsx';
import { DraftGate } from './DraftGate.tsx';
import { errorMessage } from './error-messages.ts';
import { keyLabel } from './form-labels.ts';
import { ErrorSummary } from './steps/ErrorSummary.tsx';
import { fieldStepOfPath, stepHref } from './steps/paths.ts';
import { StepProgress } from './steps/StepProgress.tsx';

export default function DraftForm() {
  const { params } = useRoute();
  const { path } = useLocation();
  const step = fieldStepOfPath(path);
  return (
    <DraftGate id={params.id ?? ''} early={(v) => shownEarly(v.form, step)}>
      {(v) => <FormBody key={`${v.draft.id}:${step}`} step={step} {...v} />}
    </DraftGate>
  );
}

/**
 * A step can be shown from the copies before the device database's code is here unless it has an
 * address (it needs the region list) or a document (the photo store).
 */
function shownEarly(form: FormDefinition, step: FieldStep): boolean {
  const steps = fieldSteps(form);
  return !form.fields.some((f) => steps.get(f.key) === step && (f.kind === 'address' || f.kind === 'document'));
}

type SaveState = 'saved' | 'saving' | 'full' | 'failed';
const SLOW_SAVE_MS = 300;

type BodyProps = {
  step: FieldStep;
  draft: Draft;
  service: Service;
  form: FormDefinition;
  region: RegionDataset | undefined;
};

function FormBody({ step, draft, service, form, region }: BodyProps) {
  const { t, lang } = useI18n();
  const { route } = useLocation();
  const [save, setSave] = useState<SaveState>('saved');
  // The keys Next found wrong, and how many times it did (the summary takes the focus each time).
  const [summary, setSummary] = useState<{ keys: string[]; shown: number }>({ keys: [], shown: 0 });
  const steps = useMemo(() => fieldSteps(form), [form]);
  const requirements = requirementsForVersion(service, draft.formVersion);

  const track = (write: Promise<void>) => {
    // Input-to-durable-write time as a User Timing measure, for a PerformanceObserver (`npm run
    // bench` reports p50/p95); cleared at once so a long session does not grow the timeline.
    const start = performance.now();
    // "Saving" is said only of a write that takes a noticeable time: a status flipping on every
    // keystroke is noise to a screen reader, and its render would come before the commit.
    const slow = setTimeout(() => setSave('saving'), SLOW_SAVE_MS);
    write.then(
      () => {
        clearTimeout(slow);
        performance.measure('nusa:autosave', { start });
        performance.clearMeasures('nusa:autosave');
        setSave('saved');
      },
      (err: unknown) => {
        clearTimeout(slow);
        setSave(isQuotaError(err) ? 'full' : 'failed');
      },
    );
  };

  const next = (state: FieldsState) => {
    const keys = stepErrorKeys(steps, state.errors, step);
    if (keys.length === 0) {
      route(stepHref(draft.id, nextStep(step) ?? 'check'));
      return;
    }
    state.touch(...keys);
    setSummary((s) => ({ keys, shown: s.shown + 1 }));
  };

  const frame = (fields: ComponentChildren, state: FieldsState) => {
    const today = new Date();
    const empty = !relevantFields(form, state.answers, state.attachments, today).some((f) => steps.get(f.key) === step);
    const items = summary.keys
      .filter((k) => state.errors[k])
      .map((k) => ({
        key: k,
        text: `${keyLabel(requirements, form, k.replace(/\.confirmed$/, ''), lang)}: ${errorMessage(state.errors[k]!, t, lang)}`,
      }));
    const back = previousStep(step);
    return (
      <>
        <StepProgress draftId={draft.id} current={step} done={(s) => stepComplete(steps, state.errors, s)} />
        <p class="application__service">{service.name[lang]}</p>
        <h1>{t(`steps.title.${step}`)}</h1>
        <p class="save-state" role="status" data-state={save}>
          {t(`form.save.${save}`)}
        </p>
        <ErrorSummary items={items} shown={summary.shown} />
        {step === 'applicant' && (
          <p class="application__for">
            {draft.applicant.kind === 'self'
              ? t('steps.forSelf')
              : draft.applicant.name
                ? t('steps.forOther', { name: draft.applicant.name })
                : t('steps.forOtherUnnamed')}
          </p>
        )}
        {step === 'documents' && !empty && (
          <section class="documents-block" aria-labelledby="documents-checklist">
            <p>{t('steps.documentsIntro')}</p>
            <h2 id="documents-checklist">{t('steps.checklistTitle')}</h2>
            <Checklist items={requirementChecklist(requirements, form, state.answers, state.attachments, today)} />
            {fields}
          </section>
        )}
        {step !== 'documents' && fields}
        {empty && <p>{t(step === 'documents' ? 'steps.noDocuments' : 'steps.noAnswers')}</p>}
        <p class="application__next">
          <button type="submit" class="btn btn--primary">
            {t('steps.next')}
          </button>
          {back ? (
            <a class="btn" href={stepHref(draft.id, back)}>
              {t('steps.back')}
            </a>
          ) : (
            <a href="/permohonan">{t('form.backToList')}</a>
          )}
        </p>
      </>
    );
  };

  return (
    <article class="application">
      <DraftFields
        draft={draft}
        service={service}
        region={region}
        onWrite={track}
        only={(f) => steps.get(f.key) === step}
        frame={frame}
        onSubmit={next}
      />
    </article>
  );
}
