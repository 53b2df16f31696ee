// The offline unlock: the officer's PIN unwraps the data key. Each wrong PIN says how many tries are
// left; the fifth locks the officer's data until the next online sign-in.
import { useEffect, useRef, useState } from 'preact/hooks';
import { unlock } from '../../data/field/officer.ts';
import { useI18n } from '../i18n/index.ts';

export function PinUnlock() {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await unlock(pin).catch(() => null);
    setBusy(false);
    setPin('');
    if (result?.ok) return; // the gate re-renders with the screen
    if (result === null) setMessage(t('lapangan.storageError'));
    else if (result.reason === 'wrong') setMessage(t('lapangan.pin.wrong', { left: result.left }));
    input.current?.focus();
  };

  return (
    <section class="lapangan lapangan-pin" aria-labelledby="lapangan-pin-title">
      <h1 id="lapangan-pin-title" ref={heading} tabIndex={-1}>
        {t('lapangan.pin.title')}
      </h1>
      <p class="lead">{t('lapangan.pin.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div class="field">
          <label for="lapangan-pin">{t('lapangan.pin.label')}</label>
          <input
            ref={input}
            id="lapangan-pin"
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
        <button type="submit" class="btn btn--primary lapangan__big" disabled={busy}>
          {busy ? t('lapangan.pin.checking') : t('lapangan.pin.unlock')}
        </button>
      </form>
    </section>
  );
}
