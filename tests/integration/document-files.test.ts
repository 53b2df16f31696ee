// Documents are served as what they are (issue 13, point 13), on each real database: a record that
// names an upload as another type (a PDF with OpenAction JavaScript as "ktp.jpg, image/jpeg") or size
// is rejected under that field, for applications and complaints alike; every file reaches the office
// sandboxed (Content-Security-Policy: sandbox), never sniffed, never cached, and a PDF only as a
// download.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import { ComplaintBatchResult } from '../../src/domain/feedback/complaint.ts';
import { uuidv7 } from '../../src/domain/ids/uuidv7.ts';
import { SubmissionBatchResult, type SubmissionRecord } from '../../src/domain/submissions/submission.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { type Creds, caller, firstAdministrator } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { birthApplication } from '../support/records.ts';
import { jpegFile, sha256Hex, uploadFile } from '../support/sealing.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

/** A 113-byte PDF whose OpenAction runs JavaScript when a viewer opens it. */
const HOSTILE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF',
);

for (const target of databaseTargets()) {
  describe(`document files on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let harness: SeededApp | undefined;
    let admin: Creds;
    let call: ReturnType<typeof caller>;
    const kk = jpegFile('kk.jpg');
    const pdf = {
      sha256: sha256Hex(HOSTILE_PDF),
      type: 'application/pdf' as const,
      size: HOSTILE_PDF.length,
      bytes: new Uint8Array(HOSTILE_PDF),
    };

    const submit = async (records: SubmissionRecord[]) => {
      const res = await call('POST', '/api/submissions', {}, { records });
      expect(res.statusCode, res.body).toBe(200);
      return SubmissionBatchResult.parse(res.json()).results;
    };

    beforeAll(async () => {
      harness = await seededApp(target);
      ({ db, app } = harness);
      call = caller(app);
      await uploadFile(app, kk);
      await uploadFile(app, pdf);
      admin = await firstAdministrator(app, db, 'garam-kalianget-1987');
    });

    afterAll(() => harness?.close());

    /** A birth application whose family card and parent's card are these; its other documents are honest photos. */
    const birth = (card: AttachmentRef, parentCard: AttachmentRef) =>
      birthApplication(card, parentCard, {
        attachments: {
          kkDoc: [card],
          ktpElOrangTuaDoc: [parentCard],
          suratKelahiranDoc: [kk.ref],
          bukuNikahDoc: [kk.ref],
        },
      });

    it('rejects a record naming a stored PDF as a JPEG photo, or a file by another size, under that field', async () => {
      expect(HOSTILE_PDF.length).toBe(113);
      const asPhoto = birth(kk.ref, {
        sha256: pdf.sha256,
        type: 'image/jpeg',
        size: pdf.size,
        name: 'ktp.jpg',
      });
      const wrongSize = birth({ ...kk.ref, size: kk.size + 1 }, { ...kk.ref, name: 'ktp.jpg' });
      const honest = birth(kk.ref, {
        sha256: pdf.sha256,
        type: 'application/pdf',
        size: pdf.size,
        name: 'ktp.pdf',
      });
      const results = await submit([asPhoto, wrongSize, honest]);
      expect(results[0]).toEqual({
        id: asPhoto.id,
        status: 'rejected',
        errors: { ktpElOrangTuaDoc: { code: 'document.mismatch' } },
      });
      expect(results[1]).toEqual({
        id: wrongSize.id,
        status: 'rejected',
        errors: { kkDoc: { code: 'document.mismatch' } },
      });
      expect(results[2]).toMatchObject({ id: honest.id, status: 'accepted' });
      const stored = await db.query<{ id: string }>('select id::text from applications where id = any($1::uuid[])', [
        [asPhoto.id, wrongSize.id, honest.id],
      ]);
      expect(stored.map((r) => r.id)).toEqual([honest.id]);
    });

    it('serves every file sandboxed and unsniffed, a photo inline and a PDF only as a download', async () => {
      const rec = birth(kk.ref, {
        sha256: pdf.sha256,
        type: 'application/pdf',
        size: pdf.size,
        name: 'ktp.pdf',
      });
      expect((await submit([rec]))[0]).toMatchObject({ status: 'accepted' });

      const photo = await call('GET', `/api/office/applications/${rec.id}/files/${kk.sha256}`, admin);
      expect(photo.statusCode, photo.body).toBe(200);
      expect(photo.headers['content-type']).toBe('image/jpeg');
      expect(photo.headers['content-disposition']).toBe('inline');

      const document = await call('GET', `/api/office/applications/${rec.id}/files/${pdf.sha256}`, admin);
      expect(document.statusCode, document.body).toBe(200);
      expect(document.headers['content-type']).toBe('application/pdf');
      expect(document.headers['content-disposition']).toBe(
        `attachment; filename="ktpElOrangTuaDoc-${pdf.sha256.slice(0, 8)}.pdf"`,
      );
      expect(document.rawPayload.equals(HOSTILE_PDF)).toBe(true);

      for (const res of [photo, document]) {
        expect(
          String(res.headers['content-security-policy'])
            .split(';')
            .map((d) => d.trim()),
        ).toContain('sandbox');
        expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['cache-control']).toMatch(/no-store/);
      }
    });

    it('rejects a complaint naming a stored PDF as its photo, and serves a complaint photo sandboxed', async () => {
      const complaint = (photo: object) => ({
        id: uuidv7(),
        about: { kind: 'office', officeId: 'kecamatan-talango' },
        what: 'Loket tutup lebih awal.',
        when: '2026-01-05',
        privacy: 'anonymous',
        channel: 'online',
        photo,
        secretHash: createHash('sha256').update(randomBytes(8)).digest('hex'),
      });
      const disguised = complaint({ sha256: pdf.sha256, type: 'image/jpeg', size: pdf.size, name: 'foto.jpg' });
      const honest = complaint(kk.ref);
      const res = await call('POST', '/api/complaints', {}, { records: [disguised, honest] });
      const [a, b] = ComplaintBatchResult.parse(res.json()).results;
      expect(a).toEqual({ id: disguised.id, status: 'rejected', errors: { photo: { code: 'document.mismatch' } } });
      expect(b).toMatchObject({ status: 'accepted' });
      const photo = await call('GET', `/api/office/complaints/${honest.id}/photo`, admin);
      expect(photo.statusCode, photo.body).toBe(200);
      expect(photo.headers['content-security-policy']).toMatch(/(^|; )sandbox(;|$)/);
      expect(photo.headers['x-content-type-options']).toBe('nosniff');
    });
  });
}
