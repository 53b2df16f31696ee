// /lapangan/permohonan/:id: an application the officer fills for a resident — the residents' field
// components (same validation, photos and autosave to the draft), then a review with the resident's
// consent and "Kirim", which seals it into the outbox with channel 'field' (exactly-once delivery).
import { useMemo, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { saveAnswer, setAttachments, setConsent } from '../../data/drafts/drafts.ts';
import { signCollection } from '../../data/field/collect.ts';
import { unlocked } from '../../data/field/officer.ts';
import { serverKey } from '../../data/field/keys-db.ts';
import { currentSealingKey, NoSealingKeyError } from '../../data/outbox/sealing-key.ts';
import { submitDraft } from '../../data/outbox/submit.ts';
import type { FormField } from '../../domain/catalogue/form.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { AnswerValue, AttachmentRef, Draft } from '../../domain/drafts/draft.ts';
import { validateDraft } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { DraftFields } from '../applications/DraftFields.tsx';
import { validationContext } from '../applications/validation.ts';
import { useI18n, type Translate } from '../i18n/index.ts';
import { useKioskDraft } from '../kiosk/useKioskDraft.ts';
import { FieldGate } from './FieldGate.tsx';
import { FieldNav } from './FieldNav.tsx';
import { AnswerList } from '../applications/AnswerList.tsx';

export default function FieldApplicationPage() {
  const { params } = useRoute();
  return (
    <FieldGate>
      <FieldNav />
      <Application id={params.id ?? ''} />
    </FieldGate>
  );
}

type Props = { draft: Draft; service: Service; region: RegionDataset | undefined };

function Application({ id }: { id: string }) {
  const { t } = useI18n();
  const state = useKioskDraft(id);
  const [step, setStep] = useState<'form' | 'review'>('form');
  if (state.status === 'loading') return <p role="status">{t('lapangan.loading')}</p>;
  if (state.status === 'error' || !state.value.draft || !state.value.service) return <p role="alert">{t('lapangan.app.notFound')}</p>;
  const props = { draft: state.value.draft, service: state.value.service, region: state.value.region };
  return step === 'form' ? <Form {...props} onReview={() => setStep('review')} /> : <Review {...props} onEdit={() => setStep('form')} />;
}

function Form({ draft, service, region, onReview }: Props & { onReview(): void }) {
  const { t, lang } = useI18n();
  return (
    <article class="application lapangan-form">
      <h1>{service.name[lang]}</h1>
      {draft.applicant.name && <p class="lead">{t('lapangan.app.for', { name: draft.applicant.name })}</p>}
      <DraftFields draft={draft} service={service} region={region} shared />
      <div class="lapangan__actions">
        <button type="button" class="btn btn--primary lapangan__big" onClick={onReview}>
          {t('lapangan.app.next')}
        </button>
        <a class="btn lapangan__big" href="/lapangan">
          {t('lapangan.app.later')}
        </a>
      </div>
    </article>
  );
}

/** The office key the online sign-in cached for exports is the key sealed boxes go to (GET /api/sealing-key serves the same). */
async function fieldSealingKey() {
  return (await serverKey()) ?? currentSealingKey();
}

function Review({ draft, service, region, onEdit }: Props & { onEdit(): void }) {
  const { t, lang } = useI18n();
  const { route } = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [consent, setConsentState] = useState(draft.consent);
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState<'noKey' | 'failed' | null>(null);
  const ctx = useMemo(() => validationContext(region), [region]);
  const errors = validateDraft(service.form, draft.answers, draft.attachments, ctx);
  const problems = Object.keys(errors).length;
  const canSend = problems === 0 && consent && !sending;

  const send = () => {
    setSending(true);
    setFailed(null);
    submitDraft({ ...draft, consent: true }, 'field', { collect: signCollection, sealingKey: fieldSealingKey, collector: unlocked()?.accountId }).then(
      () => route('/lapangan'),
      (err: unknown) => {
        setSending(false);
        setFailed(err instanceof NoSealingKeyError ? 'noKey' : 'failed');
      },
    );
  };

  return (
    <article class="review lapangan-review">
      <h1 ref={heading} tabIndex={-1}>
        {t('lapangan.review.title', { service: service.name[lang] })}
      </h1>
      <section aria-labelledby="lapangan-answers-title">
        <h2 id="lapangan-answers-title">{t('lapangan.review.answers')}</h2>
        <AnswerList draft={draft} service={service} region={region} errors={errors} attached={(n) => t('lapangan.review.attached', { n })} />
        <button type="button" class="btn lapangan__big" onClick={onEdit}>
          {t('lapangan.review.edit')}
        </button>
      </section>
      <section aria-labelledby="lapangan-consent-title">
        <h2 id="lapangan-consent-title">{t('lapangan.review.consentTitle')}</h2>
        <label class="choice lapangan__check">
          <input
            type="checkbox"
            checked={consent}
            onChange={(e) => {
              const v = e.currentTarget.checked;
              setConsentState(v);
              void setConsent(draft.id, v).catch(() => undefined);
            }}
          />
          {t('lapangan.review.consent')}
        </label>
      </section>
      <div class="lapangan__actions">
        <button type="button" class="btn btn--primary lapangan__big" disabled={!canSend} aria-describedby="lapangan-send-reason" onClick={send}>
          {sending ? t('lapangan.review.sending') : t('lapangan.review.send')}
        </button>
        <p id="lapangan-send-reason" class="send-reason">
          {problems > 0 ? t('lapangan.review.problems', { n: problems }) : !consent ? t('lapangan.review.needsConsent') : t('lapangan.review.ready')}
        </p>
        {failed && (
          <p role="alert" class="field__error">
            {failed === 'noKey' ? t('lapangan.review.noKey') : t('lapangan.review.failed')}
          </p>
        )}
      </div>
    </article>
  );
}
