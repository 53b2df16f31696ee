// One bad string sinks nothing (issue 13, point 10), on each real database: a NUL byte or a lone
// UTF-16 surrogate, which PostgreSQL cannot store in text or jsonb, in any text of one record is
// rejected with that record alone, naming the field, and the valid record beside it is stored — for
// applications, sealed boxes, complaints and survey responses; sign-in answers 400, never 500.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/domain/api.ts';
import { ComplaintBatchResult, type ComplaintInput } from '../../src/domain/feedback/complaint.ts';
import { SurveyBatchResult } from '../../src/domain/feedback/skm.ts';
import { uuidv7 } from '../../src/domain/ids/uuidv7.ts';
import { SealedBatchResult, SealingKeyResponse } from '../../src/domain/sealing/api.ts';
import { SubmissionBatchResult, type SubmissionResult } from '../../src/domain/submissions/submission.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { enrolKiosk, firstAdministrator } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { birthApplication } from '../support/records.ts';
import { jpegFile, sealApplication, uploadFile, uploadSealed } from '../support/sealing.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const NUL = 'Siti\u0000Aminah';
const LONE_SURROGATE = 'Kalianget \ud83d';

const secretHash = () => createHash('sha256').update(randomBytes(32)).digest('hex');
const rejected = (r: { status: string; errors?: unknown } | undefined) =>
  r?.status === 'rejected' ? r.errors : `not rejected: ${JSON.stringify(r)}`;

for (const target of databaseTargets()) {
  describe(`one bad string on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let harness: SeededApp | undefined;
    const kk = jpegFile();
    const ktp = jpegFile();

    const post = async <T>(
      url: string,
      payload: object,
      parse: { parse(v: unknown): { results: T[] } },
      headers = {},
    ) => {
      const res = await app.inject({ method: 'POST', url, payload, headers });
      expect(res.statusCode, res.body).toBe(200);
      return parse.parse(res.json()).results;
    };
    const rows = async (table: string, id: string) =>
      (await db.query<{ n: number }>(`select count(*)::int as n from ${table} where id = $1::uuid`, [id]))[0]!.n;

    beforeAll(async () => {
      harness = await seededApp(target);
      ({ db, app } = harness);
      for (const f of [kk, ktp]) await uploadFile(app, f);
    });

    afterAll(() => harness?.close());

    it('rejects an application with a NUL or a lone surrogate alone, naming the field, and stores the one beside it', async () => {
      const good = birthApplication(kk.ref, ktp.ref);
      const badName = birthApplication(kk.ref, ktp.ref, { applicant: { kind: 'self', name: NUL } });
      const badAnswer = birthApplication(kk.ref, ktp.ref, {}, { placeOfBirth: LONE_SURROGATE });
      const badFile = birthApplication({ ...kk.ref, name: NUL }, ktp.ref);
      const badChild = birthApplication(kk.ref, ktp.ref, {}, { childName: `Rizki${'\u0000'}` });
      const results = await post(
        '/api/submissions',
        { records: [badName, good, badAnswer, badFile, badChild] },
        SubmissionBatchResult,
      );
      expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted', 'rejected', 'rejected', 'rejected']);
      expect(rejected(results[0])).toEqual({ applicant: { code: 'text.invalid' } });
      expect(rejected(results[2])).toEqual({ placeOfBirth: { code: 'text.invalid' } });
      // The family card's photo also stands for the birth letter in this record: both fields name it.
      expect(rejected(results[3])).toEqual({
        kkDoc: { code: 'text.invalid' },
        suratKelahiranDoc: { code: 'text.invalid' },
      });
      expect(rejected(results[4])).toEqual({ childName: { code: 'text.invalid' } });
      expect(await rows('applications', good.id)).toBe(1);
      for (const bad of [badName, badAnswer, badFile, badChild]) expect(await rows('applications', bad.id)).toBe(0);
    });

    it('rejects other malformed records alone too, instead of refusing the whole batch', async () => {
      const good = birthApplication(kk.ref, ktp.ref);
      const noConsent = { ...birthApplication(kk.ref, ktp.ref), consent: false };
      const pigeon = { ...birthApplication(kk.ref, ktp.ref), channel: 'pigeon' };
      const results = await post('/api/submissions', { records: [noConsent, good, pigeon] }, SubmissionBatchResult);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted', 'rejected']);
      expect(rejected(results[0])).toEqual({ consent: { code: 'value.type' } });
      expect(rejected(results[2])).toEqual({ channel: { code: 'value.type' } });
    });

    it('rejects a sealed box whose record holds a NUL alone, naming the field, and stores the box beside it', async () => {
      const admin = await firstAdministrator(app, db, 'garam-kalianget-1987');
      const kiosk = await enrolKiosk(app, admin, 'kecamatan-talango');
      const key = SealingKeyResponse.parse((await app.inject({ method: 'GET', url: '/api/sealing-key' })).json());
      const kioskRecord = (name: string) =>
        birthApplication(
          kk.ref,
          ktp.ref,
          {
            channel: 'kiosk',
            officeId: 'kecamatan-talango',
            applicant: { kind: 'resident', name: 'Siti Aminah' },
          },
          { childName: name },
        );
      const good = await sealApplication(key, kioskRecord('Muhammad Rizki'), [kk, ktp]);
      // The device cannot seal such a record (its schema refuses it): a forged box can.
      const bad = await sealApplication(key, kioskRecord('Muhammad Rizki'), [kk, ktp], (c) => ({
        ...c,
        record: { ...c.record, applicant: { kind: 'resident', name: NUL } },
      }));
      for (const f of [...good.files, ...bad.files]) await uploadSealed(app, f);
      const results: SubmissionResult[] = await post(
        '/api/sealed',
        { boxes: [bad, good].map(({ id, box }) => ({ id, box })) },
        SealedBatchResult,
        { authorization: `Bearer ${kiosk.bearer}` },
      );
      expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted']);
      expect(rejected(results[0])).toEqual({ applicant: { code: 'text.invalid' } });
      expect(await rows('applications', bad.id)).toBe(0);
      expect(await rows('applications', good.id)).toBe(1);
    });

    it('rejects a complaint with a NUL or a lone surrogate alone, and files the one beside it', async () => {
      const complaint = (over: Partial<ComplaintInput> = {}): ComplaintInput => ({
        id: uuidv7(),
        about: { kind: 'office', officeId: 'kecamatan-talango' },
        category: 'service-quality',
        what: 'Loket tutup sebelum jam layanan berakhir.',
        when: '2026-01-05',
        privacy: 'public',
        complainant: { name: 'Siti Aminah' },
        channel: 'online',
        secretHash: secretHash(),
        ...over,
      });
      const good = complaint();
      const badWhat = complaint({ what: `Loket ${LONE_SURROGATE}` });
      const badName = complaint({ complainant: { name: NUL } });
      const results = await post('/api/complaints', { records: [badWhat, good, badName] }, ComplaintBatchResult);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted', 'rejected']);
      expect(rejected(results[0])).toEqual({ what: { code: 'text.invalid' } });
      expect(rejected(results[2])).toEqual({ complainant: { code: 'text.invalid' } });
      expect(await rows('complaints', good.id)).toBe(1);
      expect(await rows('complaints', badWhat.id)).toBe(0);
    });

    it('rejects a survey response with a NUL alone, and stores the one beside it', async () => {
      const response = (over: Record<string, unknown> = {}) => ({
        id: uuidv7(),
        serviceId: 'akta-kelahiran',
        officeId: 'disdukcapil-sumenep',
        channel: 'online',
        answers: { U1: 4, U2: 3 },
        deviceKeyHash: secretHash(),
        ...over,
      });
      const good = response();
      const bad = response({ officeId: 'disdukcapil\u0000sumenep' });
      const results = await post('/api/surveys', { records: [bad, good] }, SurveyBatchResult);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'accepted']);
      expect(rejected(results[0])).toEqual({ officeId: { code: 'value.type' } });
      expect(await rows('survey_responses', good.id)).toBe(1);
    });

    it('answers a sign-in with a NUL or a lone surrogate with 400 naming the field, never 500', async () => {
      for (const body of [
        { username: 'admin\u0000', password: 'garam-kalianget-1987' },
        { username: 'admin', password: `garam${LONE_SURROGATE}` },
      ]) {
        for (const url of ['/api/auth/login', '/api/auth/token']) {
          const res = await app.inject({ method: 'POST', url, payload: body });
          expect(res.statusCode, res.body).toBe(400);
          const error = ApiError.parse(res.json()).error;
          expect(error.code).toBe('invalid_request');
          expect(Object.keys(error.fields ?? {}).join()).toMatch(/body\.(username|password)/);
        }
      }
    });
  });
}
