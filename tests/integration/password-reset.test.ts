// A password reset by one-time code (issue 16, point 5) on each real database: the administrator's
// reset stops the old password and every session at once and returns a code shown once; the code
// opens no session by itself (the login answers password_change_required); with a new password it
// signs in, once; it expires, a newer reset replaces it; only its hash is stored; only
// administrators may reset; every step is audited without the code.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, ResetCode, SessionInfo } from '../../src/domain/accounts/account.ts';
import type { Database } from '../../src/server/storage/db.ts';
import {
  type Creds,
  caller,
  createAccount,
  expectApiError,
  setCookieNamed,
  signIn,
  staffOfTwoOffices,
  type TwoOfficeStaff,
} from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const ADMIN_PASSWORD = 'garam-kalianget-1987';
const PASSWORD = 'perahu-talango-2024';
const NEW_PASSWORD = 'layar-baru-sapudi-2026';
const OFFICES = ['kecamatan-talango', 'kecamatan-giliginting'] as const;

for (const target of databaseTargets()) {
  describe(`password reset by one-time code on ${target.kind}`, () => {
    let harness: SeededApp | undefined;
    let app: FastifyInstance;
    let db: Database;
    let call: ReturnType<typeof caller>;
    let staff: TwoOfficeStaff;
    let n = 0;

    /** A fresh officer of the first office, signed in, for a test of its own. */
    const officer = async (): Promise<{ account: Account; session: Creds; username: string }> => {
      const username = `petugas.reset${++n}`;
      const account = await createAccount(app, staff.admin, {
        username,
        name: `Petugas ${n}`,
        role: 'officer',
        officeIds: [OFFICES[0]],
        password: PASSWORD,
      });
      return { account, session: await signIn(app, username, PASSWORD), username };
    };
    const reset = async (accountId: string, as: Creds = staff.admin) => {
      const res = await call('POST', `/api/admin/accounts/${accountId}/reset-code`, as);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      return ResetCode.parse(res.json());
    };
    const login = (username: string, password: string) => call('POST', '/api/auth/login', {}, { username, password });
    const spendCode = (username: string, code: string, newPassword = NEW_PASSWORD) =>
      call('POST', '/api/auth/reset', {}, { username, code, newPassword });

    beforeAll(async () => {
      harness = await seededApp(target);
      ({ app, db } = harness);
      call = caller(app);
      staff = await staffOfTwoOffices(app, db, { offices: OFFICES, adminPassword: ADMIN_PASSWORD, password: PASSWORD });
    });
    afterAll(() => harness?.close());

    it('stops the old password and every session, and the code sets a new password once', async () => {
      const { account, session, username } = await officer();
      const issued = await reset(account.id);
      expect(issued.code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
      expect(issued.account.id).toBe(account.id);
      const hours = (Date.parse(issued.expiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(23.9);
      expect(hours).toBeLessThanOrEqual(24);

      // The old session and the old password stop at once.
      expectApiError(await call('GET', '/api/auth/me', session), 401, 'unauthenticated');
      expectApiError(await login(username, PASSWORD), 401, 'invalid_credentials');

      // The code typed as the password opens no session: a new password comes first.
      const withCode = await login(username, issued.code.toLowerCase());
      expectApiError(withCode, 403, 'password_change_required');
      expect(setCookieNamed(withCode, 'nl_session')).toBe('');

      // A new password too short is a 400 with the field named; the code is not spent by it.
      const short = await spendCode(username, issued.code, 'pendek');
      expectApiError(short, 400, 'invalid_request');
      expect(Object.keys(short.json().error.fields)).toContain('body.newPassword');

      const done = await spendCode(username, issued.code.replaceAll('-', ' '));
      expect(done.statusCode, done.body).toBe(200);
      const info = SessionInfo.parse(done.json());
      expect(info.principal.accountId).toBe(account.id);
      const cookie = /^(nl_session=[^;]+);/.exec(setCookieNamed(done, 'nl_session'))![1]!;
      expect((await call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);

      // Used once: the code neither signs in nor sets a password again.
      expectApiError(await spendCode(username, issued.code, 'noch-ein-anderes-passwort'), 401, 'invalid_credentials');
      expectApiError(await login(username, issued.code), 401, 'invalid_credentials');
      expect((await login(username, NEW_PASSWORD)).statusCode).toBe(200);

      // Only the hash is stored; the audit says who reset whom, never the code.
      const [row] = await db.query<{ code_hash: string; used_at: string | null }>(
        'select code_hash, used_at from password_reset_codes where account_id = $1',
        [account.id],
      );
      expect(row!.code_hash).toMatch(/^scrypt\$/);
      expect(row!.used_at).not.toBeNull();
      const audit = await db.query<{ action: string; account_id: string | null; detail: unknown }>(
        `select action, account_id, detail from audit_log where target_id = $1 order by id`,
        [account.id],
      );
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(['account.reset-code', 'auth.password-reset', 'auth.login']),
      );
      const me = SessionInfo.parse((await call('GET', '/api/auth/me', staff.admin)).json());
      expect(audit.find((a) => a.action === 'account.reset-code')!.account_id).toBe(me.principal.accountId);
      const raw = normalise(JSON.stringify(audit));
      expect(raw).not.toContain(normalise(issued.code));
      expect(normalise(harness!.logLines.join('\n'))).not.toContain(normalise(issued.code));
    });

    it('refuses an expired code', async () => {
      const { account, username } = await officer();
      const issued = await reset(account.id);
      await db.query(`update password_reset_codes set expires_at = now() - interval '1 second' where account_id = $1`, [
        account.id,
      ]);
      expectApiError(await login(username, issued.code), 401, 'invalid_credentials');
      expectApiError(await spendCode(username, issued.code), 401, 'invalid_credentials');
      expectApiError(await login(username, NEW_PASSWORD), 401, 'invalid_credentials');
      const failed = await db.query<{ action: string }>(
        `select action from audit_log where target_id = $1 and action = 'auth.reset-code-failed'`,
        [account.id],
      );
      expect(failed).toHaveLength(1);
    });

    it('a newer reset replaces the earlier code', async () => {
      const { account, username } = await officer();
      const first = await reset(account.id);
      const second = await reset(account.id);
      expectApiError(await spendCode(username, first.code), 401, 'invalid_credentials');
      expect((await spendCode(username, second.code)).statusCode).toBe(200);
    });

    it('of two requests spending the same code, one succeeds', async () => {
      const { account, username } = await officer();
      const issued = await reset(account.id);
      const answers = await Promise.all([
        spendCode(username, issued.code, 'pertama-kali-menang-1'),
        spendCode(username, issued.code, 'kedua-kali-kalah-22'),
      ]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401]);
    });

    it('a field officer signs in on the tablet only after setting the new password', async () => {
      const res = await call('GET', '/api/admin/accounts', staff.admin);
      const field = Account.array()
        .parse(res.json().accounts)
        .find((a) => a.username === 'jemput.bola')!;
      const issued = await reset(field.id);
      // The tablet's token stopped with the reset.
      expectApiError(await call('GET', '/api/auth/me', staff.field), 401, 'unauthenticated');
      expectApiError(
        await call('POST', '/api/auth/token', {}, { username: 'jemput.bola', password: issued.code }),
        403,
        'password_change_required',
      );
      expect((await spendCode('jemput.bola', issued.code)).statusCode).toBe(200);
      expect(
        (await call('POST', '/api/auth/token', {}, { username: 'jemput.bola', password: NEW_PASSWORD })).statusCode,
      ).toBe(200);
    });

    it('only administrators reset passwords', async () => {
      const { account } = await officer();
      const url = `/api/admin/accounts/${account.id}/reset-code`;
      expectApiError(await call('POST', url), 401, 'unauthenticated');
      expectApiError(await call('POST', url, staff.officerA), 403, 'forbidden');
      expectApiError(await call('POST', url, staff.officerB), 403, 'forbidden');
      expectApiError(await call('POST', url, staff.kiosk), 403, 'forbidden');
      expectApiError(await call('POST', url, { cookie: staff.admin.cookie }), 403, 'csrf');
      expect(await db.query('select 1 from password_reset_codes where account_id = $1', [account.id])).toHaveLength(0);
      // The officer's password still works: nothing was reset.
      expect((await login(`petugas.reset${n}`, PASSWORD)).statusCode).toBe(200);

      expectApiError(await call('POST', '/api/admin/accounts/not-a-uuid/reset-code', staff.admin), 400);
      expectApiError(
        await call('POST', '/api/admin/accounts/00000000-0000-4000-8000-000000000000/reset-code', staff.admin),
        404,
        'not_found',
      );
      const disabled = await call('PATCH', `/api/admin/accounts/${account.id}`, staff.admin, { disabled: true });
      expect(disabled.statusCode, disabled.body).toBe(200);
      expectApiError(await call('POST', url, staff.admin), 409, 'account_disabled');
    });

    it('answers malformed reset requests with 400', async () => {
      expectApiError(await call('POST', '/api/auth/reset', {}, { username: 'x' }), 400, 'invalid_request');
      expectApiError(
        await call(
          'POST',
          '/api/auth/reset',
          {},
          { username: 'nobody', code: 'ABCD-EFGH-JKMN', newPassword: NEW_PASSWORD },
        ),
        401,
        'invalid_credentials',
      );
    });
  });
}

function normalise(s: string): string {
  return s.toUpperCase().replace(/[\s-]/g, '');
}
