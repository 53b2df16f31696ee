// Credentials: back-office sessions (a random token in an HttpOnly cookie) and bearer tokens for
// kiosk devices and field officers. The database keeps only SHA-256 hashes of the tokens. A
// disabled account's sessions and tokens stop working at once: every lookup checks the account.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '../../domain/accounts/account.ts';
import type { Queryable } from '../storage/db.ts';
import { principalOf } from './accounts.ts';

/** A session ends after this long without a request. */
export const SESSION_IDLE_HOURS = 12;
/**
 * ...and this long after sign-in however busy it is: a long working day with overtime, so no session
 * (nor a stolen cookie kept warm) spans two working days.
 */
export const SESSION_MAX_HOURS = 16;
/** A field officer's token: the tablet must come back online and sign in within this time. */
export const FIELD_TOKEN_DAYS = 30;

/** Bearer tokens carry a prefix, so they never look like the 64-hex device keys of residents' phones. */
export const DEVICE_TOKEN_PREFIX = 'nlk_';
export const FIELD_TOKEN_PREFIX = 'nlf_';

export type Credential = { kind: 'session'; sessionId: string; csrfToken: string } | { kind: 'token'; tokenId: string };

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function randomToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

const PRINCIPAL_COLUMNS = `a.id, a.role, a.name,
  coalesce((select jsonb_agg(o.office_id order by o.office_id) from account_offices o where o.account_id = a.id), '[]'::jsonb) as office_ids`;
type PrincipalRow = { id: string; role: Principal['role']; name: string; office_ids: string[] };

export async function createSession(q: Queryable, accountId: string): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  await q.query(
    `insert into sessions (id, token_hash, account_id, csrf_token, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(hours => $5))`,
    [randomUUID(), tokenHash(token), accountId, csrfToken, SESSION_IDLE_HOURS],
  );
  // Housekeeping, cheap with the index: sessions nobody used for the idle time are gone.
  await q.query('delete from sessions where expires_at < now()');
  return { token, csrfToken };
}

export async function principalFromSession(
  q: Queryable,
  token: string,
): Promise<{ principal: Principal; credential: Credential } | null> {
  const [row] = await q.query<PrincipalRow & { session_id: string; csrf_token: string; refresh: boolean }>(
    `select ${PRINCIPAL_COLUMNS}, s.id as session_id, s.csrf_token,
       s.expires_at < least(now() + make_interval(hours => $2) - interval '5 minutes', s.created_at + make_interval(hours => $3)) as refresh
     from sessions s join accounts a on a.id = s.account_id
     where s.token_hash = $1 and s.expires_at > now() and s.created_at > now() - make_interval(hours => $3)
       and a.disabled_at is null and a.role <> 'kiosk'`,
    [tokenHash(token), SESSION_IDLE_HOURS, SESSION_MAX_HOURS],
  );
  if (!row) return null;
  if (row.refresh) {
    await q.query(
      `update sessions set expires_at = least(now() + make_interval(hours => $2), created_at + make_interval(hours => $3))
       where id = $1`,
      [row.session_id, SESSION_IDLE_HOURS, SESSION_MAX_HOURS],
    );
  }
  return {
    principal: principalOf(row),
    credential: { kind: 'session', sessionId: row.session_id, csrfToken: row.csrf_token },
  };
}

export async function deleteSession(q: Queryable, sessionId: string): Promise<void> {
  await q.query('delete from sessions where id = $1', [sessionId]);
}

export async function createToken(
  q: Queryable,
  accountId: string,
  kind: 'device' | 'field',
): Promise<{ token: string; tokenId: string; expiresAt: string | null }> {
  const token = randomToken(kind === 'device' ? DEVICE_TOKEN_PREFIX : FIELD_TOKEN_PREFIX);
  const tokenId = randomUUID();
  const [row] = await q.query<{ expires_at: string | null }>(
    `insert into access_tokens (id, token_hash, account_id, kind, expires_at)
     values ($1, $2, $3, $4, case when $4 = 'field' then now() + make_interval(days => $5) end) returning expires_at`,
    [tokenId, tokenHash(token), accountId, kind, FIELD_TOKEN_DAYS],
  );
  return { token, tokenId, expiresAt: row?.expires_at ?? null };
}

export function isBearerToken(token: string): boolean {
  return token.startsWith(DEVICE_TOKEN_PREFIX) || token.startsWith(FIELD_TOKEN_PREFIX);
}

export async function principalFromToken(
  q: Queryable,
  token: string,
): Promise<{ principal: Principal; credential: Credential } | null> {
  const [row] = await q.query<PrincipalRow & { token_id: string }>(
    `select ${PRINCIPAL_COLUMNS}, t.id as token_id
     from access_tokens t join accounts a on a.id = t.account_id
     where t.token_hash = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())
       and a.disabled_at is null`,
    [tokenHash(token)],
  );
  if (!row) return null;
  return { principal: principalOf(row), credential: { kind: 'token', tokenId: row.token_id } };
}

export async function revokeToken(q: Queryable, tokenId: string): Promise<void> {
  await q.query('update access_tokens set revoked_at = now() where id = $1 and revoked_at is null', [tokenId]);
}

/** A setting's value, or `fallback` when unset or of another type. */
export async function numberSetting(q: Queryable, key: string, fallback: number): Promise<number> {
  const [row] = await q.query<{ value: unknown }>('select value from settings where key = $1', [key]);
  return typeof row?.value === 'number' && Number.isInteger(row.value) && row.value > 0 ? row.value : fallback;
}
