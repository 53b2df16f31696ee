// The back office talks to the server only (it is online-only): one fetch wrapper that sends the
// session's CSRF token on every change, and typed failures the screens translate.
import type { Principal } from '../../domain/accounts/account.ts';

/** Why a request failed, in the words a screen needs. */
export class OfficeApiError extends Error {
  constructor(
    readonly kind: 'offline' | 'session' | 'http',
    readonly status: number,
    readonly code: string,
    readonly body: unknown = null,
  ) {
    super(`${kind} ${status} ${code}`);
  }
}

/** An upload's failure (src/data/outbox/uploads.ts) as the back office reports errors: an HTTP status, or offline. */
export function uploadFailure(err: unknown): OfficeApiError {
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number'
    ? new OfficeApiError('http', status, 'upload')
    : new OfficeApiError('offline', 0, 'offline');
}

/** The CSRF token of the session, kept in memory only (GET /api/auth/me gives it again after a reload). */
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

type Listener = () => void;
const sessionLostListeners = new Set<Listener>();
/** Called when the server answers 401: the session ended (expired, signed out elsewhere). */
export function onSessionLost(listener: Listener): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Bytes sent as they are (e.g. a field export file), with their content type; instead of `body`. */
  raw?: { data: Blob | ArrayBuffer; type: string };
  query?: Record<string, string | string[] | undefined>;
};

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function officeFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.raw) headers['content-type'] = options.raw.type;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(options.raw
        ? { body: options.raw.data }
        : options.body !== undefined
          ? { body: JSON.stringify(options.body) }
          : {}),
    });
  } catch {
    throw new OfficeApiError('offline', 0, 'offline');
  }
  if (res.status === 204) return null as T;
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return body as T;
  const code = (body as { error?: { code?: string } } | null)?.error?.code ?? `http_${res.status}`;
  if (res.status === 401 && path !== '/api/auth/login') {
    for (const l of sessionLostListeners) l();
    throw new OfficeApiError('session', 401, code, body);
  }
  // The service worker answers an unreachable server with its own offline response.
  if (res.status === 503 && !navigator.onLine) throw new OfficeApiError('offline', 0, 'offline');
  throw new OfficeApiError('http', res.status, code, body);
}

export type SessionInfo = { principal: Principal; csrfToken: string | null };
