// Complaints and the SKM survey (issue #8) on each real database: a complaint filed exactly once
// (same id → same tracking number), with a photo only once its upload is complete; the filing device
// pulls the office's answer; complaints visible only to the offices concerned; confidential hides the
// complainant from officers, anonymous stores none; office routes refuse kiosk/field tokens and
// anonymous callers; one survey response per completed application, no personal data; the index
// through the route equals the domain's computation on the stored answers, and its CSV; malformed
// requests are 400 JSON, never 500.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDeletedFlag } from '../../src/domain/catalogue/collections.ts';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import { ComplaintBatchResult, type ComplaintInput, ComplaintUpdate } from '../../src/domain/feedback/complaint.ts';
import { computeIkm } from '../../src/domain/feedback/ikm.ts';
import { ComplaintDetail, ComplaintList, SkmReport } from '../../src/domain/feedback/office-api.ts';
import { SKM_ELEMENTS, type SkmAnswers, SurveyBatchResult } from '../../src/domain/feedback/skm.ts';
import { uuidv7 } from '../../src/domain/ids/uuidv7.ts';
import { submitBatch } from '../../src/server/applications/store.ts';
import { updateApplication } from '../../src/server/applications/updates.ts';
import { SKM_CSV_HEADER } from '../../src/server/feedback/surveys.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { appendChunk, declareUpload } from '../../src/server/uploads/store.ts';
import { type Creds, caller, expectApiError, type Method, staffOfTwoOffices } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { ktpApplication } from '../support/records.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const ADMIN_PASSWORD = 'garam-kalianget-1987';
const OFFICER_PASSWORD = 'perahu-talango-2024';
const OFFICE_A = 'kecamatan-raas';
const OFFICE_B = 'kecamatan-sapeken';
const NAME = 'Siti Aminah';
const hash = (s: string) => createHash('sha256').update(s).digest('hex');
const DEVICE_KEY = randomBytes(32).toString('hex');
const DEVICE_HASH = hash(DEVICE_KEY);

for (const target of databaseTargets()) {
  describe(`complaints and SKM on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let call: ReturnType<typeof caller>;
    let harness: SeededApp | undefined;
    let admin: Creds;
    let officerA: Creds;
    let officerB: Creds;
    let field: Creds;
    let kiosk: Creds;
    let completedApp: { id: string; trackingNumber: string };
    let openAppB: { id: string; trackingNumber: string };
    const photo = (() => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300)]);
      const ref: AttachmentRef = {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        type: 'image/jpeg',
        size: bytes.length,
        name: 'loket.jpg',
      };
      return { bytes, ref };
    })();
    const kk = (() => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(200)]);
      const ref: AttachmentRef = {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        type: 'image/jpeg',
        size: bytes.length,
        name: 'kk.jpg',
      };
      return { bytes, ref };
    })();

    const submitApplication = async (officeId: string) => {
      const record = ktpApplication(
        kk.ref,
        { applicant: { kind: 'self', name: NAME }, deviceKeyHash: DEVICE_HASH, officeId },
        { fullName: NAME },
      );
      const [result] = await submitBatch(db, [record]);
      expect(result?.status, JSON.stringify(result)).toBe('accepted');
      return { id: record.id, trackingNumber: (result as { trackingNumber: string }).trackingNumber };
    };

    const complaint = (over: Partial<ComplaintInput> = {}): ComplaintInput => ({
      id: uuidv7(),
      about: { kind: 'service', serviceId: 'ktp-el-baru', officeId: OFFICE_A },
      what: 'Antrean tiga jam, loket tutup sebelum jam pelayanan berakhir.',
      when: '2025-06-02',
      privacy: 'public',
      complainant: { name: NAME, phone: '0812 3456 7890' },
      channel: 'online',
      secretHash: hash(randomBytes(16).toString('hex')),
      deviceKeyHash: DEVICE_HASH,
      ...over,
    });

    const file = async (...records: ComplaintInput[]) => {
      const res = await call('POST', '/api/complaints', {}, { records });
      expect(res.statusCode, res.body).toBe(200);
      return ComplaintBatchResult.parse(res.json()).results;
    };
    const fileOne = async (c: ComplaintInput) => {
      const [r] = await file(c);
      expect(r?.status, JSON.stringify(r)).toBe('accepted');
      return r as { id: string; trackingNumber: string };
    };

    const survey = (answers: SkmAnswers, over: Record<string, unknown> = {}) => ({
      id: uuidv7(),
      serviceId: 'ktp-el-baru',
      officeId: OFFICE_A,
      channel: 'online',
      answers,
      // Each from a device of its own: a walk-in response counts once per device, office and month.
      deviceKeyHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
      ...over,
    });
    const sendSurveys = async (...records: unknown[]) => {
      const res = await call('POST', '/api/surveys', {}, { records });
      expect(res.statusCode, res.body).toBe(200);
      return SurveyBatchResult.parse(res.json()).results;
    };

    const pull = async (seq: number, key = DEVICE_KEY) => {
      const res = await call('GET', `/api/sync/complaints/pull?seq=${seq}&limit=100`, { bearer: key });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { documents: unknown[]; checkpoint: { seq: number } };
      return {
        documents: body.documents.map((d) => {
          expect(withDeletedFlag(ComplaintUpdate).parse(d)).toMatchObject({ _deleted: false });
          return ComplaintUpdate.parse(d);
        }),
        checkpoint: body.checkpoint,
      };
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
      ({ admin, officerA, officerB, field, kiosk } = await staffOfTwoOffices(app, db, {
        offices: [OFFICE_A, OFFICE_B],
        adminPassword: ADMIN_PASSWORD,
        password: OFFICER_PASSWORD,
      }));
      completedApp = await submitApplication(OFFICE_A);
      expect(await updateApplication(db, completedApp.id, { status: 'completed' })).toBe(true);
      openAppB = await submitApplication(OFFICE_B);
    });

    afterAll(() => harness?.close());

    // -------------------------------------------------------------------------------------------
    // Complaints from devices

    it('files a complaint once: resending the same id gives the same tracking number and one row', async () => {
      const c = complaint();
      const first = await fileOne(c);
      const again = await fileOne(c);
      const [both1, both2] = await file(c, c);
      expect(again.trackingNumber).toBe(first.trackingNumber);
      expect(both1).toEqual(again);
      expect(both2).toEqual(again);
      const rows = await db.query<{ office_id: string; status: string }>(
        'select office_id, status from complaints where id = $1::uuid',
        [c.id],
      );
      expect(rows).toEqual([{ office_id: OFFICE_A, status: 'open' }]);
    });

    it("answers another device's resend of a stored complaint id with a rejection that reveals nothing (issue 13, 15)", async () => {
      // A device of its own: this suite's device stays within its hourly count of complaints.
      const device = hash(randomBytes(16).toString('hex'));
      const c = complaint({ deviceKeyHash: device });
      const first = await fileOne(c);
      const stranger = hash(randomBytes(16).toString('hex'));
      const resends = [
        { ...c, secretHash: stranger },
        { ...c, secretHash: stranger, what: 'Isi lain dari orang lain yang tahu id pengaduan ini.' },
      ];
      // Stored before the batch, and (a second copy of a new id) within one batch: both refused.
      const fresh = complaint({ deviceKeyHash: device });
      const results = await file(...resends, fresh, { ...fresh, secretHash: stranger });
      const CONFLICT = { id: { code: 'complaint.conflict' } };
      expect(results.map((r) => (r.status === 'rejected' ? r.errors : r.status))).toEqual([
        CONFLICT,
        CONFLICT,
        'accepted',
        CONFLICT,
      ]);
      expect(JSON.stringify(results)).not.toContain(first.trackingNumber);
      // The device itself, resending with its secret, still gets its tracking number.
      expect((await fileOne(c)).trackingNumber).toBe(first.trackingNumber);
      const [row] = await db.query<{ what: string }>('select what from complaints where id = $1::uuid', [c.id]);
      expect(row!.what).toBe(c.what);
    });

    it('takes a complaint with a photo only once the upload is complete', async () => {
      await declareUpload(db, photo.ref.sha256, 'image/jpeg', photo.ref.size);
      const c = complaint({ photo: photo.ref });
      const [missing] = await file(c);
      expect(missing).toEqual({ id: c.id, status: 'missing-attachments', sha256: [photo.ref.sha256] });
      expect(await db.query('select 1 from complaints where id = $1::uuid', [c.id])).toHaveLength(0);
      await appendChunk(db, photo.ref.sha256, 0, photo.bytes);
      await fileOne(c);
      const detail = ComplaintDetail.parse((await call('GET', `/api/office/complaints/${c.id}`, officerA)).json());
      expect(detail.photo).toEqual(photo.ref);
      // The photo itself: to the office concerned, byte for byte, never cached; to no other office.
      const bytes = await call('GET', `/api/office/complaints/${c.id}/photo`, officerA);
      expect(bytes.statusCode).toBe(200);
      expect(bytes.headers['content-type']).toBe('image/jpeg');
      expect(bytes.headers['cache-control']).toBe('private, no-store');
      expect(bytes.rawPayload.equals(photo.bytes)).toBe(true);
      expectApiError(await call('GET', `/api/office/complaints/${c.id}/photo`, officerB), 404, 'not_found');
      expectApiError(await call('GET', `/api/office/complaints/${c.id}/photo`), 401, 'unauthenticated');
    });

    it('rejects a complaint about an unknown service, office or application, or a day still to come', async () => {
      const results = await file(
        complaint({ about: { kind: 'service', serviceId: 'no-such-service' } }),
        complaint({ about: { kind: 'office', officeId: 'no-such-office' } }),
        complaint({ about: { kind: 'application', trackingNumber: '0000-0000' } }),
        complaint({ when: '2999-01-01' }),
      );
      expect(results.map((r) => (r.status === 'rejected' ? Object.values(r.errors)[0]!.code : r.status))).toEqual([
        'complaint.service-unknown',
        'complaint.office-unknown',
        'complaint.application-unknown',
        'complaint.when-future',
      ]);
    });

    it('brings the officer’s answer to the filing device, then the closing; a closed complaint takes no more', async () => {
      const key = randomBytes(32).toString('hex');
      const c = complaint({ deviceKeyHash: hash(key), category: 'information' });
      const { trackingNumber } = await fileOne(c);
      const before = await pull(0, key);
      expect(before.documents).toHaveLength(1);
      expect(before.documents[0]).toMatchObject({ id: c.id, trackingNumber, status: 'open', answers: [] });
      expect(new Date(before.documents[0]!.dueAt).getTime()).toBeGreaterThan(Date.now());
      expect((await pull(before.checkpoint.seq, key)).documents).toEqual([]);

      const res = await call('POST', `/api/office/complaints/${c.id}/answers`, officerA, {
        text: 'Mohon maaf, loket kini buka sampai 15.00.',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(ComplaintDetail.parse(res.json())).toMatchObject({
        status: 'answered',
        answers: [{ text: 'Mohon maaf, loket kini buka sampai 15.00.', role: 'officer' }],
      });
      const after = await pull(before.checkpoint.seq, key);
      expect(after.documents).toHaveLength(1);
      expect(after.documents[0]).toMatchObject({
        id: c.id,
        status: 'answered',
        answers: [{ text: 'Mohon maaf, loket kini buka sampai 15.00.' }],
      });

      const closed = await call('POST', `/api/office/complaints/${c.id}/answers`, officerA, {
        text: 'Selesai.',
        close: true,
      });
      expect(closed.statusCode, closed.body).toBe(200);
      const last = await pull(after.checkpoint.seq, key);
      expect(last.documents[0]).toMatchObject({ status: 'closed' });
      expect(last.documents[0]!.answers.map((a) => a.text)).toEqual([
        'Mohon maaf, loket kini buka sampai 15.00.',
        'Selesai.',
      ]);
      expectApiError(
        await call('POST', `/api/office/complaints/${c.id}/answers`, officerA, { text: 'Lagi.' }),
        409,
        'closed',
      );
      // Another device's key sees none of it; no key is 401.
      expect((await pull(0, randomBytes(32).toString('hex'))).documents).toEqual([]);
      expectApiError(await call('GET', '/api/sync/complaints/pull?seq=0'), 401);
      const audits = await db.query<{ action: string; detail: Record<string, unknown> }>(
        `select action, detail from audit_log where target_id = $1 order by id`,
        [c.id],
      );
      expect(audits.map((a) => a.action)).toEqual(['complaint.answer', 'complaint.answer']);
      expect(JSON.stringify(audits)).not.toContain('loket');
    });

    // -------------------------------------------------------------------------------------------
    // Who sees what

    it('shows a complaint only to the offices concerned (an application’s office by its tracking number)', async () => {
      const aboutA = complaint();
      const aboutB = complaint({ about: { kind: 'application', trackingNumber: openAppB.trackingNumber } });
      await fileOne(aboutA);
      await fileOne(aboutB);
      const listed = async (creds: Creds, query = '') =>
        ComplaintList.parse((await call('GET', `/api/office/complaints${query}`, creds)).json()).rows.map((r) => r.id);
      expect(await listed(officerA)).toContain(aboutA.id);
      expect(await listed(officerA)).not.toContain(aboutB.id);
      expect(await listed(officerA, `?officeId=${OFFICE_B}`)).toEqual([]);
      expect(await listed(officerB)).toEqual([aboutB.id]);
      expect(await listed(admin)).toEqual(expect.arrayContaining([aboutA.id, aboutB.id]));
      expectApiError(await call('GET', `/api/office/complaints/${aboutA.id}`, officerB), 404, 'not_found');
      expectApiError(
        await call('POST', `/api/office/complaints/${aboutA.id}/answers`, officerB, { text: 'Bukan kantor kami.' }),
        404,
        'not_found',
      );
      expectApiError(await call('GET', `/api/office/complaints/${uuidv7()}`, officerA), 404, 'not_found');
      const detailB = ComplaintDetail.parse(
        (await call('GET', `/api/office/complaints/${aboutB.id}`, officerB)).json(),
      );
      expect(detailB).toMatchObject({
        officeId: OFFICE_B,
        serviceId: 'ktp-el-baru',
        about: { kind: 'application', trackingNumber: openAppB.trackingNumber },
      });
      expect(await listed(officerA, '?status=closed')).not.toContain(aboutA.id);
      expect(await listed(officerA, '?overdue=false')).toContain(aboutA.id);
      expect(await listed(officerA, '?overdue=true')).not.toContain(aboutA.id);
    });

    it('hides a confidential complainant from an officer and shows it to an administrator', async () => {
      const c = complaint({ privacy: 'confidential' });
      await fileOne(c);
      const asOfficer = ComplaintDetail.parse((await call('GET', `/api/office/complaints/${c.id}`, officerA)).json());
      expect(asOfficer).toMatchObject({ complainant: null, complainantWithheld: true, privacy: 'confidential' });
      expect(JSON.stringify(asOfficer)).not.toContain(NAME);
      const asAdmin = ComplaintDetail.parse((await call('GET', `/api/office/complaints/${c.id}`, admin)).json());
      expect(asAdmin).toMatchObject({ complainant: { name: NAME }, complainantWithheld: false });
      const list = await call('GET', '/api/office/complaints', admin);
      expect(list.body).not.toContain(NAME);
      const audits = await db.query<{ detail: Record<string, unknown> }>(
        `select detail from audit_log where action = 'complaint.read' and target_id = $1 order by id`,
        [c.id],
      );
      expect(audits.map((a) => a.detail)).toEqual([{ complainantShown: false }, { complainantShown: true }]);
    });

    it('stores no complainant for an anonymous complaint, even if the device sent one', async () => {
      const c = complaint({ privacy: 'anonymous', complainant: { name: NAME, phone: '0812 0000 1111' } });
      await fileOne(c);
      const [row] = await db.query<Record<string, unknown>>('select * from complaints where id = $1::uuid', [c.id]);
      expect(row!.complainant).toBeNull();
      expect(JSON.stringify(row)).not.toContain(NAME);
      expect(JSON.stringify(row)).not.toContain('0812');
      const asAdmin = ComplaintDetail.parse((await call('GET', `/api/office/complaints/${c.id}`, admin)).json());
      expect(asAdmin).toMatchObject({ complainant: null, complainantWithheld: false });
      // Anonymous without a complainant is fine; otherwise one is required (the record is rejected).
      await fileOne(complaint({ privacy: 'anonymous', complainant: undefined }));
      const withoutComplainant = complaint({ complainant: undefined });
      expect(await file(withoutComplainant)).toEqual([
        {
          id: withoutComplainant.id,
          status: 'rejected',
          errors: { complainant: { code: 'complaint.complainant-required' } },
        },
      ]);
    });

    it('refuses the office routes to anonymous callers (401) and to kiosk and field-officer tokens (403)', async () => {
      const id = uuidv7();
      const routes: Array<[Method, string, unknown?]> = [
        ['GET', '/api/office/complaints'],
        ['GET', `/api/office/complaints/${id}`],
        ['POST', `/api/office/complaints/${id}/answers`, { text: 'x' }],
        ['GET', '/api/office/skm?from=2020-01-01&to=2030-01-01'],
        ['GET', '/api/office/skm.csv?from=2020-01-01&to=2030-01-01'],
      ];
      for (const [method, url, body] of routes) {
        expectApiError(await call(method, url, {}, body), 401, 'unauthenticated');
        expectApiError(await call(method, url, kiosk, body), 403, 'forbidden');
        expectApiError(await call(method, url, field, body), 403, 'forbidden');
      }
      expectApiError(
        await call('POST', `/api/office/complaints/${id}/answers`, { cookie: officerA.cookie! }, { text: 'x' }),
        403,
        'csrf',
      );
    });

    // -------------------------------------------------------------------------------------------
    // The survey and the index

    it('takes one survey response per completed application: a second answers with the first’s acceptance', async () => {
      const all4 = Object.fromEntries(SKM_ELEMENTS.map((e) => [e, 4])) as SkmAnswers;
      const first = survey(all4, {
        applicationId: completedApp.id,
        channel: 'online',
        profile: { ageBand: '30-39', sex: 'female' },
      });
      const [accepted] = await sendSurveys(first);
      expect(accepted).toMatchObject({ id: first.id, status: 'accepted' });
      const [resent] = await sendSurveys(first);
      expect(resent).toEqual(accepted);
      const second = survey({ ...all4, U1: 1 }, { applicationId: completedApp.id, channel: 'online' });
      const [dup] = await sendSurveys(second);
      expect(dup).toEqual({
        id: second.id,
        status: 'duplicate-application',
        receivedAt: (accepted as { receivedAt: string }).receivedAt,
      });
      const rows = await db.query<Record<string, unknown>>(
        'select * from survey_responses where service_id = $1 and channel = $2',
        ['ktp-el-baru', 'online'],
      );
      expect(rows).toHaveLength(1);
      // Nothing in the row names the application or the applicant.
      expect(JSON.stringify(rows[0])).not.toContain(completedApp.id);
      expect(JSON.stringify(rows[0])).not.toContain(NAME);
      expect(rows[0]).toMatchObject({ age_band: '30-39', sex: 'female', u1: 4 });
    });

    it('refuses a response for an application not completed, unknown, or of another office; and an office not serving the service', async () => {
      const some = { U1: 3, U2: 3 } as SkmAnswers;
      const results = await sendSurveys(
        survey(some, { applicationId: openAppB.id, officeId: OFFICE_B }),
        survey(some, { applicationId: uuidv7() }),
        survey(some, { applicationId: completedApp.id, officeId: OFFICE_B }),
        survey(some, { serviceId: 'no-such-service' }),
        survey(some, { officeId: 'no-such-office' }),
      );
      expect(results.map((r) => (r.status === 'rejected' ? Object.values(r.errors)[0]!.code : r.status))).toEqual([
        'survey.application-not-completed',
        'survey.application-unknown',
        'survey.application-mismatch',
        'survey.service-unknown',
        'survey.office-not-serving',
      ]);
      expect(
        await db.query('select 1 from survey_responses where id = any($1::uuid[])', [results.map((r) => r.id)]),
      ).toHaveLength(0);
    });

    it('computes the index through the route exactly as the domain does on the stored answers; CSV with header and rows', async () => {
      const walkIns = [
        [4, 3, 3, 4, 3, 4, 4, 3, 3],
        [3, 3, 2, 4, 3, 3, 4, 3, 3],
        [4, 4, 3, 4, 4, 4, 4, 3, 4],
        [3, 3, 3, 4, 3, 3, 3, 2, 3],
      ].map((s) => Object.fromEntries(s.map((v, i) => [SKM_ELEMENTS[i]!, v])) as SkmAnswers);
      const { U4: _skipped, ...partial } = walkIns[0]!;
      const results = await sendSurveys(
        ...walkIns.map((a) => survey(a)),
        survey(partial as SkmAnswers),
        survey({ U1: 2, U9: 1 } as SkmAnswers, { officeId: OFFICE_B }),
      );
      expect(results.every((r) => r.status === 'accepted')).toBe(true);

      const stored = await db.query<Record<string, number | null | string>>('select * from survey_responses');
      const answersOf = (rows: typeof stored) =>
        rows.map(
          (r) =>
            Object.fromEntries(
              SKM_ELEMENTS.flatMap((e) => (r[e.toLowerCase()] === null ? [] : [[e, Number(r[e.toLowerCase()])]])),
            ) as SkmAnswers,
        );

      const res = await call('GET', '/api/office/skm?from=2020-01-01&to=2999-01-01', admin);
      expect(res.statusCode, res.body).toBe(200);
      const report = SkmReport.parse(res.json());
      expect(report.rows.map((r) => [r.officeId, r.serviceId])).toEqual([
        [OFFICE_A, 'ktp-el-baru'],
        [OFFICE_B, 'ktp-el-baru'],
      ]);
      const rowA = report.rows[0]!;
      const expectedA = computeIkm(answersOf(stored.filter((r) => r.office_id === OFFICE_A)));
      expect({
        ...rowA,
        officeId: undefined,
        officeName: undefined,
        serviceId: undefined,
        serviceName: undefined,
      }).toEqual({
        ...expectedA,
        officeId: undefined,
        officeName: undefined,
        serviceId: undefined,
        serviceName: undefined,
      });
      expect(rowA.respondents).toBe(6);
      expect(rowA.elements.U4).toMatchObject({ answered: 5 });
      expect(rowA.grade).not.toBeNull();
      const expectedTotal = computeIkm(answersOf(stored));
      expect(report.total.respondents).toBe(expectedTotal.respondents);
      expect(report.total.unitValue).toBe(expectedTotal.unitValue);
      expect(report.total.grade).toBe(expectedTotal.grade);
      expect(report.total.ikm).toBeCloseTo(expectedTotal.ikm!, 12);
      // Office B's row: only U1 and U9 answered, so no IKM.
      expect(report.rows[1]).toMatchObject({ respondents: 1, ikm: null, unitValue: null, grade: null });

      // An officer of office A sees office A only; filters narrow.
      const mine = SkmReport.parse(
        (await call('GET', '/api/office/skm?from=2020-01-01&to=2999-01-01', officerA)).json(),
      );
      expect(mine.rows.map((r) => r.officeId)).toEqual([OFFICE_A]);
      const asked = SkmReport.parse(
        (await call('GET', `/api/office/skm?from=2020-01-01&to=2999-01-01&officeId=${OFFICE_B}`, officerA)).json(),
      );
      expect(asked.rows).toEqual([]);
      expect(asked.total.respondents).toBe(0);
      const empty = SkmReport.parse((await call('GET', '/api/office/skm?from=2020-01-01&to=2020-02-01', admin)).json());
      expect(empty.rows).toEqual([]);

      const csv = await call('GET', '/api/office/skm.csv?from=2020-01-01&to=2999-01-01', admin);
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="skm-2020-01-01-2999-01-01\.csv"/);
      const lines = csv.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe(SKM_CSV_HEADER.join(','));
      expect(lines).toHaveLength(4);
      const cells = lines[1]!.split(',');
      expect(cells[0]).toBe(OFFICE_A);
      expect(cells[4]).toBe('6');
      expect(cells.at(-2)).toBe(rowA.grade);
      expect(cells.at(-3)).toBe(rowA.unitValue!.toFixed(2));
      expect(lines[3]!.startsWith('total,')).toBe(true);
    });

    it('answers malformed requests with 400 JSON, never 500', async () => {
      const bad: Array<[Method, string, Creds, unknown]> = [
        ['POST', '/api/complaints', {}, { records: [] }],
        ['POST', '/api/complaints', {}, '{"records": ['],
        ['POST', '/api/complaints', {}, { records: [{ ...complaint(), id: 'not-a-uuid' }] }],
        ['POST', '/api/complaints', {}, { records: Array.from({ length: 101 }, () => complaint()) }],
        ['POST', '/api/surveys', {}, { records: [{ ...survey({ U1: 4 }), id: 'not-a-uuid' }] }],
        ['POST', '/api/surveys', {}, { nope: true }],
        ['GET', '/api/sync/complaints/pull?seq=-1', { bearer: DEVICE_KEY }, undefined],
        ['GET', '/api/office/complaints?status=lost', officerA, undefined],
        ['GET', '/api/office/complaints/not-a-uuid', officerA, undefined],
        ['POST', `/api/office/complaints/${uuidv7()}/answers`, officerA, { text: '   ' }],
        ['POST', `/api/office/complaints/${uuidv7()}/answers`, officerA, '{"text": '],
        ['GET', '/api/office/skm?from=nope&to=2030-01-01', officerA, undefined],
        ['GET', '/api/office/skm?from=2030-01-01&to=2020-01-01', officerA, undefined],
        ['GET', '/api/office/skm.csv', officerA, undefined],
      ];
      for (const [method, url, creds, body] of bad) {
        const res = await call(method, url, creds, body);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
        expectApiError(res, 400);
      }
      // A record with an id but a malformed field is rejected alone, naming the field.
      const secret = { ...complaint(), privacy: 'secret' };
      const noNumber = { ...complaint(), about: { kind: 'application', trackingNumber: 'nope' } };
      const complaints = await call('POST', '/api/complaints', {}, { records: [secret, noNumber] });
      expect(ComplaintBatchResult.parse(complaints.json()).results).toEqual([
        { id: secret.id, status: 'rejected', errors: { privacy: { code: 'value.type' } } },
        { id: noNumber.id, status: 'rejected', errors: { about: { code: 'value.type' } } },
      ]);
      const tooHigh = survey({ U1: 5 } as unknown as SkmAnswers);
      const none = survey({} as SkmAnswers);
      expect(await sendSurveys(tooHigh, none)).toEqual([
        { id: tooHigh.id, status: 'rejected', errors: { U1: { code: 'value.type' } } },
        { id: none.id, status: 'rejected', errors: { answers: { code: 'survey.no-answer' } } },
      ]);
    });
  });
}
