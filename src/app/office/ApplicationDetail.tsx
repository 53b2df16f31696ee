// /petugas/permohonan/:id: one application of the officer's offices — answers under the form's labels,
// document photos, history — and the move form offering only the next states the machine allows.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { regions$ } from '../../data/catalogue/queries.ts';
import type { FormField } from '../../domain/catalogue/form.ts';
import { formForVersion } from '../../domain/catalogue/service.ts';
import { verificationPath } from '../../domain/documents/document.ts';
import type { AnswerValue } from '../../domain/drafts/draft.ts';
import { formatDateAnswer } from '../../domain/format.ts';
import { applicationNotes } from '../../domain/forms/notes.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { useObservable } from '../hooks/useObservable.ts';
import { type Language, type Translate, useI18n } from '../i18n/index.ts';
import { CounterCorrection } from './CounterCorrection.tsx';
import { useOfficeCatalogue } from './catalogue-labels.ts';
import { ForwardForm } from './ForwardForm.tsx';
import { formatDateTime } from './format.ts';
import { MoveForm } from './MoveForm.tsx';
import { DetailUnavailable } from './OfficeError.tsx';
import { OfficeGate } from './OfficeGate.tsx';
import { roleName } from './role-name.ts';
import type { ApplicationDetail as Detail } from './types.ts';
import { useOfficeDetail } from './useOfficeDetail.ts';

export default function ApplicationDetail() {
  return <OfficeGate>{() => <DetailScreen />}</OfficeGate>;
}

function DetailScreen() {
  const { t, lang } = useI18n();
  const { params } = useRoute();
  const id = params.id!;
  const catalogue = useOfficeCatalogue(lang);
  const regions = useObservable<RegionDataset[]>(() => regions$(), []);
  const region = regions.status === 'ready' ? regions.value[0] : undefined;
  const { loaded, heading, reload } = useOfficeDetail<Detail>(`/api/office/applications/${encodeURIComponent(id)}`);
  // Forwarded from this screen: it now belongs to another office (and is out of this officer's scope).
  const [forwarded, setForwarded] = useState<string | null>(null);

  if (forwarded) {
    return (
      <div class="office-detail">
        <h1 tabIndex={-1}>{t('office.forward.doneTitle')}</h1>
        <p role="status" class="office-move__done">
          {t('office.forward.done', { office: catalogue.officeName(forwarded) })}
        </p>
        <p>
          <a href="/petugas">{t('office.detail.back')}</a>
        </p>
      </div>
    );
  }
  if (loaded.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (loaded.status === 'error') {
    return (
      <DetailUnavailable
        heading={heading}
        title={t('section.office.title')}
        error={loaded.error}
        onRetry={reload}
        back={{ href: '/petugas', text: t('office.detail.back') }}
      />
    );
  }
  const d = loaded.detail;
  const service = catalogue.service(d.serviceId);
  // The form the answers were checked against (while that version is still open), else the current one.
  const form = service ? formForVersion(service, d.formVersion) : undefined;
  const fields = form?.fields ?? [];
  const notes = form ? applicationNotes(form, d.answers, new Date()) : [];
  const fieldOf = (key: string) => fields.find((f) => f.key === key);
  const ordered = [
    ...fields.map((f) => f.key).filter((k) => k in d.answers),
    // A resident's confirmation of a warning ("nik.confirmed") is told under notes, not as an answer.
    ...Object.keys(d.answers).filter((k) => !fieldOf(k) && !k.includes('.')),
  ];
  const labelOf = (key: string) => fieldOf(key)?.label[lang] ?? key;

  return (
    <div class="office-detail">
      <p>
        <a href="/petugas">{t('office.detail.back')}</a>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {t('office.detail.title', { number: d.trackingNumber })}
      </h1>
      <h2>{t('office.detail.summary')}</h2>
      <dl class="receipt office-detail__summary">
        <dt>{t('office.queue.col.status')}</dt>
        <dd class="office-detail__status">{t(`status.${d.status}`)}</dd>
        <dt>{t('office.queue.col.service')}</dt>
        <dd>{catalogue.serviceName(d.serviceId)}</dd>
        <dt>{t('office.queue.col.office')}</dt>
        <dd>{catalogue.officeName(d.officeId)}</dd>
        <dt>{t('office.queue.col.channel')}</dt>
        <dd>{t(`channel.${d.channel}`)}</dd>
        {d.collectedBy && (
          <>
            <dt>{t('office.detail.collectedBy')}</dt>
            <dd class="office-detail__collector">{d.collectedBy.name}</dd>
          </>
        )}
        <dt>{t('office.detail.applicant')}</dt>
        <dd>{d.applicant.kind === 'self' ? t('office.detail.applicantSelf') : (d.applicant.name ?? '')}</dd>
        <dt>{t('office.queue.col.received')}</dt>
        <dd>{formatDateTime(d.receivedAt, lang)}</dd>
        <dt>{t('office.queue.col.due')}</dt>
        <dd>
          {d.dueAt ? formatDateTime(d.dueAt, lang) : '—'}
          {d.overdue && <span class="badge office-badge--overdue">{t('office.queue.overdue')}</span>}
        </dd>
        {d.message && (
          <>
            <dt>{t('office.detail.message')}</dt>
            <dd>{d.message}</dd>
          </>
        )}
        {d.pickup && (
          <>
            <dt>{t('status.ready')}</dt>
            <dd class="office-detail__pickup">
              {t('office.detail.pickup', { place: d.pickup.place, from: formatDateTime(d.pickup.from, lang) })}
            </dd>
          </>
        )}
      </dl>

      {notes.length > 0 && (
        <section class="office-detail__notes" aria-labelledby="notes-title">
          <h2 id="notes-title">{t('forms.flags.title')}</h2>
          <ul>
            {notes.map((n) => (
              <li key={`${n.kind}-${n.field}`}>
                {n.kind === 'flag'
                  ? n.text[lang]
                  : n.kind === 'confirmed'
                    ? t('forms.flags.confirmed', { field: labelOf(n.field) })
                    : t('forms.flags.retired', {
                        field: labelOf(n.field),
                        code: n.region.code,
                        today: n.region.today,
                        name: n.region.name,
                      })}
              </li>
            ))}
          </ul>
        </section>
      )}

      <h2>{t('office.detail.answers')}</h2>
      <dl class="receipt office-detail__answers">
        {ordered.map((key) => (
          <Fragment key={key}>
            <dt>{labelOf(key)}</dt>
            <dd>{answerText(d.answers[key]!, fieldOf(key), lang, t, region)}</dd>
          </Fragment>
        ))}
      </dl>

      <h2>{t('office.detail.documents')}</h2>
      {d.attachments.length === 0 ? (
        <p>{t('office.detail.noDocuments')}</p>
      ) : (
        <ul class="office-documents">
          {d.attachments.map((a) => {
            const url = `/api/office/applications/${d.id}/files/${a.sha256}`;
            const label = `${labelOf(a.field)} (${a.name})`;
            return (
              <li key={`${a.field}-${a.sha256}`}>
                {a.type === 'application/pdf' ? (
                  // Downloaded, never rendered on this origin: the server sends PDFs as attachments.
                  <a href={url} download>
                    {t('office.detail.downloadPdf', { label })}
                  </a>
                ) : (
                  <figure>
                    <a href={url} target="_blank" rel="noopener">
                      <img
                        class="office-documents__photo"
                        src={url}
                        alt={t('office.detail.documentAlt', { label })}
                        width={a.width}
                        height={a.height}
                        loading="lazy"
                      />
                    </a>
                    <figcaption>{label}</figcaption>
                  </figure>
                )}
              </li>
            );
          })}
        </ul>
      )}

      {d.documents && d.documents.length > 0 && (
        <>
          <h2>{t('office.detail.issued')}</h2>
          <ul class="office-documents office-issued">
            {d.documents.map((doc) => (
              <li key={doc.code}>
                <a href={`/api/office/applications/${d.id}/documents/${doc.code}`} download>
                  {t('office.detail.issuedDocument', {
                    code: doc.code,
                    status: t(`status.${doc.status}`),
                    date: formatDateTime(doc.issuedAt, lang),
                  })}
                </a>
                {doc.signed && <span class="badge">{t('office.detail.issuedSigned')}</span>}
                {doc.note && <p class="office-history__message">{doc.note}</p>}
                <p>
                  <a href={verificationPath(doc.code)}>{t('office.detail.issuedVerify')}</a>
                </p>
              </li>
            ))}
          </ul>
        </>
      )}

      {d.status === 'needs-correction' && service && (
        <CounterCorrection key={d.history.length} detail={d} service={service} onDone={reload} />
      )}
      {d.issuing.forwardTo.length > 0 && (
        <ForwardForm detail={d} officeName={catalogue.officeName} onForwarded={setForwarded} onStale={reload} />
      )}
      <MoveForm detail={d} onMoved={reload} />

      <h2>{t('office.detail.history')}</h2>
      <ol class="office-history">
        {d.history.map((h) => (
          <li key={h.id}>
            <strong>{formatDateTime(h.at, lang)}</strong>{' '}
            {t('office.detail.historyEntry', {
              from: h.from ? t(`status.${h.from}`) : t('office.new'),
              to: t(`status.${h.to}`),
            })}{' '}
            {t('office.detail.actor', { role: roleName(h.actorRole, t) })}
            {h.kind !== 'move' && (
              <p class="office-history__kind">
                {h.kind === 'forward'
                  ? t('office.history.kind.forward', {
                      from: catalogue.officeName(h.fromOfficeId),
                      to: catalogue.officeName(h.toOfficeId),
                    })
                  : t(`office.history.kind.${h.kind}`)}
              </p>
            )}
            {h.message && <p class="office-history__message">{h.message}</p>}
            {h.pickup && (
              <p class="office-history__message">
                {t('office.detail.pickup', { place: h.pickup.place, from: formatDateTime(h.pickup.from, lang) })}
              </p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

function answerText(
  value: AnswerValue,
  field: FormField | undefined,
  lang: Language,
  t: Translate,
  region: RegionDataset | undefined,
): string {
  if (typeof value === 'boolean') return value ? t('office.detail.yes') : t('office.detail.no');
  if (typeof value === 'object') {
    const district = region?.districts.find(([c]) => c === value.districtCode)?.[1] ?? value.districtCode;
    const village = region?.villages.find(([c]) => c === value.villageCode)?.[1] ?? value.villageCode;
    return [value.street, village, district].filter(Boolean).join(', ');
  }
  if (field?.kind === 'choice') return field.options.find((o) => o.value === value)?.label[lang] ?? value;
  if (field?.kind === 'date') return formatDateAnswer(value, lang);
  return value;
}
