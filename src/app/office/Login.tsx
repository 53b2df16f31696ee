// /petugas/masuk: the back-office sign-in. Errors in the officer's language: wrong credentials, a
// locked username or too many attempts (with the minutes to wait), offline, server trouble. A
// password reset's one-time code typed as the password opens no session: the form then asks for a
// new password (twice) and sends it with the code, and only that signs in.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { PASSWORD_MIN_LENGTH } from '../../domain/accounts/account.ts';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { useI18n } from '../i18n/index.ts';
import { OfficeApiError } from './api.ts';
import { errorText } from './OfficeError.tsx';
import { signIn, signInWithCode, useSession } from './session.ts';

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
  /** The one-time code the server recognised; then the form asks for the new password. */
  const [code, setCode] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
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
      if (code === null) await signIn(username, password);
      else if (newPassword !== repeat) {
        submitted.current = false;
        setProblem(t('office.login.mismatch'));
        return;
      } else await signInWithCode(username, code, newPassword);
      route(next);
    } catch (err) {
      submitted.current = false;
      if (err instanceof OfficeApiError && err.code === 'password_change_required') {
        setCode(password);
        setPassword('');
        return;
      }
      setPassword('');
      if (code !== null) {
        setNewPassword('');
        setRepeat('');
      }
      if (code !== null && err instanceof OfficeApiError && err.status === 401) {
        setCode(null);
        setProblem(t('office.login.codeWrong'));
      } else if (err instanceof OfficeApiError && err.kind === 'http' && err.status === 429) {
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
        {code === null ? (
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
        ) : (
          <>
            <p role="status">{t('office.login.codeIntro')}</p>
            <div class="field">
              <label for="office-new-password">{t('office.login.newPassword', { n: PASSWORD_MIN_LENGTH })}</label>
              <input
                id="office-new-password"
                name="new-password"
                type="password"
                autoComplete="new-password"
                required
                minLength={PASSWORD_MIN_LENGTH}
                value={newPassword}
                onInput={(e) => setNewPassword(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="office-repeat-password">{t('office.login.repeatPassword')}</label>
              <input
                id="office-repeat-password"
                name="repeat-password"
                type="password"
                autoComplete="new-password"
                required
                minLength={PASSWORD_MIN_LENGTH}
                value={repeat}
                onInput={(e) => setRepeat(e.currentTarget.value)}
              />
            </div>
          </>
        )}
        {problem && (
          <p class="field__error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {busy ? t('office.login.busy') : t(code === null ? 'office.login.submit' : 'office.login.setPassword')}
        </button>
      </form>
    </div>
  );
}
