// This device's complaints on /pengaduan: each one's state, tracking number, the office's status
// and answers (pulled from the server), and a way to drop one the server refused.
import { discardComplaint } from '../../data/feedback/submit.ts';
import type { ComplaintOutboxEntry } from '../../data/outbox/outbox-db.ts';
import type { Office } from '../../domain/catalogue/office.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { ComplaintRefusal, ComplaintUpdate } from '../../domain/feedback/complaint.ts';
import { formatDate } from '../../domain/format.ts';
import { keyFor, type MessageKey, type Translate, useI18n } from '../i18n/index.ts';
import { ComplaintRespond } from './ComplaintRespond.tsx';

export function MyComplaints({
  entries,
  updates,
  loaded,
  services,
  offices,
}: {
  entries: ComplaintOutboxEntry[];
  updates: ComplaintUpdate[];
  /** The device's complaints have been read (until then, "none yet" would be a guess). */
  loaded: boolean;
  services: Service[];
  offices: Office[];
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="my-complaints">
      <h2 id="my-complaints">{t('complaint.mine.title')}</h2>
      {loaded && entries.length === 0 && <p>{t('complaint.mine.none')}</p>}
      <ul class="complaints">
        {entries.map((e) => (
          <MyComplaint
            key={e.id}
            entry={e}
            update={updates.find((u) => u.id === e.id)}
            services={services}
            offices={offices}
          />
        ))}
      </ul>
    </section>
  );
}

const REFUSAL_TEXT: Record<ComplaintRefusal, MessageKey> = {
  'complaint.service-unknown': 'complaint.error.service-unknown',
  'complaint.office-unknown': 'complaint.error.office-unknown',
  'complaint.application-unknown': 'complaint.error.application-unknown',
  'complaint.when-future': 'complaint.error.when-future',
  'channel.unverified': 'complaint.error.channel.unverified',
  'complaint.conflict': 'complaint.error.conflict',
  'document.mismatch': 'complaint.error.document.mismatch',
  'text.invalid': 'complaint.error.text.invalid',
  'value.type': 'complaint.error.value.type',
};

/** The server's reason in words; a code this build does not know is shown as it came. */
function refusalText(code: string, t: Translate): string {
  const key = keyFor(REFUSAL_TEXT, code);
  return key ? t(key) : code;
}

function aboutLabel(entry: ComplaintOutboxEntry, services: Service[], offices: Office[], lang: 'id' | 'en'): string {
  const about = entry.record.about;
  if (about.kind === 'application') return about.trackingNumber;
  if (about.kind === 'office') return offices.find((o) => o.id === about.officeId)?.name[lang] ?? about.officeId;
  return services.find((s) => s.id === about.serviceId)?.name[lang] ?? about.serviceId;
}

const officeName = (id: string, offices: Office[], lang: 'id' | 'en') =>
  offices.find((o) => o.id === id)?.name[lang] ?? id;

/** What happened to the complaint besides the answers: a new kind (and due date), another office, the resident's replies. */
function ComplaintTimeline({ update, offices }: { update: ComplaintUpdate; offices: Office[] }) {
  const { t, lang } = useI18n();
  return (
    <>
      <h4>{t('complaint.history')}</h4>
      <ol class="complaint__history">
        {update.history.map((e) => (
          <li key={`${e.at}-${e.kind}`} data-kind={e.kind}>
            <p class="office-update__time">{formatDate(e.at, lang)}</p>
            <p class="office-update__message">
              {e.kind === 'reclassified' &&
                t('complaint.event.reclassified', {
                  category: e.category ? t(`complaint.category.${e.category}`) : '',
                  due: e.dueAt ? formatDate(e.dueAt, lang) : '',
                })}
              {e.kind === 'transferred' &&
                t('complaint.event.transferred', { office: officeName(e.officeId ?? '', offices, lang) })}
              {e.kind === 'replied' && t('complaint.event.replied')}
              {e.kind === 'reopened' &&
                t('complaint.event.reopened', { due: e.dueAt ? formatDate(e.dueAt, lang) : '' })}
            </p>
            {e.text && <p class="office-update__message">{e.text}</p>}
          </li>
        ))}
      </ol>
    </>
  );
}

function MyComplaint({
  entry,
  update,
  services,
  offices,
}: {
  entry: ComplaintOutboxEntry;
  update: ComplaintUpdate | undefined;
  services: Service[];
  offices: Office[];
}) {
  const { t, lang } = useI18n();
  const result = entry.result;
  return (
    <li class="complaint" data-id={entry.id}>
      <h3 class="complaint__about">{aboutLabel(entry, services, offices, lang)}</h3>
      <p class={`state state--${entry.state}`}>{t(`complaint.state.${entry.state}`)}</p>
      <dl class="receipt">
        <dt>{t('complaint.filedOn')}</dt>
        <dd>{formatDate(new Date(entry.queuedAt), lang)}</dd>
        {result?.status === 'accepted' && (
          <>
            <dt>{t('outbox.trackingNumber')}</dt>
            <dd class="receipt__number">{result.trackingNumber}</dd>
          </>
        )}
        {update && (
          <>
            <dt>{t('outbox.officeStatus')}</dt>
            <dd class="complaint__status">{t(`complaint.status.${update.status}`)}</dd>
            <dt>{t('complaint.category')}</dt>
            <dd class="complaint__category">{t(`complaint.category.${update.category}`)}</dd>
            <dt>{t('complaint.heldBy')}</dt>
            <dd class="complaint__office">{officeName(update.officeId, offices, lang)}</dd>
            <dt>{t('complaint.dueAt')}</dt>
            <dd class="complaint__due">{formatDate(update.dueAt, lang)}</dd>
          </>
        )}
      </dl>
      <p class="complaint__what">{entry.record.what}</p>
      {update && (
        <section class="office-update" aria-label={t('complaint.answers')}>
          <h4>{t('complaint.answers')}</h4>
          {update.answers.length === 0 ? (
            <p>{t('complaint.noAnswer')}</p>
          ) : (
            <ol class="complaint__answers">
              {update.answers.map((a) => (
                <li key={a.at}>
                  <p class="office-update__time">{formatDate(a.at, lang)}</p>
                  <p class="office-update__message">{a.text}</p>
                </li>
              ))}
            </ol>
          )}
          {update.history.length > 0 && <ComplaintTimeline update={update} offices={offices} />}
          <ComplaintRespond update={update} />
        </section>
      )}
      {result?.status === 'rejected' && (
        <ul class="field__error">
          {Object.entries(result.errors).map(([field, e]) => (
            <li key={field}>{refusalText(e.code, t)}</li>
          ))}
        </ul>
      )}
      {(entry.state === 'rejected' || entry.state === 'quarantined') && (
        <button type="button" class="btn" onClick={() => void discardComplaint(entry.id)}>
          {t('complaint.discard')}
        </button>
      )}
    </li>
  );
}
