// Accounts and roles on each real database: back-office sessions (cookie + CSRF), bearer tokens for
// kiosks and field officers, lockout and per-address limits, disabling and revoking that take effect
// at once, role checks on the admin routes, the first administrator from the environment, the audit
// log, and no secrets in the database or the logs.
import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, AuditPage, DeviceEnrolment, SessionInfo, TokenResponse } from '../../src/domain/accounts/account.ts';
import { ApiError } from '../../src/domain/api.ts';
import { createAdministrator } from '../../src/server/auth/accounts.ts';
import { inOfficeScope, officeScope } from '../../src/server/auth/guard.ts';
import { verifyPassword } from '../../src/server/auth/password.ts';
import { ConfigError, readConfig } from '../../src/server/config.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { setCookieNamed } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const ADMIN_PASSWORD = 'garam-kalianget-1987';
const OFFICER_PASSWORD = 'perahu-talango-2024';
const FIELD_PASSWORD = 'jemput-bola-giliyang';
const OFFICE_A = 'kecamatan-talango';
const OFFICE_B = 'kecamatan-giliginting';

type Creds = { cookie?: string; csrf?: string | null; bearer?: string; ip?: string };

for (const target of databaseTargets()) {
  describe(`accounts and roles on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let logLines: string[];
    let harness: SeededApp | undefined;
    let admin: Creds;

    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, creds: Creds = {}, payload?: unknown) => {
      const headers: Record<string, string> = {};
      if (creds.cookie) headers.cookie = creds.cookie;
      if (creds.csrf) headers['x-csrf-token'] = creds.csrf;
      if (creds.bearer) headers.authorization = `Bearer ${creds.bearer}`;
      return app.inject({
        method,
        url,
        headers,
        remoteAddress: creds.ip ?? '127.0.0.1',
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    };
    const login = (username: string, password: string, ip?: string) =>
      call('POST', '/api/auth/login', { ...(ip ? { ip } : {}) }, { username, password });
    const cookieOf = (res: LightMyRequestResponse): string => {
      const set = String(res.headers['set-cookie'] ?? '');
      const m = /^(nl_session=[^;]+);/.exec(set);
      expect(m, set).not.toBeNull();
      return m![1]!;
    };
    const signIn = async (username: string, password: string): Promise<Creds> => {
      const res = await login(username, password);
      expect(res.statusCode, res.body).toBe(200);
      return { cookie: cookieOf(res), csrf: SessionInfo.parse(res.json()).csrfToken };
    };
    const fieldToken = async (username: string, password: string): Promise<string> => {
      const res = await call('POST', '/api/auth/token', {}, { username, password });
      expect(res.statusCode, res.body).toBe(200);
      return TokenResponse.parse(res.json()).token;
    };
    const createAccount = async (body: Record<string, unknown>) => {
      const res = await call('POST', '/api/admin/accounts', admin, body);
      expect(res.statusCode, res.body).toBe(201);
      return Account.parse(res.json());
    };
    const expectError = (res: LightMyRequestResponse, status: number, code: string) => {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(ApiError.parse(res.json()).error.code).toBe(code);
    };
    const auditActions = async (accountId: string | null) =>
      (
        await db.query<{ action: string; detail: Record<string, unknown> }>(
          'select action, detail from audit_log where account_id is not distinct from $1::uuid order by id',
          [accountId],
        )
      ).map((r) => r.action);

    beforeAll(async () => {
      harness = await seededApp(target, {
        // As main.ts does it: the first administrator from ADMIN_USERNAME / ADMIN_PASSWORD.
        beforeApp: async (db) => {
          const config = readConfig({ ADMIN_USERNAME: 'Admin', ADMIN_PASSWORD });
          expect(config.firstAdmin).toEqual({ username: 'admin', password: ADMIN_PASSWORD });
          expect(
            await createAdministrator(db, config.firstAdmin!.username, config.firstAdmin!.password, {
              onlyIfNone: true,
              via: 'environment',
            }),
          ).toBe('created');
        },
      });
      ({ db, app, logLines } = harness);
      admin = await signIn('admin', ADMIN_PASSWORD);
    });

    afterAll(() => harness?.close());

    describe('the first administrator from the environment', () => {
      it('is created once and never overwritten by a later start', async () => {
        expect(
          await createAdministrator(db, 'admin', 'another-password-here', { onlyIfNone: true, via: 'environment' }),
        ).toBe('exists');
        expect(
          await createAdministrator(db, 'someone-else', 'another-password-here', {
            onlyIfNone: true,
            via: 'environment',
          }),
        ).toBe('exists');
        const admins = await db.query<{ username: string }>(
          `select username from accounts where role = 'administrator'`,
        );
        expect(admins.map((a) => a.username)).toEqual(['admin']);
        expect((await login('admin', 'another-password-here')).statusCode).toBe(401);
        expect((await login('admin', ADMIN_PASSWORD)).statusCode).toBe(200);
        const [created] = await db.query<{ detail: Record<string, unknown> }>(
          `select detail from audit_log where action = 'account.create' order by id limit 1`,
        );
        expect(created?.detail).toEqual({ role: 'administrator', via: 'environment' });
      });

      it('refuses a short password, or one variable without the other, with a clear message', () => {
        try {
          readConfig({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'pendek-123' });
          expect.unreachable();
        } catch (err) {
          expect(err).toBeInstanceOf(ConfigError);
          expect((err as Error).message).toMatch(/ADMIN_PASSWORD: at least 12 characters/);
          expect((err as Error).message).not.toContain('pendek-123');
        }
        expect(() => readConfig({ ADMIN_USERNAME: 'admin' })).toThrow(/ADMIN_USERNAME and ADMIN_PASSWORD/);
        expect(() => readConfig({ ADMIN_PASSWORD })).toThrow(ConfigError);
        expect(readConfig({}).firstAdmin).toBeNull();
      });
    });

    describe('back-office sessions', () => {
      it('signs in with an HttpOnly, SameSite=Strict cookie, tells who is signed in, and signs out', async () => {
        const res = await login('admin', ADMIN_PASSWORD);
        expect(res.statusCode, res.body).toBe(200);
        const cookieHeader = setCookieNamed(res, 'nl_session');
        expect(cookieHeader).toMatch(/^nl_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
        const session = SessionInfo.parse(res.json());
        expect(session.principal).toMatchObject({ role: 'administrator', officeIds: [], name: 'admin' });
        expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
        const creds = { cookie: cookieOf(res), csrf: session.csrfToken };

        const me = await call('GET', '/api/auth/me', { cookie: creds.cookie });
        expect(me.statusCode).toBe(200);
        expect(SessionInfo.parse(me.json())).toEqual(session);
        expect(me.body).not.toMatch(/password|hash/i);

        // Only the token's SHA-256 is stored.
        const token = creds.cookie.split('=')[1]!;
        const stored = await db.query<{ token_hash: string }>('select token_hash from sessions');
        expect(stored.map((s) => s.token_hash)).toContain(createHash('sha256').update(token).digest('hex'));
        expect(JSON.stringify(stored)).not.toContain(token);

        expectError(await call('POST', '/api/auth/logout', { cookie: creds.cookie }), 403, 'csrf');
        const out = await call('POST', '/api/auth/logout', creds);
        expect(out.statusCode).toBe(204);
        expect(setCookieNamed(out, 'nl_session')).toMatch(
          /^nl_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/,
        );
        expectError(await call('GET', '/api/auth/me', { cookie: creds.cookie }), 401, 'unauthenticated');
      });

      it('takes X-Forwarded-Proto from no one without TRUST_PROXY (headers.test.ts: Secure behind a trusted proxy)', async () => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'x-forwarded-proto': 'https' },
          payload: { username: 'admin', password: ADMIN_PASSWORD },
        });
        expect(res.statusCode).toBe(200);
        expect(setCookieNamed(res, 'nl_session')).toMatch(/^nl_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
      });

      it('refuses a wrong password and an unknown username with the same answer', async () => {
        const wrong = await login('admin', 'not-the-password', '10.0.0.2');
        const unknown = await login('nobody-here', 'not-the-password', '10.0.0.2');
        expectError(wrong, 401, 'invalid_credentials');
        expectError(unknown, 401, 'invalid_credentials');
        expect(unknown.json()).toEqual(wrong.json());
        expect(wrong.headers['set-cookie']).toBeUndefined();
      });

      it('requires the CSRF token on every change made with the cookie', async () => {
        const body = {
          username: 'csrf.check',
          name: 'CSRF',
          role: 'officer',
          officeIds: [OFFICE_A],
          password: OFFICER_PASSWORD,
        };
        expectError(await call('POST', '/api/admin/accounts', { cookie: admin.cookie! }, body), 403, 'csrf');
        expectError(
          await call('POST', '/api/admin/accounts', { cookie: admin.cookie!, csrf: 'x'.repeat(43) }, body),
          403,
          'csrf',
        );
        expect((await db.query(`select 1 from accounts where username = 'csrf.check'`)).length).toBe(0);
        // Reads need none.
        expect((await call('GET', '/api/admin/accounts', { cookie: admin.cookie! })).statusCode).toBe(200);
        await createAccount(body);
      });

      it('stores passwords only as scrypt hashes', async () => {
        const rows = await db.query<{ username: string; password_hash: string }>(
          `select username, password_hash from accounts where username in ('admin', 'csrf.check')`,
        );
        expect(rows).toHaveLength(2);
        for (const r of rows) {
          expect(r.password_hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
          expect(r.password_hash).not.toContain(ADMIN_PASSWORD);
          expect(r.password_hash).not.toContain(OFFICER_PASSWORD);
        }
        const byName = Object.fromEntries(rows.map((r) => [r.username, r.password_hash]));
        expect(await verifyPassword(ADMIN_PASSWORD, byName.admin!)).toBe(true);
        expect(await verifyPassword(OFFICER_PASSWORD, byName['csrf.check']!)).toBe(true);
      });
    });

    describe('login limits', () => {
      it('locks a username for 15 minutes after 5 failures within 15 minutes, then lets it in again', async () => {
        await createAccount({
          username: 'lock.officer',
          name: 'Lock',
          role: 'officer',
          officeIds: [OFFICE_A],
          password: OFFICER_PASSWORD,
        });
        const ip = '10.0.1.1';
        for (let i = 0; i < 5; i++)
          expectError(await login('lock.officer', `wrong-${i}`, ip), 401, 'invalid_credentials');
        // Locked even with the right password, and from another address.
        for (const from of [ip, '10.0.1.2']) {
          const locked = await login('lock.officer', OFFICER_PASSWORD, from);
          expectError(locked, 429, 'account_locked');
          const retry = Number(locked.headers['retry-after']);
          expect(retry).toBeGreaterThan(14 * 60);
          expect(retry).toBeLessThanOrEqual(15 * 60);
          expect((locked.json() as { error: { retryAfterSeconds: number } }).error.retryAfterSeconds).toBe(retry);
        }
        // The token sign-in shares the lock.
        expectError(
          await call('POST', '/api/auth/token', { ip }, { username: 'lock.officer', password: OFFICER_PASSWORD }),
          429,
          'account_locked',
        );

        // 16 minutes later (the database's clock decides, so move the attempts back in time).
        await db.query(`update login_attempts set at = at - interval '16 minutes' where username = 'lock.officer'`);
        expect((await login('lock.officer', OFFICER_PASSWORD, ip)).statusCode).toBe(200);
        // A success starts the count again: one more failure does not lock.
        expectError(await login('lock.officer', 'wrong-again', ip), 401, 'invalid_credentials');
        expect((await login('lock.officer', OFFICER_PASSWORD, ip)).statusCode).toBe(200);
      });

      it('does not lock for 5 failures spread over more than 15 minutes', async () => {
        const ip = '10.0.1.3';
        for (let i = 0; i < 4; i++)
          expectError(await login('lock.officer', `slow-${i}`, ip), 401, 'invalid_credentials');
        await db.query(
          `update login_attempts set at = at - interval '20 minutes' where username = 'lock.officer' and not success and at > now() - interval '1 minute'`,
        );
        expectError(await login('lock.officer', 'slow-4', ip), 401, 'invalid_credentials');
        expect((await login('lock.officer', OFFICER_PASSWORD, ip)).statusCode).toBe(200);
      });

      it('limits failures per address (30 per 15 minutes) whatever the usernames', async () => {
        const ip = '10.0.2.1';
        for (let i = 0; i < 30; i++)
          expectError(await login(`ghost-${i}`, 'wrong-password', ip), 401, 'invalid_credentials');
        const limited = await login('admin', ADMIN_PASSWORD, ip);
        expectError(limited, 429, 'too_many_attempts');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        // Another address is not affected, and the window passes.
        expect((await login('admin', ADMIN_PASSWORD, '10.0.2.2')).statusCode).toBe(200);
        await db.query(`update login_attempts set at = at - interval '16 minutes' where ip = $1`, [ip]);
        expect((await login('admin', ADMIN_PASSWORD, ip)).statusCode).toBe(200);
      });
    });

    describe('devices and field officers', () => {
      it('enrols a kiosk with a one-time token (only its hash stored) and revokes it at once', async () => {
        expectError(
          await call('POST', '/api/admin/devices', admin, { name: 'Kios Desa', officeId: 'no-such-office' }),
          400,
          'invalid_request',
        );
        const res = await call('POST', '/api/admin/devices', admin, { name: 'Kios Talango', officeId: OFFICE_A });
        expect(res.statusCode, res.body).toBe(201);
        const { device, token } = DeviceEnrolment.parse(res.json());
        expect(device).toMatchObject({ name: 'Kios Talango', officeId: OFFICE_A, revoked: false });
        expect(token).toMatch(/^nlk_[A-Za-z0-9_-]{43}$/);
        const hashes = await db.query<{ token_hash: string }>(
          'select token_hash from access_tokens where account_id = $1',
          [device.id],
        );
        expect(hashes).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);

        const me = await call('GET', '/api/auth/me', { bearer: token });
        expect(me.statusCode).toBe(200);
        expect(SessionInfo.parse(me.json())).toEqual({
          principal: { accountId: device.id, role: 'kiosk', officeIds: [OFFICE_A], name: 'Kios Talango' },
          csrfToken: null,
        });
        // A kiosk is no administrator.
        expectError(await call('GET', '/api/admin/accounts', { bearer: token }), 403, 'forbidden');
        expectError(
          await call('POST', '/api/admin/devices', { bearer: token }, { name: 'x', officeId: OFFICE_A }),
          403,
          'forbidden',
        );

        const list = await call('GET', '/api/admin/devices', admin);
        expect((list.json() as { devices: Array<{ id: string }> }).devices.map((d) => d.id)).toContain(device.id);
        const revoked = await call('DELETE', `/api/admin/devices/${device.id}`, admin);
        expect(revoked.statusCode, revoked.body).toBe(200);
        expect(revoked.json()).toMatchObject({ id: device.id, revoked: true });
        expectError(await call('GET', '/api/auth/me', { bearer: token }), 401, 'unauthenticated');
        expectError(
          await call('DELETE', `/api/admin/devices/00000000-0000-4000-8000-000000000000`, admin),
          404,
          'not_found',
        );
      });

      it('gives field officers a bearer token with the PIN validity setting; bearer requests need no CSRF', async () => {
        const field = await createAccount({
          username: 'petugas.gili',
          name: 'Petugas Gili',
          role: 'field-officer',
          officeIds: [OFFICE_B],
          password: FIELD_PASSWORD,
        });
        const res = await call('POST', '/api/auth/token', {}, { username: 'petugas.gili', password: FIELD_PASSWORD });
        expect(res.statusCode, res.body).toBe(200);
        const issued = TokenResponse.parse(res.json());
        expect(issued.token).toMatch(/^nlf_/);
        expect(issued.pinValidityDays).toBe(14);
        expect(issued.principal).toEqual({
          accountId: field.id,
          role: 'field-officer',
          officeIds: [OFFICE_B],
          name: 'Petugas Gili',
        });
        expect(Date.parse(issued.expiresAt)).toBeGreaterThan(Date.now() + 29 * 86_400_000);

        await db.query(`insert into settings (key, value) values ('pinValidityDays', '7'::jsonb)`);
        expect(
          TokenResponse.parse(
            (await call('POST', '/api/auth/token', {}, { username: 'petugas.gili', password: FIELD_PASSWORD })).json(),
          ).pinValidityDays,
        ).toBe(7);

        // Field officers may not administer; a wrong role may not take a token.
        expectError(await call('GET', '/api/admin/accounts', { bearer: issued.token }), 403, 'forbidden');
        expectError(await call('GET', '/api/admin/audit', { bearer: issued.token }), 403, 'forbidden');
        expectError(
          await call('POST', '/api/auth/token', {}, { username: 'admin', password: ADMIN_PASSWORD }),
          403,
          'forbidden',
        );
        expectError(
          await call('POST', '/api/auth/token', {}, { username: 'petugas.gili', password: 'wrong-password' }),
          401,
          'invalid_credentials',
        );

        // A state change by bearer needs no CSRF token: signing the tablet out.
        expect((await call('DELETE', '/api/auth/token', { bearer: issued.token })).statusCode).toBe(204);
        expectError(await call('GET', '/api/auth/me', { bearer: issued.token }), 401, 'unauthenticated');
      });

      it("stops a disabled account's sessions and tokens at once, and a password reset ends them", async () => {
        const officer = await createAccount({
          username: 'loket.talango',
          name: 'Loket',
          role: 'officer',
          officeIds: [OFFICE_A],
          password: OFFICER_PASSWORD,
        });
        const session = await signIn('loket.talango', OFFICER_PASSWORD);
        const token = await fieldToken('petugas.gili', FIELD_PASSWORD);
        const field = SessionInfo.parse((await call('GET', '/api/auth/me', { bearer: token })).json()).principal;
        expect((await call('GET', '/api/auth/me', session)).statusCode).toBe(200);

        for (const id of [officer.id, field.accountId]) {
          const res = await call('PATCH', `/api/admin/accounts/${id}`, admin, { disabled: true });
          expect(res.statusCode, res.body).toBe(200);
          expect(Account.parse(res.json()).disabled).toBe(true);
        }
        expectError(await call('GET', '/api/auth/me', session), 401, 'unauthenticated');
        expectError(await call('GET', '/api/auth/me', { bearer: token }), 401, 'unauthenticated');
        expectError(await login('loket.talango', OFFICER_PASSWORD), 401, 'invalid_credentials');

        // Enabled again with a new password: old sessions stay gone, the old password no longer works.
        const newPassword = 'kapal-baru-talango-9';
        expect(
          (await call('PATCH', `/api/admin/accounts/${officer.id}`, admin, { disabled: false, password: newPassword }))
            .statusCode,
        ).toBe(200);
        expectError(await call('GET', '/api/auth/me', session), 401, 'unauthenticated');
        expectError(await login('loket.talango', OFFICER_PASSWORD), 401, 'invalid_credentials');
        const again = await signIn('loket.talango', newPassword);
        expect(
          (await call('PATCH', `/api/admin/accounts/${officer.id}`, admin, { password: 'yet-another-password' }))
            .statusCode,
        ).toBe(200);
        expectError(await call('GET', '/api/auth/me', again), 401, 'unauthenticated');
      });
    });

    describe('authorization of the admin routes', () => {
      it('answers 401 JSON without credentials, and 403 to officers', async () => {
        const id = '00000000-0000-4000-8000-000000000000';
        const routes: Array<['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?]> = [
          ['GET', '/api/auth/me'],
          ['GET', '/api/admin/accounts'],
          [
            'POST',
            '/api/admin/accounts',
            { username: 'x.y.z', name: 'X', role: 'administrator', password: 'long-enough-password' },
          ],
          ['PATCH', `/api/admin/accounts/${id}`, { disabled: true }],
          ['GET', '/api/admin/devices'],
          ['POST', '/api/admin/devices', { name: 'Kios', officeId: OFFICE_A }],
          ['DELETE', `/api/admin/devices/${id}`],
          ['GET', '/api/admin/audit'],
        ];
        for (const [method, url, body] of routes)
          expectError(await call(method, url, {}, body), 401, 'unauthenticated');
        // A made-up cookie or bearer token is no principal either.
        expectError(
          await call('GET', '/api/admin/accounts', { cookie: `nl_session=${'a'.repeat(43)}` }),
          401,
          'unauthenticated',
        );
        expectError(
          await call('GET', '/api/admin/accounts', { bearer: `nlk_${'a'.repeat(43)}` }),
          401,
          'unauthenticated',
        );

        await createAccount({
          username: 'officer.b',
          name: 'Officer B',
          role: 'officer',
          officeIds: [OFFICE_B],
          password: OFFICER_PASSWORD,
        });
        const officer = await signIn('officer.b', OFFICER_PASSWORD);
        for (const [method, url, body] of routes.slice(1))
          expectError(await call(method, url, officer, body), 403, 'forbidden');
        expect((await call('GET', '/api/auth/me', officer)).statusCode).toBe(200);
      });

      it('refuses a caller without the role before reading the body: 401/403, never a 400 describing it', async () => {
        const id = '00000000-0000-4000-8000-000000000000';
        const malformed = { nonsense: [1, 2, 3] };
        const routes: Array<['POST' | 'PATCH' | 'DELETE', string]> = [
          ['POST', '/api/admin/accounts'],
          ['PATCH', `/api/admin/accounts/${id}`],
          ['POST', '/api/admin/devices'],
          ['POST', '/api/field/device-keys'],
          ['DELETE', '/api/field/device-keys/not-a-key-id'],
        ];
        for (const [method, url] of routes) expectError(await call(method, url, {}, malformed), 401, 'unauthenticated');
        await createAccount({
          username: 'officer.c',
          name: 'Officer C',
          role: 'officer',
          officeIds: [OFFICE_A],
          password: OFFICER_PASSWORD,
        });
        const officer = await signIn('officer.c', OFFICER_PASSWORD);
        for (const [method, url] of routes) expectError(await call(method, url, officer, malformed), 403, 'forbidden');
        // The administrator, who may, is told what is wrong with the body.
        expectError(await call('POST', '/api/admin/accounts', admin, malformed), 400, 'invalid_request');
      });

      it('scopes offices: officers see theirs, administrators all', () => {
        const officer = {
          accountId: '00000000-0000-4000-8000-000000000001',
          role: 'officer' as const,
          officeIds: [OFFICE_A],
          name: 'O',
        };
        const administrator = {
          accountId: '00000000-0000-4000-8000-000000000002',
          role: 'administrator' as const,
          officeIds: [],
          name: 'A',
        };
        expect(officeScope(officer)).toEqual([OFFICE_A]);
        expect(officeScope(administrator)).toBe('all');
        expect(inOfficeScope(officer, OFFICE_A)).toBe(true);
        expect(inOfficeScope(officer, OFFICE_B)).toBe(false);
        expect(inOfficeScope(administrator, OFFICE_B)).toBe(true);
      });
    });

    describe('account management', () => {
      it('validates roles and offices, refuses duplicates, and keeps one active administrator', async () => {
        const post = (body: Record<string, unknown>) => call('POST', '/api/admin/accounts', admin, body);
        expectError(
          await post({ username: 'no.office', name: 'N', role: 'officer', officeIds: [], password: OFFICER_PASSWORD }),
          400,
          'invalid_request',
        );
        expectError(
          await post({
            username: 'bad.office',
            name: 'N',
            role: 'officer',
            officeIds: ['atlantis'],
            password: OFFICER_PASSWORD,
          }),
          400,
          'invalid_request',
        );
        expectError(
          await post({ username: 'short.pw', name: 'N', role: 'officer', officeIds: [OFFICE_A], password: 'short' }),
          400,
          'invalid_request',
        );
        expectError(
          await post({
            username: 'kiosk.person',
            name: 'N',
            role: 'kiosk',
            officeIds: [OFFICE_A],
            password: OFFICER_PASSWORD,
          }),
          400,
          'invalid_request',
        );
        expectError(
          await post({
            username: 'Officer.B',
            name: 'Dup',
            role: 'officer',
            officeIds: [OFFICE_A],
            password: OFFICER_PASSWORD,
          }),
          409,
          'username_taken',
        );

        const two = await createAccount({
          username: 'two.offices',
          name: 'Dua',
          role: 'officer',
          officeIds: [OFFICE_B, OFFICE_A],
          password: OFFICER_PASSWORD,
        });
        expect(two.officeIds).toEqual([OFFICE_B, OFFICE_A].sort());
        const promoted = await call('PATCH', `/api/admin/accounts/${two.id}`, admin, { role: 'administrator' });
        expect(Account.parse(promoted.json())).toMatchObject({ role: 'administrator', officeIds: [] });
        const demoted = await call('PATCH', `/api/admin/accounts/${two.id}`, admin, {
          role: 'officer',
          officeIds: [OFFICE_A],
        });
        expect(Account.parse(demoted.json())).toMatchObject({ role: 'officer', officeIds: [OFFICE_A] });
        expectError(await call('PATCH', `/api/admin/accounts/${two.id}`, admin, {}), 400, 'invalid_request');

        const list = Account.array().parse((await call('GET', '/api/admin/accounts', admin)).json().accounts);
        expect(list.map((a) => a.username)).toEqual(expect.arrayContaining(['admin', 'officer.b', 'two.offices']));
        expect(JSON.stringify(list)).not.toMatch(/scrypt|password/i);

        const adminId = SessionInfo.parse((await call('GET', '/api/auth/me', admin)).json()).principal.accountId;
        expectError(
          await call('PATCH', `/api/admin/accounts/${adminId}`, admin, { disabled: true }),
          409,
          'last_administrator',
        );
        expectError(
          await call('PATCH', `/api/admin/accounts/${adminId}`, admin, { role: 'officer', officeIds: [OFFICE_A] }),
          409,
          'last_administrator',
        );
        expect((await call('GET', '/api/auth/me', admin)).statusCode).toBe(200);
      });
    });

    describe('audit log and logs', () => {
      it('records sign-ins (success and failure) by account, never a password, and pages newest first', async () => {
        const [adminRow] = await db.query<{ id: string }>(`select id from accounts where username = 'admin'`);
        const actions = await auditActions(adminRow!.id);
        expect(actions).toContain('auth.login');
        expect(actions).toContain('auth.login-failed');
        expect(actions).toContain('auth.logout');
        expect(actions).toContain('account.update');
        expect(actions).toContain('device.enrol');
        const failed = await db.query<{ detail: Record<string, unknown> }>(
          `select detail from audit_log where action = 'auth.login-failed' and account_id is null`,
        );
        expect(failed.map((f) => f.detail.reason)).toContain('unknown-username');

        const everything = JSON.stringify(await db.query('select * from audit_log'));
        for (const secret of [ADMIN_PASSWORD, OFFICER_PASSWORD, FIELD_PASSWORD, 'not-the-password', 'ghost-1'])
          expect(everything).not.toContain(secret);

        const first = AuditPage.parse((await call('GET', '/api/admin/audit?limit=3', admin)).json());
        expect(first.entries).toHaveLength(3);
        expect(first.entries[0]!.id).toBeGreaterThan(first.entries[2]!.id);
        expect(first.next).toBe(first.entries[2]!.id);
        const second = AuditPage.parse(
          (await call('GET', `/api/admin/audit?limit=3&before=${first.next}`, admin)).json(),
        );
        expect(second.entries[0]!.id).toBeLessThan(first.next!);
        expect(Date.parse(second.entries[0]!.at)).toBeLessThanOrEqual(Date.parse(first.entries[0]!.at));
      });

      it('logs sign-ins without the password, the tokens or the cookie', async () => {
        logLines.length = 0;
        const res = await login('admin', ADMIN_PASSWORD);
        const cookie = cookieOf(res);
        const { csrfToken } = SessionInfo.parse(res.json());
        await call('GET', '/api/auth/me', { cookie });
        await login('admin', 'wrong-password-logged?');
        expectError(
          await call('POST', '/api/auth/token', {}, { username: 'officer.b', password: OFFICER_PASSWORD }),
          403,
          'forbidden',
        );
        await createAccount({
          username: 'field.log',
          name: 'F',
          role: 'field-officer',
          officeIds: [OFFICE_A],
          password: FIELD_PASSWORD,
        });
        const bearer = await fieldToken('field.log', FIELD_PASSWORD);
        await call('GET', '/api/auth/me', { bearer });
        await call('POST', '/api/auth/logout', { cookie, csrf: csrfToken });

        const logged = logLines.join('\n');
        expect(logLines.length).toBeGreaterThan(0);
        expect(logged).toContain('/api/auth/login');
        for (const secret of [
          ADMIN_PASSWORD,
          FIELD_PASSWORD,
          OFFICER_PASSWORD,
          'wrong-password-logged?',
          cookie.split('=')[1]!,
          csrfToken!,
          bearer,
        ]) {
          expect(logged).not.toContain(secret);
        }
        for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
      });
    });
  });
}
