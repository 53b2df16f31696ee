// The idle warning: a modal dialog with the seconds left before the session is wiped and a large
// "Saya masih di sini" button (focused, so one tap or Enter keeps the session).
import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';

export function IdleWarning({ seconds, onStay }: { seconds: number; onStay(): void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    button.current?.focus();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      class="dialog kiosk-idle"
      aria-labelledby="kiosk-idle-title"
      aria-describedby="kiosk-idle-countdown"
      onCancel={(e) => {
        e.preventDefault();
        onStay();
      }}
    >
      <h2 id="kiosk-idle-title">{t('kiosk.idle.title')}</h2>
      <p id="kiosk-idle-countdown" class="kiosk-idle__countdown">
        {t('kiosk.idle.countdown', { seconds })}
      </p>
      <button ref={button} type="button" class="btn btn--primary kiosk__big" onClick={onStay}>
        {t('kiosk.idle.stay')}
      </button>
    </dialog>
  );
}
