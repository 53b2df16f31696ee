// /lapangan/masuk: the field officer signs in once online (username and password → a bearer token),
// then sets a PIN of at least six digits that unlocks the tablet offline for the days the
// administrator set. Also shown by the gate when the tablet has no officer, or the PIN was locked,
// has run out, or the account was revoked.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import {
  completeSignIn,
  lastWipeReason,
  type PendingSignIn,
  SignInError,
  type SignInProblem,
  signInOnline,
} from '../../data/field/officer.ts';
import { isValidFieldPin } from '../../data/field/vault.ts';
import { type MessageKey, useI18n } from '../i18n/index.ts';
import { useFieldStatus } from './useFieldStatus.ts';

export default function FieldSignInPage() {
  const { t } = useI18n();
  const state = useFieldStatus();
  if (state.status === 'loading') return <p role="status">{t('lapangan.loading')}</p>;
  if (state.status === 'unlocked') {
    return (
      <section class="lapangan" aria-labelledby="lapangan-in-title">
        <h1 id="lapangan-in-title">{t('lapangan.signIn.already')}</h1>
        <p>
          <a class="btn btn--primary lapangan__big" href="/lapangan">
            {t('lapangan.nav.residents')}
          </a>
        </p>
      </section>
    );
  }
  return <SignInFlow reason={state.status === 'locked' || state.status === 'expired' ? state.status : 'none'} />;
}

const PROBLEM_KEYS: Record<SignInProblem, MessageKey> = {
  offline: 'lapangan.signIn.offline',
  invalid: 'lapangan.signIn.invalid',
  'not-field': 'lapangan.signIn.notField',
  blocked: 'lapangan.signIn.blocked',
  server: 'lapangan.signIn.server',
};

const REASON_KEYS: Record<string, MessageKey> = {
  locked: 'lapangan.reason.locked',
  expired: 'lapangan.reason.expired',
  revoked: 'lapangan.reason.revoked',
  'signed-out': 'lapangan.reason.signedOut',
};

export function SignInFlow({ reason }: { reason: 'none' | 'locked' | 'expired' | 'error' | 'pin' }) {
  const [pending, setPending] = useState<PendingSignIn | null>(null);
  const [wiped] = useState(() => lastWipeReason());
  const shown = reason === 'locked' || reason === 'expired' ? reason : wiped;
  return pending ? <SetPin pending={pending} /> : <Credentials reason={shown} onSignedIn={setPending} />;
}

function Credentials({ reason, onSignedIn }: { reason: string | null; onSignedIn(p: PendingSignIn): void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<SignInProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onSignedIn(await signInOnline(username, password));
    } catch (err) {
      setProblem(err instanceof SignInError ? err.problem : 'server');
      setBusy(false);
    }
  };

  return (
    <section class="lapangan lapangan-signin" aria-labelledby="lapangan-signin-title">
      <h1 ref={heading} tabIndex={-1}>
        {t('section.field.title')}
      </h1>
      <h2 id="lapangan-signin-title">{t('lapangan.signIn.title')}</h2>
      {reason && REASON_KEYS[reason] && (
        <p role="status" class="lapangan__notice">
          {t(REASON_KEYS[reason]!)}
        </p>
      )}
      <p class="lead">{t('lapangan.signIn.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div class="field">
          <label for="lapangan-user">{t('lapangan.signIn.username')}</label>
          <input
            id="lapangan-user"
            autoComplete="username"
            autoCapitalize="none"
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="lapangan-password">{t('lapangan.signIn.password')}</label>
          <input
            id="lapangan-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        {problem && (
          <p role="alert" class="field__error">
            {t(PROBLEM_KEYS[problem])}
          </p>
        )}
        <button type="submit" class="btn btn--primary lapangan__big" disabled={busy || !username || !password}>
          {busy ? t('lapangan.signIn.busy') : t('lapangan.signIn.submit')}
        </button>
      </form>
    </section>
  );
}

function SetPin({ pending }: { pending: PendingSignIn }) {
  const { t } = useI18n();
  const { route, path } = useLocation();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!isValidFieldPin(pin)) return setProblem('lapangan.setPin.invalid');
    if (pin !== repeat) return setProblem('lapangan.setPin.mismatch');
    setBusy(true);
    setProblem(null);
    try {
      await completeSignIn(pending, pin);
      if (path === '/lapangan/masuk') route('/lapangan');
    } catch {
      setProblem('lapangan.storageError');
      setBusy(false);
    }
  };

  return (
    <section class="lapangan lapangan-setpin" aria-labelledby="lapangan-setpin-title">
      <h1 id="lapangan-setpin-title" ref={heading} tabIndex={-1}>
        {t('lapangan.setPin.title')}
      </h1>
      <p class="lead">{t('lapangan.setPin.intro', { name: pending.principal.name, days: pending.pinValidityDays })}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div class="field">
          <label for="lapangan-newpin">{t('lapangan.setPin.pin')}</label>
          <input
            id="lapangan-newpin"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={pin}
            onInput={(e) => setPin(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="lapangan-repeatpin">{t('lapangan.setPin.repeat')}</label>
          <input
            id="lapangan-repeatpin"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={repeat}
            onInput={(e) => setRepeat(e.currentTarget.value)}
          />
        </div>
        {problem && (
          <p role="alert" class="field__error">
            {t(problem)}
          </p>
        )}
        <button type="submit" class="btn btn--primary lapangan__big" disabled={busy}>
          {busy ? t('lapangan.setPin.busy') : t('lapangan.setPin.submit')}
        </button>
      </form>
    </section>
  );
}
