// /kios/petugas: the staff panel behind the staff PIN — connection, last successful send, the
// outbox queue by state, "Sinkronkan sekarang" (the same drain as the residents' sync panel), the
// tracking numbers of delivered applications by their receipts' provisional codes, and "Keluar dari
// mode kios" (the PIN again, then the token is forgotten).
import { liveQuery } from 'dexie';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { leaveKioskMode } from '../../data/kiosk/device.ts';
import { type KioskMeta, type KioskReceiptRow, kioskDatabase } from '../../data/kiosk/kiosk-db.ts';
import { purgeDelivered, wipeSession } from '../../data/kiosk/session.ts';
import { type DrainReport, drainOutbox } from '../../data/outbox/drain.ts';
import type { OutboxEntry, OutboxState, SealedOutboxEntry } from '../../data/outbox/outbox-db.ts';
import { channelOutbox$ } from '../../data/outbox/submit.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { useLastSync } from '../hooks/useLastSync.ts';
import { useNow } from '../hooks/useNow.ts';
import { useObservable } from '../hooks/useObservable.ts';
import { useI18n } from '../i18n/index.ts';
import { relativeTime } from '../i18n/relative-time.ts';
import { useOnline } from '../shell/useOnline.ts';
import { KioskFrame } from './KioskFrame.tsx';
import { PinForm } from './PinGate.tsx';
import { useKioskDevice } from './useKioskDevice.ts';

const STATES: OutboxState[] = ['queued', 'quarantined', 'rejected', 'correcting', 'delivered'];

export default function Staff() {
  const { t } = useI18n();
  const device = useKioskDevice();
  const [unlocked, setUnlocked] = useState(false);
  const [left, setLeft] = useState(false);
  const heading = useHeadingFocus(unlocked);
  // A resident's session left open behind the staff entrance ends here.
  useEffect(() => void wipeSession().catch(() => undefined), []);

  let body: ComponentChildren;
  if (device.status === 'loading') body = <p role="status">{t('kiosk.loading')}</p>;
  else if (device.status === 'error') body = <p role="alert">{t('kiosk.storageError')}</p>;
  else if (!device.value)
    body = left ? (
      <p role="status">{t('kiosk.staff.left')}</p>
    ) : (
      <p>
        <a class="btn btn--primary kiosk__big" href="/kios/daftar">
          {t('kiosk.notEnrolled.link')}
        </a>
      </p>
    );
  else if (!unlocked)
    body = <PinForm id="kiosk-staff-pin" submitLabel={t('kiosk.staff.unlock')} onOk={() => setUnlocked(true)} />;
  else body = <Panel name={device.value.name} onLeft={() => setLeft(true)} />;

  return (
    <KioskFrame staffLink={false}>
      <h1 ref={heading} tabIndex={-1}>
        {t('kiosk.staff.title')}
      </h1>
      {body}
      <p>
        <a href="/kios">{t('kiosk.staff.back')}</a>
      </p>
    </KioskFrame>
  );
}

/** A resident back with a provisional code learns the tracking number here (nothing personal is listed). */
function Receipts() {
  const { t, lang } = useI18n();
  const now = useNow(60_000);
  const catalogue = useCatalogue();
  const [query, setQuery] = useState('');
  const receipts = useObservable<KioskReceiptRow[]>(
    () => liveQuery(() => kioskDatabase().receipts.orderBy('deliveredAt').reverse().toArray()),
    [],
  );
  const wanted = query
    .trim()
    .toUpperCase()
    .replace(/[^0-9A-F]/g, '');
  const rows = (receipts.status === 'ready' ? receipts.value : [])
    .filter((r) => r.code.replace('-', '').includes(wanted))
    .slice(0, 50);
  const serviceName = (id: string) =>
    catalogue.status === 'ready' ? (catalogue.value.services.find((s) => s.id === id)?.name[lang] ?? id) : id;
  return (
    <section aria-labelledby="kiosk-receipts-title">
      <h2 id="kiosk-receipts-title">{t('kiosk.staff.receipts')}</h2>
      <p>{t('kiosk.staff.receiptsIntro')}</p>
      <div class="field">
        <label for="kiosk-receipt-search">{t('kiosk.staff.receiptSearch')}</label>
        <input
          id="kiosk-receipt-search"
          type="search"
          autoComplete="off"
          spellcheck={false}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      {rows.length === 0 ? (
        <p class="kiosk-staff__receipts-empty">{t('kiosk.staff.receiptsEmpty')}</p>
      ) : (
        <table class="office-table kiosk-staff__receipts">
          <thead>
            <tr>
              <th scope="col">{t('kiosk.staff.receiptCode')}</th>
              <th scope="col">{t('kiosk.staff.receiptTracking')}</th>
              <th scope="col">{t('kiosk.staff.receiptService')}</th>
              <th scope="col">{t('kiosk.staff.receiptDelivered')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.code}</th>
                <td>{r.trackingNumber}</td>
                <td>{serviceName(r.serviceId)}</td>
                <td>{relativeTime(new Date(r.deliveredAt), now, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Panel({ name, onLeft }: { name: string; onLeft(): void }) {
  const { t, lang } = useI18n();
  const online = useOnline();
  const now = useNow(15_000);
  const catalogueSync = useLastSync();
  const outbox = useObservable<Array<OutboxEntry | SealedOutboxEntry>>(() => channelOutbox$('kiosk'), []);
  const lastDelivery = useObservable<KioskMeta | undefined>(
    () => liveQuery(() => kioskDatabase().meta.get('lastDelivery')),
    [],
  );
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<DrainReport | 'failed' | null>(null);
  const [leaving, setLeaving] = useState(false);
  const { route } = useLocation();

  const entries = outbox.status === 'ready' ? outbox.value : [];
  const count = (s: OutboxState) => entries.filter((e) => e.state === s).length;
  const delivered = Math.max(
    lastDelivery.status === 'ready' ? (lastDelivery.value?.value ?? 0) : 0,
    ...entries.filter((e) => e.state === 'delivered').map((e) => e.updatedAt),
  );

  const syncNow = async () => {
    setRunning(true);
    setReport(null);
    try {
      setReport(await drainOutbox({ cause: 'forced' }));
      await purgeDelivered();
    } catch {
      setReport('failed');
    } finally {
      setRunning(false);
    }
  };

  return (
    <div class="kiosk-staff">
      <section aria-labelledby="kiosk-conn-title">
        <h2 id="kiosk-conn-title">{t('kiosk.staff.connection')}</h2>
        <p class={online ? 'kiosk-staff__online' : 'kiosk-staff__offline'}>
          {online ? t('kiosk.staff.online') : t('kiosk.staff.offline')}
        </p>
        <dl class="kiosk-staff__facts">
          <dt>{t('kiosk.staff.lastSync')}</dt>
          <dd>{delivered > 0 ? relativeTime(new Date(delivered), now, lang) : t('kiosk.staff.never')}</dd>
          <dt>{t('kiosk.staff.catalogueSync')}</dt>
          <dd>{catalogueSync ? relativeTime(catalogueSync, now, lang) : t('kiosk.staff.never')}</dd>
        </dl>
      </section>
      <section aria-labelledby="kiosk-queue-title">
        <h2 id="kiosk-queue-title">{t('kiosk.staff.queue')}</h2>
        <p class="kiosk-staff__waiting">{t('kiosk.staff.queueTotal', { n: count('queued') })}</p>
        <ul class="kiosk-staff__states">
          {STATES.map((s) => (
            <li key={s} data-state={s}>
              {t(`kiosk.staff.state.${s}`)}
              {': '}
              <strong>{count(s)}</strong>
            </li>
          ))}
        </ul>
        <button type="button" class="btn btn--primary kiosk__big" disabled={running} onClick={() => void syncNow()}>
          {running ? t('kiosk.staff.syncing') : t('kiosk.staff.syncNow')}
        </button>
        <p role="status" class="kiosk-staff__report">
          {report === null
            ? ''
            : report === 'failed' || report.stoppedBy === 'offline'
              ? t('kiosk.staff.syncOffline')
              : t('kiosk.staff.syncDone', { delivered: report.delivered, waiting: report.waiting })}
        </p>
      </section>
      <Receipts />
      <section aria-labelledby="kiosk-device-title">
        <h2 id="kiosk-device-title">{t('kiosk.staff.device')}</h2>
        <p>{t('kiosk.staff.deviceName', { name })}</p>
        {leaving ? (
          <fieldset class="kiosk-staff__leave" aria-labelledby="kiosk-leave-title">
            <h3 id="kiosk-leave-title">{t('kiosk.staff.leaveTitle')}</h3>
            <p>{t('kiosk.staff.leaveBody')}</p>
            <PinForm
              id="kiosk-leave-pin"
              submitLabel={t('kiosk.staff.leaveConfirm')}
              onOk={() =>
                void leaveKioskMode().then(() => {
                  onLeft();
                  route('/kios/petugas', true);
                })
              }
            />
            <button type="button" class="btn kiosk__big" onClick={() => setLeaving(false)}>
              {t('kiosk.staff.cancel')}
            </button>
          </fieldset>
        ) : (
          <button type="button" class="btn btn--danger kiosk__big" onClick={() => setLeaving(true)}>
            {t('kiosk.staff.leave')}
          </button>
        )}
      </section>
    </div>
  );
}
