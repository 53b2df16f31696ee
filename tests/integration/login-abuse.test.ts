// Sign-in under attack (issue 13, points 7 and 8), on each real database: the limits are checked and
// counted in one step, so a burst of concurrent wrong passwords gets at most 5 evaluated, and a right
// password inside the burst is not accepted after dozens of failures; failures from strangers lock
// strangers out, never the devices the account signed in from before; the client's address comes
// from TRUST_PROXY proxies only, so staff behind one proxy do not share one limit; and the audit log
// of failed sign-ins names the address.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOGIN_LIMITS } from '../../src/server/auth/attempts.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { createAccount, firstAdministrator, setCookieNamed } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const PASSWORD = 'garam-kalianget-1987';
const PROXY = '10.0.0.1';
const ADDRESS_LIMIT = 6;

for (const target of databaseTargets()) {
  describe(`sign-in under attack on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let harness: SeededApp | undefined;

    /** A sign-in from `ip` (directly, or through the trusted proxy with `forwardedFor`), with a device cookie. */
    const login = (
      username: string,
      password: string,
      o: { ip?: string; forwardedFor?: string; device?: string; url?: string } = {},
    ) =>
      app.inject({
        method: 'POST',
        url: o.url ?? '/api/auth/login',
        remoteAddress: o.forwardedFor ? PROXY : (o.ip ?? '127.0.0.1'),
        headers: {
          ...(o.forwardedFor ? { 'x-forwarded-for': o.forwardedFor } : {}),
          ...(o.device ? { cookie: o.device } : {}),
        },
        payload: { username, password },
      });
    const deviceCookieOf = (res: LightMyRequestResponse) => {
      const set = setCookieNamed(res, 'nl_device');
      expect(set).toMatch(
        /^nl_device=[A-Za-z0-9_-]{43}; Path=\/api\/auth; Max-Age=15552000; HttpOnly; SameSite=Strict$/,
      );
      return set.split(';')[0]!;
    };
    const statuses = (answers: LightMyRequestResponse[]) => {
      const count: Record<number, number> = {};
      for (const a of answers) count[a.statusCode] = (count[a.statusCode] ?? 0) + 1;
      return count;
    };
    const newOfficer = async (username: string) => {
      const admin = await login('admin', PASSWORD, { ip: '192.0.2.1' });
      const cookie = setCookieNamed(admin, 'nl_session').split(';')[0]!;
      const csrf = admin.json<{ csrfToken: string }>().csrfToken;
      await createAccount(
        app,
        { cookie, csrf },
        {
          username,
          name: username,
          role: 'field-officer',
          officeIds: ['kecamatan-talango'],
          password: PASSWORD,
        },
      );
    };
    const failedAudits = async (username: string) =>
      db.query<{ detail: { ip: string; reason: string; knownDevice: boolean } }>(
        `select l.detail from audit_log l join accounts a on a.id = l.account_id
         where l.action = 'auth.login-failed' and a.username = $1 order by l.id`,
        [username],
      );

    beforeAll(async () => {
      // The address limit is 30 in production (auth.test.ts); 6 here keeps the spraying tests short.
      harness = await seededApp(target, {
        app: { trustProxy: PROXY, loginLimits: { ...DEFAULT_LOGIN_LIMITS, ipMaxFailures: ADDRESS_LIMIT } },
      });
      ({ db, app } = harness);
      await firstAdministrator(app, db, PASSWORD);
    });

    afterAll(() => harness?.close());

    it('evaluates at most 5 of 150 concurrent wrong passwords for one username', async () => {
      await newOfficer('serbu.bersamaan');
      const answers = await Promise.all(
        Array.from({ length: 150 }, (_, i) => login('serbu.bersamaan', `salah-${i}-xxxxxxxx`, { ip: '198.51.100.1' })),
      );
      expect(statuses(answers)).toEqual({ 401: 5, 429: 145 });
      expect(answers.filter((a) => a.statusCode === 429).every((a) => a.json().error.code === 'account_locked')).toBe(
        true,
      );
      expect(await failedAudits('serbu.bersamaan')).toHaveLength(5);
      const [pending] = await db.query<{ n: number }>(`select count(*)::int as n from login_attempts where pending`);
      expect(pending!.n).toBe(0);
    });

    it('does not accept the right password at position 30 of a 41-request burst', async () => {
      await newOfficer('serbu.tebakan');
      const burst = Array.from({ length: 41 }, (_, i) => (i === 29 ? PASSWORD : `salah-${i}-xxxxxxxx`));
      const answers = await Promise.all(burst.map((p) => login('serbu.tebakan', p, { ip: '198.51.100.2' })));
      const evaluated = answers.filter((a) => a.statusCode !== 429).length;
      expect(evaluated).toBeLessThanOrEqual(5);
      // Accepted only if it was among the first five evaluated, never after dozens of failures.
      const right = answers[29]!;
      if (right.statusCode === 200) expect(answers.filter((a) => a.statusCode === 401).length).toBeLessThanOrEqual(4);
      else expect(right.statusCode).toBe(429);
      // The token route (the field officer's tablet) shares the limits.
      const token = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          login('serbu.tebakan', `salah-token-${i}-xx`, { ip: '198.51.100.3', url: '/api/auth/token' }),
        ),
      );
      expect(token.every((a) => a.statusCode === 429)).toBe(true);
    });

    it('locks strangers out of an attacked account, never the devices its owner signed in from', async () => {
      await newOfficer('pemilik.akun');
      // The owner signed in on the office computer before: it holds a device cookie for the account.
      const office = deviceCookieOf(await login('pemilik.akun', PASSWORD, { ip: '192.0.2.10' }));
      const tablet = await login('pemilik.akun', PASSWORD, { ip: '192.0.2.11', url: '/api/auth/token' });
      expect(tablet.statusCode, tablet.body).toBe(200);
      const tabletCookie = deviceCookieOf(tablet);
      // Attackers from many addresses, and from the owner's own network, until the account is locked.
      const attacks = [];
      for (let i = 0; i < 12; i++)
        attacks.push(
          await login('pemilik.akun', `tebak-${i}-xxxxxxxx`, { ip: i < 6 ? `203.0.113.${i}` : '192.0.2.10' }),
        );
      expect(statuses(attacks)).toEqual({ 401: 5, 429: 7 });
      // A stranger is locked out, even with the right password...
      const stranger = await login('pemilik.akun', PASSWORD, { ip: '203.0.113.99' });
      expect(stranger.statusCode).toBe(429);
      expect(stranger.json().error.code).toBe('account_locked');
      // ...the owner's devices are not, from anywhere (the office computer behind the attacked address too).
      expect((await login('pemilik.akun', PASSWORD, { ip: '192.0.2.10', device: office })).statusCode).toBe(200);
      expect(
        (await login('pemilik.akun', PASSWORD, { ip: '198.51.100.50', device: tabletCookie, url: '/api/auth/token' }))
          .statusCode,
      ).toBe(200);
      // A device cookie of another account proves nothing for this one.
      await newOfficer('akun.lain');
      const other = deviceCookieOf(await login('akun.lain', PASSWORD, { ip: '192.0.2.12' }));
      expect((await login('pemilik.akun', PASSWORD, { ip: '192.0.2.12', device: other })).statusCode).toBe(429);
      // A known device has limits of its own: five wrong passwords from it lock it, not the other device.
      for (let i = 0; i < 5; i++)
        expect(
          (await login('pemilik.akun', `typo-${i}-xxxxxxxxx`, { ip: '192.0.2.10', device: office })).statusCode,
        ).toBe(401);
      expect((await login('pemilik.akun', PASSWORD, { ip: '192.0.2.10', device: office })).statusCode).toBe(429);
      expect(
        (await login('pemilik.akun', PASSWORD, { ip: '192.0.2.11', device: tabletCookie, url: '/api/auth/token' }))
          .statusCode,
      ).toBe(200);
    });

    it('keeps an address that sprays many usernames away, but not a known device behind it', async () => {
      await newOfficer('di.balik.nat');
      const known = deviceCookieOf(await login('di.balik.nat', PASSWORD, { ip: '192.0.2.20' }));
      for (let i = 0; i < ADDRESS_LIMIT; i++)
        expect((await login(`hantu-${i}`, 'password-salah-1', { ip: '192.0.2.20' })).statusCode).toBe(401);
      const sprayer = await login('di.balik.nat', PASSWORD, { ip: '192.0.2.20' });
      expect(sprayer.statusCode).toBe(429);
      expect(sprayer.json().error.code).toBe('too_many_attempts');
      expect((await login('di.balik.nat', PASSWORD, { ip: '192.0.2.20', device: known })).statusCode).toBe(200);
    });

    it('takes the client address from the trusted proxy only, and records it in the audit log of failed sign-ins', async () => {
      await newOfficer('lewat.proxy');
      // Two clients behind the proxy: one's failures do not count against the other's address.
      for (let i = 0; i < ADDRESS_LIMIT; i++)
        expect(
          (await login(`hantu-proxy-${i}`, 'password-salah-1', { forwardedFor: '198.51.100.77' })).statusCode,
        ).toBe(401);
      expect((await login('hantu-proxy-x', 'password-salah-1', { forwardedFor: '198.51.100.77' })).statusCode).toBe(
        429,
      );
      expect((await login('lewat.proxy', PASSWORD, { forwardedFor: '198.51.100.78' })).statusCode).toBe(200);

      await login('lewat.proxy', 'password-salah-2', { forwardedFor: '198.51.100.79' });
      // X-Forwarded-For from anyone else is ignored: the peer's address counts.
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '203.0.113.200',
        headers: { 'x-forwarded-for': '198.51.100.80' },
        payload: { username: 'lewat.proxy', password: 'password-salah-3' },
      });
      const audits = await failedAudits('lewat.proxy');
      expect(audits.map((a) => a.detail)).toEqual([
        { reason: 'password', via: 'session', ip: '198.51.100.79', knownDevice: false },
        { reason: 'password', via: 'session', ip: '203.0.113.200', knownDevice: false },
      ]);
      const ips = await db.query<{ ip: string }>(
        `select ip from login_attempts where username = 'lewat.proxy' and not success order by id`,
      );
      expect(ips.map((r) => r.ip)).toEqual(['198.51.100.79', '203.0.113.200']);
    });
  });
}
