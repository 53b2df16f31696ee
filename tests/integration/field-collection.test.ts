// Who collected a field application (issue 7, field officer point 2), on each real database: a
// record with channel 'field' is accepted only with the signature of a registered, unrevoked device
// key of an active field officer over its collection statement, and stored with collected_by = that
// officer's account; unsigned, unregistered or revoked keys, content changed after signing → rejected
// with collectedBy.* codes and nothing stored; other channels must not carry collectedBy; a resend
// answers the same; a corrected round must be signed anew; the office detail names the collector.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationDetailSchema } from '../../src/domain/backoffice/api.ts';
import { exportPublicJwk, generateSigningKeyPair, jwkThumbprint } from '../../src/domain/crypto/keys.ts';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import { collectionStatement, signStatement } from '../../src/domain/field/collection.ts';
import {
  SubmissionBatchResult,
  type SubmissionRecord,
  type SubmissionResult,
} from '../../src/domain/submissions/submission.ts';
import type { Actor } from '../../src/server/applications/history.ts';
import { moveApplication } from '../../src/server/office/queue.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { appendChunk, declareUpload } from '../../src/server/uploads/store.ts';
import { type Creds, caller, createAccount, fieldToken, firstAdministrator, signIn } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { ktpApplication } from '../support/records.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const ADMIN_PASSWORD = 'garam-kalianget-1987';
const PASSWORD = 'perahu-talango-2024';
const OFFICE = 'kecamatan-raas';
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const OFFICER: Actor = { accountId: 'acc-raas-1', role: 'office-officer' };

type Device = { keyId: string; privateKey: CryptoKey; publicKey: Awaited<ReturnType<typeof exportPublicJwk>> };

async function newDevice(): Promise<Device> {
  const pair = await generateSigningKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  return { keyId: await jwkThumbprint(publicKey), privateKey: pair.privateKey, publicKey };
}

/** As the officer's device does at "Kirim": collectedBy over the record as it will be sent. */
async function signed(record: SubmissionRecord, device: Device): Promise<SubmissionRecord> {
  const { collectedBy: _old, ...bare } = record;
  return {
    ...bare,
    collectedBy: { keyId: device.keyId, signature: await signStatement(device.privateKey, collectionStatement(bare)) },
  };
}

for (const target of databaseTargets()) {
  describe(`field collection signatures on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let harness: SeededApp | undefined;
    let call: ReturnType<typeof caller>;
    let officer: Creds;
    let field: Creds;
    let fieldAccountId: string;
    let device: Device;
    const photoBytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300)]);
    const photo: AttachmentRef = {
      sha256: sha(photoBytes),
      type: 'image/jpeg',
      size: photoBytes.length,
      name: 'kk.jpg',
    };

    const record = (channel: SubmissionRecord['channel'] = 'field'): SubmissionRecord =>
      ktpApplication(photo, {
        channel,
        applicant: { kind: 'resident', name: 'Siti Aminah' },
        deviceKeyHash: sha('tablet-jemput-bola'),
      });
    const send = async (r: SubmissionRecord): Promise<SubmissionResult> => {
      const res = await call('POST', '/api/submissions', {}, { records: [r] });
      expect(res.statusCode, res.body).toBe(200);
      return SubmissionBatchResult.parse(res.json()).results[0]!;
    };
    const stored = async (id: string) =>
      (
        await db.query<{ collected_by: string | null; answers: Record<string, unknown>; status: string }>(
          'select collected_by::text, answers, status from applications where id = $1::uuid',
          [id],
        )
      )[0];
    const rejectedWith = (result: SubmissionResult, code: string) => {
      expect(result, JSON.stringify(result)).toMatchObject({ status: 'rejected', errors: { collectedBy: { code } } });
    };

    beforeAll(async () => {
      harness = await seededApp(target, {
        beforeApp: async (db) => {
          await declareUpload(db, photo.sha256, 'image/jpeg', photo.size);
          await appendChunk(db, photo.sha256, 0, photoBytes);
        },
      });
      ({ db, app } = harness);
      call = caller(app);
      const admin = await firstAdministrator(app, db, ADMIN_PASSWORD);
      await createAccount(app, admin, {
        username: 'petugas.raas',
        name: 'Petugas Raas',
        role: 'officer',
        officeIds: [OFFICE],
        password: PASSWORD,
      });
      fieldAccountId = (
        await createAccount(app, admin, {
          username: 'jemput.bola',
          name: 'Rofiq Jemput Bola',
          role: 'field-officer',
          officeIds: [OFFICE],
          password: PASSWORD,
        })
      ).id;
      officer = await signIn(app, 'petugas.raas', PASSWORD);
      field = await fieldToken(app, 'jemput.bola', PASSWORD);
      device = await newDevice();
      const res = await call('POST', '/api/field/device-keys', field, { publicKey: device.publicKey });
      expect(res.statusCode, res.body).toBe(201);
    });

    afterAll(() => harness?.close());

    it('accepts a field record signed by a registered key and stores the officer as its collector; a resend answers the same', async () => {
      const r = await signed(record(), device);
      const first = await send(r);
      expect(first.status, JSON.stringify(first)).toBe('accepted');
      expect((await stored(r.id))?.collected_by).toBe(fieldAccountId);
      expect(await send(r)).toEqual(first);
      const n = await db.query<{ n: number }>('select count(*)::int as n from applications where id = $1::uuid', [
        r.id,
      ]);
      expect(n[0]!.n).toBe(1);

      // The office sees who collected it.
      const detail = ApplicationDetailSchema.parse(
        (await call('GET', `/api/office/applications/${r.id}`, officer)).json(),
      );
      expect(detail.collectedBy).toEqual({ accountId: fieldAccountId, name: 'Rofiq Jemput Bola' });
    });

    it('rejects a field record without a signature, signed by an unregistered key, or changed after signing; nothing stored', async () => {
      const unsigned = record();
      rejectedWith(await send(unsigned), 'collectedBy.required');
      const foreign = await signed(record(), await newDevice());
      rejectedWith(await send(foreign), 'collectedBy.invalid');
      const tampered = await signed(record(), device);
      tampered.answers.nik = '3529014507900011';
      rejectedWith(await send(tampered), 'collectedBy.invalid');
      const otherRecordsSignature = await signed(record(), device);
      const swapped = { ...record(), collectedBy: otherRecordsSignature.collectedBy };
      rejectedWith(await send(swapped), 'collectedBy.invalid');
      for (const r of [unsigned, foreign, tampered, swapped]) expect(await stored(r.id)).toBeUndefined();
    });

    it('rejects a record of another channel that carries collectedBy, and accepts it without', async () => {
      const online = record('online');
      rejectedWith(await send(await signed(online, device)), 'collectedBy.unexpected');
      expect(await stored(online.id)).toBeUndefined();
      expect((await send(online)).status).toBe('accepted');
      expect((await stored(online.id))?.collected_by).toBeNull();
      const detail = ApplicationDetailSchema.parse(
        (await call('GET', `/api/office/applications/${online.id}`, officer)).json(),
      );
      expect(detail.collectedBy).toBeUndefined();
    });

    it('a corrected round (same id, new content) must be signed anew; the collector stays', async () => {
      const r = await signed(record(), device);
      expect((await send(r)).status).toBe('accepted');
      expect(await moveApplication(db, 'all', r.id, { to: 'verifying' }, OFFICER)).toMatchObject({
        ok: true,
      });
      expect(
        await moveApplication(db, 'all', r.id, { to: 'needs-correction', message: 'Nomor HP salah.' }, OFFICER),
      ).toMatchObject({ ok: true });

      const corrected = { ...r, answers: { ...r.answers, phone: '0813 1111 2222' } };
      rejectedWith(await send(corrected), 'collectedBy.invalid'); // the first round's signature
      expect((await stored(r.id))?.status).toBe('needs-correction');
      expect((await send(await signed(corrected, device))).status).toBe('accepted');
      const row = await stored(r.id);
      expect(row).toMatchObject({ status: 'verifying', collected_by: fieldAccountId });
      expect(row!.answers.phone).toBe('0813 1111 2222');
    });

    it('rejects signatures of a revoked key, also for records signed before the revocation', async () => {
      const lost = await newDevice();
      expect((await call('POST', '/api/field/device-keys', field, { publicKey: lost.publicKey })).statusCode).toBe(201);
      const before = await signed(record(), lost);
      const deleted = await call('DELETE', `/api/field/device-keys/${lost.keyId}`, field);
      expect(deleted.statusCode, deleted.body).toBeLessThan(300);
      rejectedWith(await send(before), 'collectedBy.invalid');
      rejectedWith(await send(await signed(record(), lost)), 'collectedBy.invalid');
      expect(await stored(before.id)).toBeUndefined();
      // The officer's other, registered device still signs.
      expect((await send(await signed(record(), device))).status).toBe('accepted');
    });
  });
}
