// One-time codes of a password reset: made by an administrator (the account's password stops
// working and every session ends in the same transaction), kept only as a scrypt hash, valid for
// RESET_CODE_HOURS, used once. The code never opens a session by itself: whoever holds it sets a new
// password in the same request that spends it (routes/auth.ts).
import { randomInt } from 'node:crypto';
import { RESET_CODE_HOURS } from '../../domain/accounts/account.ts';
import type { Queryable } from '../storage/db.ts';
import { endAllSessions } from './accounts.ts';
import { dummyHash, hashPassword, verifyPassword } from './password.ts';

/** No 0/O, 1/I/L: a code read out over the phone or copied from paper is typed right. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 12;

/** A code as typed: case, spaces and dashes do not matter. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function newCode(): string {
  let raw = '';
  for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return raw.match(/.{4}/g)!.join('-');
}

/**
 * Replaces the account's password by a new one-time code (any earlier code stops working) and ends
 * its sessions and tokens. Call inside the transaction that audits it.
 */
export async function issueResetCode(
  q: Queryable,
  accountId: string,
  issuedBy: string,
): Promise<{ code: string; expiresAt: string }> {
  const code = newCode();
  const codeHash = await hashPassword(normaliseCode(code));
  await q.query('update accounts set password_hash = null, updated_at = now() where id = $1', [accountId]);
  await endAllSessions(q, accountId);
  const [row] = await q.query<{ expires_at: string }>(
    `insert into password_reset_codes (account_id, code_hash, created_by, expires_at)
     values ($1, $2, $3, now() + make_interval(hours => $4))
     on conflict (account_id) do update set code_hash = excluded.code_hash, created_by = excluded.created_by,
       created_at = excluded.created_at, expires_at = excluded.expires_at, used_at = null
     returning expires_at`,
    [accountId, codeHash, issuedBy, RESET_CODE_HOURS],
  );
  return { code, expiresAt: new Date(row!.expires_at).toISOString() };
}

/** The account's unused, unexpired code's hash, or null. `lock` holds the row until commit. */
async function liveCodeHash(q: Queryable, accountId: string, lock = false): Promise<string | null> {
  const [row] = await q.query<{ code_hash: string }>(
    `select code_hash from password_reset_codes
     where account_id = $1 and used_at is null and expires_at > now()${lock ? ' for update' : ''}`,
    [accountId],
  );
  return row?.code_hash ?? null;
}

/**
 * True when `code` is the account's live one-time code (unused, unexpired). Without an account (or a
 * live code) a dummy hash is checked, so the time taken tells nobody whether a reset is pending.
 */
export async function resetCodeMatches(q: Queryable, accountId: string | null, code: string): Promise<boolean> {
  const hash = accountId ? await liveCodeHash(q, accountId) : null;
  const ok = await verifyPassword(normaliseCode(code), hash ?? (await dummyHash()));
  return hash !== null && ok;
}

/**
 * Spends the code and sets the new password, or answers false when the code is no longer live (used
 * by a concurrent request, expired meanwhile, or replaced by a newer reset). Inside a transaction.
 */
export async function spendResetCode(
  q: Queryable,
  accountId: string,
  code: string,
  newPasswordHash: string,
): Promise<boolean> {
  const hash = await liveCodeHash(q, accountId, true);
  if (hash === null || !(await verifyPassword(normaliseCode(code), hash))) return false;
  await q.query('update password_reset_codes set used_at = now() where account_id = $1', [accountId]);
  await q.query('update accounts set password_hash = $2, updated_at = now() where id = $1', [
    accountId,
    newPasswordHash,
  ]);
  return true;
}
