// On an application awaiting a correction: the resident brought it to the counter (a walk-in has no
// device to resend from). The officer corrects the answers and photographs the documents again here;
// the server checks it as a device's record and moves the application back to verifying, in the
// officer's name.
import { useMemo, useState } from 'preact/hooks';
import { regions$ } from '../../data/catalogue/queries.ts';
import { formForVersion, requirementsForVersion, type Service } from '../../domain/catalogue/service.ts';
import type { AnswerValue, AttachmentRef } from '../../domain/drafts/draft.ts';
import { type FieldError, validateDraft } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { validationContext } from '../applications/validation.ts';
import { useObservable } from '../hooks/useObservable.ts';
import { useI18n } from '../i18n/index.ts';
import { OfficeApiError, officeFetch } from './api.ts';
import { CounterFields } from './CounterFields.tsx';
import { errorText } from './OfficeError.tsx';
import { forgetPhotos, uploadPhotos } from './photo-uploads.ts';
import type { ApplicationDetail, WalkInRejection } from './types.ts';

type Problem =
  | { kind: 'fields'; fields: Record<string, FieldError> }
  | { kind: 'code'; code: string }
  | { kind: 'error'; error: unknown };

export function CounterCorrection({
  detail,
  service,
  onDone,
}: {
  detail: ApplicationDetail;
  service: Service;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <section class="office-move office-correction" aria-labelledby="counter-correction-title">
      <h2 id="counter-correction-title">{t('office.correction.title')}</h2>
      <p>{t('office.correction.intro')}</p>
      {open ? (
        <CorrectionForm detail={detail} service={service} onDone={onDone} />
      ) : (
        <button type="button" class="btn btn--primary" onClick={() => setOpen(true)}>
          {t('office.correction.start')}
        </button>
      )}
    </section>
  );
}

function CorrectionForm({ detail, service, onDone }: { detail: ApplicationDetail; service: Service; onDone(): void }) {
  const { t } = useI18n();
  const regions = useObservable<RegionDataset[]>(() => regions$(), []);
  const region = regions.status === 'ready' ? regions.value[0] : undefined;
  const form = formForVersion(service, detail.formVersion);
  const stored = useMemo(() => {
    const byField: Record<string, AttachmentRef[]> = {};
    for (const { field, ...ref } of detail.attachments) byField[field] = [...(byField[field] ?? []), ref];
    return byField;
  }, [detail.attachments]);
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>(detail.answers);
  const [attachments, setAttachments] = useState<Record<string, AttachmentRef[]>>(stored);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const ctx = useMemo(() => validationContext(region), [region]);
  const local = validateDraft(form, answers, attachments, ctx);

  const set = (key: string, value: AnswerValue | undefined) => {
    const next = { ...answers };
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
    setAnswers(next);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (Object.keys(local).length > 0) {
      setTouched(new Set(Object.keys(local)));
      return;
    }
    setBusy(true);
    setProblem(null);
    const held = new Set(detail.attachments.map((a) => a.sha256));
    // Only the photos taken here: the server holds the others already.
    const taken = Object.values(attachments)
      .flat()
      .filter((r) => !held.has(r.sha256));
    try {
      await uploadPhotos(taken);
      await officeFetch(`/api/office/applications/${detail.id}/correction`, {
        method: 'POST',
        body: {
          formVersion: form.version,
          answers,
          attachments: Object.fromEntries(Object.entries(attachments).filter(([, list]) => list.length > 0)),
          ...(note.trim() ? { note: note.trim() } : {}),
          expected: 'needs-correction',
        },
      });
      await forgetPhotos(taken);
      onDone();
    } catch (error) {
      if (error instanceof OfficeApiError && error.status === 422) {
        const body = error.body as WalkInRejection;
        setProblem(
          body.errors && Object.keys(body.errors).length > 0
            ? { kind: 'fields', fields: body.errors as Record<string, FieldError> }
            : { kind: 'code', code: body.error.code },
        );
      } else if (error instanceof OfficeApiError && error.status === 409) {
        setProblem({ kind: 'code', code: 'stale' });
        onDone();
      } else {
        setProblem({ kind: 'error', error });
      }
    } finally {
      setBusy(false);
    }
  };

  const serverErrors = problem?.kind === 'fields' ? problem.fields : {};
  const errors: Record<string, FieldError> = { ...serverErrors, ...local };
  const touchedOrServer = new Set([...touched, ...Object.keys(serverErrors)]);
  return (
    <form class="office-form office-counter__form" onSubmit={(e) => void submit(e)} noValidate>
      <CounterFields
        form={form}
        requirements={requirementsForVersion(service, detail.formVersion)}
        region={region}
        ctx={ctx}
        answers={answers}
        attachments={attachments}
        errors={errors}
        touched={touchedOrServer}
        onAnswer={set}
        onAttachments={(key, list) => setAttachments((current) => ({ ...current, [key]: list }))}
        onTouched={(keys) => setTouched((s) => new Set([...s, ...keys]))}
      />
      <div class="field">
        <label for="correction-note">{t('office.move.note')}</label>
        <textarea id="correction-note" rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </div>
      {problem && (
        <p class="field__error" role="alert">
          {problem.kind === 'fields' && t('office.counter.fixErrors')}
          {problem.kind === 'code' &&
            (problem.code === 'correction.unchanged'
              ? t('office.correction.unchanged')
              : problem.code === 'stale'
                ? t('office.move.stale')
                : t('office.counter.refused', { code: problem.code }))}
          {problem.kind === 'error' && errorText(problem.error, t)}
        </p>
      )}
      <button type="submit" class="btn btn--primary" disabled={busy}>
        {busy ? t('office.counter.busy') : t('office.correction.submit')}
      </button>
    </form>
  );
}
