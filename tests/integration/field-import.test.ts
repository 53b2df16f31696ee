// Field officers' export files (issue 7, field officer point 5; format version 2) on each real
// database: a field officer's device registers its signing key and fetches the office key; a file made
// with the domain functions, as the device makes it (five applications sealed at "Kirim" with their
// photos), imported by an officer stores five applications with tracking numbers and byte-identical
// photos; importing again, or the device then delivering the same boxes through POST /api/sealed (and
// the other way round), stores nothing twice and answers the same; tampered, foreign, revoked-key,
// disabled-account, wrong-server, wrong-officer (a header, or a record collected by another officer's
// device or on a kiosk) and non-export files are refused with 4xx JSON codes; the route refuses kiosks
// and field officers (403), anonymous callers (401) and cookie requests without CSRF; the audit log
// holds no personal data.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportPublicJwk,
  generateEcdhKeyPair,
  generateSigningKeyPair,
  jwkThumbprint,
} from '../../src/domain/crypto/keys.ts';
import { DeviceKeyList, DeviceKeyResponse, ExportKeyResponse, ImportResponse } from '../../src/domain/field/api.ts';
import { collectionStatement, signStatement } from '../../src/domain/field/collection.ts';
import {
  EXPORT_MEDIA_TYPE,
  type ExportFile,
  readExportFrame,
  sealExport,
} from '../../src/domain/field/export-format.ts';
import { SealedBatchResult } from '../../src/domain/sealing/api.ts';
import type { SubmissionRecord, SubmissionResult } from '../../src/domain/submissions/submission.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { readUpload } from '../../src/server/uploads/store.ts';
import {
  type Creds,
  caller,
  createAccount,
  enrolKiosk,
  expectApiError,
  fieldToken,
  firstAdministrator,
  signIn,
} from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { ktpApplication } from '../support/records.ts';
import {
  type PlainFile,
  type SealedApplication,
  sealApplication,
  sha256Hex as sha,
  uploadSealed,
} from '../support/sealing.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const ADMIN_PASSWORD = 'garam-kalianget-1987';
const PASSWORD = 'perahu-talango-2024';
const OFFICE = 'kecamatan-raas';
const NIKS = ['3529014507900003', '3529014507900011', '3529015203850002', '3529016110920004', '3529010101800001'];
const NAMES = ['Siti Aminah', 'Hasanah Wulandari', 'Moh. Rofiq', 'Nur Laila', 'Abdul Karim'];

type Device = { keyId: string; privateKey: CryptoKey; publicKey: Awaited<ReturnType<typeof exportPublicJwk>> };

async function newDevice(): Promise<Device> {
  const pair = await generateSigningKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  return { keyId: await jwkThumbprint(publicKey), privateKey: pair.privateKey, publicKey };
}

function jpeg(): PlainFile {
  const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(40_000)]));
  return { sha256: sha(bytes), type: 'image/jpeg', size: bytes.length, bytes };
}

/** What the officer collected, before "Kirim" signs and seals it. */
type Collection = { officerAccountId: string; records: SubmissionRecord[]; photos: PlainFile[] };

/** Five applications for five residents, each with a photo of the family card (two share one). */
function collected(officerAccountId: string, count = 5): Collection {
  const photos = [jpeg(), jpeg(), jpeg(), jpeg()];
  const records = Array.from({ length: count }, (_, i): SubmissionRecord => {
    const photo = photos[Math.min(i, photos.length - 1)]!;
    const name = NAMES[i % NAMES.length]!;
    return ktpApplication(
      { sha256: photo.sha256, type: photo.type, size: photo.size, name: 'kk.jpg' },
      { channel: 'field', applicant: { kind: 'resident', name }, deviceKeyHash: sha('tablet-jemput-bola') },
      { nik: NIKS[i % NIKS.length]!, fullName: name },
    );
  });
  const used = new Set(records.map((r) => r.attachments.kkDoc![0]!.sha256));
  return { officerAccountId, records, photos: photos.filter((p) => used.has(p.sha256)) };
}

for (const target of databaseTargets()) {
  describe(`field export import on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let call: ReturnType<typeof caller>;
    let harness: SeededApp | undefined;
    let admin: Creds;
    let officer: Creds;
    let field: Creds;
    let field2: Creds;
    let kiosk: Creds;
    let fieldAccountId: string;
    let field2AccountId: string;
    let device: Device;
    let serverKey: ExportKeyResponse;

    const importFile = (bytes: Uint8Array, creds: Creds = officer, contentType = EXPORT_MEDIA_TYPE) => {
      const headers: Record<string, string> = { 'content-type': contentType };
      if (creds.cookie) headers.cookie = creds.cookie;
      if (creds.csrf) headers['x-csrf-token'] = creds.csrf;
      if (creds.bearer) headers.authorization = `Bearer ${creds.bearer}`;
      return app.inject({ method: 'POST', url: '/api/office/imports', headers, payload: Buffer.from(bytes) });
    };
    // At "Kirim" the device signs each record with the officer's key (issue 7, field officer point
    // 2), then seals it and each photo to the office's key: the outbox holds only the boxes.
    const sealCollection = async (c: Collection, collector: Device = device): Promise<SealedApplication[]> => {
      const sealed: SealedApplication[] = [];
      for (const record of c.records) {
        record.collectedBy = {
          keyId: collector.keyId,
          signature: await signStatement(collector.privateKey, collectionStatement(record)),
        };
        sealed.push(await sealApplication(serverKey, record, c.photos));
      }
      return sealed;
    };
    /** The export file of sealed applications, as the device writes it from its outbox. */
    const exportOf = (
      officerAccountId: string,
      sealed: readonly SealedApplication[],
      signer: Device = device,
      server = serverKey,
    ) => {
      const files: ExportFile[] = sealed.flatMap((s) => s.files);
      return sealExport({
        contents: { officerAccountId, entries: sealed.map(({ id, box }) => ({ id, box })), files },
        signer,
        server: { keyId: server.keyId, publicKey: server.publicKey },
      });
    };
    const seal = async (c: Collection, signer: Device = device, server = serverKey) =>
      exportOf(c.officerAccountId, await sealCollection(c, signer), signer, server);
    /** The device's own sync of sealed applications: sealed photos, then the boxes. */
    const deliver = async (sealed: readonly SealedApplication[]): Promise<SubmissionResult[]> => {
      for (const s of sealed) for (const f of s.files) await uploadSealed(app, f);
      const res = await call('POST', '/api/sealed', {}, { boxes: sealed.map(({ id, box }) => ({ id, box })) });
      expect(res.statusCode, res.body).toBe(200);
      return SealedBatchResult.parse(res.json()).results;
    };
    const applicationCount = async () =>
      Number((await db.query<{ n: number }>('select count(*)::int as n from applications'))[0]!.n);
    const register = async (creds: Creds, d: Device) =>
      call('POST', '/api/field/device-keys', creds, { publicKey: d.publicKey });

    beforeAll(async () => {
      harness = await seededApp(target);
      ({ db, app } = harness);
      call = caller(app);
      admin = await firstAdministrator(app, db, ADMIN_PASSWORD);
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
          name: 'Petugas Lapangan',
          role: 'field-officer',
          officeIds: [OFFICE],
          password: PASSWORD,
        })
      ).id;
      field2AccountId = (
        await createAccount(app, admin, {
          username: 'jemput.dua',
          name: 'Petugas Dua',
          role: 'field-officer',
          officeIds: [OFFICE],
          password: PASSWORD,
        })
      ).id;
      officer = await signIn(app, 'petugas.raas', PASSWORD);
      field = await fieldToken(app, 'jemput.bola', PASSWORD);
      field2 = await fieldToken(app, 'jemput.dua', PASSWORD);
      kiosk = await enrolKiosk(app, admin, OFFICE);
      device = await newDevice();
    });

    afterAll(() => harness?.close());

    it('serves the office key to field officers only, the same key every time', async () => {
      const res = await call('GET', '/api/field/export-key', field);
      expect(res.statusCode, res.body).toBe(200);
      serverKey = ExportKeyResponse.parse(res.json());
      expect(serverKey.keyId).toBe(await jwkThumbprint(serverKey.publicKey));
      expect(res.body).not.toMatch(/"d"\s*:/); // never the private key
      expect(ExportKeyResponse.parse((await call('GET', '/api/field/export-key', field2)).json()).keyId).toBe(
        serverKey.keyId,
      );
      expectApiError(await call('GET', '/api/field/export-key'), 401, 'unauthenticated');
      expectApiError(await call('GET', '/api/field/export-key', officer), 403, 'forbidden');
      expectApiError(await call('GET', '/api/field/export-key', kiosk), 403, 'forbidden');
    });

    it('registers a device signing key for the signed-in field officer', async () => {
      const first = await register(field, device);
      expect(first.statusCode, first.body).toBe(201);
      expect(DeviceKeyResponse.parse(first.json())).toEqual({ keyId: device.keyId, accountId: fieldAccountId });
      expect((await register(field, device)).statusCode).toBe(200); // again: harmless
      expectApiError(await register(field2, device), 409, 'key_taken');
      expectApiError(await register({}, device), 401, 'unauthenticated');
      expectApiError(await register(officer, device), 403, 'forbidden');
      expectApiError(await register(kiosk, device), 403, 'forbidden');
      expectApiError(
        await call('POST', '/api/field/device-keys', field, {
          publicKey: { kty: 'EC', crv: 'P-256', x: 'abc', y: 'def' },
        }),
        400,
      );
    });

    it('imports a file of five applications once: tracking numbers, byte-identical photos; again → the same, nothing doubled; then the device syncs → the same', async () => {
      const collection = collected(fieldAccountId);
      const sealed = await sealCollection(collection);
      const file = await exportOf(fieldAccountId, sealed);
      const before = await applicationCount();

      const res = await importFile(file);
      expect(res.statusCode, res.body).toBe(200);
      const first = ImportResponse.parse(res.json());
      // Five sealed photo boxes: the two applications that share a photo each sealed it apart.
      expect(first).toMatchObject({
        keyId: device.keyId,
        officerAccountId: fieldAccountId,
        files: { total: 5, stored: 5, present: 0 },
      });
      expect(first.results.map((r) => r.status)).toEqual(Array(5).fill('accepted'));
      expect(first.results.map((r) => r.id)).toEqual(collection.records.map((r) => r.id));
      expect(await applicationCount()).toBe(before + 5);
      for (const photo of collection.photos) {
        const stored = await readUpload(db, photo.sha256);
        expect(stored).toMatchObject({ type: 'image/jpeg', complete: true });
        expect(stored!.data.equals(Buffer.from(photo.bytes))).toBe(true);
      }
      // The sealed copies served their purpose: emptied, still complete.
      for (const f of sealed.flatMap((s) => s.files))
        expect(await readUpload(db, f.sha256)).toMatchObject({ complete: true, data: Buffer.alloc(0) });
      const rows = await db.query<{ id: string; channel: string; tracking_number: string; collected_by: string }>(
        'select id::text, channel, tracking_number, collected_by::text from applications where id = any($1::uuid[])',
        [collection.records.map((r) => r.id)],
      );
      expect(rows.map((r) => r.channel)).toEqual(Array(5).fill('field'));
      expect(rows.map((r) => r.collected_by)).toEqual(Array(5).fill(fieldAccountId)); // the signer's officer

      // The same file again (e.g. from a second USB stick): same answers, nothing new.
      const again = ImportResponse.parse((await importFile(file, officer, 'application/octet-stream')).json());
      expect(again.results).toEqual(first.results);
      expect(again.files).toEqual({ total: 5, stored: 0, present: 5 });
      expect(await applicationCount()).toBe(before + 5);

      // The tablet gets coverage and its outbox delivers the same boxes: same tracking numbers.
      expect(await deliver(sealed)).toEqual(first.results);
      expect(await applicationCount()).toBe(before + 5);

      // The administrator imports too: allowed, still nothing doubled.
      expect(ImportResponse.parse((await importFile(file, admin)).json()).results).toEqual(first.results);
      expect(await applicationCount()).toBe(before + 5);
    });

    it('imports after the device delivered part of its queue: the delivered ones keep their tracking numbers', async () => {
      const sealed = await sealCollection(collected(fieldAccountId, 3));
      // The device reached coverage long enough to deliver the first application only.
      const [synced] = await deliver(sealed.slice(0, 1));
      expect(synced?.status).toBe('accepted');
      const before = await applicationCount();

      // Its export file still holds all three (the outbox had not heard back), photos and all.
      const imported = ImportResponse.parse((await importFile(await exportOf(fieldAccountId, sealed))).json());
      expect(imported.results[0]).toEqual(synced);
      expect(imported.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
      expect(imported.files).toMatchObject({ total: 3, present: 1, stored: 2 });
      expect(await applicationCount()).toBe(before + 2);
      // And the rest of the queue then delivered by the device: the same answers.
      expect(await deliver(sealed)).toEqual(imported.results);
      expect(await applicationCount()).toBe(before + 2);
    });

    it('refuses a changed byte (header or contents) as tampered, and stores nothing', async () => {
      const sealed = await sealCollection(collected(fieldAccountId, 1));
      const file = await exportOf(fieldAccountId, sealed);
      const frame = readExportFrame(file);
      const before = await applicationCount();
      for (const at of [frame.preamble.length - 10, file.length - 100]) {
        const changed = file.slice();
        changed[at] = changed[at]! ^ 0x01;
        const res = await importFile(changed);
        expectApiError(res, 422, 'tampered');
      }
      expect(await applicationCount()).toBe(before);
      expect(await readUpload(db, sealed[0]!.files[0]!.sha256)).toBeNull();
    });

    it('refuses a file signed by an unregistered device as foreign', async () => {
      expectApiError(
        await importFile(await seal(collected(fieldAccountId, 1), await newDevice())),
        422,
        'foreign_export',
      );
    });

    it('refuses a revoked key, and every key of a disabled account', async () => {
      const second = await newDevice();
      expect((await register(field2, second)).statusCode).toBe(201);
      const third = await newDevice();
      expect((await register(field2, third)).statusCode).toBe(201);
      const file = await seal(collected(field2AccountId, 1), second);
      expect((await importFile(await seal(collected(field2AccountId, 1), second))).statusCode).toBe(200);

      // The officer revokes the key (a lost tablet): its files are refused from then on.
      expectApiError(await call('DELETE', `/api/field/device-keys/${second.keyId}`, field), 404, 'not_found'); // not theirs
      expect((await call('DELETE', `/api/field/device-keys/${second.keyId}`, field2)).statusCode).toBe(204);
      expectApiError(await importFile(file), 422, 'revoked_key');
      expectApiError(await register(field2, second), 409, 'key_revoked');

      // The administrator's list says which keys still sign (to find a lost tablet's); an officer sees only their own.
      const keysOf = async (creds: Creds, query = '') => {
        const res = await call('GET', `/api/field/device-keys${query}`, creds);
        expect(res.statusCode, res.body).toBe(200);
        return DeviceKeyList.parse(res.json()).keys;
      };
      const all = await keysOf(admin);
      expect(all.find((k) => k.keyId === second.keyId)).toMatchObject({
        accountId: field2AccountId,
        active: false,
        revokedAt: expect.any(String),
      });
      expect(all.find((k) => k.keyId === third.keyId)).toMatchObject({
        accountId: field2AccountId,
        active: true,
        revokedAt: null,
      });
      expect(all.some((k) => k.accountId === fieldAccountId)).toBe(true);
      expect((await keysOf(admin, `?accountId=${field2AccountId}`)).map((k) => k.keyId).sort()).toEqual(
        [second.keyId, third.keyId].sort(),
      );
      expect((await keysOf(field2)).map((k) => k.keyId).sort()).toEqual([second.keyId, third.keyId].sort());
      expect((await keysOf(field2, `?accountId=${fieldAccountId}`)).every((k) => k.accountId === field2AccountId)).toBe(
        true,
      );
      expectApiError(await call('GET', '/api/field/device-keys?accountId=nope', admin), 400);
      expectApiError(await call('GET', '/api/field/device-keys', officer), 403);

      // Disabling the account revokes its other keys too.
      const thirdFile = await seal(collected(field2AccountId, 1), third);
      const disabled = await call('PATCH', `/api/admin/accounts/${field2AccountId}`, admin, { disabled: true });
      expect(disabled.statusCode, disabled.body).toBe(200);
      expectApiError(await importFile(thirdFile), 422, 'revoked_key');
      expect((await keysOf(admin, `?accountId=${field2AccountId}`)).map((k) => k.active)).toEqual([false, false]);
    });

    it('refuses a file for another server key, of another officer than the signer, and what is no export', async () => {
      const other = await generateEcdhKeyPair();
      const otherPublic = await exportPublicJwk(other.publicKey);
      const foreignServer = {
        format: serverKey.format,
        version: serverKey.version,
        keyId: await jwkThumbprint(otherPublic),
        publicKey: otherPublic,
      };
      expectApiError(
        await importFile(await seal(collected(fieldAccountId, 1), device, foreignServer)),
        422,
        'undecryptable',
      );
      // Signed by this officer's key, but the header names another officer.
      expectApiError(await importFile(await seal(collected(field2AccountId, 1)), officer), 422, 'wrong_officer');
      expectApiError(await importFile(new Uint8Array(randomBytes(500))), 400, 'not_an_export');
      const v9 = (await seal(collected(fieldAccountId, 1))).slice();
      v9[8] = 9;
      expectApiError(await importFile(v9), 400, 'unsupported_version');
      expectApiError(await importFile(new Uint8Array(0)), 400);
      const json = await app.inject({
        method: 'POST',
        url: '/api/office/imports',
        headers: { cookie: officer.cookie!, 'x-csrf-token': officer.csrf!, 'content-type': 'application/json' },
        payload: '{"records":[]}',
      });
      expectApiError(json, 400, 'not_an_export');
    });

    it('refuses, as wrong_officer and storing nothing, a file with one record another officer collected, or a kiosk record', async () => {
      // A third officer of the office, with a registered tablet of their own (the second one was disabled above).
      const thirdAccountId = (
        await createAccount(app, admin, {
          username: 'jemput.tiga',
          name: 'Petugas Tiga',
          role: 'field-officer',
          officeIds: [OFFICE],
          password: PASSWORD,
        })
      ).id;
      const other = await newDevice();
      expect((await register(await fieldToken(app, 'jemput.tiga', PASSWORD), other)).statusCode).toBe(201);
      const before = await applicationCount();
      const own = await sealCollection(collected(fieldAccountId, 2));
      // Collected (signed at "Kirim") on another officer's tablet, then put into this officer's file.
      const theirs = await sealCollection(collected(thirdAccountId, 1), other);
      expectApiError(await importFile(await exportOf(fieldAccountId, [...own, ...theirs])), 422, 'wrong_officer');
      // Signed by a device key this server never registered.
      const unknown = await sealCollection(collected(fieldAccountId, 1), await newDevice());
      expectApiError(await importFile(await exportOf(fieldAccountId, [...own, ...unknown])), 422, 'wrong_officer');
      // A kiosk's application (no collecting officer at all).
      const kioskCollection = collected(fieldAccountId, 1);
      const kioskRecord = { ...kioskCollection.records[0]!, channel: 'kiosk' as const };
      const kioskSealed = await sealApplication(serverKey, kioskRecord, kioskCollection.photos);
      expectApiError(await importFile(await exportOf(fieldAccountId, [...own, kioskSealed])), 422, 'wrong_officer');
      expect(await applicationCount()).toBe(before);
      for (const f of own.flatMap((s) => s.files)) expect(await readUpload(db, f.sha256)).toBeNull();
      // The officer's own records alone import.
      expect(
        ImportResponse.parse((await importFile(await exportOf(fieldAccountId, own))).json()).results.map(
          (r) => r.status,
        ),
      ).toEqual(['accepted', 'accepted']);
    });

    it('answers boxes that do not open as POST /api/sealed does, and still imports the others', async () => {
      const collection = collected(fieldAccountId, 2);
      const [good, foreignBox] = await sealCollection(collection);
      const otherServer = await exportPublicJwk((await generateEcdhKeyPair()).publicKey);
      const foreign = await sealApplication(
        { keyId: await jwkThumbprint(otherServer), publicKey: otherServer },
        foreignBox!.contents.record,
        collection.photos,
      );
      const res = ImportResponse.parse((await importFile(await exportOf(fieldAccountId, [good!, foreign]))).json());
      expect(res.results[0]).toMatchObject({ id: good!.id, status: 'accepted' });
      expect(res.results[1]).toEqual({
        id: foreign.id,
        status: 'rejected',
        errors: { _sealed: { code: 'other_key' } },
      });
    });

    it('lets only officers and administrators import: 401 anonymous, 403 kiosk and field tokens, 403 without CSRF', async () => {
      const file = await seal(collected(fieldAccountId, 1));
      const before = await applicationCount();
      expectApiError(await importFile(file, {}), 401, 'unauthenticated');
      expectApiError(await importFile(file, kiosk), 403, 'forbidden');
      expectApiError(await importFile(file, field), 403, 'forbidden');
      expectApiError(await importFile(file, { cookie: officer.cookie! }), 403, 'csrf');
      expect(await applicationCount()).toBe(before);
    });

    it('audits imports and refusals with ids and counts, never personal data', async () => {
      const rows = await db.query<{
        action: string;
        account_id: string | null;
        target_id: string | null;
        detail: Record<string, unknown>;
      }>(`select action, account_id::text, target_id, detail from audit_log where action like 'field.%' order by id`);
      const actions = rows.map((r) => r.action);
      expect(actions).toContain('field.device-key.register');
      expect(actions).toContain('field.device-key.revoke');
      expect(actions).toContain('field.import');
      const refused = rows.filter((r) => r.action === 'field.import-refused').map((r) => r.detail.code);
      expect(refused).toEqual(
        expect.arrayContaining([
          'tampered',
          'foreign_export',
          'revoked_key',
          'undecryptable',
          'wrong_officer',
          'not_an_export',
        ]),
      );
      const imported = rows.find((r) => r.action === 'field.import')!;
      expect(imported.detail).toMatchObject({ officerAccountId: fieldAccountId, records: 5, accepted: 5 });
      const text = JSON.stringify(rows);
      for (const secret of [...NIKS, ...NAMES]) expect(text).not.toContain(secret);
    });

    it('answers like POST /api/submissions for a record the rules refuse', async () => {
      const collection = collected(fieldAccountId, 1);
      collection.records[0] = {
        ...collection.records[0]!,
        answers: { ...collection.records[0]!.answers, nik: '1234' },
      };
      const res = ImportResponse.parse((await importFile(await seal(collection))).json());
      const result = res.results[0] as Extract<SubmissionResult, { status: 'rejected' }>;
      expect(result.status).toBe('rejected');
      expect(Object.keys(result.errors)).toContain('nik');
    });
  });
}
