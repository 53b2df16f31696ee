// /petugas/pesan-gagal: the messages to residents that could not be delivered (administrators): a text
// the gateway refused or never answered, a push the push service refused. When, how, about what,
// the tracking number, tries and the last error — a text's number masked — and a way to send one
// again once its cause is fixed (the gateway is back, the number corrected at the counter).
import { formatDateTime } from '../../../domain/format.ts';
import type { TroubledNotice } from '../../../domain/notifications/notice.ts';
import { useHeadingFocus } from '../../hooks/useHeadingFocus.ts';
import { useI18n } from '../../i18n/index.ts';
import { officeFetch } from '../api.ts';
import { AdminsOnly } from '../FormEditor.tsx';
import { OfficeError } from '../OfficeError.tsx';
import { OfficeGate } from '../OfficeGate.tsx';
import { TableScroller } from '../TableScroller.tsx';
import { AdminMessage } from './AdminMessage.tsx';
import { useAdminAction, useAdminData } from './useAdminData.ts';

export default function FailedNotices() {
  return <OfficeGate>{(p) => (p.role === 'administrator' ? <FailedNoticesScreen /> : <AdminsOnly />)}</OfficeGate>;
}

const KNOWN_ERRORS = new Set(['timeout', 'network', 'no_phone']);

function FailedNoticesScreen() {
  const { t, lang } = useI18n();
  const heading = useHeadingFocus();
  const { loaded, reload } = useAdminData<{ notices: TroubledNotice[] }>('/api/admin/notifications/troubled');
  const { busy, message, run } = useAdminAction(reload);

  /** A short error code (http_503, timeout, no_phone) in words. */
  const errorWords = (code: string | null): string => {
    if (!code) return '—';
    const http = /^http_(\d{3})$/.exec(code);
    if (http) return t('admin.notices.error.http', { status: http[1] ?? '' });
    return KNOWN_ERRORS.has(code) ? t(`admin.notices.error.${code as 'timeout' | 'network' | 'no_phone'}`) : code;
  };
  const eventWords = (event: string): string =>
    event === 'complaint-answered'
      ? t('admin.notices.event.complaint-answered')
      : ['needs-correction', 'ready', 'completed', 'rejected'].includes(event)
        ? t(`status.${event as 'needs-correction' | 'ready' | 'completed' | 'rejected'}`)
        : event;

  const retry = (n: TroubledNotice) =>
    run(async () => {
      await officeFetch(`/api/admin/notifications/${n.id}/retry`, { method: 'POST' });
      return t('admin.notices.retried', { number: n.trackingNumber });
    });

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('admin.notices.title')}
      </h1>
      <p>{t('admin.notices.intro')}</p>
      <AdminMessage message={message} />
      {loaded.status === 'loading' && <p role="status">{t('loading')}</p>}
      {loaded.status === 'error' && <OfficeError error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ready' && loaded.data.notices.length === 0 && <p>{t('admin.notices.none')}</p>}
      {loaded.status === 'ready' && loaded.data.notices.length > 0 && (
        <TableScroller captionId="notices-caption">
          <table class="office-table admin-notices">
            <caption id="notices-caption">{t('admin.notices.caption', { n: loaded.data.notices.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.notices.col.when')}</th>
                <th scope="col">{t('admin.notices.col.tracking')}</th>
                <th scope="col">{t('admin.notices.col.channel')}</th>
                <th scope="col">{t('admin.notices.col.event')}</th>
                <th scope="col">{t('admin.notices.col.phone')}</th>
                <th scope="col">{t('admin.notices.col.attempts')}</th>
                <th scope="col">{t('admin.notices.col.error')}</th>
                <th scope="col">{t('admin.notices.col.state')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.notices.map((n) => (
                <tr key={n.id}>
                  <td>{formatDateTime(n.createdAt, lang)}</td>
                  <th scope="row" class="admin-notices__tracking">
                    {n.trackingNumber}
                  </th>
                  <td>{t(`admin.notices.channel.${n.channel}`)}</td>
                  <td>{eventWords(n.event)}</td>
                  <td>{n.phone ?? '—'}</td>
                  <td>{n.attempts}</td>
                  <td>{errorWords(n.lastError)}</td>
                  <td>{t(`admin.notices.state.${n.state}`)}</td>
                  <td>
                    <button
                      type="button"
                      class="btn"
                      disabled={busy}
                      aria-label={t('admin.notices.retryOne', { number: n.trackingNumber })}
                      onClick={() => void retry(n)}
                    >
                      {t('admin.notices.retry')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
    </>
  );
}
