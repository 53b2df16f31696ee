// /petugas/katalog: an officer edits the opening hours and contacts of an office in their scope and
// publishes announcements (closure, changed hours, restriction); devices get both through the
// catalogue replication. The office's correction period is set here too.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AnnouncementKind } from '../../domain/catalogue/announcement.ts';
import type { OpeningPeriod } from '../../domain/catalogue/office.ts';
import { dayName } from '../catalogue/labels.ts';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { useI18n } from '../i18n/index.ts';
import { OfficeApiError, officeFetch } from './api.ts';
import { CorrectionPeriodForm } from './CorrectionPeriodForm.tsx';
import { wibLocalToInstant } from './format.ts';
import { errorText, OfficeError } from './OfficeError.tsx';
import { OfficeGate } from './OfficeGate.tsx';
import type { OfficeList, OfficeSummary } from './types.ts';

const KINDS: AnnouncementKind[] = ['closure', 'changed-hours', 'restriction', 'information'];
const DAYS = [1, 2, 3, 4, 5, 6, 7];

type Offices =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; offices: OfficeSummary[] };
type Outcome = { ok: true; message: string } | { ok: false; message: string } | null;

export default function CatalogueEditor() {
  return <OfficeGate>{() => <EditorScreen />}</OfficeGate>;
}

function failure(error: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (error instanceof OfficeApiError && error.status === 400) {
    const fields = (error.body as { error?: { fields?: Record<string, string[]> } } | null)?.error?.fields;
    return t('office.catalogue.invalid', { fields: fields ? Object.keys(fields).join(', ') : error.code });
  }
  return errorText(error, t);
}

function EditorScreen() {
  const { t, lang } = useI18n();
  const heading = useHeadingFocus();
  const [offices, setOffices] = useState<Offices>({ status: 'loading' });
  const [officeId, setOfficeId] = useState('');
  // Fetched on arrival, on "Coba lagi" and after a save, which changes the office's record.
  const loadOffices = useCallback(() => {
    officeFetch<OfficeList>('/api/office/offices').then(
      (list) => {
        setOffices({ status: 'ready', offices: list.offices });
        setOfficeId((current) => current || (list.offices[0]?.id ?? ''));
      },
      (error: unknown) => setOffices({ status: 'error', error }),
    );
  }, []);
  useEffect(() => loadOffices(), [loadOffices]);
  const office = offices.status === 'ready' ? offices.offices.find((o) => o.id === officeId) : undefined;

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('office.catalogue.title')}
      </h1>
      {offices.status === 'loading' && <p role="status">{t('loading')}</p>}
      {offices.status === 'error' && <OfficeError error={offices.error} onRetry={loadOffices} />}
      {offices.status === 'ready' && (
        <div class="field office-form">
          <label for="cat-office">{t('office.catalogue.office')}</label>
          <select id="cat-office" value={officeId} onChange={(e) => setOfficeId(e.currentTarget.value)}>
            {offices.offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name[lang]}
              </option>
            ))}
          </select>
        </div>
      )}
      {office && <OfficeEditor key={office.id} office={office} onSaved={loadOffices} />}
      {office && <CorrectionPeriodForm key={`c-${office.id}`} office={office} />}
      {office && <AnnouncementForm key={`a-${office.id}`} office={office} />}
    </>
  );
}

function OfficeEditor({ office, onSaved }: { office: OfficeSummary; onSaved(): void }) {
  const { t, lang } = useI18n();
  const [phone, setPhone] = useState(office.contacts.phone ?? '');
  const [whatsapp, setWhatsapp] = useState(office.contacts.whatsapp ?? '');
  const [email, setEmail] = useState(office.contacts.email ?? '');
  const [hours, setHours] = useState<OpeningPeriod[]>(office.hours);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const setPeriod = (i: number, patch: Partial<OpeningPeriod>) =>
    setHours(hours.map((h, j) => (j === i ? { ...h, ...patch } : h)));

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setOutcome(null);
    const contacts = {
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(whatsapp.trim() ? { whatsapp: whatsapp.trim() } : {}),
      ...(email.trim() ? { email: email.trim() } : {}),
    };
    try {
      await officeFetch(`/api/office/offices/${encodeURIComponent(office.id)}`, {
        method: 'PATCH',
        body: { hours, contacts },
      });
      setOutcome({ ok: true, message: t('office.catalogue.saved') });
      onSaved();
    } catch (error) {
      setOutcome({ ok: false, message: failure(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="office-form office-move" onSubmit={(e) => void save(e)}>
      <h2>{t('office.catalogue.contacts')}</h2>
      {office.contacts.example && <p>{t('office.catalogue.contactsExample')}</p>}
      <div class="field">
        <label for="cat-phone">{t('office.catalogue.phone')}</label>
        <input
          id="cat-phone"
          type="tel"
          inputMode="tel"
          value={phone}
          onInput={(e) => setPhone(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="cat-whatsapp">{t('office.catalogue.whatsapp')}</label>
        <input
          id="cat-whatsapp"
          type="tel"
          inputMode="tel"
          value={whatsapp}
          onInput={(e) => setWhatsapp(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="cat-email">{t('office.catalogue.email')}</label>
        <input id="cat-email" type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
      </div>
      <h2>{t('office.catalogue.hours')}</h2>
      <ul class="office-hours">
        {hours.map((h, i) => {
          const n = i + 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row is "period n" by its position (its labels and ids say so) and its inputs are controlled, so the position is its identity
            <li key={i} class="office-hours__row">
              <div class="field">
                <label for={`cat-day-${i}`}>{t('office.catalogue.dayLabel', { n })}</label>
                <select
                  id={`cat-day-${i}`}
                  value={String(h.day)}
                  onChange={(e) => setPeriod(i, { day: Number(e.currentTarget.value) })}
                >
                  {DAYS.map((d) => (
                    <option key={d} value={String(d)}>
                      {dayName(d, lang)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for={`cat-open-${i}`}>{t('office.catalogue.opensLabel', { n })}</label>
                <input
                  id={`cat-open-${i}`}
                  type="time"
                  required
                  value={h.open}
                  onInput={(e) => setPeriod(i, { open: e.currentTarget.value })}
                />
              </div>
              <div class="field">
                <label for={`cat-close-${i}`}>{t('office.catalogue.closesLabel', { n })}</label>
                <input
                  id={`cat-close-${i}`}
                  type="time"
                  required
                  value={h.close}
                  onInput={(e) => setPeriod(i, { close: e.currentTarget.value })}
                />
              </div>
              <button type="button" class="btn btn--small" onClick={() => setHours(hours.filter((_, j) => j !== i))}>
                {t('office.catalogue.removePeriod', { n })}
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" class="btn" onClick={() => setHours([...hours, { day: 1, open: '08:00', close: '14:00' }])}>
        {t('office.catalogue.addPeriod')}
      </button>
      {outcome && (
        <p class={outcome.ok ? 'office-move__done' : 'field__error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.message}
        </p>
      )}
      <button type="submit" class="btn btn--primary" disabled={busy}>
        {t('office.catalogue.save')}
      </button>
    </form>
  );
}

function AnnouncementForm({ office }: { office: OfficeSummary }) {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<AnnouncementKind>('closure');
  const [titleId, setTitleId] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [bodyId, setBodyId] = useState('');
  const [bodyEn, setBodyEn] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const publish = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setOutcome(null);
    try {
      await officeFetch('/api/office/announcements', {
        method: 'POST',
        body: {
          id: `${office.id}-${Date.now().toString(36)}`.slice(0, 64),
          kind,
          officeIds: [office.id],
          title: { id: titleId.trim(), en: titleEn.trim() || titleId.trim() },
          body: { id: bodyId.trim(), en: bodyEn.trim() || bodyId.trim() },
          validFrom: from ? wibLocalToInstant(from) : new Date().toISOString(),
          ...(until ? { validUntil: wibLocalToInstant(until) } : {}),
        },
      });
      setOutcome({ ok: true, message: t('office.catalogue.published') });
      setTitleId('');
      setTitleEn('');
      setBodyId('');
      setBodyEn('');
    } catch (error) {
      setOutcome({ ok: false, message: failure(error, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="office-form office-move" onSubmit={(e) => void publish(e)}>
      <h2>{t('office.catalogue.announceFor', { office: office.name[lang] })}</h2>
      <div class="field">
        <label for="ann-kind">{t('office.catalogue.announceKind')}</label>
        <select id="ann-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as AnnouncementKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`announcement.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="ann-title-id">{t('office.catalogue.titleId')}</label>
        <input
          id="ann-title-id"
          required
          maxLength={200}
          value={titleId}
          onInput={(e) => setTitleId(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="ann-title-en">{t('office.catalogue.titleEn')}</label>
        <input id="ann-title-en" maxLength={200} value={titleEn} onInput={(e) => setTitleEn(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="ann-body-id">{t('office.catalogue.bodyId')}</label>
        <textarea id="ann-body-id" required rows={3} value={bodyId} onInput={(e) => setBodyId(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="ann-body-en">{t('office.catalogue.bodyEn')}</label>
        <textarea id="ann-body-en" rows={3} value={bodyEn} onInput={(e) => setBodyEn(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="ann-from">{t('office.catalogue.announceFrom')}</label>
        <input id="ann-from" type="datetime-local" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="ann-until">{t('office.catalogue.announceUntil')}</label>
        <input id="ann-until" type="datetime-local" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
      </div>
      {outcome && (
        <p class={outcome.ok ? 'office-move__done' : 'field__error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.message}
        </p>
      )}
      <button type="submit" class="btn btn--primary" disabled={busy}>
        {t('office.catalogue.announce')}
      </button>
    </form>
  );
}
