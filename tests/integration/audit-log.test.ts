// The audit log's server-side filters (issue 16, point 5) on each real database: who acted, an action
// or its family, WIB days (both included), an office, paging that keeps the filters; the actor's
// username, never a resident's data; administrators only; malformed filters answered with 400.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPage, SessionInfo } from '../../src/domain/accounts/account.ts';
import { wibClock } from '../../src/domain/time/wib.ts';
import type { Database } from '../../src/server/storage/db.ts';
import {
  type Creds,
  caller,
  enrolKiosk,
  expectApiError,
  staffOfTwoOffices,
  type TwoOfficeStaff,
} from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const OFFICES = ['kecamatan-talango', 'kecamatan-giliginting'] as const;

for (const target of databaseTargets()) {
  describe(`audit log filters on ${target.kind}`, () => {
    let harness: SeededApp | undefined;
    let app: FastifyInstance;
    let db: Database;
    let call: ReturnType<typeof caller>;
    let staff: TwoOfficeStaff;
    let officerAId: string;
    let oldEntryId: number;

    const page = async (query: string, as: Creds = staff.admin) => {
      const res = await call('GET', `/api/admin/audit${query}`, as);
      expect(res.statusCode, res.body).toBe(200);
      return AuditPage.parse(res.json());
    };

    beforeAll(async () => {
      harness = await seededApp(target);
      ({ app, db } = harness);
      call = caller(app);
      staff = await staffOfTwoOffices(app, db, {
        offices: OFFICES,
        adminPassword: 'garam-kalianget-1987',
        password: 'perahu-talango-2024',
      });
      await enrolKiosk(app, staff.admin, OFFICES[1], 'Kios Giliginting');
      officerAId = SessionInfo.parse((await call('GET', '/api/auth/me', staff.officerA)).json()).principal.accountId;
      // One entry of a day long ago, for the date range.
      const [old] = await db.query<{ id: string }>(
        `insert into audit_log (at, action, target_kind, target_id) values ('2026-01-01T23:30:00+07:00', 'maintenance.test', 'instance', 'x')
         returning id::text`,
      );
      oldEntryId = Number(old!.id);
    });
    afterAll(() => harness?.close());

    it('filters by who acted, with their username', async () => {
      const { entries } = await page(`?actor=${officerAId}`);
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((e) => e.accountId === officerAId && e.actorUsername === 'petugas.raas')).toBe(true);
      expect(entries.map((e) => e.action)).toContain('auth.login');
    });

    it('filters by an action or its family', async () => {
      const exact = await page('?action=auth.login&limit=200');
      expect(exact.entries.length).toBeGreaterThanOrEqual(3);
      expect(exact.entries.every((e) => e.action === 'auth.login')).toBe(true);
      const family = await page('?action=account&limit=200');
      expect(new Set(family.entries.map((e) => e.action))).toEqual(new Set(['account.create']));
      // A family matches whole parts only: "auth.log" is no prefix of auth.login.
      expect((await page('?action=auth.log')).entries).toEqual([]);
    });

    it('filters by office', async () => {
      const { entries } = await page(`?office=${OFFICES[1]}`);
      expect(entries.map((e) => e.action)).toEqual(['device.enrol']);
      expect(entries[0]!.officeId).toBe(OFFICES[1]);
      expect((await page('?office=desa-tidak-ada')).entries).toEqual([]);
    });

    it('filters by WIB days, both ends included', async () => {
      const today = wibClock(new Date()).date;
      const all = await page('?limit=200');
      const todays = await page(`?from=${today}&to=${today}&limit=200`);
      expect(todays.entries.map((e) => e.id)).toEqual(all.entries.map((e) => e.id).filter((id) => id !== oldEntryId));
      // 23:30 WIB on 1 January is still 1 January (16:30 UTC), not the 2nd.
      expect((await page('?from=2026-01-01&to=2026-01-01')).entries.map((e) => e.id)).toEqual([oldEntryId]);
      expect((await page('?from=2026-01-02&to=2026-01-31')).entries).toEqual([]);
      expect((await page('?to=2026-06-30')).entries.map((e) => e.id)).toEqual([oldEntryId]);
    });

    it('pages with the filters kept', async () => {
      const all = (await page('?action=auth&limit=200')).entries.map((e) => e.id);
      expect(all.length).toBeGreaterThanOrEqual(3);
      const seen: number[] = [];
      let next: number | null = null;
      do {
        const p = await page(`?action=auth&limit=2${next ? `&before=${next}` : ''}`);
        expect(p.entries.length).toBeLessThanOrEqual(2);
        seen.push(...p.entries.map((e) => e.id));
        next = p.next;
      } while (next !== null);
      expect(seen).toEqual(all);
    });

    it('is for administrators only, and answers malformed filters with 400', async () => {
      expectApiError(await call('GET', '/api/admin/audit'), 401, 'unauthenticated');
      for (const who of [staff.officerA, staff.officerB, staff.field, staff.kiosk])
        expectApiError(await call('GET', '/api/admin/audit?action=auth', who), 403, 'forbidden');
      for (const bad of [
        '?actor=someone',
        '?action=DROP%20TABLE',
        '?action=auth.',
        '?from=2026-13-01',
        '?from=2026-02-01&to=2026-01-01',
        '?limit=0',
        `?office=${'x'.repeat(81)}`,
      ])
        expectApiError(await call('GET', `/api/admin/audit${bad}`, staff.admin), 400, 'invalid_request');
    });
  });
}
