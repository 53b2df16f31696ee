// The kiosk's review: the answers, consent, and "Kirim" — which seals the application into the
// outbox with channel 'kiosk' (the same exactly-once delivery as residents' phones).
import { useMemo, useRef, useState } from 'preact/hooks';
import { setConsent } from '../../data/drafts/drafts.ts';
import { NoSealingKeyError } from '../../data/outbox/sealing-key.ts';
import { submitDraft } from '../../data/outbox/submit.ts';
import type { FormField } from '../../domain/catalogue/form.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { AnswerValue, Draft } from '../../domain/drafts/draft.ts';
import { validateDraft } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { validationContext } from '../applications/validation.ts';
import { useI18n, type Translate } from '../i18n/index.ts';
import { useFocusHeading } from './KioskFrame.tsx';
import { useKioskDevice } from './useKioskDevice.ts';
import { AnswerList } from '../applications/AnswerList.tsx';

type Props = { draft: Draft; service: Service; region: RegionDataset | undefined; onEdit(): void; onSent(): void };

export function KioskReview({ draft, service, region, onEdit, onSent }: Props) {
  const { t, lang } = useI18n();
  const device = useKioskDevice();
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusHeading(heading, draft.id);
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
    // The kiosk's village office asks to handle it (the server decides whether that office serves the service).
    const officeId = device.status === 'ready' ? device.value?.officeId : undefined;
    submitDraft({ ...draft, consent: true }, 'kiosk', { officeId }).then(onSent, (err: unknown) => {
      setSending(false);
      setFailed(err instanceof NoSealingKeyError ? 'noKey' : 'failed');
    });
  };

  return (
    <article class="review kiosk-review">
      <h1 ref={heading} tabIndex={-1}>
        {t('kiosk.review.title', { service: service.name[lang] })}
      </h1>
      <section aria-labelledby="kiosk-answers-title">
        <h2 id="kiosk-answers-title">{t('kiosk.review.answers')}</h2>
        <AnswerList draft={draft} service={service} region={region} errors={errors} attached={(n) => t('kiosk.review.attached', { n })} />
        <button type="button" class="btn kiosk__big" onClick={onEdit}>
          {t('kiosk.review.edit')}
        </button>
      </section>
      <section aria-labelledby="kiosk-consent-title">
        <h2 id="kiosk-consent-title">{t('kiosk.review.consentTitle')}</h2>
        <label class="choice kiosk__check">
          <input
            type="checkbox"
            checked={consent}
            onChange={(e) => {
              const v = e.currentTarget.checked;
              setConsentState(v);
              void setConsent(draft.id, v).catch(() => undefined);
            }}
          />
          {t('kiosk.review.consent')}
        </label>
      </section>
      <div class="kiosk__actions">
        <button type="button" class="btn btn--primary kiosk__big" disabled={!canSend} aria-describedby="kiosk-send-reason" onClick={send}>
          {sending ? t('kiosk.review.sending') : t('kiosk.review.send')}
        </button>
        <p id="kiosk-send-reason" class="send-reason">
          {problems > 0 ? t('kiosk.review.problems', { n: problems }) : !consent ? t('kiosk.review.needsConsent') : t('kiosk.review.ready')}
        </p>
        {failed && (
          <p role="alert" class="field__error">
            {failed === 'noKey' ? t('kiosk.review.noKey') : t('kiosk.review.failed')}
          </p>
        )}
      </div>
    </article>
  );
}
