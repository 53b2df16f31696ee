// Devices an account signed in from before (issue 13, point 8): a successful sign-in leaves a random
// token in an HttpOnly cookie (the database keeps its SHA-256 with the username), and a later attempt
// that brings it back for the same username counts in a pool of its own (attempts.ts): failures
// from strangers never lock the owner's office computer or tablet out. One browser may be known for
// several usernames (a shared counter computer) under one cookie.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../storage/db.ts';
import { tokenCookieOf } from './guard.ts';
import { tokenHash } from './sessions.ts';

const DEVICE_COOKIE = 'nl_device';
/** Unused this long, a device is a stranger again. */
export const KNOWN_DEVICE_DAYS = 180;

/**
 * The cookie's name and path: sent to the sign-in routes only (never with the devices' sync
 * requests); over HTTPS Secure and __Secure- prefixed (__Host- would need Path=/).
 */
function cookieOf(req: FastifyRequest): { name: string; path: string } {
  return req.protocol === 'https'
    ? { name: `__Secure-${DEVICE_COOKIE}`, path: '/api/auth' }
    : { name: DEVICE_COOKIE, path: '/api/auth' };
}

/** The known device (its id) the request proves for `username`, or null. */
export async function knownDevice(q: Queryable, req: FastifyRequest, username: string): Promise<string | null> {
  const token = tokenCookieOf(req, cookieOf(req).name);
  if (!token) return null;
  const [row] = await q.query<{ id: string }>(
    `select id::text from login_devices
     where token_hash = $1 and username = $2 and last_used_at > now() - make_interval(days => $3)`,
    [tokenHash(token), username, KNOWN_DEVICE_DAYS],
  );
  return row?.id ?? null;
}

/**
 * After a successful sign-in: the device becomes (or stays) known for `username`. Returns the
 * Set-Cookie header value (the device's existing token, or a new one).
 */
export async function rememberDevice(q: Queryable, req: FastifyRequest, username: string): Promise<string> {
  const { name, path } = cookieOf(req);
  const token = tokenCookieOf(req, name) ?? randomBytes(32).toString('base64url');
  await q.query(
    `insert into login_devices (id, token_hash, username) values ($1, $2, $3)
     on conflict (token_hash, username) do update set last_used_at = now()`,
    [randomUUID(), tokenHash(token), username],
  );
  await q.query('delete from login_devices where last_used_at < now() - make_interval(days => $1)', [
    KNOWN_DEVICE_DAYS,
  ]);
  const parts = [
    `${name}=${token}`,
    `Path=${path}`,
    `Max-Age=${KNOWN_DEVICE_DAYS * 24 * 3600}`,
    'HttpOnly',
    'SameSite=Strict',
  ];
  if (req.protocol === 'https') parts.push('Secure');
  return parts.join('; ');
}
