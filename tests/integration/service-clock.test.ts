// The service clock on the server (issue 16): the seeded 2026 calendar, due times stored by it, the
// pause for a correction and the stop at ready through real moves, the dashboard's on-time share by
// the clock (and how a change of the calendar moves it), and the calendar's routes per role.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/data/uuidv7.ts';
import { HolidayChange, HolidayList } from '../../src/domain/time/holidays.ts';
import { computeClocks, refreshStaleClocks } from '../../src/server/applications/service-clock.ts';
import { insertApplication } from '../../src/server/applications/store.ts';
import { updateApplication } from '../../src/server/applications/updates.ts';
import { dashboard } from '../../src/server/office/dashboard.ts';
import { listQueue } from '../../src/server/office/queue.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { type Creds, caller, expectApiError, staffOfTwoOffices } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const OFFICE = 'kecamatan-talango';
const OTHER_OFFICE = 'kecamatan-giliginting';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** A WIB wall-clock time as an ISO instant. */
const wib = (local: string): string => new Date(`${local}+07:00`).toISOString();

/** A kartu-keluarga application (3 working days) of the office, stored as the submission route stores it. */
async function stored(db: Database, officeId = OFFICE): Promise<string> {
  const id = uuidv7();
  await insertApplication(db, {
    id,
    serviceId: 'kartu-keluarga',
    formVersion: 1,
    channel: 'online',
    applicant: { kind: 'self', name: 'Nur Hasanah' },
    answers: { fullName: 'Nur Hasanah' },
    attachments: {},
    secretHash: sha256(id),
    officeId,
  });
  return id;
}

const clockOf = async (db: Database, id: string) =>
  (
    await db.query<{
      due_at: string | null;
      paused: string | null;
      stopped: string | null;
      ready: string | null;
      pauses: [number, number][];
    }>(
      `select due_at, clock_paused_at as paused, clock_stopped_at as stopped, ready_at as ready, clock_pauses as pauses
         from applications where id = $1::uuid`,
      [id],
    )
  )[0]!;

for (const target of databaseTargets()) {
  describe(`service clock on ${target.kind}`, () => {
    let harness: SeededApp;
    let db: Database;
    let app: FastifyInstance;
    let call: ReturnType<typeof caller>;
    let staff: Awaited<ReturnType<typeof staffOfTwoOffices>>;

    beforeAll(async () => {
      harness = await seededApp(target);
      ({ db, app } = harness);
      call = caller(app);
      staff = await staffOfTwoOffices(app, db, {
        offices: [OFFICE, OTHER_OFFICE],
        adminPassword: 'admin-password-long',
        password: 'officer-password-long',
      });
    });

    afterAll(async () => {
      await harness?.close();
    });

    it('seeds the 2026 national holidays and cuti bersama of the SKB', async () => {
      const res = await call('GET', '/api/admin/holidays', staff.admin);
      expect(res.statusCode, res.body).toBe(200);
      const list = HolidayList.parse(res.json());
      expect(list.years).toEqual([2026]);
      expect(list.holidays.filter((h) => h.kind === 'national')).toHaveLength(17);
      expect(list.holidays.filter((h) => h.kind === 'cuti-bersama').map((h) => h.day)).toEqual([
        '2026-02-16',
        '2026-03-18',
        '2026-03-20',
        '2026-03-23',
        '2026-03-24',
        '2026-05-15',
        '2026-05-28',
        '2026-12-24',
      ]);
    });

    it('stores the due time by the holiday calendar', async () => {
      const id = await stored(db);
      await db.query('update applications set received_at = $2 where id = $1::uuid', [id, wib('2026-03-16T10:00')]);
      await computeClocks(db, [id]);
      // Tue 17 (1); 18–24 March are holidays and cuti bersama; Wed 25 (2), Thu 26 (3).
      expect((await clockOf(db, id)).due_at).toBe(wib('2026-03-27T00:00'));
    });

    it('measures an appointment from its visit only while the standard flags the service as one', async () => {
      const id = uuidv7();
      await insertApplication(db, {
        id,
        serviceId: 'pendaftaran-puskesmas',
        formVersion: 1,
        channel: 'online',
        applicant: { kind: 'self', name: 'Nur Hasanah' },
        answers: { visitDate: '2026-12-10' },
        attachments: {},
        secretHash: sha256(id),
        officeId: 'puskesmas-talango',
      });
      // Booked on Monday evening for Thursday; the Puskesmas opens at 07:30; the standard: 15 minutes.
      await db.query('update applications set received_at = $2 where id = $1::uuid', [id, wib('2026-12-07T20:00')]);
      await computeClocks(db, [id]);
      expect((await clockOf(db, id)).due_at).toBe(wib('2026-12-10T07:45'));
      // The same form without the flag: a field named visitDate does not make it an appointment, and the
      // booking is due 15 minutes after it arrived.
      await db.query(
        `update catalogue_docs set doc = doc - 'appointment' where collection = 'services' and id = 'pendaftaran-puskesmas'`,
      );
      await computeClocks(db, [id]);
      expect((await clockOf(db, id)).due_at).toBe(wib('2026-12-07T20:15'));
    });

    it('pauses for a correction, resumes, and stops at ready through the real moves', async () => {
      const id = await stored(db);
      const running = await stored(db);
      const yearLater = new Date(Date.now() + 365 * 86_400_000);
      const overdue = async () =>
        (await listQueue(db, [OFFICE], { overdue: true, limit: 200 }, yearLater)).rows.map((r) => r.id);

      expect(await updateApplication(db, id, { status: 'verifying' })).toBe(true);
      expect(await updateApplication(db, id, { status: 'needs-correction', message: 'Foto KK buram.' })).toBe(true);
      const waiting = await clockOf(db, id);
      expect(waiting.paused).not.toBeNull();
      // A year on, the application whose clock runs is overdue; the one waiting for its resident is not.
      expect(await overdue()).toContain(running);
      expect(await overdue()).not.toContain(id);

      expect(await updateApplication(db, id, { status: 'verifying' })).toBe(true);
      const resumed = await clockOf(db, id);
      expect(resumed.paused).toBeNull();
      expect(resumed.pauses).toEqual([[Date.parse(waiting.paused!), expect.any(Number)]]);
      expect(Date.parse(resumed.due_at!)).toBeGreaterThanOrEqual(Date.parse(waiting.due_at!));
      expect(await overdue()).toContain(id);

      expect(await updateApplication(db, id, { status: 'processing' })).toBe(true);
      expect(
        await updateApplication(db, id, {
          status: 'ready',
          pickup: { from: wib('2026-12-20T09:00'), place: 'Loket 1' },
        }),
      ).toBe(true);
      const ready = await clockOf(db, id);
      expect(ready.ready).not.toBeNull();
      expect(ready.stopped).toBe(ready.ready);
      // Ready stops the clock: never overdue after, though not handed over yet.
      expect(await overdue()).not.toContain(id);
      expect(await updateApplication(db, id, { status: 'completed' })).toBe(true);
      expect((await clockOf(db, id)).ready).toBe(ready.ready);
    });

    it('measures the dashboard’s on-time share by the clock, and moves it when the calendar changes', async () => {
      const office = OTHER_OFFICE;
      type Move = [at: string, from: string | null, to: string];
      /** An application received and moved at the given WIB times, as the history of moves records them. */
      const history = async (received: string, moves: Move[]) => {
        const id = await stored(db, office);
        const last = moves.at(-1)?.[2] ?? 'received';
        const completed = moves.find((m) => m[2] === 'completed')?.[0] ?? null;
        await db.query(
          `update applications set received_at = $2, status = $3, completed_at = $4, clock_rule = 0 where id = $1::uuid`,
          [id, wib(received), last, completed && wib(completed)],
        );
        for (const [at, from, to] of moves)
          await db.query(
            `insert into application_events (application_id, at, actor_role, from_status, to_status) values ($1::uuid, $2, 'officer', $3, $4)`,
            [id, wib(at), from, to],
          );
        return id;
      };
      // kartu-keluarga, 3 working days; March 2026 in WIB.
      // Received Monday 16 March, ready Thursday 26: on time, as 18–24 March are holidays and cuti bersama.
      await history('2026-03-16T10:00', [
        ['2026-03-16T11:00', 'received', 'verifying'],
        ['2026-03-17T09:00', 'verifying', 'processing'],
        ['2026-03-26T15:00', 'processing', 'ready'],
        ['2026-03-27T09:00', 'ready', 'completed'],
      ]);
      // Waited for the resident's correction from Tue 3 to Mon 9 (4 working days): due Wed 11, ready then.
      await history('2026-03-02T09:00', [
        ['2026-03-03T10:00', 'verifying', 'needs-correction'],
        ['2026-03-09T10:00', 'needs-correction', 'verifying'],
        ['2026-03-10T08:00', 'verifying', 'processing'],
        ['2026-03-11T15:00', 'processing', 'ready'],
      ]);
      // The same without a pause: due Thu 5, ready Mon 9: late.
      await history('2026-03-02T09:00', [
        ['2026-03-02T10:00', 'received', 'processing'],
        ['2026-03-09T10:00', 'processing', 'ready'],
      ]);
      // Ready Thu 5 and handed over Fri 13: on time, the clock stopped at ready.
      await history('2026-03-02T09:00', [
        ['2026-03-02T10:00', 'received', 'processing'],
        ['2026-03-05T15:00', 'processing', 'ready'],
        ['2026-03-13T09:00', 'ready', 'completed'],
      ]);
      // Waiting for the resident since Wed 4, before its due time: open, not overdue.
      await history('2026-03-02T09:00', [['2026-03-04T10:00', 'verifying', 'needs-correction']]);
      // Received Mon 23 February, still processing: open and overdue.
      await history('2026-02-23T09:00', [['2026-02-23T10:00', 'received', 'processing']]);
      expect(await refreshStaleClocks(db)).toBe(6);

      const period = { from: wib('2026-03-01T00:00'), to: wib('2026-04-01T00:00') };
      const share = async () => {
        const rows = await dashboard(db, [office], period, new Date(period.to));
        expect(rows).toHaveLength(1);
        return rows[0]!;
      };
      // By the old rule (at handover, Monday to Friday, no pause) all six were late or overdue.
      expect(await share()).toMatchObject({
        received: 5,
        completed: 2,
        ready: 4,
        readyLate: 1,
        openAtEnd: 2,
        openOverdue: 1,
        overdueShare: 2 / 6,
      });

      // The administrator removes the cuti bersama of 18 March: the first one is now due Wed 25, and late.
      const removed = await call('DELETE', '/api/admin/holidays/2026-03-18', staff.admin);
      expect(removed.statusCode, removed.body).toBe(200);
      expect(HolidayChange.parse(removed.json()).recomputed).toBeGreaterThanOrEqual(1);
      expect(await share()).toMatchObject({ ready: 4, readyLate: 2, overdueShare: 3 / 6 });

      // …and enters it again.
      const set = await call('PUT', '/api/admin/holidays/2026-03-18', staff.admin, {
        kind: 'cuti-bersama',
        name: 'Cuti bersama Hari Suci Nyepi',
      });
      expect(set.statusCode, set.body).toBe(200);
      expect(HolidayChange.parse(set.json()).holiday).toEqual({
        day: '2026-03-18',
        kind: 'cuti-bersama',
        name: 'Cuti bersama Hari Suci Nyepi',
      });
      expect(await share()).toMatchObject({ readyLate: 1, overdueShare: 2 / 6 });
      const [entry] = await db.query<{ action: string; target_id: string }>(
        `select action, target_id from audit_log where action like 'holiday.%' order by id desc limit 1`,
      );
      expect(entry).toEqual({ action: 'holiday.set', target_id: '2026-03-18' });
    });

    it('lets administrators alone read and change the calendar, and refuses bad days', async () => {
      const body = { kind: 'regional', name: 'Hari Jadi Kabupaten Sumenep' };
      const routes: Array<['GET' | 'PUT' | 'DELETE', string, unknown?]> = [
        ['GET', '/api/admin/holidays'],
        ['PUT', '/api/admin/holidays/2027-10-31', body],
        ['DELETE', '/api/admin/holidays/2027-10-31'],
      ];
      const others: Array<[string, Creds]> = [
        ['officer', staff.officerA],
        ['field officer', staff.field],
        ['kiosk', staff.kiosk],
      ];
      for (const [method, url, payload] of routes) {
        expectApiError(await call(method, url, {}, payload), 401, 'unauthenticated');
        for (const [, creds] of others) expectApiError(await call(method, url, creds, payload), 403, 'forbidden');
      }
      // A cookie without its CSRF token changes nothing.
      expectApiError(
        await call('PUT', '/api/admin/holidays/2027-10-31', { cookie: staff.admin.cookie! }, body),
        403,
        'csrf',
      );

      expectApiError(await call('PUT', '/api/admin/holidays/2027-02-30', staff.admin, body), 400, 'invalid_request');
      expectApiError(
        await call('PUT', '/api/admin/holidays/2027-10-31', staff.admin, { kind: 'festival', name: 'x' }),
        400,
        'invalid_request',
      );
      expectApiError(
        await call('PUT', '/api/admin/holidays/2027-10-31', staff.admin, { kind: 'regional', name: '' }),
        400,
        'invalid_request',
      );
      expectApiError(await call('DELETE', '/api/admin/holidays/2027-01-04', staff.admin), 404, 'not_found');

      const set = await call('PUT', '/api/admin/holidays/2027-10-31', staff.admin, body);
      expect(set.statusCode, set.body).toBe(200);
      const list = HolidayList.parse((await call('GET', '/api/admin/holidays', staff.admin)).json());
      expect(list.years).toEqual([2026, 2027]);
      expect((await call('DELETE', '/api/admin/holidays/2027-10-31', staff.admin)).statusCode).toBe(200);
    });
  });
}
