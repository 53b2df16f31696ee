// Accounts for API tests: calling the app as a cookie session (with or without the CSRF token) or a
// bearer token, signing in, creating staff accounts and enrolling kiosks through the real routes.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { Account, DeviceEnrolment, SessionInfo, TokenResponse } from '../../src/domain/accounts/account.ts';
import { ApiError } from '../../src/domain/api.ts';
import { createAdministrator } from '../../src/server/auth/accounts.ts';
import type { Database } from '../../src/server/storage/db.ts';

export type Creds = { cookie?: string; csrf?: string | null; bearer?: string; ip?: string };
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export function caller(app: FastifyInstance) {
  return (
    method: Method,
    url: string,
    creds: Creds = {},
    payload?: unknown,
    extraHeaders: Record<string, string> = {},
  ) => {
    const headers: Record<string, string> = { ...extraHeaders };
    if (creds.cookie) headers.cookie = creds.cookie;
    if (creds.csrf) headers['x-csrf-token'] = creds.csrf;
    if (creds.bearer) headers.authorization = `Bearer ${creds.bearer}`;
    return app.inject({
      method,
      url,
      headers,
      remoteAddress: creds.ip ?? '127.0.0.1',
      ...(payload === undefined
        ? {}
        : typeof payload === 'string'
          ? { payload, headers: { ...headers, 'content-type': 'application/json' } }
          : { payload: payload as object }),
    });
  };
}

/** The Set-Cookie header of the cookie `name` (a sign-in sets the session's and the device's), or ''. */
export function setCookieNamed(res: LightMyRequestResponse, name: string): string {
  const all = res.headers['set-cookie'];
  const list = Array.isArray(all) ? all : all === undefined ? [] : [String(all)];
  return list.find((c) => c.startsWith(`${name}=`)) ?? '';
}

export function sessionCookieOf(res: LightMyRequestResponse): string {
  const set = String(res.headers['set-cookie'] ?? '');
  const m = /^(nl_session=[^;]+);/.exec(set);
  expect(m, set).not.toBeNull();
  return m![1]!;
}

/** A back-office session: the cookie and the CSRF token. */
export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Creds> {
  const res = await caller(app)('POST', '/api/auth/login', {}, { username, password });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: sessionCookieOf(res), csrf: SessionInfo.parse(res.json()).csrfToken };
}

/** A field officer's bearer token. */
export async function fieldToken(app: FastifyInstance, username: string, password: string): Promise<Creds> {
  const res = await caller(app)('POST', '/api/auth/token', {}, { username, password });
  expect(res.statusCode, res.body).toBe(200);
  return { bearer: TokenResponse.parse(res.json()).token };
}

export async function createAccount(
  app: FastifyInstance,
  admin: Creds,
  body: { username: string; name: string; role: string; officeIds?: string[]; password: string },
) {
  const res = await caller(app)('POST', '/api/admin/accounts', admin, body);
  expect(res.statusCode, res.body).toBe(201);
  return Account.parse(res.json());
}

/** A kiosk's bearer token, enrolled by an administrator for an office. */
export async function enrolKiosk(app: FastifyInstance, admin: Creds, officeId: string, name = 'Kiosk'): Promise<Creds> {
  const res = await caller(app)('POST', '/api/admin/devices', admin, { name, officeId });
  expect(res.statusCode, res.body).toBe(201);
  return { bearer: DeviceEnrolment.parse(res.json()).token };
}

/** The first administrator (as main.ts makes it from the environment), signed in. */
export async function firstAdministrator(
  app: FastifyInstance,
  db: Database,
  password: string,
  username = 'admin',
): Promise<Creds> {
  expect(await createAdministrator(db, username, password, { onlyIfNone: true, via: 'environment' })).toBe('created');
  return signIn(app, username, password);
}

export function expectApiError(res: LightMyRequestResponse, status: number, code?: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  const body = ApiError.parse(res.json());
  if (code !== undefined) expect(body.error.code).toBe(code);
}

export type TwoOfficeStaff = { admin: Creds; officerA: Creds; officerB: Creds; field: Creds; kiosk: Creds };

/**
 * The staff the back-office suites check scopes with: the first administrator, an officer of each of
 * two offices (petugas.raas, petugas.sapeken), a field officer and a kiosk of the first office.
 */
export async function staffOfTwoOffices(
  app: FastifyInstance,
  db: Database,
  o: { offices: readonly [string, string]; adminPassword: string; password: string },
): Promise<TwoOfficeStaff> {
  const [a, b] = o.offices;
  const admin = await firstAdministrator(app, db, o.adminPassword);
  await createAccount(app, admin, {
    username: 'petugas.raas',
    name: 'Petugas Raas',
    role: 'officer',
    officeIds: [a],
    password: o.password,
  });
  await createAccount(app, admin, {
    username: 'petugas.sapeken',
    name: 'Petugas Sapeken',
    role: 'officer',
    officeIds: [b],
    password: o.password,
  });
  await createAccount(app, admin, {
    username: 'jemput.bola',
    name: 'Petugas Lapangan',
    role: 'field-officer',
    officeIds: [a],
    password: o.password,
  });
  return {
    admin,
    officerA: await signIn(app, 'petugas.raas', o.password),
    officerB: await signIn(app, 'petugas.sapeken', o.password),
    field: await fieldToken(app, 'jemput.bola', o.password),
    kiosk: await enrolKiosk(app, admin, a),
  };
}
