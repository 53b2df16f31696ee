// "Versi baru tersedia": shown when a new service worker waits. Nothing reloads until the user taps.
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import { afterFirstScreen } from './first-screen.ts';

type Apply = () => void;

export function UpdateBanner() {
  const { t } = useI18n();
  const [apply, setApply] = useState<Apply | null>(null);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    let cancelled = false;
    // Registration waits until the first screen is shown (its precache would share the thin link)
    // and lives in its own chunk.
    const cancelWait = afterFirstScreen(
      () =>
        void import('./register-sw.ts').then(({ registerServiceWorker }) => {
          if (!cancelled) {
            registerServiceWorker((applyUpdate) => {
              setDismissed(false);
              setApply(() => applyUpdate);
            });
          }
        }),
    );
    return () => {
      cancelled = true;
      cancelWait();
    };
  }, []);

  if (!apply || dismissed) return null;
  return (
    <section class="update" aria-labelledby="update-title" data-copy="omit">
      <p id="update-title" class="update__title" role="status">
        {t('update.available')}
      </p>
      <p class="update__explain">{t('update.explain')}</p>
      <div class="update__actions">
        <button type="button" class="btn btn--primary" onClick={() => apply()}>
          {t('update.apply')}
        </button>
        <button type="button" class="btn" onClick={() => setDismissed(true)}>
          {t('update.later')}
        </button>
      </div>
    </section>
  );
}
