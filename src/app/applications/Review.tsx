// /permohonan/<id>/tinjau: the review before sending — every answer, the requirements checklist of
// the standard (attached here, or to bring in person), and consent to the processing of personal
// data. "Kirim" puts the application in the outbox; until everything is valid and consented it stays
// disabled and says why.
import { useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { SealedAtRestError } from '../../data/attachments/store.ts';
import { setConsent } from '../../data/drafts/drafts.ts';
import { submitDraft } from '../../data/outbox/submit.ts';
import { isQuotaError } from '../../data/storage-errors.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import { validateDraft } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { requirementFormKey } from '../catalogue/labels.ts';
import { useI18n } from '../i18n/index.ts';
import { answerText } from './answer-text.ts';
import { DraftGate } from './DraftGate.tsx';
import { errorMessage } from './error-messages.ts';
import { validationContext } from './validation.ts';

export default function Review() {
  const { params } = useRoute();
  return <DraftGate id={params.id ?? ''}>{(v) => <ReviewBody key={v.draft.id} {...v} />}</DraftGate>;
}

function ReviewBody({ draft, service, region }: { draft: Draft; service: Service; region: RegionDataset | undefined }) {
  const { t, lang } = useI18n();
  const [consent, setConsentState] = useState(draft.consent);
  // Shown once the resident ticks or unticks: the choice is on the device only when this says so.
  const [consentSave, setConsentSave] = useState<'idle' | 'saving' | 'saved' | 'full' | 'failed'>('idle');
  const ctx = useMemo(() => validationContext(region), [region]);
  const errors = validateDraft(service.form, draft.answers, draft.attachments, ctx);
  const problems = Object.keys(errors).length;
  const canSend = problems === 0 && consent;
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<'review.sendSharedTablet' | 'review.sendFailed' | null>(null);

  return (
    <article class="review">
      <h1>{t('review.title', { service: service.name[lang] })}</h1>

      <section aria-labelledby="answers-title">
        <h2 id="answers-title">{t('review.answers')}</h2>
        <dl class="answers">
          {service.form.fields
            .filter((f) => f.kind !== 'document')
            .map((f) => (
              <div key={f.key} class={errors[f.key] ? 'answer answer--invalid' : 'answer'}>
                <dt>{f.label[lang]}</dt>
                <dd>
                  {answerText(f, draft.answers[f.key], region, t, lang)}
                  {errors[f.key] && <span class="field__error"> {errorMessage(errors[f.key]!, t)}</span>}
                </dd>
              </div>
            ))}
        </dl>
        <p>
          <a href={`/permohonan/${draft.id}`}>{t('review.edit')}</a>
        </p>
      </section>

      <section aria-labelledby="checklist-title">
        <h2 id="checklist-title">{t('review.checklist')}</h2>
        <ul class="checklist">
          {service.requirements.map((r) => {
            const docField = service.form.fields.find((f) => f.kind === 'document' && f.requirementId === r.id);
            const attached = docField ? (draft.attachments[docField.key]?.length ?? 0) : 0;
            return (
              <li key={r.id} class={attached ? 'check check--done' : 'check'}>
                <strong>{r.name[lang]}</strong>{' '}
                <span>
                  {attached
                    ? t('review.attached', { n: attached })
                    : docField?.required
                      ? t('review.notAttached')
                      : t('review.bringIt')}
                </span>
                {r.form !== 'copy' && (
                  <span class="check__bring">
                    {' '}
                    {t('review.bringOriginal', { form: t(requirementFormKey(r.form)) })}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="consent-title">
        <h2 id="consent-title">{t('review.consentTitle')}</h2>
        <p>{t('review.consentPurpose', { service: service.name[lang] })}</p>
        <label class="choice">
          <input
            type="checkbox"
            checked={consent}
            onChange={(e) => {
              const v = e.currentTarget.checked;
              setConsentState(v);
              setConsentSave('saving');
              setConsent(draft.id, v).then(
                () => setConsentSave('saved'),
                (err: unknown) => setConsentSave(isQuotaError(err) ? 'full' : 'failed'),
              );
            }}
          />
          {t('review.consent')}
        </label>
        <p class="save-state" role="status" data-state={consentSave}>
          {consentSave === 'idle' ? '' : t(`form.save.${consentSave}`)}
        </p>
      </section>

      <section aria-labelledby="send-title">
        <h2 id="send-title" class="visually-hidden">
          {t('review.send')}
        </h2>
        {problems > 0 && <p class="field__error">{t('review.problems', { n: problems })}</p>}
        <button
          type="button"
          class="btn btn--primary"
          disabled={!canSend || sending}
          aria-describedby="send-reason"
          onClick={() => {
            setSending(true);
            setSendError(null);
            submitDraft({ ...draft, consent: true })
              // The device has a key now: follow the office's updates of what it sends.
              .then(() => import('../../data/applications/sync.ts').then((m) => m.followApplications()))
              .catch((err: unknown) => {
                setSending(false);
                setSendError(err instanceof SealedAtRestError ? 'review.sendSharedTablet' : 'review.sendFailed');
              });
          }}
        >
          {t('review.send')}
        </button>
        {sendError && (
          <p role="alert" class="field__error">
            {t(sendError)}
          </p>
        )}
        <p id="send-reason" class="send-reason">
          {t(problems > 0 ? 'review.sendNeedsFixes' : !consent ? 'review.sendNeedsConsent' : 'review.sendReady')}
        </p>
      </section>
    </article>
  );
}
