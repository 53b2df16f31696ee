// Checking a username and password: rate limits first, then the scrypt hash — against a dummy hash
// when the account is unknown, disabled or has no password, so the answer and its timing say
// nothing about which usernames exist. Every outcome is recorded (login_attempts, audit_log).
import type { Principal, StaffRole } from '../../domain/accounts/account.ts';
import { audit } from '../audit/log.ts';
import type { Database } from '../storage/db.ts';
import { findLoginAccount } from './accounts.ts';
import { type LoginBlock, type LoginLimits, loginBlock, recordAttempt } from './attempts.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password.ts';

export type LoginOutcome =
  | { ok: true; principal: Principal }
  | { ok: false; blocked: LoginBlock }
  | { ok: false; blocked: null; wrongRole: boolean };

export async function checkLogin(
  db: Database,
  input: { username: string; password: string; ip: string; roles: readonly StaffRole[]; via: 'session' | 'token' },
  limits: LoginLimits,
): Promise<LoginOutcome> {
  const blocked = await loginBlock(db, input.username, input.ip, limits);
  if (blocked) return { ok: false, blocked };

  const account = await findLoginAccount(db, input.username);
  const usable = account?.passwordHash && !account.disabled;
  const passwordOk = await verifyPassword(input.password, usable ? account.passwordHash! : await dummyHash());
  const success = Boolean(usable && passwordOk);
  await recordAttempt(db, input.username, input.ip, success);

  if (!success) {
    const reason = !account
      ? 'unknown-username'
      : account.disabled
        ? 'disabled'
        : !account.passwordHash
          ? 'no-password'
          : 'password';
    await audit(db, account?.principal ?? null, 'auth.login-failed', {
      ...(account ? { kind: 'account', id: account.principal.accountId } : {}),
      detail: { reason, via: input.via },
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
