// Office reads that keep up at 20,000 applications without stalling devices (issue 13, point 3), on
// each real database: the due time is stored when an application is received (and backfilled), and
// the queue's overdue filter and the dashboard read it instead of computing it per row; NIK search
// looks up keyed digests (HMAC-SHA-256 under a key of the database's own, never the plain NIK),
// filled at insert, at a resident's correction and by the backfill; and the office's long reads take
// the slow lane, so a device pull is answered while a report is being computed.
import { createHash, createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/data/uuidv7.ts';
import type { OfficeScope } from '../../src/domain/accounts/account.ts';
import { addWorkingMs, workingMsBetween } from '../../src/domain/time/service-clock.ts';
import { acceptCorrection } from '../../src/server/applications/corrections.ts';
import { computeClocks, holidayCalendar } from '../../src/server/applications/service-clock.ts';
import { insertApplication } from '../../src/server/applications/store.ts';
import { pullApplicationUpdates, updateApplication } from '../../src/server/applications/updates.ts';
import { seedCatalogue } from '../../src/server/catalogue/seed.ts';
import { dashboard } from '../../src/server/office/dashboard.ts';
import { getApplication, listQueue, searchByNik } from '../../src/server/office/queue.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { migrate } from '../../src/server/storage/migrate.ts';
import { SLOW_LANE_CONNECTIONS } from '../../src/server/storage/postgres.ts';
import { caller, firstAdministrator } from '../support/accounts.ts';
import { databaseBefore, databaseTargets } from '../support/databases.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const ALL: OfficeScope = 'all';
const OFFICE = 'kecamatan-raas';
const MOTHER_NIK = '3529015203880002';
const FATHER_NIK = '3529011204850001';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** Monday 23 November 2026, 10:00 WIB; ktp-el-baru (7 working days) is due Wednesday 2 December, 24:00 WIB. */
const MONDAY = '2026-11-23T03:00:00.000Z';
const KTP_DUE = '2026-12-02T17:00:00.000Z';
const DEVICE_KEY = 'a'.repeat(64);
/** An advisory lock id no product code takes (src/server/storage/locks.ts lists those). */
const LOCK = 4_242_013;

/** The row as applications/store.ts writes it, without the form's checks (the office reads do not care). */
async function stored(
  db: Database,
  over: { serviceId?: string; answers?: Record<string, unknown>; deviceKey?: string } = {},
): Promise<{ id: string; secretHash: string }> {
  const id = uuidv7();
  await insertApplication(db, {
    id,
    serviceId: over.serviceId ?? 'ktp-el-baru',
    formVersion: 1,
    channel: 'online',
    applicant: { kind: 'self', name: 'Nur Hasanah' },
    answers: over.answers ?? { nik: '3529010101800001', fullName: 'Nur Hasanah' },
    attachments: {},
    secretHash: sha256(id),
    officeId: OFFICE,
    ...(over.deviceKey ? { deviceKeyHash: sha256(over.deviceKey) } : {}),
  });
  return { id, secretHash: sha256(id) };
}

const dueOf = async (db: Database, id: string) =>
  (await db.query<{ due_at: string | null }>('select due_at from applications where id = $1::uuid', [id]))[0]!.due_at;

/** The HMAC-SHA-256 of a NIK under the database's digest key, computed here with node:crypto. */
async function expectedDigest(db: Database, nik: string): Promise<string> {
  const [row] = await db.query<{ key: Uint8Array | Buffer }>('select key from nik_digest_key');
  return createHmac('sha256', Buffer.from(row!.key)).update(nik).digest('hex');
}

const digestsOf = (db: Database, id: string) =>
  db.query<{ field: string; position: number; digest: string; row: string }>(
    `select field, position, encode(digest, 'hex') as digest, d::text as row
       from application_nik_digests d where application_id = $1::uuid order by position`,
    [id],
  );

const found = async (db: Database, nik: string) => (await searchByNik(db, ALL, nik)).rows.map((r) => r.id);

for (const target of databaseTargets()) {
  describe(`office reads on ${target.kind}`, () => {
    let harness: SeededApp;
    let db: Database;
    let app: FastifyInstance;

    beforeAll(async () => {
      harness = await seededApp(target);
      ({ db, app } = harness);
    });

    afterAll(async () => {
      await harness?.close();
    });

    // -------------------------------------------------------------------------------------------
    // The due time

    it('stores the due time when an application is received, and again if its receipt is set', async () => {
      const { id } = await stored(db);
      const [row] = await db.query<{ received_at: string }>(
        'select received_at from applications where id = $1::uuid',
        [id],
      );
      // 7 working days after a receipt now: at least 9 days later, at a WIB midnight (17:00 UTC).
      const due = await dueOf(db, id);
      expect(Date.parse(due!) - Date.parse(row!.received_at)).toBeGreaterThanOrEqual(9 * 24 * 3600 * 1000);
      expect(due).toMatch(/T17:00:00\.000Z$/);
      // The server computes it (src/server/applications/service-clock.ts), from the receipt it stored.
      await db.query('update applications set received_at = $2 where id = $1::uuid', [id, MONDAY]);
      await computeClocks(db, [id]);
      expect(await dueOf(db, id)).toBe(KTP_DUE);
      const [index] = await db.query<{ indexdef: string }>(
        `select indexdef from pg_indexes where tablename = 'applications' and indexname = 'applications_open'`,
      );
      expect(index!.indexdef).toMatch(/\(received_at, id, due_at\) WHERE \(status <> ALL/);
    });

    it('filters overdue applications and counts them on the dashboard by the stored due time alone', async () => {
      const now = new Date();
      // A service no other test here uses, so the dashboard's counts are this test's alone.
      const late = await stored(db, { serviceId: 'pindah-datang' });
      const fresh = await stored(db, { serviceId: 'pindah-datang' });
      // Received a moment ago, so not due for days by its standard: only the stored time can make it late.
      await db.query(`update applications set due_at = $2 where id = $1::uuid`, [
        late.id,
        new Date(now.getTime() - 3600_000).toISOString(),
      ]);
      const scope: OfficeScope = [OFFICE];
      const ids = async (q: Parameters<typeof listQueue>[0]) =>
        (await listQueue(q, scope, { overdue: true, limit: 200 }, now)).rows.map((r) => r.id);
      expect(await ids(db)).toContain(late.id);
      expect(await ids(db)).not.toContain(fresh.id);

      // With the due-time function made to fail, the reads still answer: none of them computes it.
      const period = {
        from: new Date(now.getTime() - 86_400_000).toISOString(),
        to: new Date(now.getTime() + 60_000).toISOString(),
      };
      const rollback = new Error('rolled back on purpose');
      await expect(
        db.transaction(async (tx) => {
          await tx.exec(`create or replace function application_due_at(received timestamptz, amount int, unit text)
            returns timestamptz language plpgsql stable strict as $$ begin raise exception 'due time computed at read time'; end $$`);
          expect(await ids(tx)).toContain(late.id);
          expect((await listQueue(tx, scope, { overdue: false, limit: 200 }, now)).rows.map((r) => r.id)).toContain(
            fresh.id,
          );
          expect((await getApplication(tx, scope, late.id, now))!.overdue).toBe(true);
          const rows = await dashboard(tx, scope, period, now);
          expect(rows.find((r) => r.serviceId === 'pindah-datang')).toMatchObject({ openAtEnd: 2, openOverdue: 1 });
          throw rollback;
        }),
      ).rejects.toBe(rollback);
    });

    it('keeps the due time promised at receipt through status changes and a new standard; a correction pauses it', async () => {
      const service = 'akta-kelahiran';
      const [before] = await db.query<{ doc: Record<string, unknown> }>(
        `select doc from catalogue_docs where collection = 'services' and id = $1`,
        [service],
      );
      const { id, secretHash } = await stored(db, {
        serviceId: service,
        answers: { childName: 'Rizki', motherNik: '3529015203880020' },
      });
      const promised = await dueOf(db, id);
      expect(promised).not.toBeNull();
      const scope: OfficeScope = [OFFICE];
      const overdueIds = async (at: Date) =>
        (await listQueue(db, scope, { overdue: true, limit: 200 }, at)).rows.map((r) => r.id);
      const dayAfterDue = new Date(Date.parse(promised!) + 86_400_000);
      try {
        // The standard changes after receipt: applications in hand keep their promise, new ones get the new one.
        await db.query(
          `update catalogue_docs set doc = jsonb_set(doc, '{completionTime}', '{"value": 400, "unit": "working-days"}')
            where collection = 'services' and id = $1`,
          [service],
        );
        for (const status of ['verifying', 'needs-correction'] as const) {
          expect(await updateApplication(db, id, { status, message: 'NIK ibu salah.' })).toBe(true);
          expect(await dueOf(db, id)).toBe(promised);
        }
        expect(
          await acceptCorrection(db, id, {
            formVersion: 1,
            answers: { childName: 'Rizki', motherNik: '3529015203880021' },
            attachments: {},
            secretHash,
          }),
        ).toMatchObject({ ok: true });
        // The clock stood still while the office waited for the correction: the due time moved on by the
        // working time of that pause, by the standard the application was received under (not the new one).
        const [clock] = await db.query<{ pauses: [number, number][] }>(
          'select clock_pauses as pauses from applications where id = $1::uuid',
          [id],
        );
        expect(clock!.pauses).toHaveLength(1);
        const [[from, to]] = clock!.pauses as [[number, number]];
        const calendar = await holidayCalendar(db);
        const moved = new Date(
          addWorkingMs(
            Date.parse(promised!),
            workingMsBetween(from, to, 'working-days', calendar),
            'working-days',
            calendar,
          ),
        ).toISOString();
        expect(await dueOf(db, id)).toBe(moved);
        expect(await updateApplication(db, id, { status: 'processing' })).toBe(true);
        expect(await dueOf(db, id)).toBe(moved);
        expect(await overdueIds(dayAfterDue)).toContain(id);

        const later = await stored(db, { serviceId: service });
        expect(Date.parse((await dueOf(db, later.id))!)).toBeGreaterThan(Date.parse(promised!) + 300 * 86_400_000);

        // Completed: it leaves the overdue filter though its due time has passed.
        expect(await updateApplication(db, id, { status: 'completed' })).toBe(true);
        expect(await dueOf(db, id)).toBe(moved);
        expect(await overdueIds(dayAfterDue)).not.toContain(id);
      } finally {
        await db.query(`update catalogue_docs set doc = $2::jsonb where collection = 'services' and id = $1`, [
          service,
          JSON.stringify(before!.doc),
        ]);
      }
    });

    it('computes the same dashboard whatever the number of applications per statement', async () => {
      const now = new Date();
      for (const [service, received, completed] of [
        ['kartu-keluarga', 20, 18],
        ['kartu-keluarga', 15, 1],
        ['kartu-keluarga', 10, null],
        ['akta-kelahiran', 9, 8],
        ['akta-kelahiran', 40, 2],
        ['ktp-el-baru', 3, null],
        ['ktp-el-baru', 2, 1],
      ] as const) {
        const { id } = await stored(db, { serviceId: service });
        await db.query(
          `update applications set received_at = now() - make_interval(days => $2), status = $3,
             completed_at = case when $4::int is null then null else now() - make_interval(days => $4::int) end
           where id = $1::uuid`,
          [id, received, completed === null ? 'processing' : 'completed', completed],
        );
      }
      const period = { from: new Date(now.getTime() - 30 * 86_400_000).toISOString(), to: now.toISOString() };
      const whole = await dashboard(db, ALL, period, now, 100_000);
      expect(whole.length).toBeGreaterThan(0);
      expect(whole.find((r) => r.serviceId === 'kartu-keluarga')).toMatchObject({
        completed: 2,
        medianCompletionSeconds: expect.any(Number),
      });
      for (const chunk of [1, 2, 3, 7]) expect(await dashboard(db, ALL, period, now, chunk)).toEqual(whole);
    });

    // -------------------------------------------------------------------------------------------
    // NIK digests

    it('keeps a keyed digest of each NIK of an application, never the NIK, and finds it through them', async () => {
      const { id } = await stored(db, {
        serviceId: 'akta-kelahiran',
        answers: { childName: 'Rizki', motherNik: '3529 0152 0388 0002', fatherNik: FATHER_NIK, kkNumber: MOTHER_NIK },
      });
      const digests = await digestsOf(db, id);
      expect(digests.map((d) => d.field)).toEqual(['motherNik', 'fatherNik']); // form order; kkNumber is no NIK
      expect(digests[0]!.digest).toBe(await expectedDigest(db, MOTHER_NIK));
      expect(digests[1]!.digest).toBe(await expectedDigest(db, FATHER_NIK));
      expect(digests[0]!.digest).not.toBe(sha256(MOTHER_NIK)); // keyed: not a plain hash anyone can recompute
      const everything = (await db.query<{ t: string }>('select d::text as t from application_nik_digests d')).map(
        (r) => r.t,
      );
      for (const row of everything) {
        expect(row).not.toContain(MOTHER_NIK);
        expect(row).not.toContain(FATHER_NIK);
        expect(row).not.toContain('3529 0152');
      }
      const [key] = await db.query<{ n: number; length: number }>(
        'select count(*)::int as n, max(length(key)) as length from nik_digest_key',
      );
      expect(key).toEqual({ n: 1, length: 32 });

      expect(await found(db, MOTHER_NIK)).toEqual([id]);
      expect(await found(db, '3529.0112.0485.0001')).toEqual([id]);
      expect((await searchByNik(db, ALL, FATHER_NIK)).rows[0]!.nikMasked).toBe('3529••••••••0002'); // the form's first NIK
      // The answers alone do not make a match: without its digests the application is not found.
      await db.query('delete from application_nik_digests where application_id = $1::uuid', [id]);
      expect(await found(db, MOTHER_NIK)).toEqual([]);
    });

    it("replaces the digests when a resident's correction changes the NIK", async () => {
      const wrong = '3529015203880010';
      const { id, secretHash } = await stored(db, {
        serviceId: 'akta-kelahiran',
        answers: { childName: 'Rizki', motherNik: wrong },
      });
      expect(await found(db, wrong)).toEqual([id]);
      await updateApplication(db, id, { status: 'needs-correction', message: 'NIK ibu salah.' });
      const corrected = await acceptCorrection(db, id, {
        formVersion: 1,
        answers: { childName: 'Rizki', motherNik: '3529015203880011' },
        attachments: {},
        secretHash,
      });
      expect(corrected).toMatchObject({ ok: true });
      expect(await found(db, wrong)).toEqual([]);
      expect(await found(db, '3529015203880011')).toEqual([id]);
      expect((await digestsOf(db, id)).map((d) => d.digest)).toEqual([await expectedDigest(db, '3529015203880011')]);
    });

    it('backfills the due time and the NIK digests of applications stored before, the digests under a key of its own', async () => {
      const before = await databaseBefore(target, '0016');
      try {
        await seedCatalogue(before.db, '35.29');
        const id = uuidv7();
        await before.db.query(
          `insert into applications (id, tracking_number, service_id, form_version, channel, applicant, answers, attachments, secret_hash, seq, office_id, received_at)
           values ($1::uuid, 'ABCD-EFGH', 'ktp-el-baru', 1, 'online', '{}', $2::jsonb, '{}', 'x', nextval('applications_seq'), $3, $4)`,
          [id, JSON.stringify({ nik: MOTHER_NIK, kkNumber: FATHER_NIK }), OFFICE, MONDAY],
        );
        const deceased = uuidv7();
        await before.db.query(
          `insert into applications (id, tracking_number, service_id, form_version, channel, applicant, answers, attachments, secret_hash, seq, office_id)
           values ($1::uuid, 'ABCD-EFGK', 'akta-kematian', 1, 'online', '{}', $2::jsonb, '{}', 'x', nextval('applications_seq'), $3)`,
          [deceased, JSON.stringify({ deceasedNik: FATHER_NIK, nik: MOTHER_NIK }), OFFICE],
        );
        await migrate(before.db);

        expect(await dueOf(before.db, id)).toBe(KTP_DUE);
        expect((await digestsOf(before.db, id)).map((d) => [d.field, d.digest])).toEqual([
          ['nik', await expectedDigest(before.db, MOTHER_NIK)],
        ]);
        expect((await digestsOf(before.db, deceased)).map((d) => [d.field, d.digest])).toEqual([
          ['deceasedNik', await expectedDigest(before.db, FATHER_NIK)],
          ['nik', await expectedDigest(before.db, MOTHER_NIK)],
        ]);
        expect((await found(before.db, MOTHER_NIK)).sort()).toEqual([id, deceased].sort());
        expect(await found(before.db, FATHER_NIK)).toEqual([deceased]); // a KK number is no NIK field
        // Each database draws its own key: the same NIK has other digests elsewhere.
        expect(await expectedDigest(before.db, MOTHER_NIK)).not.toBe(await expectedDigest(db, MOTHER_NIK));
      } finally {
        await before.drop();
      }
    });

    // -------------------------------------------------------------------------------------------
    // The slow lane

    it('answers device pulls while a long office report is being computed', async () => {
      const device = 'b'.repeat(64);
      for (let i = 0; i < 3; i++) await stored(db, { deviceKey: device });
      // 200 more applications, one statement each for a dashboard read one application at a time.
      await db.query(
        `insert into applications (id, tracking_number, service_id, form_version, channel, applicant, answers, attachments, secret_hash, seq, office_id)
         select gen_random_uuid(), 'Z' || lpad(to_hex(i), 3, '0') || '-' || 'ZZZZ', 'kia', 1, 'online', '{}', '{}', '{}', 'x', nextval('applications_seq'), $1
           from generate_series(1, 200) i`,
        [OFFICE],
      );
      const now = new Date();
      let reportDone = false;
      const report = dashboard(
        db.slowLane,
        ALL,
        { from: new Date(now.getTime() - 86_400_000).toISOString(), to: now.toISOString() },
        now,
        1,
      ).then((rows) => {
        reportDone = true;
        return rows;
      });
      for (let i = 0; i < 5; i++) {
        expect((await pullApplicationUpdates(db, sha256(device), 0, 10)).documents).toHaveLength(3);
        expect(reportDone).toBe(false);
      }
      expect((await report).length).toBeGreaterThan(0);
    });

    /**
     * Fills the slow lane until release(): on PostgreSQL every slow-lane connection waits for an
     * advisory lock another connection holds; on PGlite two long statements are queued in it.
     */
    async function occupySlowLane(): Promise<{ release(): Promise<void> }> {
      if (target.kind === 'pglite') {
        const sleepers = Promise.all([1, 2].map(() => db.slowLane.query('select pg_sleep(0.3)')));
        return { release: async () => void (await sleepers) };
      }
      const holder = new pg.Client({ connectionString: harness.url });
      await holder.connect();
      await holder.query('select pg_advisory_lock($1)', [LOCK]);
      const waiting = Promise.all(
        Array.from({ length: SLOW_LANE_CONNECTIONS }, () =>
          db.slowLane.query('select pg_advisory_xact_lock_shared($1)', [LOCK]),
        ),
      );
      for (;;) {
        const [row] = await db.query<{ n: number }>(
          `select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = $1 and not granted`,
          [LOCK],
        );
        if (row!.n === SLOW_LANE_CONNECTIONS) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return {
        async release() {
          await holder.query('select pg_advisory_unlock($1)', [LOCK]);
          await waiting;
          await holder.end();
        },
      };
    }

    it('routes the dashboard, queue and NIK search through the slow lane, and device pulls past it', async () => {
      await stored(db, { deviceKey: DEVICE_KEY });
      const admin = await firstAdministrator(app, db, 'garam-kalianget-1987');
      const call = caller(app);
      const now = new Date();
      const period = `from=${encodeURIComponent(new Date(now.getTime() - 86_400_000).toISOString())}&to=${encodeURIComponent(now.toISOString())}`;
      const answered = new Set<string>();
      const office = Object.entries({
        dashboard: () => call('GET', `/api/office/dashboard?${period}`, admin),
        queue: () => call('GET', '/api/office/applications?overdue=true', admin),
        search: () => call('POST', '/api/office/applications/search-nik', admin, { nik: MOTHER_NIK }),
      });

      const slowLane = await occupySlowLane();
      const reads = office.map(async ([name, read]) => {
        const res = await read();
        answered.add(name);
        return res;
      });
      const pull = await call('GET', '/api/sync/applications/pull?seq=0&limit=10', { bearer: DEVICE_KEY });
      expect(pull.statusCode, pull.body).toBe(200);
      expect(pull.json<{ documents: unknown[] }>().documents).toHaveLength(1);
      // The device has its answer; the office reads still wait for the slow lane.
      expect([...answered]).toEqual([]);
      await slowLane.release();
      for (const res of await Promise.all(reads)) expect(res.statusCode, res.body).toBe(200);
    });

    if (target.kind === 'postgres') {
      it(`never lets office reads hold more than ${SLOW_LANE_CONNECTIONS} of the connections`, async () => {
        const sleepers = Array.from({ length: 6 }, () => db.slowLane.query("select pg_sleep(0.4), 'slow-lane-probe'"));
        let most = 0;
        let fastWhileBusy = 0;
        const settled = Promise.all(sleepers);
        let finished = false;
        void settled.then(() => (finished = true));
        while (!finished) {
          const [row] = await db.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity
              where datname = current_database() and state = 'active' and query like '%slow-lane-probe%' and pid <> pg_backend_pid()`,
          );
          most = Math.max(most, row!.n);
          if (row!.n > 0) fastWhileBusy++;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(most).toBe(SLOW_LANE_CONNECTIONS);
        expect(fastWhileBusy).toBeGreaterThan(0);
      });
    }
  });
}
