// /permohonan/<id>: the application form, generated from the service's form definition. Every change
// is written to the device at once (no save button); the typed value stays on screen even when it is
// invalid or the device is full, and the error says why beside the field.
import { useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { saveAnswer, setAttachments } from '../../data/drafts/drafts.ts';
import { isQuotaError } from '../../data/storage-errors.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { AnswerValue, AttachmentRef, Draft } from '../../domain/drafts/draft.ts';
import { validateDraft } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { useI18n } from '../i18n/index.ts';
import { AddressField } from './fields/AddressField.tsx';
import { DocumentField } from './fields/DocumentField.tsx';
import { FieldInput } from './fields/FieldInput.tsx';
import { DraftGate } from './DraftGate.tsx';
import { errorMessage, validationContext } from './validation.ts';

export default function DraftForm() {
  const { params } = useRoute();
  return <DraftGate id={params['id'] ?? ''}>{(v) => <FormBody key={v.draft.id} {...v} />}</DraftGate>;
}

type SaveState = 'saved' | 'saving' | 'full' | 'failed';

function FormBody({ draft, service, region }: { draft: Draft; service: Service; region: RegionDataset | undefined }) {
  const { t, lang } = useI18n();
  // What is on screen is the source of truth while editing; the database follows it.
  const [answers, setAnswers] = useState(draft.answers);
  const [attachments, setAttachmentState] = useState(draft.attachments);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [save, setSave] = useState<SaveState>('saved');
  const ctx = useMemo(() => validationContext(region), [region]);
  const errors = validateDraft(service.form, answers, attachments, ctx);

  const track = (write: Promise<void>) => {
    // Input-to-durable-write time as a User Timing measure, for a PerformanceObserver (`npm run
    // bench` reports p50/p95); cleared at once so a long session does not grow the timeline.
    const start = performance.now();
    setSave('saving');
    write.then(
      () => {
        performance.measure('nusa:autosave', { start });
        performance.clearMeasures('nusa:autosave');
        setSave('saved');
      },
      (err: unknown) => setSave(isQuotaError(err) ? 'full' : 'failed'),
    );
  };
  const answer = (key: string, value: AnswerValue | undefined) => {
    setAnswers((a) => {
      const next = { ...a };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return next;
    });
    track(saveAnswer(draft.id, key, value));
  };
  const attach = (key: string, refs: AttachmentRef[]) => {
    setAttachmentState((a) => ({ ...a, [key]: refs }));
    setTouched((s) => new Set(s).add(key));
    track(setAttachments(draft.id, key, refs));
  };
  const blur = (key: string) => setTouched((s) => (s.has(key) ? s : new Set(s).add(key)));
  const shown = (key: string) => (touched.has(key) && errors[key] ? errorMessage(errors[key], t) : undefined);

  return (
    <article class="application">
      <h1>{service.name[lang]}</h1>
      <p class="save-state" role="status" data-state={save}>
        {t(`form.save.${save}`)}
      </p>
      <form class="application__form" onSubmit={(e) => e.preventDefault()} noValidate>
        {service.form.fields.map((field) => {
          switch (field.kind) {
            case 'document':
              return (
                <DocumentField
                  key={field.key}
                  field={field}
                  refs={attachments[field.key] ?? []}
                  requirementName={service.requirements.find((r) => r.id === field.requirementId)?.name[lang]}
                  error={shown(field.key)}
                  onChange={(refs) => attach(field.key, refs)}
                />
              );
            case 'address':
              return (
                <AddressField
                  key={field.key}
                  field={field}
                  value={answers[field.key]}
                  region={region}
                  error={shown(field.key)}
                  onChange={(v) => answer(field.key, v)}
                  onBlur={() => blur(field.key)}
                />
              );
            default:
              return (
                <FieldInput
                  key={field.key}
                  field={field}
                  value={answers[field.key]}
                  error={shown(field.key)}
                  onChange={(v) => answer(field.key, v)}
                  onBlur={() => blur(field.key)}
                />
              );
          }
        })}
      </form>
      <p class="application__next">
        <a class="btn btn--primary" href={`/permohonan/${draft.id}/tinjau`}>
          {t('form.toReview')}
        </a>{' '}
        <a href="/permohonan">{t('form.backToList')}</a>
      </p>
    </article>
  );
}
