// Channel claims are proven (issue 13, point 12), on each real database: an anonymous record that
// claims 'counter' or 'kiosk' is rejected under `channel`, never stored as made by staff; an enrolled
// kiosk (its device token on the request) makes kiosk applications for its own office, a revoked
// one no more; the counter route of a signed-in officer makes counter applications; complaints and
// survey responses follow the same rule.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WalkInReceipt } from '../../src/domain/backoffice/api.ts';
import { ComplaintBatchResult } from '../../src/domain/feedback/complaint.ts';
import { SurveyBatchResult } from '../../src/domain/feedback/skm.ts';
import { uuidv7 } from '../../src/domain/ids/uuidv7.ts';
import { SealedBatchResult, SealingKeyResponse } from '../../src/domain/sealing/api.ts';
import { SubmissionBatchResult, type SubmissionRecord } from '../../src/domain/submissions/submission.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { type Creds, caller, createAccount, enrolKiosk, firstAdministrator, signIn } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { birthApplication } from '../support/records.ts';
import { jpegFile, sealApplication, uploadFile, uploadSealed } from '../support/sealing.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const OFFICE = 'kecamatan-talango';
const OTHER_OFFICE = 'kecamatan-raas';
const PASSWORD = 'perahu-talango-2024';
const UNVERIFIED = { channel: { code: 'channel.unverified' } };

for (const target of databaseTargets()) {
  describe(`channel claims on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let harness: SeededApp | undefined;
    let admin: Creds;
    let kiosk: Creds;
    let call: ReturnType<typeof caller>;
    const kk = jpegFile();
    const ktp = jpegFile();

    const record = (over: Partial<SubmissionRecord>) =>
      birthApplication(kk.ref, ktp.ref, { applicant: { kind: 'resident', name: 'Siti Aminah' }, ...over });
    const channelOf = async (id: string) =>
      (await db.query<{ channel: string }>('select channel from applications where id = $1::uuid', [id]))[0]?.channel;
    const submit = async (records: SubmissionRecord[], creds: Creds = {}) => {
      const res = await call('POST', '/api/submissions', creds, { records });
      expect(res.statusCode, res.body).toBe(200);
      return SubmissionBatchResult.parse(res.json()).results;
    };
    const deliverSealed = async (records: SubmissionRecord[], creds: Creds = {}) => {
      const key = SealingKeyResponse.parse((await call('GET', '/api/sealing-key')).json());
      const boxes = [];
      for (const r of records) {
        const sealed = await sealApplication(key, r, [kk, ktp]);
        for (const f of sealed.files) await uploadSealed(app, f);
        boxes.push({ id: sealed.id, box: sealed.box });
      }
      const res = await call('POST', '/api/sealed', creds, { boxes });
      expect(res.statusCode, res.body).toBe(200);
      return SealedBatchResult.parse(res.json()).results;
    };

    beforeAll(async () => {
      harness = await seededApp(target);
      ({ db, app } = harness);
      call = caller(app);
      for (const f of [kk, ktp]) await uploadFile(app, f);
      admin = await firstAdministrator(app, db, 'garam-kalianget-1987');
      kiosk = await enrolKiosk(app, admin, OFFICE);
    });

    afterAll(() => harness?.close());

    it('rejects an anonymous application claiming the counter or a kiosk, plain or sealed, and stores the online one', async () => {
      const counter = record({ channel: 'counter', officeId: OFFICE });
      const kioskClaim = record({ channel: 'kiosk', officeId: OFFICE });
      const online = record({ channel: 'online' });
      const results = await submit([counter, kioskClaim, online]);
      expect(results[0]).toEqual({ id: counter.id, status: 'rejected', errors: UNVERIFIED });
      expect(results[1]).toEqual({ id: kioskClaim.id, status: 'rejected', errors: UNVERIFIED });
      expect(results[2]).toMatchObject({ status: 'accepted' });
      expect(await channelOf(counter.id)).toBeUndefined();
      expect(await channelOf(kioskClaim.id)).toBeUndefined();
      expect(await channelOf(online.id)).toBe('online');

      const sealedClaim = record({ channel: 'kiosk', officeId: OFFICE });
      expect(await deliverSealed([sealedClaim])).toEqual([
        { id: sealedClaim.id, status: 'rejected', errors: UNVERIFIED },
      ]);
      expect(await channelOf(sealedClaim.id)).toBeUndefined();
    });

    it('stores a kiosk application sent with an enrolled kiosk’s token, for its own office only', async () => {
      const own = record({ channel: 'kiosk', officeId: OFFICE });
      const other = record({ channel: 'kiosk', officeId: OTHER_OFFICE });
      const [a, b] = await deliverSealed([own, other], kiosk);
      expect(a).toMatchObject({ id: own.id, status: 'accepted' });
      expect(b).toEqual({ id: other.id, status: 'rejected', errors: UNVERIFIED });
      expect(await channelOf(own.id)).toBe('kiosk');
      // The same with a plain record (kept for entries queued before sealing existed).
      const plain = record({ channel: 'kiosk', officeId: OFFICE });
      expect((await submit([plain], kiosk))[0]).toMatchObject({ status: 'accepted' });
      expect(await channelOf(plain.id)).toBe('kiosk');
      // A field officer's token or an officer's session proves no kiosk.
      await createAccount(app, admin, {
        username: 'jemput.bola',
        name: 'Lapangan',
        role: 'field-officer',
        officeIds: [OFFICE],
        password: PASSWORD,
      });
      const field = await call('POST', '/api/auth/token', {}, { username: 'jemput.bola', password: PASSWORD });
      const fieldCreds = { bearer: field.json<{ token: string }>().token };
      const claimed = record({ channel: 'kiosk', officeId: OFFICE });
      expect((await submit([claimed], fieldCreds))[0]).toEqual({
        id: claimed.id,
        status: 'rejected',
        errors: UNVERIFIED,
      });
    });

    it('refuses the kiosk channel to a revoked kiosk', async () => {
      const res = await call('POST', '/api/admin/devices', admin, { name: 'Kios lama', officeId: OFFICE });
      const { device, token } = res.json<{ device: { id: string }; token: string }>();
      const before = record({ channel: 'kiosk', officeId: OFFICE });
      expect((await submit([before], { bearer: token }))[0]).toMatchObject({ status: 'accepted' });
      expect((await call('DELETE', `/api/admin/devices/${device.id}`, admin)).statusCode).toBe(200);
      const after = record({ channel: 'kiosk', officeId: OFFICE });
      expect((await submit([after], { bearer: token }))[0]).toEqual({
        id: after.id,
        status: 'rejected',
        errors: UNVERIFIED,
      });
    });

    it('makes counter applications through the counter route of a signed-in officer', async () => {
      await createAccount(app, admin, {
        username: 'loket.talango',
        name: 'Loket',
        role: 'officer',
        officeIds: [OFFICE],
        password: PASSWORD,
      });
      const officer = await signIn(app, 'loket.talango', PASSWORD);
      const { serviceId, formVersion, applicant, answers, attachments } = record({});
      const res = await call('POST', '/api/office/walk-ins', officer, {
        serviceId,
        formVersion,
        applicant,
        answers,
        attachments,
        consent: true,
        officeId: OFFICE,
      });
      expect(res.statusCode, res.body).toBe(201);
      const walkIn = WalkInReceipt.parse(res.json());
      expect(await channelOf(walkIn.id)).toBe('counter');
    });

    it('rejects anonymous complaints and survey responses claiming a kiosk or the counter', async () => {
      const complaint = (channel: string) => ({
        id: uuidv7(),
        about: { kind: 'office', officeId: OFFICE },
        what: 'Loket tutup lebih awal.',
        when: '2026-01-05',
        privacy: 'anonymous',
        channel,
        secretHash: createHash('sha256').update(randomBytes(8)).digest('hex'),
      });
      const [kioskComplaint, counterComplaint, online] = ['kiosk', 'counter', 'online'].map(complaint);
      const filed = await call('POST', '/api/complaints', {}, { records: [kioskComplaint, counterComplaint, online] });
      expect(
        ComplaintBatchResult.parse(filed.json()).results.map((r) => (r.status === 'rejected' ? r.errors : r.status)),
      ).toEqual([UNVERIFIED, UNVERIFIED, 'accepted']);
      const survey = (channel: string) => ({
        id: uuidv7(),
        serviceId: 'ktp-el-baru',
        officeId: OFFICE,
        channel,
        answers: { U1: 1, U2: 1 },
        deviceKeyHash: createHash('sha256').update(randomBytes(8)).digest('hex'),
      });
      const [kioskSurvey, counterSurvey] = ['kiosk', 'counter'].map(survey);
      const sent = await call('POST', '/api/surveys', {}, { records: [kioskSurvey, counterSurvey] });
      expect(
        SurveyBatchResult.parse(sent.json()).results.map((r) => (r.status === 'rejected' ? r.errors : r.status)),
      ).toEqual([UNVERIFIED, UNVERIFIED]);
      const rows = await db.query<{ n: number }>(
        `select count(*)::int as n from survey_responses where channel <> 'online'`,
      );
      expect(rows[0]!.n).toBe(0);
    });
  });
}
