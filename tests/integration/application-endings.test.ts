// Issue 16 point 1 on each real database: a correction the resident brings to the counter, recorded by
// an officer (checked as a device's record, audited as the officer's, back to verifying); withdrawal
// by the resident with the application's secret and by an officer at their request; abandonment
// after the office's correction period, only once the resident was told; and who may do
// which: anonymous callers, kiosks, field officers, officers of another office and CSRF-less cookies
// are refused with JSON errors, and refused requests change nothing.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/data/uuidv7.ts';
import {
  ApplicationDetailSchema,
  DashboardResponse,
  MoveConflict,
  MoveResponse,
  WalkInReceipt,
  WalkInRejection,
} from '../../src/domain/backoffice/api.ts';
import { CorrectionPeriodSchema } from '../../src/domain/backoffice/correction-period.ts';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import { WithdrawalConflict, WithdrawalResponse } from '../../src/domain/submissions/withdrawal.ts';
import { sweepAbandoned } from '../../src/server/applications/abandon.ts';
import { submitBatch } from '../../src/server/applications/store.ts';
import { pullApplicationUpdates } from '../../src/server/applications/updates.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { appendChunk, declareUpload } from '../../src/server/uploads/store.ts';
import { type Creds, caller, expectApiError, type Method, staffOfTwoOffices } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { identityOf, ktpApplication } from '../support/records.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const OFFICE_A = 'kecamatan-raas';
const OFFICE_B = 'kecamatan-sapeken';
const PASSWORD = 'perahu-talango-2024';
const hash = (s: string) => createHash('sha256').update(s).digest('hex');

function photo(name: string): { bytes: Buffer; ref: AttachmentRef } {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300)]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, ref: { sha256, type: 'image/jpeg', size: bytes.length, name } };
}

const ktpAnswers = (nik: string, name: string) => ({
  nik,
  fullName: name,
  ...identityOf(nik),
  maritalStatus: 'kawin',
  kkNumber: '3529010203260001',
  address: {
    provinceCode: '35',
    regencyCode: '35.29',
    districtCode: '35.29.22',
    villageCode: '35.29.22.2001',
    street: 'Jl. Pelabuhan 1',
  },
  recordingPlace: 'kecamatan',
  phone: '0812 3456 7890',
});

for (const target of databaseTargets()) {
  describe(`application endings on ${target.kind}`, () => {
    let harness: SeededApp | undefined;
    let app: FastifyInstance;
    let db: Database;
    let call: ReturnType<typeof caller>;
    let admin: Creds;
    let officerA: Creds;
    let officerB: Creds;
    let field: Creds;
    let kiosk: Creds;
    const blurry = photo('kk-buram.jpg');
    const sharp = photo('kk-jelas.jpg');

    const walkIn = async (nik: string, name: string): Promise<WalkInReceipt> => {
      const res = await call('POST', '/api/office/walk-ins', officerA, {
        officeId: OFFICE_A,
        serviceId: 'ktp-el-baru',
        formVersion: 1,
        applicant: { kind: 'resident', name },
        answers: ktpAnswers(nik, name),
        attachments: { kkDoc: [blurry.ref] },
        consent: true,
      });
      expect(res.statusCode, res.body).toBe(201);
      return WalkInReceipt.parse(res.json());
    };
    const move = async (id: string, body: Record<string, unknown>, creds: Creds = officerA) =>
      call('POST', `/api/office/applications/${id}/moves`, creds, body);
    const sendBack = async (id: string) => {
      expect((await move(id, { to: 'verifying' })).statusCode).toBe(200);
      expect((await move(id, { to: 'needs-correction', message: 'Foto KK buram, mohon foto ulang.' })).statusCode).toBe(
        200,
      );
    };
    const statusOf = async (id: string) =>
      (await db.query<{ status: string }>('select status from applications where id = $1::uuid', [id]))[0]!.status;
    const correction = (over: Record<string, unknown> = {}) => ({
      formVersion: 1,
      answers: ktpAnswers('3529010101800001', 'Moh. Rofiq'),
      attachments: { kkDoc: [sharp.ref] },
      note: 'KK asli sudah diperiksa di loket.',
      ...over,
    });

    beforeAll(async () => {
      harness = await seededApp(target, {
        beforeApp: async (db) => {
          for (const p of [blurry, sharp]) {
            await declareUpload(db, p.ref.sha256, 'image/jpeg', p.ref.size);
            await appendChunk(db, p.ref.sha256, 0, p.bytes);
          }
        },
      });
      ({ db, app } = harness);
      call = caller(app);
      ({ admin, officerA, officerB, field, kiosk } = await staffOfTwoOffices(app, db, {
        offices: [OFFICE_A, OFFICE_B],
        adminPassword: 'garam-kalianget-1987',
        password: PASSWORD,
      }));
    });

    afterAll(() => harness?.close());

    it('refuses the new routes to anyone but an officer of the office or an administrator, changing nothing', async () => {
      const receipt = await walkIn('3529010101800001', 'Moh. Rofiq');
      await sendBack(receipt.id);
      const routes: Array<[Method, string, unknown]> = [
        ['POST', `/api/office/applications/${receipt.id}/correction`, correction()],
        ['POST', `/api/office/applications/${receipt.id}/moves`, { to: 'withdrawn' }],
      ];
      for (const [method, url, body] of routes) {
        expectApiError(await call(method, url, {}, body), 401, 'unauthenticated');
        expectApiError(await call(method, url, kiosk, body), 403, 'forbidden');
        expectApiError(await call(method, url, field, body), 403, 'forbidden');
        expectApiError(await call(method, url, { cookie: officerA.cookie! }, body), 403, 'csrf');
        // Another office's officer: as if it did not exist.
        expectApiError(await call(method, url, officerB, body), 404, 'not_found');
      }
      // The resident's withdrawal needs the application's secret: a staff session without it is not enough.
      const withdrawal = `/api/applications/${receipt.id}/withdrawal`;
      expectApiError(await call('POST', withdrawal, officerA, {}), 400);
      expectApiError(await call('POST', withdrawal, kiosk, { secret: 'f'.repeat(64) }), 404, 'not_found');
      expectApiError(await call('POST', withdrawal, {}, { secret: 'nope' }), 400);
      expectApiError(
        await call('POST', `/api/applications/${uuidv7()}/withdrawal`, {}, { secret: receipt.secret }),
        404,
      );
      expect(await statusOf(receipt.id)).toBe('needs-correction');

      // An administrator (every office) may record it.
      const res = await call('POST', `/api/office/applications/${receipt.id}/correction`, admin, correction());
      expect(res.statusCode, res.body).toBe(200);
      expect(MoveResponse.parse(res.json())).toMatchObject({ from: 'needs-correction', status: 'verifying' });
    });

    it('records a correction brought to the counter: checked like a record, audited as the officer’s, back to verifying', async () => {
      const receipt = await walkIn('3529010101800002', 'Moh. Rofiq');
      const url = `/api/office/applications/${receipt.id}/correction`;
      // Not awaiting a correction yet: 409 with where it is.
      const early = await call('POST', url, officerA, correction());
      expect(early.statusCode).toBe(409);
      expect(MoveConflict.parse(early.json())).toMatchObject({ current: 'received' });

      await sendBack(receipt.id);
      // A plain move cannot leave needs-correction for verifying: only a recorded correction does.
      const plain = await move(receipt.id, { to: 'verifying' });
      expect(plain.statusCode).toBe(409);
      expect(MoveConflict.parse(plain.json())).toMatchObject({ error: { code: 'move.resident-only' } });

      const answers = ktpAnswers('3529010101800002', 'Moh. Rofiq');
      // Nothing changed: refused.
      const same = await call('POST', url, officerA, correction({ answers, attachments: { kkDoc: [blurry.ref] } }));
      expect(same.statusCode, same.body).toBe(422);
      expect(WalkInRejection.parse(same.json()).error.code).toBe('correction.unchanged');
      // The form's rules: a NIK that does not match the date of birth.
      const wrong = await call(
        'POST',
        url,
        officerA,
        correction({ answers: { ...answers, dateOfBirth: '1990-01-01' } }),
      );
      expect(wrong.statusCode, wrong.body).toBe(422);
      expect(Object.keys(WalkInRejection.parse(wrong.json()).errors ?? {})).not.toHaveLength(0);
      // A photo not uploaded yet.
      const missing = photo('belum.jpg');
      const absent = await call('POST', url, officerA, correction({ answers, attachments: { kkDoc: [missing.ref] } }));
      expect(absent.statusCode, absent.body).toBe(422);
      expect(WalkInRejection.parse(absent.json()).sha256).toEqual([missing.ref.sha256]);
      expect(await statusOf(receipt.id)).toBe('needs-correction');

      // The officer photographed the original KK and fixed the phone number.
      const ok = await call(
        'POST',
        url,
        officerA,
        correction({ answers: { ...answers, phone: '0813 1111 2222' }, expected: 'needs-correction' }),
      );
      expect(ok.statusCode, ok.body).toBe(200);
      const detail = ApplicationDetailSchema.parse(
        (await call('GET', `/api/office/applications/${receipt.id}`, officerA)).json(),
      );
      expect(detail.status).toBe('verifying');
      expect(detail.answers.phone).toBe('0813 1111 2222');
      expect(detail.attachments.map((a) => a.sha256)).toEqual([sharp.ref.sha256]);
      expect(detail.message).toBe('KK asli sudah diperiksa di loket.');
      const last = detail.history.at(-1)!;
      expect(last).toMatchObject({
        kind: 'counter-correction',
        from: 'needs-correction',
        to: 'verifying',
        actorRole: 'officer',
        message: 'KK asli sudah diperiksa di loket.',
      });
      expect(last.actorAccountId).toBeTruthy();
      const [auditRow] = await db.query<{ account_id: string; detail: Record<string, unknown> }>(
        `select account_id, detail from audit_log where action = 'application.counter-correction' and target_id = $1`,
        [receipt.id],
      );
      expect(auditRow!.account_id).toBe(last.actorAccountId);
      expect(auditRow!.detail).toEqual({ eventId: last.id, changedFields: ['kkDoc', 'phone'], newPhotos: 1 });
      // Ids and keys only: no answer of the resident in the audit log.
      expect(JSON.stringify(auditRow)).not.toContain('0813');

      // The same application moves on as any other.
      expect((await move(receipt.id, { to: 'processing' })).statusCode).toBe(200);
    });

    it('lets the resident withdraw with the application’s secret, once; the dashboard counts it apart', async () => {
      const deviceKey = randomBytes(32).toString('hex');
      const secret = randomBytes(32).toString('hex');
      const record = ktpApplication(
        blurry.ref,
        { deviceKeyHash: hash(deviceKey), secretHash: hash(secret), officeId: OFFICE_A },
        ktpAnswers('3529014507900003', 'Siti Aminah'),
      );
      const [result] = await submitBatch(db, [record]);
      expect(result!.status, JSON.stringify(result)).toBe('accepted');
      const url = `/api/applications/${record.id}/withdrawal`;

      // Another secret: the same answer as an unknown application, and nothing changes.
      expectApiError(await call('POST', url, {}, { secret: randomBytes(32).toString('hex') }), 404, 'not_found');
      expect(await statusOf(record.id)).toBe('received');

      const res = await call('POST', url, {}, { secret });
      expect(res.statusCode, res.body).toBe(200);
      expect(WithdrawalResponse.parse(res.json())).toEqual({
        id: record.id,
        trackingNumber: (result as { trackingNumber: string }).trackingNumber,
        status: 'withdrawn',
      });
      // The device pulls it.
      const pulled = await pullApplicationUpdates(db, hash(deviceKey), 0, 10);
      expect(pulled.documents).toEqual([
        expect.objectContaining({ id: record.id, status: 'withdrawn', officeId: OFFICE_A }),
      ]);
      // Final: neither the resident again nor the office can move it.
      const again = await call('POST', url, {}, { secret });
      expect(again.statusCode).toBe(409);
      expect(WithdrawalConflict.parse(again.json()).current).toBe('withdrawn');
      const officeMove = await move(record.id, { to: 'verifying' });
      expect(officeMove.statusCode).toBe(409);
      expect(MoveConflict.parse(officeMove.json())).toMatchObject({ error: { code: 'move.final' }, allowed: [] });

      const detail = ApplicationDetailSchema.parse(
        (await call('GET', `/api/office/applications/${record.id}`, officerA)).json(),
      );
      expect(detail.history.at(-1)).toMatchObject({
        kind: 'withdrawal',
        actorRole: 'resident',
        actorAccountId: null,
        from: 'received',
        to: 'withdrawn',
      });
      expect(detail.overdue).toBe(false);
      const [auditRow] = await db.query<{ account_id: string | null }>(
        `select account_id from audit_log where action = 'application.withdrawn-by-resident' and target_id = $1`,
        [record.id],
      );
      expect(auditRow).toEqual({ account_id: null });

      const dash = DashboardResponse.parse(
        (await call('GET', '/api/office/dashboard?from=2020-01-01&to=2100-01-01', officerA)).json(),
      );
      const ktp = dash.rows.find((r) => r.officeId === OFFICE_A && r.serviceId === 'ktp-el-baru')!;
      expect(ktp.withdrawn).toBe(1);
      expect(ktp.abandoned).toBe(0);
      // Not open any more: the walk-ins of the earlier tests are (one processing, one verifying).
      expect(ktp.openAtEnd).toBe(2);
    });

    it('lets an officer withdraw an application at the resident’s request, from any open state; a walk-in’s receipt secret withdraws too', async () => {
      const atCounter = await walkIn('3529010101800003', 'Moh. Rofiq');
      await sendBack(atCounter.id);
      const res = await move(atCounter.id, { to: 'withdrawn', note: 'Pemohon membatalkan di loket.' });
      expect(res.statusCode, res.body).toBe(200);
      expect(MoveResponse.parse(res.json())).toMatchObject({ from: 'needs-correction', status: 'withdrawn' });
      const detail = ApplicationDetailSchema.parse(
        (await call('GET', `/api/office/applications/${atCounter.id}`, officerA)).json(),
      );
      expect(detail.history.at(-1)).toMatchObject({ kind: 'withdrawal', actorRole: 'officer', to: 'withdrawn' });

      // The QR code of a counter receipt carries the secret: the resident can withdraw from a phone.
      const other = await walkIn('3529010101800004', 'Moh. Rofiq');
      const byReceipt = await call('POST', `/api/applications/${other.id}/withdrawal`, {}, { secret: other.secret });
      expect(byReceipt.statusCode, byReceipt.body).toBe(200);
      expect(await statusOf(other.id)).toBe('withdrawn');
    });

    it('lets only the office’s officers and administrators read and set its correction period', async () => {
      const url = `/api/office/offices/${OFFICE_A}/correction-period`;
      const body = { days: 10, noticeDays: 3 };
      for (const [method, payload] of [
        ['GET', undefined],
        ['PUT', body],
      ] as const) {
        expectApiError(await call(method, url, {}, payload), 401, 'unauthenticated');
        expectApiError(await call(method, url, kiosk, payload), 403, 'forbidden');
        expectApiError(await call(method, url, field, payload), 403, 'forbidden');
        expectApiError(await call(method, url, officerB, payload), 403, 'forbidden');
      }
      expectApiError(await call('PUT', url, { cookie: officerA.cookie! }, body), 403, 'csrf');
      expect(CorrectionPeriodSchema.parse((await call('GET', url, officerA)).json())).toEqual({
        days: 30,
        noticeDays: 7,
      });
      expectApiError(await call('PUT', url, officerA, { days: 5, noticeDays: 5 }), 400, 'invalid_request');
      expectApiError(await call('PUT', url, officerA, { days: 0, noticeDays: 1 }), 400, 'invalid_request');
      const set = await call('PUT', url, officerA, body);
      expect(set.statusCode, set.body).toBe(200);
      expect((await call('GET', url, admin)).json()).toEqual(body);
      expect((await call('PUT', `/api/office/offices/${OFFICE_B}/correction-period`, admin, body)).statusCode).toBe(
        200,
      );
    });

    it('abandons an application left awaiting a correction past the period, only after telling the resident', async () => {
      // The period set by the previous test: 10 days, the resident told 3 days before.
      const DAY = 24 * 60 * 60_000;
      const deviceKey = randomBytes(32).toString('hex');
      const submitted = async (nik: string) => {
        const record = ktpApplication(
          blurry.ref,
          { deviceKeyHash: hash(deviceKey), officeId: OFFICE_A },
          ktpAnswers(nik, 'Siti Aminah'),
        );
        const [result] = await submitBatch(db, [record]);
        expect(result!.status, JSON.stringify(result)).toBe('accepted');
        await sendBack(record.id);
        return record.id;
      };
      const left = await submitted('3529014507900011');
      const corrected = await submitted('3529014507900021');
      const start = Date.now();
      const device = async (id: string) =>
        (await pullApplicationUpdates(db, hash(deviceKey), 0, 100)).documents.find((d) => d.id === id)!;

      expect(await sweepAbandoned(db, new Date(start + 6 * DAY))).toEqual({ noticed: 0, abandoned: 0 });
      expect((await device(left)).abandonsAt).toBeUndefined();

      // Seven days in: the resident is told when it will be abandoned; it is not abandoned yet.
      expect(await sweepAbandoned(db, new Date(start + 7 * DAY + 60_000))).toEqual({ noticed: 2, abandoned: 0 });
      const told = await device(left);
      expect(told.status).toBe('needs-correction');
      expect(Math.abs(new Date(told.abandonsAt!).getTime() - (start + 10 * DAY))).toBeLessThan(5 * 60_000);
      expect(told.message).toBe('Foto KK buram, mohon foto ulang.');
      const notice = ApplicationDetailSchema.parse(
        (await call('GET', `/api/office/applications/${left}`, officerA)).json(),
      ).history.at(-1);
      expect(notice).toMatchObject({ kind: 'abandon-notice', actorRole: 'system', to: 'needs-correction' });
      // A second pass tells nobody twice.
      expect(await sweepAbandoned(db, new Date(start + 8 * DAY))).toEqual({ noticed: 0, abandoned: 0 });

      // One resident corrects it at the counter: the notice is void, it is never abandoned.
      const fixed = await call(
        'POST',
        `/api/office/applications/${corrected}/correction`,
        officerA,
        correction({ answers: ktpAnswers('3529014507900021', 'Siti Aminah'), note: undefined }),
      );
      expect(fixed.statusCode, fixed.body).toBe(200);
      expect((await device(corrected)).abandonsAt).toBeUndefined();

      // Past the end: abandoned, a final state.
      expect(await sweepAbandoned(db, new Date(start + 10 * DAY + 10 * 60_000))).toEqual({ noticed: 0, abandoned: 1 });
      expect(await statusOf(left)).toBe('abandoned');
      expect(await statusOf(corrected)).toBe('verifying');
      expect((await device(left)).status).toBe('abandoned');
      const history = ApplicationDetailSchema.parse(
        (await call('GET', `/api/office/applications/${left}`, officerA)).json(),
      ).history;
      expect(history.at(-1)).toMatchObject({ kind: 'abandoned', from: 'needs-correction', to: 'abandoned' });
      const moved = await move(left, { to: 'withdrawn' });
      expect(moved.statusCode).toBe(409);
      const dash = DashboardResponse.parse(
        (await call('GET', '/api/office/dashboard?from=2020-01-01&to=2100-01-01', officerA)).json(),
      );
      expect(dash.rows.find((r) => r.officeId === OFFICE_A && r.serviceId === 'ktp-el-baru')!.abandoned).toBe(1);
    });
  });
}
