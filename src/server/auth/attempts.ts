// Sign-in limits, kept in the database so they hold across server instances, and counted before
// they are checked is impossible: reserveAttempt checks the limits and records the attempt (pending)
// in one transaction under a lock per username and per address, and only then is the password
// evaluated (settleAttempt records how it went). However many attempts arrive at once, no more
// passwords are evaluated than the limits allow. Every comparison uses the database's clock.
//
// Whose failures lock whom (issue 13, point 8): an account's attempts fall into pools. Each device
// that signed in to the account before (a device cookie, known-devices.ts) is a pool of its own;
// every other client shares one pool. A pool is locked for `lockMinutes` after `maxFailures`
// failures within `windowMinutes` (since its last success): so strangers guessing an administrator's
// password lock out strangers — at most `maxFailures` guesses per window in all — while the devices
// the administrator uses keep signing in. One address may also fail at most `ipMaxFailures` times per
// window across usernames (spraying one password over many accounts); a known device is exempt, as
// its own pool already bounds it.
import type { Queryable } from '../storage/db.ts';
import { lockKeyUntilCommit } from '../storage/locks.ts';

export type LoginLimits = {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
  ipMaxFailures: number;
  ipWindowMinutes: number;
};

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  maxFailures: 5,
  windowMinutes: 15,
  lockMinutes: 15,
  ipMaxFailures: 30,
  ipWindowMinutes: 15,
};

export type LoginBlock = { code: 'account_locked' | 'too_many_attempts'; retryAfterSeconds: number };

/** Who is trying: the username, the client's address, and the known device it proved, if any. */
export type LoginClient = { username: string; ip: string; deviceId: string | null };

/** Pending attempts count as failures: their passwords are being evaluated right now. */
const FAILED = 'not success';

async function addressBlock(q: Queryable, ip: string, limits: LoginLimits): Promise<LoginBlock | null> {
  // Wait until the address's `ipMaxFailures`-th most recent failure leaves the window.
  const [row] = await q.query<{ wait: number }>(
    `select extract(epoch from (at + make_interval(mins => $2::int) - now()))::float8 as wait
     from login_attempts where ip = $1 and ${FAILED} and at > now() - make_interval(mins => $2::int)
     order by at desc offset $3::int - 1 limit 1`,
    [ip, limits.ipWindowMinutes, limits.ipMaxFailures],
  );
  return row && row.wait > 0
    ? { code: 'too_many_attempts', retryAfterSeconds: Math.max(1, Math.ceil(row.wait)) }
    : null;
}

async function poolBlock(q: Queryable, client: LoginClient, limits: LoginLimits): Promise<LoginBlock | null> {
  // The pool's last `maxFailures` failures since its last success, all within the window, lock it
  // until `lockMinutes` after the latest of them.
  const [u] = await q.query<{ n: number; wait: number | null; span: number | null }>(
    `with pool as (
       select at, success from login_attempts where username = $1 and device_id is not distinct from $5::uuid
     ), f as (
       select at from pool
       where ${FAILED}
         and at > coalesce((select max(at) from pool where success), '-infinity'::timestamptz)
         and at > now() - make_interval(mins => $2::int + $3::int)
       order by at desc limit $4::int
     )
     select count(*)::int as n,
       extract(epoch from (max(at) + make_interval(mins => $3::int) - now()))::float8 as wait,
       extract(epoch from (max(at) - min(at)))::float8 as span
     from f`,
    [client.username, limits.windowMinutes, limits.lockMinutes, limits.maxFailures, client.deviceId],
  );
  if (
    u &&
    u.n >= limits.maxFailures &&
    u.span !== null &&
    u.span <= limits.windowMinutes * 60 &&
    u.wait !== null &&
    u.wait > 0
  ) {
    return { code: 'account_locked', retryAfterSeconds: Math.max(1, Math.ceil(u.wait)) };
  }
  return null;
}

/**
 * Checks the limits and, when they allow it, records the attempt as pending, atomically: the
 * attempt's id to settle once the password is evaluated, or why it may not be evaluated at all.
 */
export async function reserveAttempt(
  db: { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> },
  client: LoginClient,
  limits: LoginLimits,
): Promise<{ attemptId: string } | { blocked: LoginBlock }> {
  return db.transaction(async (tx) => {
    // Always the username first, then the address: two attempts never wait for each other crosswise.
    await lockKeyUntilCommit(tx, 'loginUsername', client.username);
    if (!client.deviceId) await lockKeyUntilCommit(tx, 'loginAddress', client.ip);
    const blocked =
      (client.deviceId ? null : await addressBlock(tx, client.ip, limits)) ?? (await poolBlock(tx, client, limits));
    if (blocked) return { blocked };
    const [row] = await tx.query<{ id: string }>(
      `insert into login_attempts (username, ip, device_id, success, pending) values ($1, $2, $3::uuid, false, true)
       returning id::text`,
      [client.username, client.ip, client.deviceId],
    );
    return { attemptId: row!.id };
  });
}

export async function settleAttempt(q: Queryable, attemptId: string, success: boolean): Promise<void> {
  await q.query('update login_attempts set success = $2, pending = false where id = $1::bigint', [attemptId, success]);
  // Nothing older than a day matters to any limit.
  await q.query(`delete from login_attempts where at < now() - interval '1 day'`);
}
