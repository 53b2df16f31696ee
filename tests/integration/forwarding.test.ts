// Forwarding between offices (issue 16 point 2) on each real database: a birth certificate received
// at a kecamatan cannot be made ready or completed there (403 JSON), is forwarded to Disdukcapil with
// its photos and history, leaves the kecamatan's queue, joins Disdukcapil's, and the resident's device
// pulls where it is; only officers of the holding office (or administrators) may forward, only to an
// issuing office of the service.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationDetailSchema, MoveConflict, QueuePageSchema } from '../../src/domain/backoffice/api.ts';
import { ForwardResponse } from '../../src/domain/backoffice/forwarding.ts';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import { submitBatch } from '../../src/server/applications/store.ts';
import { pullApplicationUpdates } from '../../src/server/applications/updates.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { appendChunk, declareUpload } from '../../src/server/uploads/store.ts';
import { type Creds, caller, createAccount, expectApiError, signIn, staffOfTwoOffices } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { birthApplication, ktpApplication } from '../support/records.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const KECAMATAN = 'kecamatan-raas';
const OTHER_KECAMATAN = 'kecamatan-sapeken';
const DISDUKCAPIL = 'disdukcapil-sumenep';
const PASSWORD = 'perahu-talango-2024';
const hash = (s: string) => createHash('sha256').update(s).digest('hex');

function photo(name: string): { bytes: Buffer; ref: AttachmentRef } {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300)]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, ref: { sha256, type: 'image/jpeg', size: bytes.length, name } };
}

for (const target of databaseTargets()) {
  describe(`forwarding between offices on ${target.kind}`, () => {
    let harness: SeededApp | undefined;
    let app: FastifyInstance;
    let db: Database;
    let call: ReturnType<typeof caller>;
    let admin: Creds;
    let kecamatan: Creds;
    let otherKecamatan: Creds;
    let field: Creds;
    let kiosk: Creds;
    let dukcapil: Creds;
    const kk = photo('kk.jpg');
    const ktp = photo('ktp.jpg');
    const deviceKey = randomBytes(32).toString('hex');

    const birth = async () => {
      const record = birthApplication(kk.ref, ktp.ref, { officeId: KECAMATAN, deviceKeyHash: hash(deviceKey) });
      const [result] = await submitBatch(db, [record]);
      expect(result!.status, JSON.stringify(result)).toBe('accepted');
      return record.id;
    };
    const detail = async (id: string, creds: Creds) => {
      const res = await call('GET', `/api/office/applications/${id}`, creds);
      expect(res.statusCode, res.body).toBe(200);
      return ApplicationDetailSchema.parse(res.json());
    };
    const move = (id: string, creds: Creds, body: Record<string, unknown>) =>
      call('POST', `/api/office/applications/${id}/moves`, creds, body);
    const openQueue = async (creds: Creds) =>
      QueuePageSchema.parse(
        (
          await call(
            'GET',
            '/api/office/applications?status=received&status=verifying&status=processing&limit=200',
            creds,
          )
        ).json(),
      ).rows.map((r) => r.id);

    beforeAll(async () => {
      harness = await seededApp(target, {
        beforeApp: async (db) => {
          for (const p of [kk, ktp]) {
            await declareUpload(db, p.ref.sha256, 'image/jpeg', p.ref.size);
            await appendChunk(db, p.ref.sha256, 0, p.bytes);
          }
        },
      });
      ({ db, app } = harness);
      call = caller(app);
      ({
        admin,
        officerA: kecamatan,
        officerB: otherKecamatan,
        field,
        kiosk,
      } = await staffOfTwoOffices(app, db, {
        offices: [KECAMATAN, OTHER_KECAMATAN],
        adminPassword: 'garam-kalianget-1987',
        password: PASSWORD,
      }));
      await createAccount(app, admin, {
        username: 'petugas.dukcapil',
        name: 'Petugas Dukcapil',
        role: 'officer',
        officeIds: [DISDUKCAPIL],
        password: PASSWORD,
      });
      dukcapil = await signIn(app, 'petugas.dukcapil', PASSWORD);
    });

    afterAll(() => harness?.close());

    it('refuses forwarding to anyone but an officer of the holding office or an administrator', async () => {
      const id = await birth();
      const url = `/api/office/applications/${id}/forward`;
      const body = { toOfficeId: DISDUKCAPIL };
      expectApiError(await call('POST', url, {}, body), 401, 'unauthenticated');
      expectApiError(await call('POST', url, kiosk, body), 403, 'forbidden');
      expectApiError(await call('POST', url, field, body), 403, 'forbidden');
      expectApiError(await call('POST', url, { cookie: kecamatan.cookie! }, body), 403, 'csrf');
      expectApiError(await call('POST', url, otherKecamatan, body), 404, 'not_found');
      // Disdukcapil's officer does not hold it yet: as if it did not exist.
      expectApiError(await call('POST', url, dukcapil, body), 404, 'not_found');
      expectApiError(await call('POST', url, kecamatan, { toOfficeId: 'Not A Slug!' }), 400, 'invalid_request');
      const [row] = await db.query<{ office_id: string }>('select office_id from applications where id = $1::uuid', [
        id,
      ]);
      expect(row!.office_id).toBe(KECAMATAN);
      // An administrator may.
      const res = await call('POST', url, admin, body);
      expect(res.statusCode, res.body).toBe(200);
    });

    it('keeps a kecamatan from issuing a birth certificate and forwards it to Disdukcapil with its photos and history', async () => {
      const id = await birth();
      const atKecamatan = await detail(id, kecamatan);
      expect(atKecamatan.issuing).toEqual({ mayIssue: false, forwardTo: [DISDUKCAPIL, 'mpp-sumenep'] });
      expect(await openQueue(kecamatan)).toContain(id);

      // The kecamatan verifies and may process, but never makes it ready or completes it.
      expect((await move(id, kecamatan, { to: 'verifying' })).statusCode).toBe(200);
      expect((await move(id, kecamatan, { to: 'processing' })).statusCode).toBe(200);
      const ready = await move(id, kecamatan, {
        to: 'ready',
        pickup: { place: "Kantor Kecamatan Ra'as", from: '2026-12-07T08:00:00+07:00' },
      });
      expectApiError(ready, 403, 'office.may-not-issue');
      expect(ready.json().error.message).toContain('disdukcapil');
      expect(
        (await db.query<{ status: string }>('select status from applications where id = $1', [id]))[0]!.status,
      ).toBe('processing');

      // Only to an issuing office of the service.
      expectApiError(
        await call('POST', `/api/office/applications/${id}/forward`, kecamatan, { toOfficeId: OTHER_KECAMATAN }),
        422,
        'forward.target',
      );
      expectApiError(
        await call('POST', `/api/office/applications/${id}/forward`, kecamatan, { toOfficeId: 'puskesmas-raas' }),
        422,
        'forward.target',
      );
      // Stale: the officer was looking at another status.
      const stale = await call('POST', `/api/office/applications/${id}/forward`, kecamatan, {
        toOfficeId: DISDUKCAPIL,
        expected: 'verifying',
      });
      expect(stale.statusCode).toBe(409);
      expect(MoveConflict.parse(stale.json())).toMatchObject({ error: { code: 'stale' }, current: 'processing' });

      const { checkpoint } = await pullApplicationUpdates(db, hash(deviceKey), 0, 100);
      const res = await call('POST', `/api/office/applications/${id}/forward`, kecamatan, {
        toOfficeId: DISDUKCAPIL,
        note: 'Diteruskan ke Disdukcapil untuk penerbitan akta.',
        expected: 'processing',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(ForwardResponse.parse(res.json())).toMatchObject({ id, fromOfficeId: KECAMATAN, officeId: DISDUKCAPIL });

      // Out of the kecamatan's queue and scope; in Disdukcapil's, with photos and history.
      expect(await openQueue(kecamatan)).not.toContain(id);
      expectApiError(await call('GET', `/api/office/applications/${id}`, kecamatan), 404, 'not_found');
      expect(await openQueue(dukcapil)).toContain(id);
      const atDukcapil = await detail(id, dukcapil);
      expect(atDukcapil).toMatchObject({ officeId: DISDUKCAPIL, status: 'processing' });
      expect(atDukcapil.issuing.mayIssue).toBe(true);
      expect(atDukcapil.attachments.map((a) => a.sha256)).toContain(kk.ref.sha256);
      expect(atDukcapil.history.map((h) => [h.kind, h.to])).toEqual([
        ['move', 'verifying'],
        ['move', 'processing'],
        ['forward', 'processing'],
      ]);
      expect(atDukcapil.history.at(-1)).toMatchObject({ fromOfficeId: KECAMATAN, toOfficeId: DISDUKCAPIL });
      const photoRes = await call('GET', `/api/office/applications/${id}/files/${kk.ref.sha256}`, dukcapil);
      expect(photoRes.statusCode).toBe(200);

      // The resident's device pulls where it is.
      const pulled = await pullApplicationUpdates(db, hash(deviceKey), checkpoint.seq, 100);
      expect(pulled.documents.find((d) => d.id === id)).toMatchObject({
        officeId: DISDUKCAPIL,
        status: 'processing',
        message: 'Diteruskan ke Disdukcapil untuk penerbitan akta.',
      });

      // Disdukcapil issues it.
      expect(
        (
          await move(id, dukcapil, {
            to: 'ready',
            pickup: { place: 'Disdukcapil Sumenep', from: '2026-12-07T08:00:00+07:00' },
          })
        ).statusCode,
      ).toBe(200);
      expect((await move(id, dukcapil, { to: 'completed' })).statusCode).toBe(200);
      const [audit] = await db.query<{ office_id: string; detail: Record<string, unknown> }>(
        `select office_id, detail from audit_log where action = 'application.forward' and target_id = $1`,
        [id],
      );
      expect(audit).toMatchObject({ office_id: KECAMATAN, detail: { to: DISDUKCAPIL } });
    });

    it('lets every serving office issue a service whose standard names no issuing types, with nothing to forward', async () => {
      const record = ktpApplication(kk.ref, { officeId: KECAMATAN });
      const [result] = await submitBatch(db, [record]);
      expect(result!.status, JSON.stringify(result)).toBe('accepted');
      expect((await detail(record.id, kecamatan)).issuing).toEqual({ mayIssue: true, forwardTo: [] });
      expectApiError(
        await call('POST', `/api/office/applications/${record.id}/forward`, kecamatan, { toOfficeId: DISDUKCAPIL }),
        422,
        'forward.target',
      );
      for (const to of ['verifying', 'processing'])
        expect((await move(record.id, kecamatan, { to })).statusCode).toBe(200);
      const ready = await move(record.id, kecamatan, {
        to: 'ready',
        pickup: { place: "Kantor Kecamatan Ra'as", from: '2026-12-07T08:00:00+07:00' },
      });
      expect(ready.statusCode, ready.body).toBe(200);
    });
  });
}
