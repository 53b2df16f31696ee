// /petugas/masuk: the back-office sign-in. Errors in the officer's language: wrong credentials, a
// locked username or too many attempts (with the minutes to wait), offline, server trouble.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { useI18n } from '../i18n/index.ts';
import { OfficeApiError } from './api.ts';
import { errorText } from './OfficeError.tsx';
import { signIn, useSession } from './session.ts';

function safeNext(next: string | undefined): string {
  return next?.startsWith('/petugas') && !next.startsWith('/petugas/masuk') ? next : '/petugas';
}

export default function Login() {
  const { t } = useI18n();
  const { route, query } = useLocation();
  const session = useSession();
  const heading = useHeadingFocus();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const next = safeNext(query.kembali);
  // Arriving signed in goes straight on; a sign-in through the form goes on by itself (`submitted`).
  // The route and `next` are read when the session changes, never a reason to act: going on changes
  // the location while this page may still be on show.
  const submitted = useRef(false);
  const onward = useRef({ route, next });
  onward.current = { route, next };
  useEffect(() => {
    if (session.status === 'signed-in' && !submitted.current) onward.current.route(onward.current.next, true);
  }, [session.status]);

  const submit = async (e: Event) => {
    e.preventDefault();
    submitted.current = true;
    setBusy(true);
    setProblem(null);
    try {
      await signIn(username, password);
      route(next);
    } catch (err) {
      submitted.current = false;
      setPassword('');
      if (err instanceof OfficeApiError && err.kind === 'http' && err.status === 429) {
        const body = err.body as { error?: { retryAfterSeconds?: number } } | null;
        const minutes = Math.max(1, Math.ceil((body?.error?.retryAfterSeconds ?? 900) / 60));
        setProblem(t(err.code === 'account_locked' ? 'office.login.locked' : 'office.login.tooMany', { minutes }));
      } else if (err instanceof OfficeApiError && (err.status === 401 || err.status === 400)) {
        setProblem(t('office.login.wrong'));
      } else {
        setProblem(errorText(err, t));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="office office-login">
      <h1 ref={heading} tabIndex={-1}>
        {t('office.login.title')}
      </h1>
      <p>{t('office.login.intro')}</p>
      {session.status === 'signed-out' && session.reason === 'logout' && (
        <p role="status">{t('office.login.loggedOut')}</p>
      )}
      {session.status === 'signed-out' && session.reason === 'expired' && (
        <p role="status">{t('office.error.session')}</p>
      )}
      <form class="office-form" onSubmit={(e) => void submit(e)}>
        <div class="field">
          <label for="office-username">{t('office.login.username')}</label>
          <input
            id="office-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="office-password">{t('office.login.password')}</label>
          <input
            id="office-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        {problem && (
          <p class="field__error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {busy ? t('office.login.busy') : t('office.login.submit')}
        </button>
      </form>
    </div>
  );
}
