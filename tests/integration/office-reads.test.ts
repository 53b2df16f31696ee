// Office reads that keep up at 20,000 applications (issue 13, point 3), on each real database: the
// due time is stored when an application is received (and backfilled), and the queue's overdue
// filter and the dashboard read it instead of computing it per row.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/data/uuidv7.ts';
import { insertApplication } from '../../src/server/applications/store.ts';
import { seedCatalogue } from '../../src/server/catalogue/seed.ts';
import { dashboard } from '../../src/server/office/dashboard.ts';
import { getApplication, listQueue, type OfficeScope } from '../../src/server/office/queue.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { migrate } from '../../src/server/storage/migrate.ts';
import { databaseBefore, databaseTargets } from '../support/databases.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const OFFICE = 'kecamatan-raas';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** Monday 23 November 2026, 10:00 WIB; ktp-el-baru (7 working days) is due Wednesday 2 December, 24:00 WIB. */
const MONDAY = '2026-11-23T03:00:00.000Z';
const KTP_DUE = '2026-12-02T17:00:00.000Z';

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

for (const target of databaseTargets()) {
  describe(`office reads on ${target.kind}`, () => {
    let harness: SeededApp;
    let db: Database;

    beforeAll(async () => {
      harness = await seededApp(target);
      ({ db } = harness);
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
      await db.query('update applications set received_at = $2 where id = $1::uuid', [id, MONDAY]);
      expect(await dueOf(db, id)).toBe(KTP_DUE);
      const [index] = await db.query<{ indexdef: string }>(
        `select indexdef from pg_indexes where tablename = 'applications' and indexname = 'applications_open'`,
      );
      expect(index!.indexdef).toMatch(/\(received_at, id, due_at\) WHERE \(status <> ALL/);
    });

    it('backfills the due time of applications received before the migration', async () => {
      const before = await databaseBefore(target, '0016');
      try {
        await seedCatalogue(before.db, '35.29');
        const id = uuidv7();
        await before.db.query(
          `insert into applications (id, tracking_number, service_id, form_version, channel, applicant, answers, attachments, secret_hash, seq, received_at)
           values ($1::uuid, 'ABCD-EFGH', 'ktp-el-baru', 1, 'online', '{}', '{}', '{}', 'x', nextval('applications_seq'), $2)`,
          [id, MONDAY],
        );
        await migrate(before.db);
        expect(await dueOf(before.db, id)).toBe(KTP_DUE);
      } finally {
        await before.drop();
      }
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
      const scope: OfficeScope = { officeIds: [OFFICE] };
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
  });
}
