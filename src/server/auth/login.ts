// Checking a username and password: the limits first, checked and counted as one step (attempts.ts),
// then the scrypt hash — against a dummy hash when the account is unknown, disabled or has no
// password, so the answer and its timing say nothing about which usernames exist. Every outcome is
// recorded (login_attempts, audit_log with the client's address).
import type { Principal, StaffRole } from '../../domain/accounts/account.ts';
import { audit } from '../audit/log.ts';
import type { Database } from '../storage/db.ts';
import { findLoginAccount } from './accounts.ts';
import { type LoginBlock, type LoginLimits, reserveAttempt, settleAttempt } from './attempts.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password.ts';
import { resetCodeMatches } from './reset-codes.ts';

export type LoginOutcome =
  | { ok: true; principal: Principal }
  | { ok: false; blocked: LoginBlock }
  | { ok: false; blocked: null; wrongRole: boolean; resetCode?: boolean };

export async function checkLogin(
  db: Database,
  input: {
    username: string;
    password: string;
    ip: string;
    /** The known device the request proved for this username (known-devices.ts), or null. */
    deviceId: string | null;
    roles: readonly StaffRole[];
    via: 'session' | 'token';
  },
  limits: LoginLimits,
): Promise<LoginOutcome> {
  const reserved = await reserveAttempt(db, input, limits);
  if ('blocked' in reserved) return { ok: false, blocked: reserved.blocked };

  let success = false;
  let resetCode = false;
  let account: Awaited<ReturnType<typeof findLoginAccount>> = null;
  try {
    account = await findLoginAccount(db, input.username);
    const usable = account?.passwordHash && !account.disabled;
    const passwordOk = await verifyPassword(input.password, usable ? account!.passwordHash! : await dummyHash());
    success = Boolean(usable && passwordOk);
    // A one-time code of a password reset typed as the password: right, but it opens no session;
    // the client asks for a new password and sends both to /api/auth/reset (not a failed attempt).
    resetCode =
      !success &&
      (await resetCodeMatches(db, account && !account.disabled ? account.principal.accountId : null, input.password));
  } finally {
    // Settled whatever happened: an attempt that failed on the way stays a failure.
    await settleAttempt(db, reserved.attemptId, success || resetCode);
  }

  if (resetCode) return { ok: false, blocked: null, wrongRole: false, resetCode: true };
  if (!success) {
    const reason = !account
      ? 'unknown-username'
      : account.disabled
        ? 'disabled'
        : !account.passwordHash
          ? 'no-password'
          : 'password';
    // The client's address (req.ip: the peer, or what a TRUST_PROXY proxy says): whoever reads the
    // audit log can tell an attack from a colleague's typos, and where it comes from.
    await audit(db, account?.principal ?? null, 'auth.login-failed', {
      ...(account ? { kind: 'account', id: account.principal.accountId } : {}),
      detail: { reason, via: input.via, ip: input.ip, knownDevice: input.deviceId !== null },
    });
    return { ok: false, blocked: null, wrongRole: false };
  }
  const principal = account!.principal;
  if (!(input.roles as readonly string[]).includes(principal.role)) {
    await audit(db, principal, 'auth.login-refused', {
      kind: 'account',
      id: principal.accountId,
      detail: { via: input.via },
    });
    return { ok: false, blocked: null, wrongRole: true };
  }
  if (needsRehash(account!.passwordHash!)) {
    await db.query('update accounts set password_hash = $2 where id = $1', [
      principal.accountId,
      await hashPassword(input.password),
    ]);
  }
  return { ok: true, principal };
}

/**
 * Checks a one-time reset code under the same limits as a password (a code is guessed no faster):
 * the account when the code is its live one, else null (unknown, disabled, wrong, used or expired).
 */
export async function checkResetCode(
  db: Database,
  input: { username: string; code: string; ip: string; deviceId: string | null },
  limits: LoginLimits,
): Promise<{ ok: true; principal: Principal } | { ok: false; blocked: LoginBlock | null }> {
  const reserved = await reserveAttempt(db, input, limits);
  if ('blocked' in reserved) return { ok: false, blocked: reserved.blocked };
  let account: Awaited<ReturnType<typeof findLoginAccount>> = null;
  let success = false;
  try {
    account = await findLoginAccount(db, input.username);
    success = await resetCodeMatches(db, account && !account.disabled ? account.principal.accountId : null, input.code);
  } finally {
    await settleAttempt(db, reserved.attemptId, success);
  }
  if (!success) {
    await audit(db, account?.principal ?? null, 'auth.reset-code-failed', {
      ...(account ? { kind: 'account', id: account.principal.accountId } : {}),
      detail: { ip: input.ip, knownDevice: input.deviceId !== null },
    });
    return { ok: false, blocked: null };
  }
  return { ok: true, principal: account!.principal };
}
