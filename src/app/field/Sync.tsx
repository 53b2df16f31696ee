// /lapangan/sinkron: the sync summary when back in coverage — applications and photos waiting, their
// bytes, the progress of the sending, what failed and why, "Sinkronkan sekarang"; and, for weeks
// without coverage, "Ekspor ke berkas": the queued applications as one encrypted, signed file. The
// entries stay queued; the server stores each application once whichever way arrives first.
import { useEffect, useRef, useState } from 'preact/hooks';
import { canExport, exportQueuedFile, FieldExportError } from '../../data/field/export.ts';
import { type FailedItem, formatBytes, syncSummary } from '../../data/field/summary.ts';
import { type DrainReport, drainOutbox } from '../../data/outbox/drain.ts';
import type { OutboxEntry, SealedOutboxEntry } from '../../data/outbox/outbox-db.ts';
import { channelOutbox$ } from '../../data/outbox/submit.ts';
import { errorMessage } from '../applications/error-messages.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { useNow } from '../hooks/useNow.ts';
import { useObservable } from '../hooks/useObservable.ts';
import { type MessageKey, useI18n } from '../i18n/index.ts';
import { useOnline } from '../shell/useOnline.ts';
import { FieldGate } from './FieldGate.tsx';
import { FieldNav } from './FieldNav.tsx';

export default function FieldSyncPage() {
  return (
    <FieldGate>
      <FieldNav />
      <Sync />
    </FieldGate>
  );
}

function Sync() {
  const { t, lang } = useI18n();
  const online = useOnline();
  const now = useNow(2_000);
  const outbox = useObservable<Array<OutboxEntry | SealedOutboxEntry>>(() => channelOutbox$('field'), []);
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<DrainReport | 'failed' | null>(null);
  if (outbox.status === 'loading') return <p role="status">{t('lapangan.loading')}</p>;
  if (outbox.status === 'error') return <p role="alert">{t('lapangan.storageError')}</p>;
  const s = syncSummary(outbox.value, now.getTime());

  const syncNow = async () => {
    setRunning(true);
    setReport(null);
    try {
      setReport(await drainOutbox({ cause: 'forced' }));
    } catch {
      setReport('failed');
    } finally {
      setRunning(false);
    }
  };
  const reportKey: MessageKey | null =
    report === null
      ? null
      : report === 'failed' || report.stoppedBy === 'offline'
        ? 'lapangan.sync.reportOffline'
        : report.stoppedBy === 'auth'
          ? 'lapangan.sync.reportAuth'
          : 'lapangan.sync.reportDone';

  return (
    <section class="lapangan lapangan-sync" aria-labelledby="lapangan-sync-title">
      <h1 id="lapangan-sync-title">{t('lapangan.sync.title')}</h1>
      <p class={online ? 'lapangan-sync__online' : 'lapangan-sync__offline'}>
        {online ? t('lapangan.sync.online') : t('lapangan.sync.offline')}
      </p>
      <dl class="lapangan-sync__facts">
        <div>
          <dt>{t('lapangan.sync.applications')}</dt>
          <dd class="lapangan-sync__queued">{s.queued}</dd>
        </div>
        <div>
          <dt>{t('lapangan.sync.photos')}</dt>
          <dd class="lapangan-sync__photos">{s.photos}</dd>
        </div>
        <div>
          <dt>{t('lapangan.sync.bytes')}</dt>
          <dd class="lapangan-sync__bytes">{formatBytes(s.bytes, lang)}</dd>
        </div>
        <div>
          <dt>{t('lapangan.sync.delivered')}</dt>
          <dd class="lapangan-sync__delivered">{s.delivered}</dd>
        </div>
      </dl>
      {s.progress && (
        <div class="lapangan-sync__progress">
          <label for="lapangan-progress">
            {t('lapangan.sync.progress', {
              sent: formatBytes(s.progress.sent, lang),
              total: formatBytes(s.progress.total, lang),
            })}
          </label>
          <progress id="lapangan-progress" max={Math.max(1, s.progress.total)} value={s.progress.sent} />
        </div>
      )}
      <button
        type="button"
        class="btn btn--primary lapangan__big"
        disabled={running || s.queued === 0}
        onClick={() => void syncNow()}
      >
        {running ? t('lapangan.sync.running') : t('lapangan.sync.now')}
      </button>
      {reportKey && (
        <p role="status" class="lapangan-sync__report">
          {t(reportKey, {
            delivered: report !== 'failed' && report ? report.delivered : 0,
            waiting: report !== 'failed' && report ? report.waiting : s.queued,
          })}
        </p>
      )}
      {s.failed.length > 0 && <Failed items={s.failed} />}
      <Export queued={s.queued} />
    </section>
  );
}

function Failed({ items }: { items: FailedItem[] }) {
  const { t, lang } = useI18n();
  const catalogue = useCatalogue();
  const label = (key: string) =>
    catalogue.status === 'ready'
      ? (catalogue.value.services.flatMap((s) => s.form.fields).find((f) => f.key === key)?.label[lang] ?? key)
      : key;
  return (
    <section class="lapangan-sync__failed" aria-labelledby="lapangan-failed-title">
      <h2 id="lapangan-failed-title">{t('lapangan.sync.failedTitle')}</h2>
      <ul>
        {items.map((f) => (
          <li key={f.id}>
            <strong>
              {t(f.state === 'rejected' ? 'lapangan.sync.rejected' : 'lapangan.sync.quarantined', {
                id: f.id.slice(-8),
                attempts: f.attempts,
              })}
            </strong>
            {f.state === 'quarantined' && (
              <span>
                {' '}
                {f.error?.status
                  ? t('lapangan.sync.httpError', { status: f.error.status })
                  : t('lapangan.sync.networkError')}
              </span>
            )}
            {f.fields && (
              <ul>
                {Object.entries(f.fields).map(([key, err]) => (
                  <li key={key}>
                    {label(key)}
                    {': '}
                    {errorMessage({ code: err.code as never, ...(err.params ? { params: err.params } : {}) }, t)}
                  </li>
                ))}
              </ul>
            )}
            {/* A sealed entry cannot be opened on the tablet: the officer corrects the draft and sends it again. */}
            {f.sealed && f.state === 'rejected' && (
              <p>
                <a href={`/lapangan/permohonan/${f.id}`}>{t('lapangan.app.fix')}</a>
              </p>
            )}
          </li>
        ))}
      </ul>
      {items.some((f) => !f.sealed) && (
        <p>
          <a href="/permohonan">{t('lapangan.sync.failedHelp')}</a>
        </p>
      )}
    </section>
  );
}

type Saved = { url: string; fileName: string; count: number };

function Export({ queued }: { queued: number }) {
  const { t } = useI18n();
  const [ready, setReady] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const anchor = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    void canExport().then(setReady, () => setReady(false));
  }, []);
  useEffect(() => () => saved && URL.revokeObjectURL(saved.url), [saved]);
  useEffect(() => {
    if (saved) anchor.current?.click();
  }, [saved]);

  const make = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const file = await exportQueuedFile();
      setSaved({ url: URL.createObjectURL(file.blob), fileName: file.fileName, count: file.count });
    } catch (err) {
      setProblem(
        err instanceof FieldExportError
          ? err.code === 'not-prepared'
            ? 'lapangan.export.notPrepared'
            : 'lapangan.export.nothing'
          : 'lapangan.export.failed',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="lapangan-export" aria-labelledby="lapangan-export-title">
      <h2 id="lapangan-export-title">{t('lapangan.export.title')}</h2>
      <p>{t('lapangan.export.intro')}</p>
      <button
        type="button"
        class="btn lapangan__big"
        disabled={!ready || busy || queued === 0}
        aria-describedby="lapangan-export-why"
        onClick={() => void make()}
      >
        {busy ? t('lapangan.export.busy') : t('lapangan.export.button')}
      </button>
      <p id="lapangan-export-why" class="send-reason">
        {ready === false
          ? t('lapangan.export.notPrepared')
          : queued === 0
            ? t('lapangan.export.nothing')
            : t('lapangan.export.stays')}
      </p>
      {problem && (
        <p role="alert" class="field__error">
          {t(problem)}
        </p>
      )}
      {saved && (
        <p role="status" class="lapangan-export__done">
          {t('lapangan.export.done', { n: saved.count, file: saved.fileName })}{' '}
          <a ref={anchor} href={saved.url} download={saved.fileName}>
            {t('lapangan.export.again')}
          </a>
        </p>
      )}
    </section>
  );
}
