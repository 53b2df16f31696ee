// Headers of a server that carries personal data (issue 13, point 14), on each real database: no API
// answer with personal data is cached (the queue, NIK search, the admin lists); over HTTPS — a TLS
// socket, or X-Forwarded-Proto from a TRUST_PROXY proxy and from nobody else — HSTS and a Secure,
// __Host- session cookie; and a session ends 16 hours after sign-in however busy it is.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionInfo } from '../../src/domain/accounts/account.ts';
import { SESSION_IDLE_HOURS, SESSION_MAX_HOURS } from '../../src/server/auth/sessions.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { type Creds, caller, createAccount, firstAdministrator, setCookieNamed, signIn } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const PROXY = '10.1.2.3';
const STRANGER = '203.0.113.9';
const ADMIN_PASSWORD = 'garam-kalianget-1987';
const OFFICE = 'kecamatan-talango';

for (const target of databaseTargets()) {
  describe(`headers and sessions on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let harness: SeededApp | undefined;
    let admin: Creds;
    let officer: Creds;
    let call: ReturnType<typeof caller>;

    const loginVia = (ip: string, proto?: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: ip,
        headers: proto ? { 'x-forwarded-proto': proto } : {},
        payload: { username: 'admin', password: ADMIN_PASSWORD },
      });
    const me = (ip: string, cookie: string, proto?: string) =>
      app.inject({
        method: 'GET',
        url: '/api/auth/me',
        remoteAddress: ip,
        headers: { cookie, ...(proto ? { 'x-forwarded-proto': proto } : {}) },
      });

    beforeAll(async () => {
      harness = await seededApp(target, { app: { trustProxy: PROXY } });
      ({ db, app } = harness);
      call = caller(app);
      admin = await firstAdministrator(app, db, ADMIN_PASSWORD);
      await createAccount(app, admin, {
        username: 'petugas.talango',
        name: 'Petugas',
        role: 'officer',
        officeIds: [OFFICE],
        password: ADMIN_PASSWORD,
      });
      officer = await signIn(app, 'petugas.talango', ADMIN_PASSWORD);
    });

    afterAll(() => harness?.close());

    it('marks every answer of the office and admin routes no-store', async () => {
      const answers: Array<[string, LightMyRequestResponse]> = [
        ['queue', await call('GET', '/api/office/applications', officer)],
        ['NIK search', await call('POST', '/api/office/applications/search-nik', officer, { nik: '3529014507900003' })],
        ['offices', await call('GET', '/api/office/offices', officer)],
        ['dashboard', await call('GET', '/api/office/dashboard', officer)],
        ['complaints', await call('GET', '/api/office/complaints', officer)],
        ['accounts', await call('GET', '/api/admin/accounts', admin)],
        ['devices', await call('GET', '/api/admin/devices', admin)],
        ['audit', await call('GET', '/api/admin/audit', admin)],
        ['denied', await call('GET', '/api/admin/accounts', officer)],
        ['unknown route', await call('GET', '/api/office/nothing-here', officer)],
      ];
      for (const [name, res] of answers) {
        expect(res.statusCode, `${name}: ${res.body}`).toBeLessThan(500);
        expect(res.headers['cache-control'], name).toMatch(/no-store/);
      }
      // The public catalogue keeps its own revalidation policy.
      expect((await call('GET', '/api/sync/catalogue/head')).headers['cache-control']).toBe('no-cache');
    });

    it('over HTTPS from the trusted proxy: HSTS and a Secure __Host- session cookie, read back only under that name', async () => {
      const res = await loginVia(PROXY, 'https');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['strict-transport-security']).toBe('max-age=63072000');
      expect(setCookieNamed(res, '__Host-nl_session')).toMatch(
        /^__Host-nl_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Secure$/,
      );
      const token = /=([^;]+);/.exec(setCookieNamed(res, '__Host-nl_session'))![1]!;
      expect((await me(PROXY, `__Host-nl_session=${token}`, 'https')).statusCode).toBe(200);
      // A cookie without the prefix may have been planted by a sibling host or a plain-HTTP page.
      expect((await me(PROXY, `nl_session=${token}`, 'https')).statusCode).toBe(401);
      // Pages get HSTS too.
      const page = await app.inject({
        method: 'GET',
        url: '/',
        remoteAddress: PROXY,
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(page.headers['strict-transport-security']).toBe('max-age=63072000');
      // Logging out clears the cookie of the name in use.
      const out = await app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        remoteAddress: PROXY,
        headers: {
          'x-forwarded-proto': 'https',
          cookie: `__Host-nl_session=${token}`,
          'x-csrf-token': SessionInfo.parse(res.json()).csrfToken!,
        },
      });
      expect(out.statusCode).toBe(204);
      expect(setCookieNamed(out, '__Host-nl_session')).toMatch(
        /^__Host-nl_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0; Secure$/,
      );
    });

    it('believes X-Forwarded-Proto from nobody but the trusted proxy: plain HTTP gets neither HSTS nor Secure', async () => {
      for (const res of [await loginVia(STRANGER, 'https'), await loginVia(PROXY)]) {
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['strict-transport-security']).toBeUndefined();
        expect(setCookieNamed(res, 'nl_session')).toMatch(
          /^nl_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/,
        );
      }
    });

    it('ends a session 16 hours after sign-in however busy it is, and never refreshes it past that', async () => {
      expect(SESSION_MAX_HOURS).toBeGreaterThan(SESSION_IDLE_HOURS);
      const fresh = await signIn(app, 'petugas.talango', ADMIN_PASSWORD);
      const token = fresh.cookie!.split('=')[1]!;
      const hash = (
        await db.query<{ id: string }>('select id::text from sessions order by created_at desc limit 1')
      )[0]!;
      // Used a minute ago, signed in almost 16 hours ago: still valid, and the refresh stops at 16 hours.
      await db.query(
        `update sessions set created_at = now() - interval '15 hours 50 minutes', expires_at = now() + interval '1 minute' where id = $1::uuid`,
        [hash.id],
      );
      expect((await call('GET', '/api/auth/me', { cookie: `nl_session=${token}` })).statusCode).toBe(200);
      const [after] = await db.query<{ extended: boolean; capped: boolean }>(
        `select expires_at > now() + interval '5 minutes' as extended,
           expires_at = created_at + make_interval(hours => $2) as capped
         from sessions where id = $1::uuid`,
        [hash.id, SESSION_MAX_HOURS],
      );
      expect(after).toEqual({ extended: true, capped: true });
      // Signed in 17 hours ago and busy all along (its idle expiry still ahead): over.
      await db.query(
        `update sessions set created_at = now() - interval '17 hours', expires_at = now() + interval '11 hours' where id = $1::uuid`,
        [hash.id],
      );
      expect((await call('GET', '/api/auth/me', { cookie: `nl_session=${token}` })).statusCode).toBe(401);
    });
  });
}
