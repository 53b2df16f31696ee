// The connectivity badge in the header: always visible, announced to screen readers when it
// changes, with the time of the last successful sync.

import { useLastSync } from '../hooks/useLastSync.ts';
import { useNow } from '../hooks/useNow.ts';
import { useI18n } from '../i18n/index.ts';
import { relativeTime } from '../i18n/relative-time.ts';
import { useOnline } from './useOnline.ts';

export function Connectivity() {
  const { t, lang } = useI18n();
  const online = useOnline();
  const lastSync = useLastSync();
  const now = useNow();
  return (
    <div
      class={`conn ${online ? 'conn--online' : 'conn--offline'}`}
      role="status"
      aria-label={t('conn.statusLabel')}
      data-online={String(online)}
      data-copy="blank"
    >
      <span class="conn__dot" aria-hidden="true" />
      <span class="conn__text">{online ? t('conn.online') : t('conn.offline')}</span>
      {lastSync && <span class="conn__sync">{t('conn.lastSync', { ago: relativeTime(lastSync, now, lang) })}</span>}
    </div>
  );
}
