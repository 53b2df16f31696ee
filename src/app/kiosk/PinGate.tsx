// Asks for the staff PIN; five wrong PINs lock it for five minutes (counted on the device).
import { useRef, useState } from 'preact/hooks';
import { checkStaffPin } from '../../data/kiosk/device.ts';
import { MAX_PIN_FAILURES } from '../../data/kiosk/pin.ts';
import { useI18n } from '../i18n/index.ts';

export function PinForm({ id, submitLabel, onOk }: { id: string; submitLabel: string; onOk(): void }) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const result = await checkStaffPin(pin).catch(() => ({ ok: false as const, lockedMs: 0, failures: 0 }));
    setBusy(false);
    setPin('');
    if (result.ok) return onOk();
    setMessage(
      result.lockedMs > 0
        ? t('kiosk.staff.locked', { minutes: Math.ceil(result.lockedMs / 60_000) })
        : t('kiosk.staff.wrongPin', { left: MAX_PIN_FAILURES - result.failures }),
    );
    input.current?.focus();
  };

  return (
    <form class="kiosk-pin" onSubmit={(e) => void submit(e)} noValidate>
      <div class="field">
        <label for={id}>{t('kiosk.staff.pin')}</label>
        <input
          ref={input}
          id={id}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onInput={(e) => setPin(e.currentTarget.value)}
        />
      </div>
      {message && (
        <p role="alert" class="field__error">
          {message}
        </p>
      )}
      <button type="submit" class="btn btn--primary kiosk__big" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
