// /lapangan: the residents served on this trip (name, masked NIK, village), each with their
// applications and their state; add a resident; start an application for them for a service.
import { useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { addResident, maskNik, type Resident, residents$, startApplication } from '../../data/field/residents.ts';
import type { OutboxEntry, SealedOutboxEntry } from '../../data/outbox/outbox-db.ts';
import { channelOutbox$ } from '../../data/outbox/submit.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import { checkNik } from '../../domain/identity/nik.ts';
import { errorMessage } from '../applications/error-messages.ts';
import { validationContext } from '../applications/validation.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { useObservable } from '../hooks/useObservable.ts';
import { type MessageKey, useI18n } from '../i18n/index.ts';
import { FieldGate } from './FieldGate.tsx';
import { FieldNav } from './FieldNav.tsx';

export default function FieldResidentsPage() {
  return (
    <FieldGate>
      <FieldNav />
      <Residents />
    </FieldGate>
  );
}

function Residents() {
  const { t } = useI18n();
  const residents = useObservable<Resident[]>(() => residents$(), []);
  const outbox = useObservable<FieldEntry[]>(() => channelOutbox$('field'), []);
  const entries = useMemo(
    () => new Map((outbox.status === 'ready' ? outbox.value : []).map((e) => [e.id, e])),
    [outbox],
  );
  return (
    <section class="lapangan lapangan-residents" aria-labelledby="lapangan-residents-title">
      <h1 id="lapangan-residents-title">{t('lapangan.residents.title')}</h1>
      <p class="lead">{t('lapangan.residents.intro')}</p>
      {residents.status === 'loading' && <p role="status">{t('lapangan.loading')}</p>}
      {residents.status === 'error' && <p role="alert">{t('lapangan.storageError')}</p>}
      {residents.status === 'ready' &&
        (residents.value.length === 0 ? (
          <p>{t('lapangan.residents.empty')}</p>
        ) : (
          <ul class="lapangan-residents__list">
            {residents.value.map((r) => (
              <ResidentCard key={r.id} resident={r} entries={entries} />
            ))}
          </ul>
        ))}
      <AddResident />
    </section>
  );
}

type FieldEntry = OutboxEntry | SealedOutboxEntry;

const STATE_KEYS: Record<string, MessageKey> = {
  queued: 'lapangan.app.queued',
  delivered: 'lapangan.app.delivered',
  rejected: 'lapangan.app.rejected',
  quarantined: 'lapangan.app.quarantined',
  correcting: 'lapangan.app.rejected',
};

function ResidentCard({ resident, entries }: { resident: Resident; entries: Map<string, FieldEntry> }) {
  const { t, lang } = useI18n();
  const { route } = useLocation();
  const catalogue = useCatalogue();
  const services =
    catalogue.status === 'ready' ? catalogue.value.services.filter((s) => s.channels.includes('field')) : [];
  const [serviceId, setServiceId] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const serviceName = (id: string) =>
    catalogue.status === 'ready' ? (catalogue.value.services.find((s) => s.id === id)?.name[lang] ?? id) : id;
  const selectId = `lapangan-service-${resident.id}`;

  const start = async (service: Service | undefined) => {
    if (!service) return;
    setBusy(true);
    setFailed(false);
    try {
      route(`/lapangan/permohonan/${await startApplication(resident, service)}`);
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <li class="lapangan-resident">
      <h2 class="lapangan-resident__name">{resident.name}</h2>
      <p class="lapangan-resident__facts">
        <span>{t('lapangan.residents.nikShort', { nik: maskNik(resident.nik) })}</span>{' '}
        <span>{t('lapangan.residents.villageShort', { village: resident.village })}</span>
      </p>
      {resident.applications.length > 0 ? (
        <ul class="lapangan-resident__apps">
          {resident.applications.map((a) => {
            const entry = entries.get(a.draftId);
            const tracking = entry?.result?.status === 'accepted' ? entry.result.trackingNumber : undefined;
            // A rejected sealed entry cannot be reopened: its draft is corrected and sealed again under the same id.
            const fixable = entry?.kind === 'sealed' && entry.state === 'rejected';
            return (
              <li key={a.draftId} class="lapangan-app" data-state={entry?.state ?? 'draft'}>
                <span class="lapangan-app__service">{serviceName(a.serviceId)}</span>{' '}
                {entry && (
                  <span class="lapangan-app__state">
                    {tracking
                      ? t('lapangan.app.tracking', { number: tracking })
                      : t(STATE_KEYS[entry.state] ?? 'lapangan.app.queued')}
                  </span>
                )}
                {fixable && ' '}
                {(!entry || fixable) && (
                  <a class="btn btn--small" href={`/lapangan/permohonan/${a.draftId}`}>
                    {fixable ? t('lapangan.app.fix') : t('lapangan.app.continue')}
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t('lapangan.residents.noApps')}</p>
      )}
      <div class="lapangan-resident__start">
        <div class="field">
          <label for={selectId}>{t('lapangan.residents.service', { name: resident.name })}</label>
          <select id={selectId} value={serviceId} onChange={(e) => setServiceId(e.currentTarget.value)}>
            <option value="">{t('lapangan.residents.pickService')}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name[lang]}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          class="btn btn--primary lapangan__big"
          disabled={!serviceId || busy}
          onClick={() => void start(services.find((s) => s.id === serviceId))}
        >
          {t('lapangan.residents.start')}
        </button>
        {failed && (
          <p role="alert" class="field__error">
            {t('lapangan.residents.startFailed')}
          </p>
        )}
      </div>
    </li>
  );
}

function AddResident() {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [nik, setNik] = useState('');
  const [village, setVillage] = useState('');
  const [errors, setErrors] = useState<Partial<Record<'name' | 'nik' | 'village', string>>>({});
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const ctx = useMemo(() => validationContext(undefined), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (!name.trim()) next.name = t('lapangan.add.required');
    if (!village.trim()) next.village = t('lapangan.add.required');
    const check = checkNik(nik.replace(/\s/g, ''), ctx);
    if (!check.ok) next.nik = errorMessage({ code: check.error }, t);
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      await addResident({ name, nik: nik.replace(/\s/g, ''), village });
      setAdded(name.trim());
      setName('');
      setNik('');
      setVillage('');
      first.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const input = (
    id: string,
    key: 'name' | 'nik' | 'village',
    value: string,
    set: (v: string) => void,
    label: MessageKey,
    extra: Record<string, string> = {},
  ) => (
    <div class="field">
      <label for={id}>{t(label)}</label>
      <input
        id={id}
        ref={key === 'name' ? first : undefined}
        value={value}
        autoComplete="off"
        aria-invalid={errors[key] ? 'true' : undefined}
        aria-describedby={errors[key] ? `${id}-error` : undefined}
        onInput={(e) => set(e.currentTarget.value)}
        {...extra}
      />
      {errors[key] && (
        <p id={`${id}-error`} class="field__error">
          {errors[key]}
        </p>
      )}
    </div>
  );

  return (
    <section class="lapangan-add" aria-labelledby="lapangan-add-title">
      <h2 id="lapangan-add-title">{t('lapangan.add.title')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {input('lapangan-add-name', 'name', name, setName, 'lapangan.add.name')}
        {input('lapangan-add-nik', 'nik', nik, setNik, 'lapangan.add.nik', { inputMode: 'numeric' })}
        {input('lapangan-add-village', 'village', village, setVillage, 'lapangan.add.village')}
        <button type="submit" class="btn btn--primary lapangan__big" disabled={busy}>
          {t('lapangan.add.submit')}
        </button>
      </form>
      {added && (
        <p role="status" class="lapangan__notice">
          {t('lapangan.add.done', { name: added })}
        </p>
      )}
    </section>
  );
}
