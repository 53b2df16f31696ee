// The server re-checks the form rules the device checked (issue 17): requirement groups, relevance
// and NIK cross-checks on submissions; administrators' form changes, refused when the rules do not
// hold together and versioned so that drafts begun with the old form are still accepted; and the
// form as a spreadsheet, exported and imported as a new service with the same definition.
import { createHash, randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpreadsheetContent, SpreadsheetRejection, XLSX_MEDIA_TYPE } from '../../src/domain/backoffice/forms-api.ts';
import type { FormField } from '../../src/domain/catalogue/form.ts';
import { Service, type ServiceContent } from '../../src/domain/catalogue/service.ts';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import { confirmationKey } from '../../src/domain/forms/validate.ts';
import {
  SubmissionBatchResult,
  type SubmissionRecord,
  type SubmissionResult,
} from '../../src/domain/submissions/submission.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { type Creds, caller, expectApiError, firstAdministrator } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { birthApplication, ktpApplication } from '../support/records.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

function photo(name: string): { bytes: Buffer; ref: AttachmentRef } {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300)]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, ref: { sha256, type: 'image/jpeg', size: bytes.length, name } };
}

for (const target of databaseTargets()) {
  describe(`form rules on the server (${target.kind})`, () => {
    let harness: SeededApp | undefined;
    let app: FastifyInstance;
    let db: Database;
    let admin: Creds;
    const call = (...args: Parameters<ReturnType<typeof caller>>) => caller(app)(...args);
    const kk = photo('kk.jpg');
    const letter = photo('sptjm.jpg');
    const report = photo('laporan-polisi.jpg');

    const upload = async (file: { bytes: Buffer; ref: AttachmentRef }) => {
      const url = `/api/uploads/${file.ref.sha256}`;
      expect(
        (await app.inject({ method: 'PUT', url, payload: { type: 'image/jpeg', size: file.ref.size } })).statusCode,
      ).toBe(200);
      const res = await app.inject({
        method: 'PATCH',
        url,
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
        payload: file.bytes,
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const submit = async (record: SubmissionRecord): Promise<SubmissionResult> => {
      const res = await app.inject({ method: 'POST', url: '/api/submissions', payload: { records: [record] } });
      expect(res.statusCode, res.body).toBe(200);
      return SubmissionBatchResult.parse(res.json()).results[0]!;
    };
    const errorsOf = (result: SubmissionResult) =>
      result.status === 'rejected'
        ? Object.fromEntries(Object.entries(result.errors).map(([k, e]) => [k, e.code]))
        : result.status;
    const service = async (id: string) => {
      const res = await call('GET', `/api/admin/services/${id}`, admin);
      expect(res.statusCode, res.body).toBe(200);
      return Service.parse(res.json());
    };
    const put = (content: ServiceContent) => call('PUT', `/api/admin/services/${content.id}`, admin, content);
    const withoutStamp = ({ updatedAt: _u, ...content }: Service): ServiceContent => content;

    beforeAll(async () => {
      harness = await seededApp(target);
      ({ app, db } = harness);
      admin = await firstAdministrator(app, db, 'admin-kata-sandi-2026');
      for (const f of [kk, letter, report]) await upload(f);
    });
    afterAll(() => harness?.close());

    describe('submissions', () => {
      it('a birth certificate with the SPTJM instead of the birth letter is accepted; with neither it is refused', async () => {
        const base = birthApplication(kk.ref, kk.ref);
        const withSptjm = {
          ...base,
          attachments: {
            kkDoc: [kk.ref],
            ktpElOrangTuaDoc: [kk.ref],
            bukuNikahDoc: [kk.ref],
            sptjmKelahiranDoc: [letter.ref],
          },
        };
        expect((await submit(withSptjm)).status).toBe('accepted');
        const neither = birthApplication(kk.ref, kk.ref);
        const { suratKelahiranDoc: _none, ...attachments } = neither.attachments;
        expect(errorsOf(await submit({ ...neither, attachments }))).toEqual({
          'requirements.bukti-kelahiran': 'group.oneOf',
        });
      });

      it('a lost KTP-el needs the police report; what does not apply is not stored', async () => {
        const answers = {
          reason: 'hilang',
          nik: '3529014507900003',
          fullName: 'Siti Aminah',
          kkNumber: '3529010203260001',
          phone: '0812 3456 7890',
        };
        const base = { ...ktpApplication(kk.ref), serviceId: 'ktp-el-hilang-rusak', answers };
        expect(errorsOf(await submit({ ...base, attachments: { kkDoc: [kk.ref] } }))).toEqual({
          suratKehilanganDoc: 'document.missing',
        });
        const damagedPhoto = {
          ...base,
          id: ktpApplication(kk.ref).id,
          answers: { ...answers, reason: 'rusak' },
          attachments: { kkDoc: [kk.ref], ktpElRusakDoc: [report.ref], suratKehilanganDoc: [report.ref] },
        };
        expect((await submit(damagedPhoto)).status).toBe('accepted');
        const [row] = await db.query<{ attachments: Record<string, unknown> }>(
          'select attachments from applications where id = $1::uuid',
          [damagedPhoto.id],
        );
        expect(Object.keys(row!.attachments).sort()).toEqual(['kkDoc', 'ktpElRusakDoc']);
      });

      it('refuses a 2015 birth date with a 1990 NIK, and a man’s NIK as the mother’s', async () => {
        expect(errorsOf(await submit(ktpApplication(kk.ref, {}, { dateOfBirth: '2015-03-01' })))).toEqual({
          dateOfBirth: 'constraint',
          bukuNikahDoc: 'document.missing',
        });
        expect(errorsOf(await submit(birthApplication(kk.ref, kk.ref, {}, { motherNik: '3529241208850001' })))).toEqual(
          {
            motherNik: 'constraint',
          },
        );
      });

      it('accepts an unknown region code the resident confirmed, and keeps the confirmation for the office', async () => {
        const nik = '9999014507900003';
        const refused = ktpApplication(kk.ref, {}, { nik });
        expect(errorsOf(await submit(refused))).toEqual({ nik: 'nik.region' });
        const confirmed = ktpApplication(kk.ref, {}, { nik, [confirmationKey('nik')]: nik });
        expect((await submit(confirmed)).status).toBe('accepted');
        const [row] = await db.query<{ answers: Record<string, unknown> }>(
          'select answers from applications where id = $1::uuid',
          [confirmed.id],
        );
        expect(row!.answers).toMatchObject({ nik, 'nik.confirmed': nik });
        expect((await submit(ktpApplication(kk.ref, {}, { nik: '9101014507900003' }))).status).toBe('accepted'); // Merauke, before 2022
      });
    });

    describe('an administrator changes a form', () => {
      it('refuses a definition whose rules do not hold together, saying where', async () => {
        const kia = withoutStamp(await service('kia'));
        const broken = structuredClone(kia);
        const field = broken.form.fields.find((f) => f.key === 'pasFotoDoc')! as FormField;
        field.relevant = { op: 'lt', left: { fn: 'age', field: 'childNme' }, right: { fn: 'value', value: 5 } };
        const res = await put(broken);
        expectApiError(res, 400, 'invalid_definition');
        const index = kia.form.fields.findIndex((f) => f.key === 'pasFotoDoc');
        expect(res.json().error.fields).toEqual({
          [`body.form.fields.${index}.relevant`]: ['the rule names field childNme, which the form does not have'],
        });
        expect((await service('kia')).form.version).toBe(1);
      });

      it('versions the form: a draft begun with v1 is accepted against v1 while it is open, not after', async () => {
        const before = withoutStamp(await service('ktp-el-baru'));
        const photoReq = {
          id: 'pas-foto',
          name: { id: 'Pas foto 3×4', en: 'Photo 3×4' },
          form: 'original' as const,
          count: 1,
        };
        const changed: ServiceContent = {
          ...before,
          requirements: [...before.requirements, photoReq],
          form: {
            ...before.form,
            fields: [
              ...before.form.fields,
              {
                kind: 'document',
                key: 'pasFotoDoc',
                label: photoReq.name,
                required: true,
                requirementId: 'pas-foto',
                accept: ['image'],
              },
            ],
          },
        };
        const res = await put(changed);
        expect(res.statusCode, res.body).toBe(200);
        const after = await service('ktp-el-baru');
        expect(after.form.version).toBe(2);
        expect(after.earlierForms?.map((f) => f.version)).toEqual([1]);

        // A v1 draft has no photo field: accepted, stored as checked against v1.
        const v1 = ktpApplication(kk.ref, { formVersion: 1 });
        expect((await submit(v1)).status).toBe('accepted');
        const [row] = await db.query<{ form_version: number }>(
          'select form_version from applications where id = $1::uuid',
          [v1.id],
        );
        expect(row!.form_version).toBe(1);
        // A v2 draft must have it.
        expect(errorsOf(await submit(ktpApplication(kk.ref, { formVersion: 2 })))).toEqual({
          pasFotoDoc: 'document.missing',
        });

        // Saving again without a change keeps the version; closing v1 leaves only v2.
        expect((await put({ ...withoutStamp(after) })).json().form.version).toBe(2);
        const closed = await put({ ...withoutStamp(after), earlierForms: [] });
        expect(closed.statusCode, closed.body).toBe(200);
        expect(Service.parse(closed.json()).earlierForms).toBeUndefined();
        expect(errorsOf(await submit(ktpApplication(kk.ref, { formVersion: 1 })))).toEqual({
          pasFotoDoc: 'document.missing',
        });
      });
    });

    describe('the form as a spreadsheet', () => {
      const download = async (id: string) => {
        const res = await call('GET', `/api/admin/services/${id}/spreadsheet`, admin);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['content-type']).toBe(XLSX_MEDIA_TYPE);
        return res.rawPayload;
      };
      const read = (file: Buffer) =>
        call('POST', '/api/admin/forms/spreadsheet', admin, file, { 'content-type': XLSX_MEDIA_TYPE });

      it('round-trips: exported from one service and imported as a new one, the same definition', async () => {
        const original = await service('akta-kelahiran');
        const file = await download('akta-kelahiran');
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
        expect(book.worksheets.map((w) => w.name)).toEqual(['survey', 'choices', 'requirements', 'settings']);

        const res = await read(file);
        expect(res.statusCode, res.body).toBe(200);
        const content = SpreadsheetContent.parse(res.json());
        expect(content).toEqual({
          id: 'akta-kelahiran',
          name: original.name,
          requirements: original.requirements,
          form: original.form,
        });

        const copy: ServiceContent = {
          ...withoutStamp(original),
          id: 'akta-kelahiran-salinan',
          requirements: content.requirements,
          form: content.form,
        };
        const created = await call('POST', '/api/admin/services', admin, copy);
        expect(created.statusCode, created.body).toBe(201);
        const stored = await service('akta-kelahiran-salinan');
        expect({ requirements: stored.requirements, form: stored.form }).toEqual({
          requirements: original.requirements,
          form: original.form,
        });
        expectApiError(await call('POST', '/api/admin/services', admin, copy), 409, 'service_exists');
      });

      it('says in which sheet, row and column a spreadsheet is wrong', async () => {
        const file = await download('ktp-el-hilang-rusak');
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
        const survey = book.getWorksheet('survey')!;
        const header = (survey.getRow(1).values as unknown[]).slice(1);
        const relevant = header.indexOf('relevant') + 1;
        let policeRow = 0;
        survey.eachRow((row, n) => {
          if (row.getCell(2).value === 'suratKehilanganDoc') policeRow = n;
        });
        survey.getRow(policeRow).getCell(relevant).value = "reason = 'hilang";
        survey.getRow(2).getCell(1).value = 'select_many reasons';
        const res = await read(Buffer.from(await book.xlsx.writeBuffer()));
        expect(res.statusCode, res.body).toBe(422);
        const body = SpreadsheetRejection.parse(res.json());
        expect(body.issues).toEqual([
          { sheet: 'survey', row: 2, column: 'type', code: 'row.type', params: { value: 'select_many reasons' } },
          {
            sheet: 'survey',
            row: policeRow,
            column: 'relevant',
            code: 'syntax.unterminatedString',
            params: { at: 10, found: "'hilang", column: 'relevant' },
          },
        ]);
      });

      it('refuses what is not a spreadsheet, and anyone but an administrator', async () => {
        expectApiError(await read(Buffer.from('PK not really a zip')), 400, 'not_xlsx');
        expectApiError(await call('GET', '/api/admin/services/kia/spreadsheet', {}), 401);
        expectApiError(await call('POST', '/api/admin/services', {}, {}), 401);
      });
    });
  });
}
