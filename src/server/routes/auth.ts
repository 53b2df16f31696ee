// Signing in. The back office: POST /api/auth/login sets an HttpOnly, SameSite=Strict session cookie
// and returns the CSRF token to send as `x-csrf-token` on every change; /api/auth/me and
// /api/auth/logout. Field officers' tablets: POST /api/auth/token returns a bearer token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  LoginBody,
  RateLimitedError,
  ResetWithCode,
  SessionInfo,
  TokenResponse,
} from '../../domain/accounts/account.ts';
import { ApiError, SlowDownError } from '../../domain/api.ts';
import { audit } from '../audit/log.ts';
import { DEFAULT_LOGIN_LIMITS, type LoginBlock, type LoginLimits } from '../auth/attempts.ts';
import { csrfOk, principalOf, requireRole, sendCsrf, sessionCookieName } from '../auth/guard.ts';
import { knownDevice, rememberDevice } from '../auth/known-devices.ts';
import { checkLogin, checkResetCode } from '../auth/login.ts';
import { hashPassword } from '../auth/password.ts';
import { spendResetCode } from '../auth/reset-codes.ts';
import { createSession, createToken, deleteSession, numberSetting, revokeToken } from '../auth/sessions.ts';
import { apiError } from '../http/errors.ts';
import type { RateLimits } from '../limits/rate-limits.ts';
import type { Database } from '../storage/db.ts';

/** Days a field officer's offline PIN stays valid (setting `pinValidityDays`). */
export const DEFAULT_PIN_VALIDITY_DAYS = 14;

/**
 * The session cookie: HttpOnly, SameSite=Strict, for the whole site; over HTTPS (a TLS socket, or a
 * TRUST_PROXY proxy's X-Forwarded-Proto) Secure and __Host- prefixed. A header anyone can send does
 * not decide that: a cookie marked Secure on a plain-HTTP origin would never come back.
 */
function sessionCookie(req: FastifyRequest, value: string, clear = false): string {
  const parts = [`${sessionCookieName(req)}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (clear) parts.push('Max-Age=0');
  if (req.protocol === 'https') parts.push('Secure');
  return parts.join('; ');
}

function sendBlocked(reply: FastifyReply, blocked: LoginBlock) {
  const minutes = Math.ceil(blocked.retryAfterSeconds / 60);
  const message =
    blocked.code === 'account_locked'
      ? `Too many failed sign-ins for this username. Try again in ${minutes} min.`
      : `Too many failed sign-ins from this address. Try again in ${minutes} min.`;
  reply.header('Retry-After', String(blocked.retryAfterSeconds));
  return reply.code(429).send({ error: { code: blocked.code, message, retryAfterSeconds: blocked.retryAfterSeconds } });
}

const WRONG = 'The username or password is wrong.';
const CODE_WRONG = 'The username or one-time code is wrong, used or expired.';

/** A reset's one-time code typed as the password: right, but a new password must be chosen first. */
function sendPasswordChange(reply: FastifyReply) {
  return reply
    .code(403)
    .send(
      apiError(
        'password_change_required',
        'This is a one-time code: choose a new password and send both to /api/auth/reset.',
      ),
    );
}

export function authRoutes(
  app: FastifyInstance,
  db: Database,
  rateLimits: RateLimits,
  limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/auth/login',
    {
      schema: {
        summary: 'Back-office sign-in: sets the session cookie',
        description:
          'Sets an HttpOnly, SameSite=Strict cookie. Send the returned csrfToken as x-csrf-token on every request that changes something. 5 failures within 15 minutes lock the username for 15 minutes for every client except the devices that signed in to it before (a device cookie, sent to /api/auth only).',
        tags: ['auth'],
        body: LoginBody,
        response: {
          200: SessionInfo,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          429: RateLimitedError.or(SlowDownError),
        },
      },
      onRequest: rateLimits.perRequest('signIns'),
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-store');
      const outcome = await checkLogin(
        db,
        {
          ...req.body,
          ip: req.ip,
          deviceId: await knownDevice(db, req, req.body.username),
          roles: ['administrator', 'officer', 'field-officer'],
          via: 'session',
        },
        limits,
      );
      if (!outcome.ok) {
        if (outcome.blocked) return sendBlocked(reply, outcome.blocked);
        if (outcome.resetCode) return sendPasswordChange(reply);
        return reply.code(401).send(apiError('invalid_credentials', WRONG));
      }
      const { principal } = outcome;
      const { session, device } = await db.transaction(async (tx) => {
        const s = await createSession(tx, principal.accountId);
        await audit(tx, principal, 'auth.login', {
          kind: 'account',
          id: principal.accountId,
          detail: { via: 'session' },
        });
        return { session: s, device: await rememberDevice(tx, req, req.body.username) };
      });
      reply.header('Set-Cookie', [sessionCookie(req, session.token), device]);
      req.log.info({ role: principal.role }, 'signed in');
      return { principal, csrfToken: session.csrfToken };
    },
  );

  api.post(
    '/api/auth/reset',
    {
      schema: {
        summary: 'Sign in with a password reset one-time code, setting a new password',
        description:
          'The code an administrator read out (valid 24 hours, used once) and the new password (at least 12 characters): the password is set, the code spent, and a back-office session starts as with /api/auth/login. The same limits and lockout as the login apply.',
        tags: ['auth'],
        body: ResetWithCode,
        response: { 200: SessionInfo, 400: ApiError, 401: ApiError, 429: RateLimitedError.or(SlowDownError) },
      },
      onRequest: rateLimits.perRequest('signIns'),
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-store');
      const { username, code, newPassword } = req.body;
      const deviceId = await knownDevice(db, req, username);
      const checked = await checkResetCode(db, { username, code, ip: req.ip, deviceId }, limits);
      if (!checked.ok) {
        if (checked.blocked) return sendBlocked(reply, checked.blocked);
        return reply.code(401).send(apiError('invalid_credentials', CODE_WRONG));
      }
      const { principal } = checked;
      const passwordHash = await hashPassword(newPassword);
      const done = await db.transaction(async (tx) => {
        // Checked again under the row's lock: of two requests with the same code, one spends it.
        if (!(await spendResetCode(tx, principal.accountId, code, passwordHash))) return null;
        const s = await createSession(tx, principal.accountId);
        await audit(tx, principal, 'auth.password-reset', { kind: 'account', id: principal.accountId });
        await audit(tx, principal, 'auth.login', {
          kind: 'account',
          id: principal.accountId,
          detail: { via: 'reset-code' },
        });
        return { session: s, device: await rememberDevice(tx, req, username) };
      });
      if (!done) return reply.code(401).send(apiError('invalid_credentials', CODE_WRONG));
      reply.header('Set-Cookie', [sessionCookie(req, done.session.token), done.device]);
      req.log.info({ role: principal.role }, 'password set with a one-time code');
      return { principal, csrfToken: done.session.csrfToken };
    },
  );

  api.post(
    '/api/auth/logout',
    {
      schema: {
        summary: 'End the back-office session and clear its cookie',
        tags: ['auth'],
        response: { 204: z.null(), 403: ApiError },
      },
    },
    async (req, reply) => {
      const c = req.credential;
      if (c?.kind === 'session') {
        if (!csrfOk(req)) return sendCsrf(reply);
        await db.transaction(async (tx) => {
          await deleteSession(tx, c.sessionId);
          await audit(tx, req.principal, 'auth.logout', { kind: 'account', id: principalOf(req).accountId });
        });
      }
      reply.header('Set-Cookie', sessionCookie(req, '', true));
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/auth/me',
    {
      onRequest: requireRole(),
      schema: {
        summary: 'Who is signed in (and the CSRF token of the session)',
        tags: ['auth'],
        response: { 200: SessionInfo, 401: ApiError },
      },
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-store');
      const c = req.credential;
      return { principal: principalOf(req), csrfToken: c?.kind === 'session' ? c.csrfToken : null };
    },
  );

  api.post(
    '/api/auth/token',
    {
      schema: {
        summary: "Field officer's sign-in on a tablet: a bearer token",
        description:
          'Only for field-officer accounts. The token is shown once; the same limits and lockout as the back-office login apply.',
        tags: ['auth'],
        body: LoginBody,
        response: {
          200: TokenResponse,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          429: RateLimitedError.or(SlowDownError),
        },
      },
      onRequest: rateLimits.perRequest('signIns'),
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-store');
      const outcome = await checkLogin(
        db,
        {
          ...req.body,
          ip: req.ip,
          deviceId: await knownDevice(db, req, req.body.username),
          roles: ['field-officer'],
          via: 'token',
        },
        limits,
      );
      if (!outcome.ok) {
        if (outcome.blocked) return sendBlocked(reply, outcome.blocked);
        if (outcome.resetCode) return sendPasswordChange(reply);
        if (outcome.wrongRole)
          return reply.code(403).send(apiError('forbidden', 'Only field officers sign in on a tablet.'));
        return reply.code(401).send(apiError('invalid_credentials', WRONG));
      }
      const { principal } = outcome;
      const { issued, device } = await db.transaction(async (tx) => {
        const t = await createToken(tx, principal.accountId, 'field');
        await audit(tx, principal, 'auth.login', {
          kind: 'account',
          id: principal.accountId,
          detail: { via: 'token' },
        });
        return { issued: t, device: await rememberDevice(tx, req, req.body.username) };
      });
      reply.header('Set-Cookie', device);
      const pinValidityDays = await numberSetting(db, 'pinValidityDays', DEFAULT_PIN_VALIDITY_DAYS);
      req.log.info({ role: principal.role }, 'token issued');
      return {
        token: issued.token,
        tokenType: 'Bearer' as const,
        expiresAt: issued.expiresAt!,
        principal,
        pinValidityDays,
      };
    },
  );

  api.delete(
    '/api/auth/token',
    {
      onRequest: requireRole('field-officer'),
      schema: {
        summary: "Sign a field officer's tablet out: its bearer token stops working",
        tags: ['auth'],
        response: { 204: z.null(), 401: ApiError, 403: ApiError },
      },
    },
    async (req, reply) => {
      const c = req.credential;
      if (c?.kind !== 'token')
        return reply.code(403).send(apiError('forbidden', 'Sign out of a session with /api/auth/logout.'));
      await db.transaction(async (tx) => {
        await revokeToken(tx, c.tokenId);
        await audit(tx, req.principal, 'auth.logout', {
          kind: 'account',
          id: principalOf(req).accountId,
          detail: { via: 'token' },
        });
      });
      return reply.code(204).send(null);
    },
  );
}
