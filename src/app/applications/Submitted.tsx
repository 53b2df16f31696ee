// An application after "Kirim": read-only, with its state — waiting for signal, delivered with the
// tracking number, returned for correction with the server's reasons, or stuck (quarantined) — and a
// provisional receipt (QR code of its id) that works offline. When the office asks for a correction,
// its message and "Perbaiki permohonan", which makes the same application editable again. Then the
// whole story (issue #15): issued documents kept on the device, the timeline, what was sent, and a
// receipt to copy, share or print.

import { useLocation } from 'preact-iso';
import type { OutboxEntry } from '../../data/outbox/outbox-db.ts';
import { awaitsCorrection, deleteOutboxEntry, startCorrection } from '../../data/outbox/submit.ts';
import { isFinal } from '../../domain/backoffice/application-status.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import { formatDate, formatDateTime } from '../../domain/format.ts';
import type { RegionDataset } from '../../domain/region.ts';
import type { ApplicationUpdate } from '../../domain/submissions/submission.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { SurveyOffer } from '../feedback/SurveyOffer.tsx';
import { useI18n } from '../i18n/index.ts';
import { serverErrorMessage } from './error-messages.ts';
import { keyLabel } from './form-labels.ts';
import { PushOptIn } from './PushOptIn.tsx';
import '../i18n/story-messages.ts';
import { IssuedDocuments } from './story/IssuedDocuments.tsx';
import { ReceiptActions } from './story/ReceiptActions.tsx';
import { Timeline } from './story/Timeline.tsx';
import { WhatISent } from './story/WhatISent.tsx';
import { Withdraw } from './Withdraw.tsx';

export function Submitted({
  entry,
  update,
  service,
  region,
}: {
  entry: OutboxEntry;
  update: ApplicationUpdate | undefined;
  service: Service;
  region?: RegionDataset | undefined;
}) {
  const { t, lang } = useI18n();
  const result = entry.result;
  return (
    <article class="submitted">
      <h1>{service.name[lang]}</h1>
      <p class={`state state--${entry.state}`} role="status">
        {t(`outbox.state.${entry.state}`)}
      </p>
      <SendingProgress entry={entry} />
      {awaitsCorrection(entry, update) ? (
        <CorrectionRequest entry={entry} update={update!} />
      ) : (
        update && (
          <section class="office-update" aria-labelledby="office-update-title">
            <h2 id="office-update-title">{t('outbox.officeStatus')}</h2>
            <p class="office-update__status">{t(`status.${update.status}`)}</p>
            {update.message && <p class="office-update__message">{update.message}</p>}
            {update.pickup && (
              <p>
                {t('outbox.pickup', { place: update.pickup.place, from: formatDateTime(update.pickup.from, lang) })}
              </p>
            )}
            <HeldBy update={update} />
            <p class="office-update__time">
              {t('outbox.officeUpdatedAt', { date: formatDate(update.updatedAt, lang) })}
            </p>
          </section>
        )
      )}
      <PushOptIn entry={entry} update={update} />
      {update?.documents && update.documents.length > 0 && (
        <IssuedDocuments applicationId={entry.id} documents={update.documents} />
      )}
      {update && <Timeline update={update} />}
      <SurveyOffer applicationId={entry.id} update={update} />
      {result?.status === 'accepted' && <Withdraw id={entry.id} ended={isFinal(update?.status ?? 'received')} />}
      {result?.status === 'accepted' && (
        <dl class="receipt">
          <dt>{t('outbox.trackingNumber')}</dt>
          <dd class="receipt__number">{result.trackingNumber}</dd>
          <dt>{t('outbox.receivedAt')}</dt>
          <dd>{formatDate(result.receivedAt, lang)}</dd>
          <dd>
            <a href={`/lacak?nomor=${result.trackingNumber}`}>{t('outbox.track')}</a>
          </dd>
        </dl>
      )}
      {result?.status === 'accepted' && (
        <ReceiptActions
          serviceName={service.name[lang]}
          trackingNumber={result.trackingNumber}
          receivedAt={result.receivedAt}
        />
      )}
      {entry.state === 'queued' && (
        <>
          <p>{t('outbox.queuedExplain')}</p>
          {entry.attempts > 0 && <p>{t('outbox.attempts', { n: entry.attempts })}</p>}
        </>
      )}
      {result?.status === 'rejected' && (
        <>
          <ul class="field__error">
            {Object.entries(result.errors).map(([field, e]) => (
              <li key={field}>
                {keyLabel(service.requirements, service.form, field, lang)}
                {': '}
                {e.code === 'constraint'
                  ? (service.form.fields.find((f) => f.key === field)?.constraint?.message[lang] ??
                    t('error.constraint'))
                  : serverErrorMessage(e, t)}
              </li>
            ))}
          </ul>
          <button type="button" class="btn btn--primary" onClick={() => void deleteOutboxEntry(entry.id)}>
            {t('outbox.correct')}
          </button>
        </>
      )}
      {entry.state === 'quarantined' && <p>{t('outbox.quarantinedExplain')}</p>}
      {!(update && isFinal(update.status)) && <WhatISent entry={entry} service={service} region={region} />}
      {/* Until the office has it: the application's own id, the one thing to quote. No QR code: on the
          resident's own phone nothing would scan it. */}
      {result?.status !== 'accepted' && (
        <section class="provisional" aria-labelledby="receipt-title">
          <h2 id="receipt-title">{t('outbox.receiptTitle')}</h2>
          <p class="receipt__id">{entry.id}</p>
        </section>
      )}
      <p>
        <a href="/permohonan">{t('form.backToList')}</a>
      </p>
    </article>
  );
}

/** The office sent the application back: its message, and the way to correct it (same application). */
export function CorrectionRequest({
  entry,
  update,
  compact = false,
}: {
  entry: OutboxEntry;
  update: ApplicationUpdate;
  compact?: boolean;
}) {
  const { t, lang } = useI18n();
  const { route } = useLocation();
  return (
    <section class="office-update office-update--correction" aria-labelledby={`correction-${entry.id}`}>
      {compact ? (
        <strong id={`correction-${entry.id}`}>{t('status.needs-correction')}</strong>
      ) : (
        <h2 id={`correction-${entry.id}`}>{t('status.needs-correction')}</h2>
      )}
      {update.message && (
        <p class="office-update__message">{t('application.correction.message', { message: update.message })}</p>
      )}
      {update.abandonsAt && (
        <p class="office-update__deadline">{t('outbox.abandonsAt', { date: formatDate(update.abandonsAt, lang) })}</p>
      )}
      <button
        type="button"
        class="btn btn--primary"
        onClick={() =>
          void startCorrection(entry.id, update).then((ok) => ok && compact && route(`/permohonan/${entry.id}`))
        }
      >
        {t('outbox.correct')}
      </button>
    </section>
  );
}

/** Which office holds the application now: it changes when a receiving office forwards it to an issuing one. */
function HeldBy({ update }: { update: ApplicationUpdate }) {
  const { t, lang } = useI18n();
  const catalogue = useCatalogue();
  if (!update.officeId) return null;
  const office =
    catalogue.status === 'ready' ? catalogue.value.offices.find((o) => o.id === update.officeId) : undefined;
  return <p class="office-update__office">{t('outbox.heldBy', { office: office?.name[lang] ?? update.officeId })}</p>;
}

/** On top of the form and the review while the resident corrects a sent-back application. */
export function CorrectionNotice({ update }: { update: ApplicationUpdate | undefined }) {
  const { t } = useI18n();
  return (
    <aside class="office-update office-update--correction" aria-label={t('status.needs-correction')}>
      <p>{t('application.correction.editing')}</p>
      {update?.status === 'needs-correction' && update.message && (
        <p class="office-update__message">{t('application.correction.message', { message: update.message })}</p>
      )}
    </aside>
  );
}

/** Recent enough to mean a drain is at work now (a drain cut off by a closed page leaves an old mark). */
const SENDING_FRESH_MS = 2 * 60_000;

export function SendingProgress({ entry }: { entry: OutboxEntry }) {
  const { t } = useI18n();
  const s = entry.sending;
  if (entry.state !== 'queued' || !s || Date.now() - s.at > SENDING_FRESH_MS) return null;
  const percent = s.total > 0 ? Math.floor((100 * s.sent) / s.total) : 100;
  return (
    <p class="sending">
      <progress max={100} value={percent} aria-label={t('outbox.sendingLabel')} /> {t('outbox.sending', { percent })}
    </p>
  );
}
