// /permohonan/<id>/kirim, step 5 "send": what happens to the application without a signal (as the
// outbox does it: stored on the device at once, delivered once by Background Sync — also with the app
// closed where the browser has it, else while the app is open — and the tracking number once the
// server has it), consent to the processing of personal data, and "Kirim". Until everything is valid
// and consented "Kirim" stays disabled and says why.
import { useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { SealedAtRestError } from '../../data/attachments/store.ts';
import { setConsent } from '../../data/drafts/drafts.ts';
import { submitDraft } from '../../data/outbox/submit.ts';
import { isQuotaError } from '../../data/storage-errors.ts';
import type { FormDefinition } from '../../domain/catalogue/form.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import { fieldSteps, stepComplete } from '../../domain/forms/steps.ts';
import { validateDraft } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { useI18n } from '../i18n/index.ts';
import '../i18n/steps-messages.ts';
import { DraftGate } from './DraftGate.tsx';
import { stepHref } from './steps/paths.ts';
import { StepProgress } from './steps/StepProgress.tsx';
import { validationContext } from './validation.ts';

export default function SendStep() {
  const { params } = useRoute();
  return <DraftGate id={params.id ?? ''}>{(v) => <SendBody key={v.draft.id} {...v} />}</DraftGate>;
}

/** Whether the browser delivers with the app closed: Background Sync (Chromium) in a service worker. */
const backgroundSync = () => typeof window !== 'undefined' && 'SyncManager' in window && 'serviceWorker' in navigator;

type BodyProps = { draft: Draft; service: Service; form: FormDefinition; region: RegionDataset | undefined };

function SendBody({ draft, service, form, region }: BodyProps) {
  const { t, lang } = useI18n();
  const [consent, setConsentState] = useState(draft.consent);
  // Shown once the resident ticks or unticks: the choice is on the device only when this says so.
  const [consentSave, setConsentSave] = useState<'idle' | 'saving' | 'saved' | 'full' | 'failed'>('idle');
  const ctx = useMemo(() => validationContext(region), [region]);
  const steps = useMemo(() => fieldSteps(form), [form]);
  const errors = validateDraft(form, draft.answers, draft.attachments, ctx);
  const problems = Object.keys(errors).length;
  const canSend = problems === 0 && consent;
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<'review.sendSharedTablet' | 'review.sendFailed' | null>(null);

  return (
    <article class="review">
      <StepProgress draftId={draft.id} current="send" done={(s) => stepComplete(steps, errors, s)} />
      <p class="application__service">{service.name[lang]}</p>
      <h1>{t('steps.title.send')}</h1>

      <section aria-labelledby="offline-title" class="send-offline">
        <h2 id="offline-title">{t('steps.offlineTitle')}</h2>
        <ol>
          <li>{t('steps.offlineStored')}</li>
          <li>{t(backgroundSync() ? 'steps.offlineBackground' : 'steps.offlineForeground')}</li>
          <li>{t('steps.offlineReceipt')}</li>
        </ol>
        <p>{t('steps.offlineKeep')}</p>
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
        {problems > 0 && (
          <p class="field__error">
            {t('review.problems', { n: problems })} <a href={stepHref(draft.id, 'check')}>{t('steps.sendBlocked')}</a>
          </p>
        )}
        <p class="application__next">
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
          <a class="btn" href={stepHref(draft.id, 'check')}>
            {t('steps.back')}
          </a>
        </p>
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
