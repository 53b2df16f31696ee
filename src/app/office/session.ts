// Who is signed in to the back office: fetched once from GET /api/auth/me (which also returns the
// CSRF token after a reload), shared by every office screen, cleared on sign-out or a 401.
import { useEffect, useState } from 'preact/hooks';
import type { Principal } from '../../domain/accounts/account.ts';
import { OfficeApiError, officeFetch, onSessionLost, type SessionInfo, setCsrfToken } from './api.ts';

export type SessionState =
  | { status: 'unknown' }
  | { status: 'checking' }
  | { status: 'signed-in'; principal: Principal }
  | { status: 'signed-out'; reason?: 'expired' | 'logout' }
  | { status: 'error'; error: unknown };

let state: SessionState = { status: 'unknown' };
const listeners = new Set<(s: SessionState) => void>();

function set(next: SessionState) {
  state = next;
  for (const l of listeners) l(next);
}

onSessionLost(() => {
  setCsrfToken(null);
  if (state.status === 'signed-in') set({ status: 'signed-out', reason: 'expired' });
});

export async function checkSession(): Promise<void> {
  set({ status: 'checking' });
  try {
    const info = await officeFetch<SessionInfo>('/api/auth/me');
    setCsrfToken(info.csrfToken);
    set({ status: 'signed-in', principal: info.principal });
  } catch (err) {
    if (err instanceof OfficeApiError && err.kind === 'session') set({ status: 'signed-out' });
    else set({ status: 'error', error: err });
  }
}

export async function signIn(username: string, password: string): Promise<void> {
  const info = await officeFetch<SessionInfo>('/api/auth/login', { method: 'POST', body: { username, password } });
  setCsrfToken(info.csrfToken);
  set({ status: 'signed-in', principal: info.principal });
}

/** Signs in with a password reset's one-time code, setting the new password in the same request. */
export async function signInWithCode(username: string, code: string, newPassword: string): Promise<void> {
  const info = await officeFetch<SessionInfo>('/api/auth/reset', {
    method: 'POST',
    body: { username, code, newPassword },
  });
  setCsrfToken(info.csrfToken);
  set({ status: 'signed-in', principal: info.principal });
}

export async function signOut(): Promise<void> {
  try {
    await officeFetch('/api/auth/logout', { method: 'POST' });
  } finally {
    setCsrfToken(null);
    set({ status: 'signed-out', reason: 'logout' });
  }
}

export function useSession(): SessionState {
  const [s, setS] = useState(state);
  useEffect(() => {
    listeners.add(setS);
    setS(state);
    if (state.status === 'unknown' || state.status === 'error') void checkSession();
    return () => void listeners.delete(setS);
  }, []);
  return s;
}
