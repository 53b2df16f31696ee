// The review before "Kirim" on a shared device — the village kiosk (texts `kiosk.review.*`, classes
// `kiosk__*`) and the field officer's tablet (`lapangan.review.*`, `lapangan__*`): the answers with
// their errors, consent, and "Kirim", which seals the application into the outbox
// (data/outbox/seal.ts). The caller says how it is sent and where the screen goes next.
import type { RefObject } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { setConsent } from '../../data/drafts/drafts.ts';
import { NoSealingKeyError } from '../../data/outbox/sealing-key.ts';
import { formForVersion, type Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import { validateDraft } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { useI18n } from '../i18n/index.ts';
import { AnswerList } from './AnswerList.tsx';
import { validationContext } from './validation.ts';

type Props = {
  area: 'kiosk' | 'lapangan';
  draft: Draft;
  service: Service;
  region: RegionDataset | undefined;
  headingRef?: RefObject<HTMLHeadingElement>;
  onEdit(): void;
  /** Queues the draft (consent given) in the outbox. */
  send(draft: Draft): Promise<void>;
  onSent(): void;
};

/** The texts of the review, each in the kiosk's and the field officer's dictionary (`<area>.review.<text>`). */
type ReviewText =
  | 'title'
  | 'answers'
  | 'attached'
  | 'edit'
  | 'consentTitle'
  | 'consent'
  | 'sending'
  | 'send'
  | 'problems'
  | 'needsConsent'
  | 'ready'
  | 'noKey'
  | 'failed';

export function SealedReview({ area, draft, service, region, headingRef, onEdit, send, onSent }: Props) {
  const { t, lang } = useI18n();
  const text = (key: ReviewText) => `${area}.review.${key}` as const;
  const [consent, setConsentState] = useState(draft.consent);
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState<'noKey' | 'failed' | null>(null);
  const ctx = useMemo(() => validationContext(region), [region]);
  const form = formForVersion(service, draft.formVersion);
  const errors = validateDraft(form, draft.answers, draft.attachments, ctx);
  const problems = Object.keys(errors).length;
  const canSend = problems === 0 && consent && !sending;

  const onSend = () => {
    setSending(true);
    setFailed(null);
    send({ ...draft, consent: true }).then(onSent, (err: unknown) => {
      setSending(false);
      setFailed(err instanceof NoSealingKeyError ? 'noKey' : 'failed');
    });
  };

  return (
    <article class={`review ${area}-review`}>
      <h1 ref={headingRef} tabIndex={-1}>
        {t(text('title'), { service: service.name[lang] })}
      </h1>
      <section aria-labelledby={`${area}-answers-title`}>
        <h2 id={`${area}-answers-title`}>{t(text('answers'))}</h2>
        <AnswerList
          draft={draft}
          service={service}
          region={region}
          errors={errors}
          attached={(n) => t(text('attached'), { n })}
        />
        <button type="button" class={`btn ${area}__big`} onClick={onEdit}>
          {t(text('edit'))}
        </button>
      </section>
      <section aria-labelledby={`${area}-consent-title`}>
        <h2 id={`${area}-consent-title`}>{t(text('consentTitle'))}</h2>
        <label class={`choice ${area}__check`}>
          <input
            type="checkbox"
            checked={consent}
            onChange={(e) => {
              const v = e.currentTarget.checked;
              setConsentState(v);
              void setConsent(draft.id, v).catch(() => undefined);
            }}
          />
          {t(text('consent'))}
        </label>
      </section>
      <div class={`${area}__actions`}>
        <button
          type="button"
          class={`btn btn--primary ${area}__big`}
          disabled={!canSend}
          aria-describedby={`${area}-send-reason`}
          onClick={onSend}
        >
          {sending ? t(text('sending')) : t(text('send'))}
        </button>
        <p id={`${area}-send-reason`} class="send-reason">
          {problems > 0 ? t(text('problems'), { n: problems }) : !consent ? t(text('needsConsent')) : t(text('ready'))}
        </p>
        {failed && (
          <p role="alert" class="field__error">
            {failed === 'noKey' ? t(text('noKey')) : t(text('failed'))}
          </p>
        )}
      </div>
    </article>
  );
}
