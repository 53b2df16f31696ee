// /petugas/pengaduan/:id: one complaint of the officer's offices (reading it is audited) — what
// happened and when, what it is about, the complainant (or "dirahasiakan" when confidential and the
// account may not see it, "anonim" when none was stored), the answers so far — and the answer form
// with "tutup pengaduan". A closed complaint takes no more answers (the server answers 409 closed).
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { formatDateAnswer } from '../../domain/format.ts';
import { type Translate, useI18n } from '../i18n/index.ts';
import { OfficeApiError, officeFetch } from './api.ts';
import { ComplaintHistory } from './ComplaintHistory.tsx';
import { ComplaintReclassify } from './ComplaintReclassify.tsx';
import { ComplaintTransfer } from './ComplaintTransfer.tsx';
import { type OfficeCatalogue, useOfficeCatalogue } from './catalogue-labels.ts';
import { formatDateTime } from './format.ts';
import { DetailUnavailable, errorText } from './OfficeError.tsx';
import { OfficeGate } from './OfficeGate.tsx';
import { roleName } from './role-name.ts';
import type { ComplaintDetail as Detail } from './types.ts';
import { useOfficeDetail } from './useOfficeDetail.ts';

export default function ComplaintDetail() {
  return <OfficeGate>{() => <DetailScreen />}</OfficeGate>;
}

function DetailScreen() {
  const { t, lang } = useI18n();
  const { params } = useRoute();
  const id = params.id!;
  const catalogue = useOfficeCatalogue(lang);
  const { loaded, heading, reload, replace } = useOfficeDetail<Detail>(
    `/api/office/complaints/${encodeURIComponent(id)}`,
  );
  const [transferredTo, setTransferredTo] = useState<string | null>(null);

  if (loaded.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (loaded.status === 'error') {
    return (
      <DetailUnavailable
        heading={heading}
        title={t('office.complaints.title')}
        error={loaded.error}
        onRetry={reload}
        back={{ href: '/petugas/pengaduan', text: t('office.complaint.back') }}
      />
    );
  }
  const d = loaded.detail;
  if (transferredTo) {
    return (
      <div class="office-detail office-complaint">
        <h1 ref={heading} tabIndex={-1}>
          {t('office.complaint.title', { number: d.trackingNumber })}
        </h1>
        <p class="office-move__done" role="status">
          {t('office.complaint.transferred', { office: catalogue.officeName(transferredTo) })}
        </p>
        <p>
          <a href="/petugas/pengaduan">{t('office.complaint.back')}</a>
        </p>
      </div>
    );
  }
  return (
    <div class="office-detail office-complaint">
      <p>
        <a href="/petugas/pengaduan">{t('office.complaint.back')}</a>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t('office.complaint.title', { number: d.trackingNumber })}
      </h1>
      <h2>{t('office.complaint.summary')}</h2>
      <dl class="receipt office-complaint__summary">
        <dt>{t('office.complaints.col.status')}</dt>
        <dd class="office-complaint__status">{t(`office.complaints.status.${d.status}`)}</dd>
        <dt>{t('office.complaint.about')}</dt>
        <dd>{about(d, catalogue, t)}</dd>
        <dt>{t('office.queue.col.office')}</dt>
        <dd>{catalogue.officeName(d.officeId)}</dd>
        <dt>{t('office.complaints.col.category')}</dt>
        <dd>{t(`office.complaints.category.${d.category}`)}</dd>
        <dt>{t('office.complaint.complainant')}</dt>
        <dd class="office-complaint__complainant">
          {d.complainant
            ? [d.complainant.name, d.complainant.phone].filter(Boolean).join(', ')
            : d.complainantWithheld || d.privacy === 'confidential'
              ? t('office.complaint.withheld')
              : t('office.complaint.anonymous')}
        </dd>
        <dt>{t('office.queue.col.channel')}</dt>
        <dd>{t(`channel.${d.channel}`)}</dd>
        <dt>{t('office.complaint.when')}</dt>
        <dd>{formatDateAnswer(d.when, lang)}</dd>
        <dt>{t('office.complaints.col.received')}</dt>
        <dd>{formatDateTime(d.receivedAt, lang)}</dd>
        <dt>{t('office.complaints.col.due')}</dt>
        <dd class="office-complaint__due">
          {formatDateTime(d.dueAt, lang)}
          {d.overdue && <span class="badge office-badge--overdue">{t('office.complaints.overdue')}</span>}
        </dd>
        {d.closedAt && (
          <>
            <dt>{t('office.complaint.closedAt')}</dt>
            <dd>{formatDateTime(d.closedAt, lang)}</dd>
          </>
        )}
        {d.photo && (
          <>
            <dt>{t('office.complaint.photo')}</dt>
            <dd>
              <img
                class="office-documents__photo"
                src={`/api/office/complaints/${d.id}/photo`}
                alt={t('office.complaint.photoAlt', { number: d.trackingNumber })}
                width={d.photo.width}
                height={d.photo.height}
                loading="lazy"
              />
            </dd>
          </>
        )}
      </dl>
      <h2>{t('office.complaint.what')}</h2>
      <p class="office-complaint__what">{d.what}</p>

      <h2>{t('office.complaint.answers')}</h2>
      {d.answers.length === 0 ? (
        <p>{t('office.complaint.noAnswers')}</p>
      ) : (
        <ol class="office-history office-complaint__answers">
          {d.answers.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: answers are only ever appended, in order, so an answer's position is its identity (the API gives answers no id)
            <li key={i}>
              <strong>
                {t('office.complaint.answerBy', { at: formatDateTime(a.at, lang), role: roleName(a.role, t) })}
              </strong>
              <p class="office-history__message">{a.text}</p>
            </li>
          ))}
        </ol>
      )}

      <ComplaintHistory history={d.history} catalogue={catalogue} />

      <AnswerForm detail={d} onAnswered={replace} onStale={reload} />
      <ComplaintReclassify key={d.id} detail={d} onChanged={replace} />
      <ComplaintTransfer detail={d} catalogue={catalogue} onTransferred={setTransferredTo} />
    </div>
  );
}

type Outcome =
  | { kind: 'sent'; closed: boolean }
  | { kind: 'empty' }
  | { kind: 'closed' }
  | { kind: 'invalid' }
  | { kind: 'error'; error: unknown };

function AnswerForm({ detail, onAnswered, onStale }: { detail: Detail; onAnswered(d: Detail): void; onStale(): void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [close, setClose] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) {
      setOutcome({ kind: 'empty' });
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const next = await officeFetch<Detail>(`/api/office/complaints/${encodeURIComponent(detail.id)}/answers`, {
        method: 'POST',
        body: { text: text.trim(), close },
      });
      setText('');
      setClose(false);
      setOutcome({ kind: 'sent', closed: close });
      onAnswered(next);
    } catch (error) {
      if (error instanceof OfficeApiError && error.status === 409) {
        setOutcome({ kind: 'closed' });
        onStale();
      } else if (error instanceof OfficeApiError && error.status === 400) setOutcome({ kind: 'invalid' });
      else setOutcome({ kind: 'error', error });
    } finally {
      setBusy(false);
    }
  };

  const result = outcome && (
    <p
      class={outcome.kind === 'sent' ? 'office-move__done' : 'field__error'}
      role={outcome.kind === 'sent' ? 'status' : 'alert'}
    >
      {outcome.kind === 'sent' && (outcome.closed ? t('office.complaint.sentClosed') : t('office.complaint.sent'))}
      {outcome.kind === 'empty' && t('office.complaint.empty')}
      {outcome.kind === 'closed' && t('office.complaint.closed')}
      {outcome.kind === 'invalid' && t('office.complaint.invalid')}
      {outcome.kind === 'error' && errorText(outcome.error, t)}
    </p>
  );

  return (
    <section class="office-move" aria-labelledby="answer-title">
      <h2 id="answer-title">{t('office.complaint.answerTitle')}</h2>
      {result}
      {detail.status === 'closed' ? (
        outcome?.kind === 'closed' ? null : (
          <p>{t('office.complaint.closed')}</p>
        )
      ) : (
        <form class="office-form" onSubmit={(e) => void submit(e)} noValidate>
          <div class="field">
            <label for="answer-text">{t('office.complaint.answerText')}</label>
            <textarea
              id="answer-text"
              rows={5}
              maxLength={4000}
              aria-describedby="answer-help"
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
            <p id="answer-help" class="field__help">
              {t('office.complaint.answerHelp')}
            </p>
          </div>
          <label class="choice">
            <input type="checkbox" checked={close} onChange={(e) => setClose(e.currentTarget.checked)} />
            {t('office.complaint.close')}
          </label>
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {busy ? t('office.complaint.sending') : t('office.complaint.send')}
          </button>
        </form>
      )}
    </section>
  );
}

function about(d: Detail, catalogue: OfficeCatalogue, t: Translate): string {
  if (d.about.kind === 'service')
    return t('office.complaint.aboutService', { service: catalogue.serviceName(d.about.serviceId) });
  if (d.about.kind === 'office')
    return t('office.complaint.aboutOffice', { office: catalogue.officeName(d.about.officeId) });
  return t('office.complaint.aboutApplication', { number: d.about.trackingNumber });
}
