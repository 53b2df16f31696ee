// The sync panel on /permohonan: what waits to be sent, the last success, the next retry, and a
// "Sinkronkan sekarang" button — never a silent spinner. Applications that kept failing are listed
// with their error and can be saved as a file or discarded, but only by a person.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type DrainReport, drainOutbox } from '../../data/outbox/drain.ts';
import type { OutboxEntry } from '../../data/outbox/outbox-db.ts';
import { discardQuarantined } from '../../data/outbox/submit.ts';
import { useNow } from '../hooks/useNow.ts';
import { type MessageKey, useI18n } from '../i18n/index.ts';
import { relativeTime } from '../i18n/relative-time.ts';
import { useOnline } from '../shell/useOnline.ts';

export function OutboxPanel({ entries }: { entries: OutboxEntry[] }) {
  const { t, lang } = useI18n();
  const now = useNow(15_000);
  const online = useOnline();
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<DrainReport | 'failed' | null>(null);
  const queued = entries.filter((e) => e.state === 'queued');
  const quarantined = entries.filter((e) => e.state === 'quarantined');
  const lastSuccess = Math.max(0, ...entries.filter((e) => e.state === 'delivered').map((e) => e.updatedAt));
  const retries = queued.filter((e) => e.attempts > 0).map((e) => e.nextAttemptAt);
  const nextRetry = retries.length ? Math.min(...retries) : 0;

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

  if (entries.length === 0) return null;
  const reportKey: MessageKey | null =
    report === null
      ? null
      : report === 'failed' || report.stoppedBy === 'offline'
        ? 'outbox.panel.noSignal'
        : report.stoppedBy === 'auth'
          ? 'outbox.panel.auth'
          : 'outbox.panel.done';
  return (
    <section class="outbox-panel" aria-labelledby="outbox-title">
      <h2 id="outbox-title">{t('outbox.panel.title')}</h2>
      <p>{queued.length ? t('outbox.panel.waiting', { n: queued.length }) : t('outbox.panel.nothingWaiting')}</p>
      {lastSuccess > 0 && (
        <p>{t('outbox.panel.lastSuccess', { ago: relativeTime(new Date(lastSuccess), now, lang) })}</p>
      )}
      {nextRetry > now.getTime() && (
        <p>{t('outbox.panel.nextRetry', { at: relativeTime(new Date(nextRetry), now, lang) })}</p>
      )}
      {!online && queued.length > 0 && <p>{t('outbox.panel.offline')}</p>}
      <button
        type="button"
        class="btn btn--primary"
        disabled={running || queued.length === 0}
        onClick={() => void syncNow()}
      >
        {running ? t('outbox.panel.syncing') : t('outbox.panel.syncNow')}
      </button>
      {reportKey && report !== 'failed' && report !== null && (
        <p role="status">{t(reportKey, { delivered: report.delivered, waiting: report.waiting })}</p>
      )}
      {report === 'failed' && (
        <p role="status">{t('outbox.panel.noSignal', { delivered: 0, waiting: queued.length })}</p>
      )}
      {quarantined.length > 0 && <Quarantine entries={quarantined} />}
    </section>
  );
}

function Quarantine({ entries }: { entries: OutboxEntry[] }) {
  const { t } = useI18n();
  const [discarding, setDiscarding] = useState<OutboxEntry | null>(null);
  return (
    <div class="quarantine">
      <h3>{t('outbox.quarantine.title')}</h3>
      <ul>
        {entries.map((e) => (
          <li key={e.id}>
            <span>
              {t('outbox.quarantine.item', {
                id: e.id.slice(-8),
                attempts: e.attempts,
                error: e.lastError?.status
                  ? `HTTP ${e.lastError.status}`
                  : e.lastError?.kind === 'missing-file'
                    ? t('outbox.quarantine.missingFile')
                    : t('outbox.quarantine.network'),
              })}
            </span>{' '}
            <a class="btn btn--small" href={exportHref(e)} download={`permohonan-${e.id}.json`}>
              {t('outbox.quarantine.export')}
            </a>{' '}
            <button type="button" class="btn btn--small" onClick={() => setDiscarding(e)}>
              {t('outbox.quarantine.discard')}
            </button>
          </li>
        ))}
      </ul>
      {discarding && <ConfirmDiscard entry={discarding} onClose={() => setDiscarding(null)} />}
    </div>
  );
}

/** The record as a JSON file the resident can carry to the office (the device secret stays behind). */
function exportHref(e: OutboxEntry): string {
  return `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify({ record: e.record, lastError: e.lastError, queuedAt: new Date(e.queuedAt).toISOString() }, null, 2))}`;
}

function ConfirmDiscard({ entry, onClose }: { entry: OutboxEntry; onClose(): void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="discard-title" onClose={onClose}>
      <h2 id="discard-title">{t('outbox.quarantine.confirmTitle')}</h2>
      <p>{t('outbox.quarantine.confirmBody')}</p>
      <div class="dialog__actions">
        <button type="button" class="btn" onClick={() => dialog.current?.close()}>
          {t('drafts.keep')}
        </button>
        <button
          type="button"
          class="btn btn--danger"
          onClick={() => void discardQuarantined(entry.id).then(() => dialog.current?.close())}
        >
          {t('outbox.quarantine.confirmDiscard')}
        </button>
      </div>
    </dialog>
  );
}
