// Issued documents (issue #15) over HTTP on each real database: the office attaches an uploaded PDF
// with its move to ready (no pickup place needed) or completed; the resident's device pulls it with
// the status and its timeline; who may download it (officers of its office and administrators; the
// holder of the application's secret; nobody else); the public verification by code, which tells
// office, service, date and SHA-256 and nothing personal; and the bounds (not uploaded, not a
// document type, a "signed" PDF without a signature, the same file twice, malformed codes).
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationDetailSchema } from '../../src/domain/backoffice/api.ts';
import { DocumentVerification } from '../../src/domain/documents/document.ts';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import { ApplicationUpdate } from '../../src/domain/submissions/submission.ts';
import { CHUNK_CONTENT_TYPE, OFFSET_HEADER } from '../../src/domain/uploads.ts';
import { submitBatch } from '../../src/server/applications/store.ts';
import { moveApplication } from '../../src/server/office/queue.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { appendChunk, declareUpload } from '../../src/server/uploads/store.ts';
import { type Creds, caller, expectApiError, staffOfTwoOffices } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { ktpApplication } from '../support/records.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const OFFICE_A = 'kecamatan-raas';
const OFFICE_B = 'kecamatan-sapeken';
const NAME = 'Siti Aminah';
const NIK = '3529014507900003';
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A small PDF; `signed` adds a signature dictionary as a PAdES signer writes one. */
function pdf(text: string, signed = false): Buffer {
  const sig = signed
    ? '4 0 obj << /Type /Sig /Filter /Adobe.PPKLite /ByteRange [0 100 200 50] /Contents <00> >> endobj\n'
    : '';
  return Buffer.from(
    `%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% ${text} ${randomBytes(8).toString('hex')}\n${sig}%%EOF\n`,
    'latin1',
  );
}

for (const target of databaseTargets()) {
  describe(`issued documents on ${target.kind}`, () => {
    let harness: SeededApp | undefined;
    let app: FastifyInstance;
    let db: Database;
    let call: ReturnType<typeof caller>;
    let staff: Awaited<ReturnType<typeof staffOfTwoOffices>>;
    const deviceKey = randomBytes(32).toString('hex');
    const secretA = randomBytes(32).toString('hex');
    const secretB = randomBytes(32).toString('hex');
    let appA: string;
    let appB: string;
    const kk = (() => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300)]);
      const ref: AttachmentRef = { sha256: sha(bytes), type: 'image/jpeg', size: bytes.length, name: 'kk.jpg' };
      return { bytes, ref };
    })();
    const issued = pdf('KK digital');
    const signedPdf = pdf('KK digital bertanda tangan', true);

    /** Through the real upload routes, as the office's browser does. */
    async function upload(bytes: Buffer, type = 'application/pdf') {
      const url = `/api/uploads/${sha(bytes)}`;
      const declared = await call('PUT', url, {}, { type, size: bytes.length });
      expect(declared.statusCode, declared.body).toBe(200);
      const sent = await app.inject({
        method: 'PATCH',
        url,
        headers: { 'content-type': CHUNK_CONTENT_TYPE, [OFFSET_HEADER]: '0' },
        payload: bytes,
      });
      expect(sent.json()).toMatchObject({ complete: true });
    }

    const submit = async (officeId: string, secret: string) => {
      const record = ktpApplication(
        kk.ref,
        { applicant: { kind: 'self', name: NAME }, deviceKeyHash: sha(deviceKey), officeId, secretHash: sha(secret) },
        { nik: NIK, fullName: NAME },
      );
      const [result] = await submitBatch(db, [record]);
      expect(result?.status, JSON.stringify(result)).toBe('accepted');
      return record.id;
    };

    const move = (id: string, body: object, who: Creds = staff.officerA) =>
      call('POST', `/api/office/applications/${id}/moves`, who, body);
    const detail = async (id: string, who: Creds = staff.officerA) =>
      ApplicationDetailSchema.parse((await call('GET', `/api/office/applications/${id}`, who)).json());
    const pull = async () => {
      const res = await call('GET', '/api/sync/applications/pull?seq=0&limit=100', { bearer: deviceKey });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { documents: unknown[] }).documents.map((d) => ApplicationUpdate.parse(d));
    };

    beforeAll(async () => {
      harness = await seededApp(target, {
        beforeApp: async (db) => {
          await declareUpload(db, kk.ref.sha256, 'image/jpeg', kk.ref.size);
          await appendChunk(db, kk.ref.sha256, 0, kk.bytes);
        },
      });
      ({ db, app } = harness);
      call = caller(app);
      staff = await staffOfTwoOffices(app, db, {
        offices: [OFFICE_A, OFFICE_B],
        adminPassword: 'garam-kalianget-1987',
        password: 'perahu-talango-2024',
      });
      appA = await submit(OFFICE_A, secretA);
      appB = await submit(OFFICE_B, secretB);
      for (const to of ['verifying', 'processing']) {
        expect((await move(appA, { to })).statusCode).toBe(200);
        expect((await move(appB, { to }, staff.officerB)).statusCode).toBe(200);
      }
      await upload(issued);
    });

    afterAll(() => harness?.close());

    it('refuses a document that is not uploaded, incomplete, not a document type, or falsely "signed"; nothing moves', async () => {
      const missing = pdf('never uploaded');
      expectApiError(
        await move(appA, { to: 'ready', document: { sha256: sha(missing) } }),
        422,
        'document.not-uploaded',
      );

      const partial = Buffer.concat([pdf('partly sent'), randomBytes(20_000)]);
      await call('PUT', `/api/uploads/${sha(partial)}`, {}, { type: 'application/pdf', size: partial.length });
      await app.inject({
        method: 'PATCH',
        url: `/api/uploads/${sha(partial)}`,
        headers: { 'content-type': CHUNK_CONTENT_TYPE, [OFFSET_HEADER]: '0' },
        payload: partial.subarray(0, 17_000),
      });
      expectApiError(
        await move(appA, { to: 'ready', document: { sha256: sha(partial) } }),
        422,
        'document.not-uploaded',
      );

      expectApiError(
        await move(appA, { to: 'ready', document: { sha256: sha(issued), signed: true } }),
        422,
        'document.not-signed',
      );
      // A photo is a document type, but a JPEG is never a signed PDF.
      expectApiError(
        await move(appA, { to: 'ready', document: { sha256: kk.ref.sha256, signed: true } }),
        422,
        'document.not-signed',
      );
      // Ready with neither a pickup nor a document, an oversized note, a malformed hash: 400, before any check.
      expectApiError(await move(appA, { to: 'ready', note: 'siap' }), 400, 'invalid_request');
      expectApiError(
        await move(appA, { to: 'ready', document: { sha256: sha(issued), note: 'x'.repeat(1001) } }),
        400,
        'invalid_request',
      );
      expectApiError(await move(appA, { to: 'ready', document: { sha256: 'ABC' } }), 400, 'invalid_request');
      expect((await detail(appA)).status).toBe('processing');
      expect((await db.query('select 1 from application_documents')).length).toBe(0);
    });

    it('moves with its document or not at all: a document that cannot be stored rolls the move back', async () => {
      // Past the route's checks (as a race with a vanished upload would be): the insert finds no upload.
      const ghost = sha(pdf('vanished'));
      await expect(
        moveApplication(
          db,
          'all',
          appA,
          { to: 'ready', document: { sha256: ghost } },
          { accountId: null, role: 'officer' },
        ),
      ).rejects.toThrow(/issued document/);
      expect((await detail(appA)).status).toBe('processing');
      expect((await detail(appA)).history.map((h) => h.to)).toEqual(['verifying', 'processing']);
      expect((await db.query('select 1 from application_documents')).length).toBe(0);
    });

    it('issues the document with the move to ready, without a pickup place, and the device pulls it with its timeline', async () => {
      const res = await move(appA, {
        to: 'ready',
        expected: 'processing',
        note: 'Dokumen dapat diunduh dari aplikasi.',
        document: { sha256: sha(issued), note: 'KK digital, cetak di kertas HVS.' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const d = await detail(appA);
      expect(d.status).toBe('ready');
      expect(d.pickup).toBeNull();
      expect(d.documents).toEqual([
        {
          code: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{16}$/),
          sha256: sha(issued),
          type: 'application/pdf',
          size: issued.length,
          note: 'KK digital, cetak di kertas HVS.',
          signed: false,
          status: 'ready',
          issuedAt: expect.any(String),
        },
      ]);

      const mine = (await pull()).find((u) => u.id === appA)!;
      expect(mine.status).toBe('ready');
      expect(mine.documents).toEqual(d.documents);
      expect(mine.timeline?.map((s) => s.status)).toEqual(['verifying', 'processing', 'ready']);
      expect(mine.timeline?.at(-1)).toMatchObject({ message: 'Dokumen dapat diunduh dari aplikasi.' });
      // The other application (another secret, same device) has none.
      expect((await pull()).find((u) => u.id === appB)?.documents).toEqual([]);
    });

    it('lets only officers of its office, administrators and the secret holder download it, byte for byte', async () => {
      const code = (await detail(appA)).documents![0]!.code;
      const officeUrl = `/api/office/applications/${appA}/documents/${code}`;
      const residentUrl = `/api/applications/${appA}/documents/${code}`;

      for (const who of [staff.officerA, staff.admin]) {
        const res = await call('GET', officeUrl, who);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.headers['content-disposition']).toMatch(/^attachment;/);
        expect(res.headers['cache-control']).toBe('private, no-store');
        expect(sha(res.rawPayload)).toBe(sha(issued));
      }
      expectApiError(await call('GET', officeUrl, staff.officerB), 404, 'not_found');
      expectApiError(await call('GET', officeUrl, staff.kiosk), 403, 'forbidden');
      expectApiError(await call('GET', officeUrl, staff.field), 403, 'forbidden');
      expectApiError(await call('GET', officeUrl), 401, 'unauthenticated');

      const resident = await call('GET', residentUrl, { bearer: secretA });
      expect(resident.statusCode, resident.body).toBe(200);
      expect(sha(resident.rawPayload)).toBe(sha(issued));
      // Another application's secret, the device key, a wrong secret: not found alike; none: 401.
      for (const bearer of [secretB, deviceKey, randomBytes(32).toString('hex')])
        expectApiError(await call('GET', residentUrl, { bearer }), 404, 'not_found');
      expectApiError(await call('GET', residentUrl), 401, 'unauthorized');
      expectApiError(await call('GET', residentUrl, {}, undefined, { authorization: 'Bearer x' }), 401);
      // A document of one application is not found under another, even by that one's secret holder.
      expectApiError(await call('GET', `/api/applications/${appB}/documents/${code}`, { bearer: secretB }), 404);
      expectApiError(await call('GET', `/api/applications/${appA}/documents/not-a-code`, { bearer: secretA }), 400);

      const audits = await db.query<{ action: string; detail: Record<string, unknown> }>(
        "select action, detail from audit_log where action = 'application.document-read'",
      );
      expect(audits.length).toBe(2);
      expect(JSON.stringify(audits)).not.toContain(NIK);
      expect(JSON.stringify(audits)).not.toContain(NAME);
    });

    it('verifies it publicly by code: office, service, date and hash, never the applicant', async () => {
      const doc = (await detail(appA)).documents![0]!;
      const res = await call('GET', `/api/verify/${doc.code.toLowerCase()}`);
      expect(res.statusCode, res.body).toBe(200);
      const v = DocumentVerification.parse(res.json());
      expect(v).toMatchObject({
        code: doc.code,
        office: { id: OFFICE_A },
        service: { id: 'ktp-el-baru', name: { id: expect.stringContaining('KTP') } },
        sha256: sha(issued),
        issuedAt: doc.issuedAt,
        signed: false,
      });
      for (const personal of [NAME, NIK, appA, (await detail(appA)).trackingNumber, 'Jl. Pelabuhan'])
        expect(res.body).not.toContain(personal);

      expectApiError(await call('GET', '/api/verify/0000000000000000'), 404, 'not_found');
      expectApiError(await call('GET', '/api/verify/%27%3B%20drop%20table'), 404, 'not_found');
      expectApiError(await call('GET', `/api/verify/${'A'.repeat(65)}`), 400, 'invalid_request');
    });

    it('issues a signed PDF with the move to completed, and refuses the same file twice', async () => {
      await upload(signedPdf);
      expectApiError(
        await move(appA, { to: 'completed', document: { sha256: sha(issued) } }),
        422,
        'document.duplicate',
      );
      const res = await move(appA, { to: 'completed', document: { sha256: sha(signedPdf), signed: true } });
      expect(res.statusCode, res.body).toBe(200);
      const docs = (await detail(appA)).documents!;
      expect(docs.map((d) => [d.status, d.signed])).toEqual([
        ['ready', false],
        ['completed', true],
      ]);
      const v = DocumentVerification.parse((await call('GET', `/api/verify/${docs[1]!.code}`)).json());
      expect(v).toMatchObject({ signed: true, sha256: sha(signedPdf) });
      expect((await pull()).find((u) => u.id === appA)?.documents?.map((d) => d.code)).toEqual(docs.map((d) => d.code));
    });

    it('still needs a pickup place for a ready move without a document, and shows its time to the resident', async () => {
      const res = await move(
        appB,
        { to: 'ready', pickup: { place: 'Loket 2, Kantor Kecamatan Sapeken', from: '2026-11-25T09:00:00+07:00' } },
        staff.officerB,
      );
      expect(res.statusCode, res.body).toBe(200);
      const mine = (await pull()).find((u) => u.id === appB)!;
      expect(mine.timeline?.at(-1)).toMatchObject({
        status: 'ready',
        pickup: { place: 'Loket 2, Kantor Kecamatan Sapeken', from: '2026-11-25T09:00:00+07:00' },
      });
    });

    it('moves a service whose product is electronic to ready with neither a pickup nor a document; others not', async () => {
      // The seed marks the digital Dukcapil products; a KTP-el card is collected in person.
      const flags = await db.query<{ id: string; electronic: string | null }>(
        `select id, doc->>'electronicProduct' as electronic from catalogue_docs
          where collection = 'services' and id in ('kartu-keluarga', 'akta-kelahiran', 'akta-kematian', 'ktp-el-baru') order by id`,
      );
      expect(flags).toEqual([
        { id: 'akta-kelahiran', electronic: 'true' },
        { id: 'akta-kematian', electronic: 'true' },
        { id: 'kartu-keluarga', electronic: 'true' },
        { id: 'ktp-el-baru', electronic: null },
      ]);
      const appC = await submit(OFFICE_A, randomBytes(32).toString('hex'));
      for (const to of ['verifying', 'processing']) expect((await move(appC, { to })).statusCode).toBe(200);
      const bare = { to: 'ready', note: 'Dokumen elektronik dikirim lewat aplikasi.' };
      const refused = await move(appC, bare);
      expectApiError(refused, 400, 'invalid_request');
      expect(refused.json()).toMatchObject({ error: { fields: { 'body.pickup': [expect.any(String)] } } });
      expect((await detail(appC)).electronicProduct).toBe(false);

      // An administrator says the service's product is electronic (the standard, through its PUT).
      const standard = (await call('GET', '/api/admin/services/ktp-el-baru', staff.admin)).json() as Record<
        string,
        unknown
      >;
      const { updatedAt: _at, ...content } = standard;
      const put = (electronicProduct: boolean) =>
        call('PUT', '/api/admin/services/ktp-el-baru', staff.admin, { ...content, electronicProduct });
      expect((await put(true)).statusCode).toBe(200);
      try {
        expect((await detail(appC)).electronicProduct).toBe(true);
        const res = await move(appC, bare);
        expect(res.statusCode, res.body).toBe(200);
        const d = await detail(appC);
        expect(d).toMatchObject({ status: 'ready', pickup: null, message: bare.note });
        expect(d.documents ?? []).toEqual([]);
      } finally {
        expect((await put(false)).statusCode).toBe(200);
      }
    });
  });
}
