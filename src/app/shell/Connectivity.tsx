// The connectivity badge in the header: always visible, announced to screen readers when it changes.
import { useI18n } from '../i18n/index.ts';
import { useOnline } from './useOnline.ts';

export function Connectivity() {
  const { t } = useI18n();
  const online = useOnline();
  return (
    <p class={`conn ${online ? 'conn--online' : 'conn--offline'}`} role="status" aria-label={t('conn.statusLabel')} data-online={String(online)}>
      <span class="conn__dot" aria-hidden="true" />
      <span class="conn__text">{online ? t('conn.online') : t('conn.offline')}</span>
    </p>
  );
}
