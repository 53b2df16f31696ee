// Sealed delivery (issue 7) on each real database, as a kiosk's outbox does it: photos sealed to the
// server's key go up as sealed uploads, then POST /api/sealed with the record boxes. The application
// is stored once with its photos byte-identical as plain uploads (the sealed copies emptied); a resend
// answers the same tracking number; a sealed photo not yet uploaded is named by its sealed hash; a box
// that is changed, sealed to another key, under another id or with broken contents is rejected under
// `_sealed` without touching the others; malformed requests are 400 JSON; GET /api/sealing-key is
// public; the sealed upload type takes sealed boxes only. Nothing of the contents reaches the log.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/domain/api.ts';
import { toBase64Url } from '../../src/domain/crypto/bytes.ts';
import { exportPublicJwk, generateEcdhKeyPair, jwkThumbprint } from '../../src/domain/crypto/keys.ts';
import { uuidv7 } from '../../src/domain/ids/uuidv7.ts';
import { SealedBatchResult, SealingKeyResponse } from '../../src/domain/sealing/api.ts';
import { SEALED_MEDIA_TYPE, type SealingKey, sealBox } from '../../src/domain/sealing/sealed-box.ts';
import {
  type SubmissionRecord,
  type SubmissionResult,
  TrackingStatus,
} from '../../src/domain/submissions/submission.ts';
import { provisionalCode } from '../../src/domain/submissions/tracking-number.ts';
import { MAX_UPLOAD_BYTES, UploadState } from '../../src/domain/uploads.ts';
import { insertApplication } from '../../src/server/applications/store.ts';
import { serverExportKey } from '../../src/server/field/keys.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { readUpload } from '../../src/server/uploads/store.ts';
import { type Creds, enrolKiosk, firstAdministrator } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { birthApplication, MOTHER_NIK } from '../support/records.ts';
import { type PlainFile, sealApplication, sealFile, sha256Hex, uploadSealed } from '../support/sealing.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const MOTHER = 'Siti Aminah';

function jpeg(): PlainFile {
  const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(30_000)]));
  return { sha256: sha256Hex(bytes), type: 'image/jpeg', size: bytes.length, bytes };
}

/** A valid akta-kelahiran application from a village kiosk, with two photos. */
function kioskRecord(kk: PlainFile, ktp: PlainFile, answers: Record<string, unknown> = {}): SubmissionRecord {
  const ref = (f: PlainFile, name: string) => ({ sha256: f.sha256, type: f.type, size: f.size, name });
  return birthApplication(
    ref(kk, 'kk.jpg'),
    ref(ktp, 'ktp.jpg'),
    { channel: 'kiosk', applicant: { kind: 'resident', name: MOTHER } },
    answers,
  );
}

function expectError(res: LightMyRequestResponse, status: number, code?: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  const body = ApiError.parse(res.json());
  if (code) expect(body.error.code).toBe(code);
}

const sealedCode = (r: SubmissionResult | undefined) =>
  r?.status === 'rejected' ? r.errors._sealed?.code : `not rejected: ${JSON.stringify(r)}`;

for (const target of databaseTargets()) {
  describe(`sealed delivery on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let key: SealingKey;
    let logLines: string[];
    let harness: SeededApp | undefined;
    let kiosk: Creds;

    const deliver = async (boxes: Array<{ id: string; box: string }>): Promise<SubmissionResult[]> => {
      // As an enrolled kiosk's outbox delivers: with its device token (only it makes kiosk records).
      const res = await app.inject({
        method: 'POST',
        url: '/api/sealed',
        headers: { authorization: `Bearer ${kiosk.bearer}` },
        payload: { boxes },
      });
      expect(res.statusCode, res.body).toBe(200);
      return SealedBatchResult.parse(res.json()).results;
    };
    const rowCount = async (id: string) =>
      (await db.query<{ n: number }>('select count(*)::int as n from applications where id = $1::uuid', [id]))[0]!.n;
    const otherKey = async (): Promise<SealingKey> => {
      const publicKey = await exportPublicJwk((await generateEcdhKeyPair()).publicKey);
      return { keyId: await jwkThumbprint(publicKey), publicKey };
    };

    beforeAll(async () => {
      harness = await seededApp(target);
      ({ db, app, logLines } = harness);
      kiosk = await enrolKiosk(app, await firstAdministrator(app, db, 'garam-kalianget-1987'), 'kecamatan-talango');
    });

    afterAll(() => harness?.close());

    it('serves the sealing key to anyone: the export key, never its private half, and documents both routes', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/sealing-key' });
      expect(res.statusCode, res.body).toBe(200);
      key = SealingKeyResponse.parse(res.json());
      expect(key).toEqual(await serverExportKey(db));
      expect(key.keyId).toBe(await jwkThumbprint(key.publicKey));
      expect(res.body).not.toMatch(/"d"\s*:/);
      const paths = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
        paths: Record<string, Record<string, unknown>>;
      }>().paths;
      expect(paths['/api/sealing-key']).toHaveProperty('get');
      expect(paths['/api/sealed']).toHaveProperty('post');
    });

    it('stores a sealed application once, its photos byte-identical; a resend answers the same tracking number', async () => {
      const [kk, ktp] = [jpeg(), jpeg()];
      const record = kioskRecord(kk, ktp);
      const sealed = await sealApplication(key, record, [kk, ktp]);
      for (const f of sealed.files) await uploadSealed(app, f);

      const [first] = await deliver([{ id: sealed.id, box: sealed.box }]);
      expect(first).toMatchObject({ id: record.id, status: 'accepted' });
      expect(await rowCount(record.id)).toBe(1);
      const [row] = await db.query<{
        channel: string;
        answers: Record<string, unknown>;
        attachments: unknown;
        secret_hash: string;
      }>('select channel, answers, attachments, secret_hash from applications where id = $1::uuid', [record.id]);
      expect(row).toMatchObject({ channel: 'kiosk', secret_hash: record.secretHash, attachments: record.attachments });
      expect(row!.answers).toMatchObject({ motherNik: MOTHER_NIK });
      for (const photo of [kk, ktp]) {
        const plain = await readUpload(db, photo.sha256);
        expect(plain).toMatchObject({ type: 'image/jpeg', complete: true });
        expect(plain!.data.equals(Buffer.from(photo.bytes))).toBe(true);
      }
      // The sealed copies are emptied but stay complete: declaring one again sends nothing.
      for (const f of sealed.files) {
        expect((await readUpload(db, f.sha256))?.data.length).toBe(0);
        const again = await app.inject({
          method: 'PUT',
          url: `/api/uploads/${f.sha256}`,
          payload: { type: SEALED_MEDIA_TYPE, size: f.size },
        });
        expect(UploadState.parse(again.json())).toMatchObject({ complete: true, received: f.size });
      }

      // The device lost the answer and sends again, photos and all: same answer, nothing doubled.
      for (const f of sealed.files) await uploadSealed(app, f);
      expect(await deliver([{ id: sealed.id, box: sealed.box }])).toEqual([first]);
      // A new sealing of the same record (fresh boxes) is still the same application.
      const resealed = await sealApplication(key, record, [kk, ktp]);
      expect(await deliver([{ id: resealed.id, box: resealed.box }])).toEqual([first]);
      expect(await rowCount(record.id)).toBe(1);
    });

    it('answers /api/track with a kiosk receipt’s provisional code once its sealed application is delivered', async () => {
      const track = async (code: string) => app.inject({ method: 'GET', url: `/api/track/${code}` });
      const [kk, ktp] = [jpeg(), jpeg()];
      const record = kioskRecord(kk, ktp);
      const code = provisionalCode(record.id);
      expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
      // Sealed on the tablet, not yet delivered: the server cannot know the code.
      expectError(await track(code), 404, 'not_found');

      const sealed = await sealApplication(key, record, [kk, ktp]);
      for (const f of sealed.files) await uploadSealed(app, f);
      const [result] = await deliver([{ id: sealed.id, box: sealed.box }]);
      expect(result).toMatchObject({ status: 'accepted' });
      const trackingNumber = result?.status === 'accepted' ? result.trackingNumber : '';
      const res = await track(code.toLowerCase().replace('-', ' '));
      expect(res.statusCode, res.body).toBe(200);
      expect(TrackingStatus.parse(res.json())).toMatchObject({
        trackingNumber,
        provisionalCode: code,
        serviceId: 'akta-kelahiran',
        status: 'received',
      });
      // Nothing personal: no name, no NIK, not the id the code is cut from.
      for (const text of [MOTHER, MOTHER_NIK, record.id]) expect(res.body).not.toContain(text);
      // The permanent number answers as before, without a provisional code.
      expect(TrackingStatus.parse((await track(trackingNumber)).json())).not.toHaveProperty('provisionalCode');

      // Only kiosk receipts have provisional codes: another channel's id answers nothing.
      const ref = (f: PlainFile) => ({ sha256: f.sha256, type: f.type, size: f.size, name: 'foto.jpg' });
      const { consent: _consent, ...online } = birthApplication(ref(kk), ref(ktp));
      await insertApplication(db, online);
      expectError(await track(provisionalCode(online.id)), 404, 'not_found');

      // Two delivered kiosk applications sharing the code's 32 bits: neither is answered by it.
      const tail = randomBytes(4).toString('hex');
      const twins = [0, 1].map(() => ({ ...kioskRecord(kk, ktp), id: `${uuidv7().slice(0, 28)}${tail}` }));
      for (const twin of twins) {
        const box = await sealApplication(key, twin, [kk, ktp]);
        for (const f of box.files) await uploadSealed(app, f);
        expect((await deliver([{ id: box.id, box: box.box }]))[0]).toMatchObject({ status: 'accepted' });
      }
      expectError(await track(provisionalCode(twins[0]!.id)), 404, 'not_found');
    });

    it('stores once when the same boxes arrive twice at the same time (a retry racing the first try)', async () => {
      const [kk, ktp] = [jpeg(), jpeg()];
      const sealed = await sealApplication(key, kioskRecord(kk, ktp), [kk, ktp]);
      for (const f of sealed.files) await uploadSealed(app, f);
      const [a, b] = await Promise.all([
        deliver([{ id: sealed.id, box: sealed.box }]),
        deliver([{ id: sealed.id, box: sealed.box }]),
      ]);
      expect(a).toEqual(b);
      expect(a[0]).toMatchObject({ id: sealed.id, status: 'accepted' });
      expect(await rowCount(sealed.id)).toBe(1);
      for (const photo of [kk, ktp])
        expect((await readUpload(db, photo.sha256))!.data.equals(Buffer.from(photo.bytes))).toBe(true);
    });

    it('names a sealed photo not yet uploaded by its sealed hash; once uploaded, the record is accepted', async () => {
      const [kk, ktp] = [jpeg(), jpeg()];
      const record = kioskRecord(kk, ktp);
      const sealed = await sealApplication(key, record, [kk, ktp]);
      await uploadSealed(app, sealed.files[0]!);
      // The other one only half sent.
      const half = sealed.files[1]!;
      await app.inject({
        method: 'PUT',
        url: `/api/uploads/${half.sha256}`,
        payload: { type: SEALED_MEDIA_TYPE, size: half.size },
      });
      await app.inject({
        method: 'PATCH',
        url: `/api/uploads/${half.sha256}`,
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
        payload: Buffer.from(half.bytes.subarray(0, 1000)),
      });

      const [missing] = await deliver([{ id: sealed.id, box: sealed.box }]);
      expect(missing).toEqual({ id: record.id, status: 'missing-attachments', sha256: [half.sha256] });
      expect(await rowCount(record.id)).toBe(0);
      // The photo that did arrive is opened already, so it is not asked for again.
      expect((await readUpload(db, kk.sha256))?.complete).toBe(true);

      await uploadSealed(app, half);
      const [accepted] = await deliver([{ id: sealed.id, box: sealed.box }]);
      expect(accepted).toMatchObject({ id: record.id, status: 'accepted' });
      expect(await rowCount(record.id)).toBe(1);
    });

    it('rejects, under _sealed, a changed box, another key, another id, broken contents, and keeps the good one of the batch', async () => {
      const [kk, ktp] = [jpeg(), jpeg()];
      const good = await sealApplication(key, kioskRecord(kk, ktp), [kk, ktp]);
      for (const f of good.files) await uploadSealed(app, f);

      const tamperedBox = Buffer.from(good.box, 'base64url');
      tamperedBox[tamperedBox.length - 20] = tamperedBox[tamperedBox.length - 20]! ^ 0x01;
      const tampered = kioskRecord(kk, ktp);
      const foreign = await sealApplication(await otherKey(), kioskRecord(kk, ktp), [kk, ktp]);
      const elsewhere = await sealApplication(key, kioskRecord(kk, ktp), [kk, ktp]);
      const notJson = uuidv7();
      const wrongShape = await sealApplication(key, kioskRecord(kk, ktp), [kk, ktp], (c) => ({
        ...c,
        kind: 'complaint',
      }));
      const noPhotoBox = await sealApplication(key, kioskRecord(kk, ktp), [kk, ktp], (c) => ({
        ...c,
        files: c.files.slice(1),
      }));
      const notABox = uuidv7();
      const boxes = [
        { id: tampered.id, box: toBase64Url(tamperedBox) },
        { id: foreign.id, box: foreign.box },
        { id: uuidv7(), box: elsewhere.box }, // a box under an id that is not its record's
        {
          id: notJson,
          box: toBase64Url(await sealBox(key, new TextEncoder().encode('{"kind":"application",'), 'record')),
        },
        { id: wrongShape.id, box: wrongShape.box },
        { id: noPhotoBox.id, box: noPhotoBox.box },
        { id: notABox, box: toBase64Url(randomBytes(200)) },
        { id: good.id, box: good.box },
      ];
      const results = await deliver(boxes);
      expect(results.map((r) => r.id)).toEqual(boxes.map((b) => b.id));
      expect(results.slice(0, 7).map(sealedCode)).toEqual([
        'undecryptable',
        'other_key',
        'invalid_sealed',
        'invalid_sealed',
        'invalid_sealed',
        'invalid_sealed',
        'invalid_sealed',
      ]);
      expect(results[7]).toMatchObject({ id: good.id, status: 'accepted' });
      expect(await rowCount(elsewhere.id)).toBe(0);
    });

    it('rejects a record whose photo box does not hold its photo, or is no photo box', async () => {
      const [kk, ktp, stranger] = [jpeg(), jpeg(), jpeg()];
      // The box named for the KK photo holds another picture.
      const swapped = await sealApplication(key, kioskRecord(kk, ktp), [kk, ktp]);
      const strangerBox = await sealFile(key, stranger);
      swapped.contents.files[0]!.sealed = strangerBox.sha256;
      swapped.contents.files[0]!.sealedSize = strangerBox.size;
      const swappedBox = toBase64Url(
        await sealBox(key, new TextEncoder().encode(JSON.stringify(swapped.contents)), 'record'),
      );
      await uploadSealed(app, strangerBox);
      await uploadSealed(app, swapped.files[1]!);
      // A photo sealed as a record: it does not open in the file context.
      const [kk2, ktp2] = [jpeg(), jpeg()];
      const wrongContext = await sealApplication(key, kioskRecord(kk2, ktp2), [kk2, ktp2]);
      const asRecord = await sealBox(key, kk2.bytes, 'record');
      const asRecordUpload = { sha256: sha256Hex(asRecord), size: asRecord.length, bytes: asRecord };
      wrongContext.contents.files[0] = {
        ...wrongContext.contents.files[0]!,
        sealed: asRecordUpload.sha256,
        sealedSize: asRecordUpload.size,
      };
      const wrongContextBox = toBase64Url(
        await sealBox(key, new TextEncoder().encode(JSON.stringify(wrongContext.contents)), 'record'),
      );
      await uploadSealed(app, asRecordUpload);
      await uploadSealed(app, wrongContext.files[1]!);

      const results = await deliver([
        { id: swapped.id, box: swappedBox },
        { id: wrongContext.id, box: wrongContextBox },
      ]);
      expect(results.map(sealedCode)).toEqual(['invalid_sealed', 'undecryptable']);
      expect(await readUpload(db, kk.sha256)).toBeNull();
      expect(await readUpload(db, kk2.sha256)).toBeNull();
    });

    it('answers the service rules as POST /api/submissions does', async () => {
      const [kk, ktp] = [jpeg(), jpeg()];
      const sealed = await sealApplication(key, kioskRecord(kk, ktp, { motherNik: '1234' }), [kk, ktp]);
      for (const f of sealed.files) await uploadSealed(app, f);
      const [result] = await deliver([{ id: sealed.id, box: sealed.box }]);
      expect(result?.status).toBe('rejected');
      expect(Object.keys((result as Extract<SubmissionResult, { status: 'rejected' }>).errors)).toContain('motherNik');
    });

    it('answers a malformed request with 400 JSON', async () => {
      const post = (payload: string, contentType = 'application/json') =>
        app.inject({ method: 'POST', url: '/api/sealed', headers: { 'content-type': contentType }, payload });
      expectError(await post('{"boxes": ['), 400);
      expectError(await post(JSON.stringify({ boxes: [] })), 400, 'invalid_request');
      expectError(
        await post(JSON.stringify({ boxes: [{ id: uuidv7(), box: 'not base64url!' }] })),
        400,
        'invalid_request',
      );
      expectError(await post(JSON.stringify({ boxes: [{ id: 'abc', box: 'AAAA' }] })), 400, 'invalid_request');
      expectError(await post(JSON.stringify({ records: [] })), 400, 'invalid_request');
      const tooMany = Array.from({ length: 101 }, () => ({ id: uuidv7(), box: 'AAAA' }));
      expectError(await post(JSON.stringify({ boxes: tooMany })), 400, 'invalid_request');
    });

    it('takes sealed boxes as uploads of their own type, and refuses anything else under it', async () => {
      const box = await sealFile(key, jpeg());
      await uploadSealed(app, box);
      expect(await readUpload(db, box.sha256)).toMatchObject({
        type: SEALED_MEDIA_TYPE,
        complete: true,
        size: box.size,
      });

      // A plain JPEG declared as sealed: refused at its first chunk.
      const photo = jpeg();
      const put = await app.inject({
        method: 'PUT',
        url: `/api/uploads/${photo.sha256}`,
        payload: { type: SEALED_MEDIA_TYPE, size: photo.size },
      });
      expect(put.statusCode, put.body).toBe(200);
      const patch = await app.inject({
        method: 'PATCH',
        url: `/api/uploads/${photo.sha256}`,
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
        payload: Buffer.from(photo.bytes),
      });
      expectError(patch, 422, 'type_mismatch');
      const big = await app.inject({
        method: 'PUT',
        url: `/api/uploads/${'ab'.repeat(32)}`,
        payload: { type: SEALED_MEDIA_TYPE, size: MAX_UPLOAD_BYTES[SEALED_MEDIA_TYPE] + 1 },
      });
      expectError(big, 413, 'upload_too_large');
    });

    it('logs counts only, never what the boxes hold', () => {
      const log = logLines.join('\n');
      expect(log).toContain('sealed submissions');
      for (const secret of [MOTHER_NIK, MOTHER, 'Muhammad Rizki']) expect(log).not.toContain(secret);
    });
  });
}
