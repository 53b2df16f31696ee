// Shown where an online-only screen (the back office) could not be loaded: its code is not kept on
// the device (it would weigh on every resident's phone), so offline it says so and offers to retry.
import { useI18n } from '../i18n/index.ts';

export function NeedsConnection() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('section.office.title')}</h1>
      <div class="office-error" role="alert">
        <p>{t('office.error.offline')}</p>
        <button type="button" class="btn" onClick={() => location.reload()}>
          {t('office.retry')}
        </button>
      </div>
    </>
  );
}

/** A lazy screen that needs the network to arrive: offline, NeedsConnection stands in for it. */
export const onlineOnly =
  <T,>(load: () => Promise<T>) =>
  (): Promise<T | { default: typeof NeedsConnection }> =>
    load().catch(() => ({ default: NeedsConnection }));
