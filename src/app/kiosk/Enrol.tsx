// /kios/daftar: a staff member enrols the tablet once — pastes the device token the administrator
// gave, sets the staff PIN; the token is checked online (GET /api/auth/me) and kept on the device.
import { useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { EnrolError, enrolKiosk } from '../../data/kiosk/device.ts';
import { isValidPin } from '../../data/kiosk/pin.ts';
import { type MessageKey, useI18n } from '../i18n/index.ts';
import { KioskFrame } from './KioskFrame.tsx';
import { useKioskDevice } from './useKioskDevice.ts';

export default function Enrol() {
  const { t } = useI18n();
  const device = useKioskDevice();
  if (device.status === 'loading')
    return (
      <KioskFrame staffLink={false}>
        <p role="status">{t('kiosk.loading')}</p>
      </KioskFrame>
    );
  if (device.status === 'ready' && device.value) {
    return (
      <KioskFrame staffLink={false}>
        <h1>{t('kiosk.enrol.title')}</h1>
        <p>{t('kiosk.enrol.already', { office: device.value.officeId })}</p>
        <p>
          <a class="btn btn--primary kiosk__big" href="/kios">
            {t('kiosk.enrol.toKiosk')}
          </a>
        </p>
      </KioskFrame>
    );
  }
  return (
    <KioskFrame staffLink={false}>
      <EnrolForm />
    </KioskFrame>
  );
}

function EnrolForm() {
  const { t } = useI18n();
  const { route } = useLocation();
  const [token, setToken] = useState('');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLParagraphElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const fail = (key: MessageKey) => {
      setProblem(key);
      setBusy(false);
      queueMicrotask(() => alertRef.current?.focus());
    };
    if (!isValidPin(pin)) return fail('kiosk.enrol.pinInvalid');
    if (pin !== pinAgain) return fail('kiosk.enrol.pinMismatch');
    setBusy(true);
    setProblem(null);
    try {
      await enrolKiosk(token, pin);
      route('/kios');
    } catch (err) {
      fail(err instanceof EnrolError ? `kiosk.enrol.${err.problem}` : 'kiosk.enrol.server');
    }
  };

  return (
    <form class="kiosk-enrol" onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('kiosk.enrol.title')}</h1>
      <p class="lead">{t('kiosk.enrol.intro')}</p>
      <div class="field">
        <label for="kiosk-token">{t('kiosk.enrol.token')}</label>
        <p id="kiosk-token-help" class="field__help">
          {t('kiosk.enrol.tokenHelp')}
        </p>
        <input
          id="kiosk-token"
          type="text"
          autoComplete="off"
          spellcheck={false}
          aria-describedby="kiosk-token-help"
          required
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="kiosk-pin">{t('kiosk.enrol.pin')}</label>
        <input
          id="kiosk-pin"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          required
          value={pin}
          onInput={(e) => setPin(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="kiosk-pin-again">{t('kiosk.enrol.pinAgain')}</label>
        <input
          id="kiosk-pin-again"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          required
          value={pinAgain}
          onInput={(e) => setPinAgain(e.currentTarget.value)}
        />
      </div>
      {problem && (
        <p ref={alertRef} role="alert" tabIndex={-1} class="field__error">
          {t(problem)}
        </p>
      )}
      <button type="submit" class="btn btn--primary kiosk__big" disabled={busy}>
        {busy ? t('kiosk.enrol.busy') : t('kiosk.enrol.submit')}
      </button>
    </form>
  );
}
