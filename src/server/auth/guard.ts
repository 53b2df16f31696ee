// Who is asking, and may they? The guard for every route that needs a signed-in user or device.
//
//   registerAuth(app, db)            once, in app.ts: resolves `request.principal` on every /api
//                                    request from the session cookie or `Authorization: Bearer`
//                                    (null when absent, expired, revoked or disabled)
//   requireRole(...roles)            the route's onRequest hook: 401 {error:{code:'unauthenticated'}}
//                                    without a principal, 403 {error:{code:'csrf'}} for a cookie
//                                    request that changes state without the `x-csrf-token` header,
//                                    403 {error:{code:'forbidden'}} for another role. It runs before
//                                    the body is parsed and validated, so a caller without the role
//                                    never learns the shape of the body from a 400.
//   principalOf(req)                 the principal in a handler behind requireRole
//   officeScope(principal)           'all' for administrators, else the office ids it may see
//   inOfficeScope(principal, id)     true when the principal may see that office's data
//
// Example (a route of the office queue):
//
//   api.get('/api/office/applications', {
//     onRequest: requireRole('officer', 'administrator'),
//     schema: { ..., response: { 200: Queue, 401: ApiError, 403: ApiError } },
//   }, async (req) => {
//     const principal = principalOf(req);
//     const scope = officeScope(principal);
//     ... where office_id = any($1)  (skip the filter when scope === 'all')
//     await audit(db, principal, 'application.search-nik', { kind: 'office', officeId });
//   });
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { OfficeScope, Principal, Role } from '../../domain/accounts/account.ts';
import { apiError } from '../http/errors.ts';
import type { Database } from '../storage/db.ts';
import { type Credential, isBearerToken, principalFromSession, principalFromToken } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account or device, or null; set by `registerAuth`'s hook. */
    principal: Principal | null;
    /** How the principal proved itself (a session cookie or a bearer token). */
    credential: Credential | null;
  }
}

export const SESSION_COOKIE = 'nl_session';
/**
 * The cookie's name over HTTPS: the browser keeps a __Host- cookie only if it is Secure, for Path=/
 * and this host alone (no Domain), so a sibling subdomain or a plain-HTTP page cannot plant one.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const CSRF_HEADER = 'x-csrf-token';

/** The session cookie's name for this request: __Host- over HTTPS (req.protocol, see TRUST_PROXY). */
export function sessionCookieName(req: FastifyRequest): string {
  return req.protocol === 'https' ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function sessionCookieOf(req: FastifyRequest): string | null {
  return tokenCookieOf(req, sessionCookieName(req));
}

/** The value of the cookie `name` when it looks like one of our random tokens, else null. */
export function tokenCookieOf(req: FastifyRequest, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

function bearerOf(req: FastifyRequest): string | null {
  const m = /^Bearer ([A-Za-z0-9_-]{20,120})$/.exec(req.headers.authorization ?? '');
  return m && isBearerToken(m[1]!) ? m[1]! : null;
}

/** The onRequest hook: resolves the principal (bearer first, then the cookie); never answers itself. */
export function authenticate(db: Database): onRequestHookHandler {
  return async (req) => {
    req.principal = null;
    req.credential = null;
    if (!req.url.startsWith('/api/')) return;
    const bearer = bearerOf(req);
    const cookie = bearer ? null : sessionCookieOf(req);
    const found = bearer
      ? await principalFromToken(db, bearer)
      : cookie
        ? await principalFromSession(db, cookie)
        : null;
    if (found) {
      req.principal = found.principal;
      req.credential = found.credential;
    }
  };
}

export function registerAuth(app: FastifyInstance, db: Database): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('credential', null);
  app.addHook('onRequest', authenticate(db));
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True unless a cookie-authenticated request changes state without the session's CSRF token. */
export function csrfOk(req: FastifyRequest): boolean {
  const c = req.credential;
  if (c?.kind !== 'session' || SAFE_METHODS.has(req.method)) return true;
  const sent = req.headers[CSRF_HEADER];
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(c.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function sendUnauthenticated(reply: FastifyReply) {
  return reply.code(401).send(apiError('unauthenticated', 'Sign in first.'));
}

export function sendCsrf(reply: FastifyReply) {
  return reply.code(403).send(apiError('csrf', `Send the session's CSRF token in the ${CSRF_HEADER} header.`));
}

/**
 * A route's onRequest hook admitting signed-in principals of these roles (any role when none are
 * given). The principal is resolved by `authenticate`, registered on the app before every route, so
 * it is known here, before the body is parsed.
 */
export function requireRole(...roles: Role[]): onRequestHookHandler {
  return async (req, reply) => {
    if (!req.principal) return sendUnauthenticated(reply);
    if (!csrfOk(req)) return sendCsrf(reply);
    if (roles.length > 0 && !roles.includes(req.principal.role)) {
      return reply.code(403).send(apiError('forbidden', 'This account may not do that.'));
    }
  };
}

/** The principal of a request that passed `requireRole`; a route without the guard is a bug, not a 500 to hide. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error(`${req.routeOptions.url ?? req.url}: principalOf without requireRole`);
  return req.principal;
}

/** The offices whose data a principal may see: every office for administrators. */
export function officeScope(principal: Principal): OfficeScope {
  return principal.role === 'administrator' ? 'all' : principal.officeIds;
}

export function inOfficeScope(principal: Principal, officeId: string): boolean {
  const scope = officeScope(principal);
  return scope === 'all' || scope.includes(officeId);
}
