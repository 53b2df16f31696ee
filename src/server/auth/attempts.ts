// Login rate limits, kept in the database so they hold across server instances: a username is
// locked for `lockMinutes` after `maxFailures` failures within `windowMinutes` (counted since its
// last successful login), and one address may fail at most `ipMaxFailures` times per window. Every
// comparison uses the database's clock.
import type { Queryable } from '../storage/db.ts';

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

export async function loginBlock(
  q: Queryable,
  username: string,
  ip: string,
  limits: LoginLimits,
): Promise<LoginBlock | null> {
  // The address: wait until its `ipMaxFailures`-th most recent failure leaves the window.
  const [ipRow] = await q.query<{ wait: number }>(
    `select extract(epoch from (at + make_interval(mins => $2::int) - now()))::float8 as wait
     from login_attempts where ip = $1 and not success and at > now() - make_interval(mins => $2::int)
     order by at desc offset $3::int - 1 limit 1`,
    [ip, limits.ipWindowMinutes, limits.ipMaxFailures],
  );
  if (ipRow && ipRow.wait > 0)
    return { code: 'too_many_attempts', retryAfterSeconds: Math.max(1, Math.ceil(ipRow.wait)) };

  // The username: its last `maxFailures` failures since the last success, all within the window,
  // lock it until `lockMinutes` after the latest of them.
  const [u] = await q.query<{ n: number; wait: number | null; span: number | null }>(
    `with f as (
       select at from login_attempts
       where username = $1 and not success
         and at > coalesce((select max(at) from login_attempts where username = $1 and success), '-infinity'::timestamptz)
         and at > now() - make_interval(mins => $2::int + $3::int)
       order by at desc limit $4::int
     )
     select count(*)::int as n,
       extract(epoch from (max(at) + make_interval(mins => $3::int) - now()))::float8 as wait,
       extract(epoch from (max(at) - min(at)))::float8 as span
     from f`,
    [username, limits.windowMinutes, limits.lockMinutes, limits.maxFailures],
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

export async function recordAttempt(q: Queryable, username: string, ip: string, success: boolean): Promise<void> {
  await q.query('insert into login_attempts (username, ip, success) values ($1, $2, $3)', [username, ip, success]);
  // Nothing older than a day matters to any limit.
  await q.query(`delete from login_attempts where at < now() - interval '1 day'`);
}
