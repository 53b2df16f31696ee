// The office HTTP API (issue #6) on each real database: every route refuses anonymous callers (401),
// kiosk and field-officer tokens (403) and cookie requests without the CSRF token; an officer of one
// office cannot list, read, download, move or find another office's applications; the officer's
// happy paths (queue filters, detail, file bytes, moves to ready that reach the resident's device,
// stale and refused moves, walk-ins, dashboard JSON and CSV); catalogue edits that replicate exactly
// the changed document; the administrator's service edit; audit rows without personal data; and
// malformed requests answered 400 JSON, never 500.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/data/uuidv7.ts';
import {
  ApplicationDetailSchema,
  DashboardResponse,
  MoveConflict,
  MoveResponse,
  OfficeList,
  QueuePageSchema,
  WalkInReceipt,
  WalkInRejection,
} from '../../src/domain/backoffice/api.ts';
import type { Service } from '../../src/domain/catalogue/service.ts';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import { submitBatch } from '../../src/server/applications/store.ts';
import { pullApplicationUpdates } from '../../src/server/applications/updates.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { appendChunk, declareUpload } from '../../src/server/uploads/store.ts';
import { type Creds, caller, expectApiError, type Method, staffOfTwoOffices } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { identityOf, ktpApplication } from '../support/records.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const ADMIN_PASSWORD = 'garam-kalianget-1987';
const OFFICER_PASSWORD = 'perahu-talango-2024';
const OFFICE_A = 'kecamatan-raas';
const OFFICE_B = 'kecamatan-sapeken';
const NIK_A = '3529014507900003';
const NIK_B = '3529014507900011';
const NAME_A = 'Siti Aminah';
const NAME_B = 'Hasanah Wulandari';
const DEVICE_A = createHash('sha256').update('device-of-siti').digest('hex');
const PICKUP = { place: "Loket 1, Kantor Kecamatan Ra'as", from: '2026-11-25T08:00:00+07:00' };
const hash = (s: string) => createHash('sha256').update(s).digest('hex');

const address = (district: string, village: string) => ({
  provinceCode: '35',
  regencyCode: '35.29',
  districtCode: district,
  villageCode: village,
  street: 'Jl. Pelabuhan 1',
});

for (const target of databaseTargets()) {
  describe(`office API on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let call: ReturnType<typeof caller>;
    let harness: SeededApp | undefined;
    let admin: Creds;
    let officerA: Creds;
    let officerB: Creds;
    let field: Creds;
    let kiosk: Creds;
    let appA: { id: string; trackingNumber: string };
    let appB: { id: string; trackingNumber: string };
    const photo = (() => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300)]);
      const ref: AttachmentRef = {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        type: 'image/jpeg',
        size: bytes.length,
        name: 'kk.jpg',
      };
      return { bytes, ref };
    })();

    const ktpAnswers = (nik: string, name: string, district: string, village: string) => ({
      nik,
      fullName: name,
      ...identityOf(nik),
      maritalStatus: 'kawin',
      kkNumber: '3529010203260001',
      address: address(district, village),
      recordingPlace: 'kecamatan',
      phone: '0812 3456 7890',
    });

    const submit = async (officeId: string, nik: string, name: string, deviceKey: string) => {
      const record = ktpApplication(
        photo.ref,
        { applicant: { kind: 'self', name }, deviceKeyHash: deviceKey, officeId },
        ktpAnswers(nik, name, '35.29.22', '35.29.22.2001'),
      );
      const [result] = await submitBatch(db, [record]);
      expect(result?.status, JSON.stringify(result)).toBe('accepted');
      return { id: record.id, trackingNumber: (result as { trackingNumber: string }).trackingNumber };
    };

    const walkInBody = (over: Record<string, unknown> = {}) => ({
      officeId: OFFICE_A,
      serviceId: 'ktp-el-baru',
      formVersion: 1,
      applicant: { kind: 'resident', name: 'Moh. Rofiq' },
      answers: ktpAnswers('3529010101800001', 'Moh. Rofiq', '35.29.22', '35.29.22.2001'),
      attachments: { kkDoc: [photo.ref] },
      consent: true,
      ...over,
    });

    const announcement = (id: string, officeIds: string[]) => ({
      id,
      kind: 'closure',
      officeIds,
      title: { id: 'Kantor tutup', en: 'Office closed' },
      body: { id: 'Tutup karena cuti bersama.', en: 'Closed for a collective leave day.' },
      validFrom: '2026-12-24T00:00:00+07:00',
      validUntil: '2026-12-27T00:00:00+07:00',
    });

    /** Every office route with a valid body: for the 401/403/CSRF sweeps. */
    const routes = (): Array<[Method, string, unknown?]> => [
      ['GET', '/api/office/offices'],
      ['GET', '/api/office/applications'],
      ['POST', '/api/office/applications/search-nik', { nik: NIK_A }],
      ['GET', `/api/office/applications/${appA.id}`],
      ['GET', `/api/office/applications/${appA.id}/files/${photo.ref.sha256}`],
      ['POST', `/api/office/applications/${appA.id}/moves`, { to: 'verifying' }],
      ['POST', '/api/office/walk-ins', walkInBody()],
      ['GET', '/api/office/dashboard?from=2020-01-01&to=2030-01-01'],
      ['GET', '/api/office/dashboard.csv?from=2020-01-01&to=2030-01-01'],
      ['PATCH', `/api/office/offices/${OFFICE_A}`, { contacts: {} }],
      ['POST', '/api/office/announcements', announcement('never-made', [OFFICE_A])],
      ['PATCH', '/api/office/announcements/never-made', { kind: 'information' }],
      ['DELETE', '/api/office/announcements/never-made'],
      ['PUT', '/api/admin/services/ktp-el-baru', { id: 'ktp-el-baru' }],
    ];

    const auditRows = () =>
      db.query<{
        action: string;
        account_id: string | null;
        target_id: string | null;
        office_id: string | null;
        detail: Record<string, unknown>;
      }>('select action, account_id, target_id, office_id, detail from audit_log order by id');

    const pullOffices = async (seq: number) => {
      const res = await call('GET', `/api/sync/offices/pull?seq=${seq}&limit=500`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { documents: Array<Record<string, unknown>>; checkpoint: { seq: number } };
    };
    const pullAnnouncements = async (seq: number) => {
      const res = await call('GET', `/api/sync/announcements/pull?seq=${seq}&limit=500`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { documents: Array<Record<string, unknown>>; checkpoint: { seq: number } };
    };

    beforeAll(async () => {
      harness = await seededApp(target, {
        beforeApp: async (db) => {
          await declareUpload(db, photo.ref.sha256, 'image/jpeg', photo.ref.size);
          await appendChunk(db, photo.ref.sha256, 0, photo.bytes);
        },
      });
      ({ db, app } = harness);
      call = caller(app);
      ({ admin, officerA, officerB, field, kiosk } = await staffOfTwoOffices(app, db, {
        offices: [OFFICE_A, OFFICE_B],
        adminPassword: ADMIN_PASSWORD,
        password: OFFICER_PASSWORD,
      }));
      appA = await submit(OFFICE_A, NIK_A, NAME_A, DEVICE_A);
      appB = await submit(OFFICE_B, NIK_B, NAME_B, hash('device-of-hasanah'));
    });

    afterAll(() => harness?.close());

    // -------------------------------------------------------------------------------------------
    // Authorization

    it('answers 401 JSON on every route without a session or token', async () => {
      for (const [method, url, body] of routes())
        expectApiError(await call(method, url, {}, body), 401, 'unauthenticated');
    });

    it('answers 403 JSON on every route to a kiosk token and a field-officer token', async () => {
      for (const creds of [kiosk, field]) {
        for (const [method, url, body] of routes())
          expectApiError(await call(method, url, creds, body), 403, 'forbidden');
      }
    });

    it('refuses a cookie request that changes something without the CSRF token', async () => {
      for (const [method, url, body] of routes().filter(([m]) => m !== 'GET')) {
        expectApiError(await call(method, url, { cookie: officerA.cookie! }, body), 403, 'csrf');
        expectApiError(await call(method, url, { cookie: admin.cookie!, csrf: 'x'.repeat(43) }, body), 403, 'csrf');
      }
      // Nothing moved.
      const detail = ApplicationDetailSchema.parse(
        (await call('GET', `/api/office/applications/${appA.id}`, officerA)).json(),
      );
      expect(detail.status).toBe('received');
    });

    it('keeps office B’s applications from an officer of office A: not listed, not found, not downloadable, not movable, not searchable', async () => {
      const all = QueuePageSchema.parse((await call('GET', '/api/office/applications?limit=200', officerA)).json());
      expect(all.rows.map((r) => r.id)).toContain(appA.id);
      expect(all.rows.map((r) => r.id)).not.toContain(appB.id);
      expect(all.rows.every((r) => r.officeId === OFFICE_A)).toBe(true);
      const asked = QueuePageSchema.parse(
        (await call('GET', `/api/office/applications?officeId=${OFFICE_B}`, officerA)).json(),
      );
      expect(asked.rows).toEqual([]);
      const byNumber = QueuePageSchema.parse(
        (await call('GET', `/api/office/applications?trackingNumber=${appB.trackingNumber}`, officerA)).json(),
      );
      expect(byNumber.rows).toEqual([]);

      expectApiError(await call('GET', `/api/office/applications/${appB.id}`, officerA), 404, 'not_found');
      expectApiError(
        await call('GET', `/api/office/applications/${appB.id}/files/${photo.ref.sha256}`, officerA),
        404,
        'not_found',
      );
      expectApiError(
        await call('POST', `/api/office/applications/${appB.id}/moves`, officerA, { to: 'verifying' }),
        404,
        'not_found',
      );
      // The same answer as an application that does not exist.
      expectApiError(await call('GET', `/api/office/applications/${uuidv7()}`, officerA), 404, 'not_found');

      const found = QueuePageSchema.parse(
        (await call('POST', '/api/office/applications/search-nik', officerA, { nik: NIK_B })).json(),
      );
      expect(found.rows).toEqual([]);
      expectApiError(
        await call('POST', '/api/office/walk-ins', officerA, walkInBody({ officeId: OFFICE_B })),
        403,
        'forbidden',
      );
      expectApiError(
        await call('PATCH', `/api/office/offices/${OFFICE_B}`, officerA, { contacts: {} }),
        403,
        'forbidden',
      );
      expectApiError(
        await call('POST', '/api/office/announcements', officerA, announcement('tutup-sapeken', [OFFICE_A, OFFICE_B])),
        403,
        'forbidden',
      );

      // Office B's officer sees its own, and not A's.
      const b = QueuePageSchema.parse((await call('GET', '/api/office/applications', officerB)).json());
      expect(b.rows.map((r) => r.id)).toEqual([appB.id]);
      expect(
        await db.query(`select 1 from applications where id = $1::uuid and status = 'received'`, [appB.id]),
      ).toHaveLength(1);
      const offices = OfficeList.parse((await call('GET', '/api/office/offices', officerA)).json());
      expect(offices.offices.map((o) => o.id)).toEqual([OFFICE_A]);
      const allOffices = OfficeList.parse((await call('GET', '/api/office/offices', admin)).json());
      expect(allOffices.offices.map((o) => o.id)).toEqual(
        expect.arrayContaining([OFFICE_A, OFFICE_B, 'disdukcapil-sumenep']),
      );
    });

    // -------------------------------------------------------------------------------------------
    // The officer's work

    it('lists the queue with filters, masked, and refuses a forged cursor', async () => {
      const get = async (query: string) => {
        const res = await call('GET', `/api/office/applications?${query}`, officerA);
        expect(res.statusCode, res.body).toBe(200);
        return QueuePageSchema.parse(res.json()).rows.map((r) => r.id);
      };
      const [row] = QueuePageSchema.parse(
        (
          await call('GET', `/api/office/applications?trackingNumber=${appA.trackingNumber.toLowerCase()}`, officerA)
        ).json(),
      ).rows;
      expect(row).toMatchObject({
        id: appA.id,
        channel: 'online',
        status: 'received',
        applicantInitials: 'S. A.',
        officeId: OFFICE_A,
      });
      expect(row!.nikMasked).not.toContain(NIK_A);
      expect(JSON.stringify(row)).not.toContain(NAME_A);
      expect(await get('service=ktp-el-baru&status=received&status=verifying&channel=online')).toContain(appA.id);
      expect(await get('status=completed')).not.toContain(appA.id);
      expect(await get('channel=counter&channel=kiosk')).not.toContain(appA.id);
      expect(await get('overdue=false')).toContain(appA.id);
      expect(await get('overdue=true')).not.toContain(appA.id);
      const island = (
        await db.query<{ code: string }>(
          `select doc->'island'->>'code' as code from catalogue_docs where collection = 'offices' and id = $1`,
          [OFFICE_A],
        )
      )[0]!.code;
      expect(await get(`island=${island}`)).toContain(appA.id);
      expect((await call('GET', '/api/office/applications?limit=1', officerA)).statusCode).toBe(200);
      expectApiError(
        await call('GET', '/api/office/applications?cursor=bm90LWEtY3Vyc29y', officerA),
        400,
        'invalid_request',
      );
      expectApiError(await call('GET', '/api/office/applications?status=lost', officerA), 400, 'invalid_request');
      expectApiError(await call('GET', '/api/office/applications?overdue=maybe', officerA), 400, 'invalid_request');
    });

    it('finds by NIK (audited with the last four digits only)', async () => {
      const res = await call('POST', '/api/office/applications/search-nik', officerA, { nik: '3529 0145 0790 0003' });
      expect(res.statusCode, res.body).toBe(200);
      expect(QueuePageSchema.parse(res.json()).rows.map((r) => r.id)).toEqual([appA.id]);
      const entry = (await auditRows()).filter((r) => r.action === 'application.search-nik').at(-1);
      expect(entry?.detail).toMatchObject({ nikLast4: '0003', results: 1 });
      expect(JSON.stringify(entry)).not.toContain(NIK_A);
    });

    it('shows the detail and serves the file bytes the application names, uncached', async () => {
      const res = await call('GET', `/api/office/applications/${appA.id}`, officerA);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      const detail = ApplicationDetailSchema.parse(res.json());
      expect(detail).toMatchObject({ id: appA.id, status: 'received', applicant: { name: NAME_A } });
      expect(detail.answers.nik).toBe(NIK_A);
      expect(detail.attachments).toEqual([{ field: 'kkDoc', ...photo.ref }]);

      const file = await call('GET', `/api/office/applications/${appA.id}/files/${photo.ref.sha256}`, officerA);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/jpeg');
      expect(file.headers['cache-control']).toBe('private, no-store');
      expect(Buffer.compare(file.rawPayload, photo.bytes)).toBe(0);
      // A stored file the application does not name.
      const other = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(100)]);
      const otherSha = createHash('sha256').update(other).digest('hex');
      await declareUpload(db, otherSha, 'image/jpeg', other.length);
      await appendChunk(db, otherSha, 0, other);
      expectApiError(
        await call('GET', `/api/office/applications/${appA.id}/files/${otherSha}`, officerA),
        404,
        'not_found',
      );
      expectApiError(
        await call('GET', `/api/office/applications/${appA.id}/files/not-a-hash`, officerA),
        400,
        'invalid_request',
      );
      expectApiError(await call('GET', '/api/office/applications/not-a-uuid', officerA), 400, 'invalid_request');

      const actions = (await auditRows()).filter((r) => r.target_id === appA.id).map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['application.read', 'application.file-read']));
    });

    it('moves an application to ready with a pickup; the resident’s device pulls it; stale and refused moves are 409', async () => {
      const move = (body: unknown, creds: Creds = officerA) =>
        call('POST', `/api/office/applications/${appA.id}/moves`, creds, body);
      const before = await pullApplicationUpdates(db, DEVICE_A, 0, 100);
      const checkpoint = before.checkpoint.seq;

      const first = await move({ to: 'verifying', expected: 'received' });
      expect(first.statusCode, first.body).toBe(200);
      expect(MoveResponse.parse(first.json())).toMatchObject({ id: appA.id, from: 'received', status: 'verifying' });

      // The officer still looking at "received": stale, with where it is now.
      const stale = await move({ to: 'rejected', reason: 'Foto KK buram.', expected: 'received' });
      expect(stale.statusCode, stale.body).toBe(409);
      expect(MoveConflict.parse(stale.json())).toMatchObject({ error: { code: 'stale' }, current: 'verifying' });

      expect((await move({ to: 'processing', expected: 'verifying' })).statusCode).toBe(200);
      // Not a move from "processing".
      const refused = await move({ to: 'verifying' });
      expect(refused.statusCode, refused.body).toBe(409);
      expect(MoveConflict.parse(refused.json())).toMatchObject({
        error: { code: 'move.not-allowed' },
        current: 'processing',
        allowed: ['ready', 'rejected', 'withdrawn'],
      });
      // Malformed: ready without a pickup place; not a status at all; not JSON.
      expectApiError(await move({ to: 'ready' }), 400, 'invalid_request');
      expectApiError(await move({ to: 'lost' }), 400, 'invalid_request');
      expectApiError(await move('{"to": "ready",'), 400);

      const ready = await move({ to: 'ready', pickup: PICKUP, note: 'Bawa KK asli.', expected: 'processing' });
      expect(ready.statusCode, ready.body).toBe(200);
      expect(MoveResponse.parse(ready.json()).status).toBe('ready');

      const pulled = await pullApplicationUpdates(db, DEVICE_A, checkpoint, 100);
      expect(pulled.documents).toHaveLength(1);
      expect(pulled.documents[0]).toMatchObject({
        id: appA.id,
        status: 'ready',
        pickup: PICKUP,
        message: 'Bawa KK asli.',
      });

      const detail = ApplicationDetailSchema.parse(
        (await call('GET', `/api/office/applications/${appA.id}`, officerA)).json(),
      );
      expect(detail.history.map((h) => h.to)).toEqual(['verifying', 'processing', 'ready']);
      const moves = (await auditRows()).filter((r) => r.action === 'application.move' && r.target_id === appA.id);
      expect(moves.map((m) => m.detail.to)).toEqual(['verifying', 'processing', 'ready']);
      expect(moves.every((m) => m.office_id === OFFICE_A)).toBe(true);
    });

    it('enters a walk-in at the counter into the same queue; refused answers are 422 with field errors', async () => {
      const res = await call('POST', '/api/office/walk-ins', officerA, walkInBody());
      expect(res.statusCode, res.body).toBe(201);
      const receipt = WalkInReceipt.parse(res.json());
      expect(receipt.secret).toMatch(/^[0-9a-f]{64}$/);
      const queue = QueuePageSchema.parse(
        (await call('GET', '/api/office/applications?channel=counter', officerA)).json(),
      );
      expect(queue.rows).toEqual([
        expect.objectContaining({
          id: receipt.id,
          trackingNumber: receipt.trackingNumber,
          channel: 'counter',
          status: 'received',
          officeId: OFFICE_A,
        }),
      ]);

      const bad = await call(
        'POST',
        '/api/office/walk-ins',
        officerA,
        walkInBody({ answers: { ...walkInBody().answers, nik: '123' } }),
      );
      expect(bad.statusCode, bad.body).toBe(422);
      const rejection = WalkInRejection.parse(bad.json());
      expect(rejection.error.code).toBe('rejected');
      expect(Object.keys(rejection.errors ?? {})).toContain('nik');
      const notServing = await call(
        'POST',
        '/api/office/walk-ins',
        officerA,
        walkInBody({ serviceId: 'no-such-service' }),
      );
      expect(notServing.statusCode).toBe(422);
      expectApiError(
        await call('POST', '/api/office/walk-ins', officerA, walkInBody({ consent: false })),
        400,
        'invalid_request',
      );
      expectApiError(
        await call('POST', '/api/office/walk-ins', officerA, { officeId: OFFICE_A }),
        400,
        'invalid_request',
      );
      expect((await auditRows()).some((r) => r.action === 'application.walk-in' && r.target_id === receipt.id)).toBe(
        true,
      );
    });

    it('reports the dashboard as JSON and as a CSV download', async () => {
      const from = new Date(Date.now() - 86_400_000).toISOString();
      const to = new Date(Date.now() + 86_400_000).toISOString();
      const res = await call(
        'GET',
        `/api/office/dashboard?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
        officerA,
      );
      expect(res.statusCode, res.body).toBe(200);
      const rows = DashboardResponse.parse(res.json()).rows;
      expect(rows.every((r) => r.officeId === OFFICE_A)).toBe(true);
      expect(rows.find((r) => r.serviceId === 'ktp-el-baru')).toMatchObject({ officeId: OFFICE_A, received: 2 });

      const csv = await call('GET', `/api/office/dashboard.csv?from=2020-01-01&to=2030-01-01`, officerA);
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(String(csv.headers['content-disposition'])).toMatch(
        /^attachment; filename="dashboard-2020-01-01-2030-01-01\.csv"$/,
      );
      const lines = csv.body.trim().split(/\r?\n/);
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines.slice(1).every((l) => l.startsWith(`${OFFICE_A},`) || l.startsWith(`"${OFFICE_A}"`))).toBe(true);
      expect(csv.body).not.toContain(OFFICE_B);

      expectApiError(
        await call('GET', '/api/office/dashboard?from=2030-01-01&to=2020-01-01', officerA),
        400,
        'invalid_request',
      );
      expectApiError(
        await call('GET', '/api/office/dashboard?from=yesterday&to=2020-01-01', officerA),
        400,
        'invalid_request',
      );
      expectApiError(await call('GET', '/api/office/dashboard.csv', officerA), 400, 'invalid_request');
    });

    // -------------------------------------------------------------------------------------------
    // Catalogue editing

    it('edits an office’s hours; devices pull exactly that office after their checkpoint', async () => {
      const { checkpoint } = await pullOffices(0);
      const hours = [
        { day: 1, open: '07:30', close: '12:00' },
        { day: 1, open: '13:00', close: '15:30' },
      ];
      const res = await call('PATCH', `/api/office/offices/${OFFICE_A}`, officerA, { hours });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: OFFICE_A, hours });
      const after = await pullOffices(checkpoint.seq);
      expect(after.documents.map((d) => d.id)).toEqual([OFFICE_A]);
      expect(after.documents[0]).toMatchObject({ hours, _deleted: false });
      // The same hours again change nothing on devices.
      expect((await call('PATCH', `/api/office/offices/${OFFICE_A}`, officerA, { hours })).statusCode).toBe(200);
      expect((await pullOffices(after.checkpoint.seq)).documents).toEqual([]);
      // Invalid edits: a bad clock time, a foreign phone number, nothing at all, an unknown office.
      expectApiError(
        await call('PATCH', `/api/office/offices/${OFFICE_A}`, officerA, {
          hours: [{ day: 1, open: '7.30', close: '12:00' }],
        }),
        400,
        'invalid_request',
      );
      expectApiError(
        await call('PATCH', `/api/office/offices/${OFFICE_A}`, officerA, { contacts: { phone: '0812' } }),
        400,
        'invalid_request',
      );
      expectApiError(await call('PATCH', `/api/office/offices/${OFFICE_A}`, officerA, {}), 400, 'invalid_request');
      expectApiError(
        await call('PATCH', '/api/office/offices/no-such-office', admin, { contacts: {} }),
        404,
        'not_found',
      );
      expect((await auditRows()).some((r) => r.action === 'office.edit' && r.target_id === OFFICE_A)).toBe(true);
    });

    it('confirms an office’s sample contacts when an administrator saves them (issue 18, point 9)', async () => {
      const { documents, checkpoint } = await pullOffices(0);
      const seeded = documents.find((d) => d.id === 'puskesmas-raas');
      expect(seeded?.contacts).toMatchObject({ example: true });
      const contacts = { whatsapp: '+6281230060422', email: 'puskesmas.raas@sumenepkab.go.id' };
      const res = await call('PATCH', '/api/office/offices/puskesmas-raas', admin, { contacts });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().contacts).toEqual(contacts);
      const after = await pullOffices(checkpoint.seq);
      expect(after.documents.map((d) => [d.id, d.contacts])).toEqual([['puskesmas-raas', contacts]]);
      // The flag is validated: nothing but a boolean.
      expectApiError(
        await call('PATCH', '/api/office/offices/puskesmas-raas', admin, { contacts: { example: 'yes' } }),
        400,
        'invalid_request',
      );
    });

    it('publishes, changes and withdraws an announcement through the catalogue replication', async () => {
      const { checkpoint } = await pullAnnouncements(0);
      const created = await call(
        'POST',
        '/api/office/announcements',
        officerA,
        announcement('tutup-raas-natal', [OFFICE_A]),
      );
      expect(created.statusCode, created.body).toBe(201);
      expectApiError(
        await call('POST', '/api/office/announcements', officerA, announcement('tutup-raas-natal', [OFFICE_A])),
        409,
      );
      let pulled = await pullAnnouncements(checkpoint.seq);
      expect(pulled.documents.map((d) => [d.id, d._deleted])).toEqual([['tutup-raas-natal', false]]);

      // Office B's officer cannot touch it.
      expectApiError(
        await call('PATCH', '/api/office/announcements/tutup-raas-natal', officerB, { kind: 'information' }),
        403,
        'forbidden',
      );
      expectApiError(await call('DELETE', '/api/office/announcements/tutup-raas-natal', officerB), 403, 'forbidden');

      const changed = await call('PATCH', '/api/office/announcements/tutup-raas-natal', officerA, {
        validUntil: null,
        kind: 'restriction',
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({ kind: 'restriction' });
      expect(changed.json()).not.toHaveProperty('validUntil');

      const removed = await call('DELETE', '/api/office/announcements/tutup-raas-natal', officerA);
      expect(removed.statusCode, removed.body).toBe(200);
      pulled = await pullAnnouncements(pulled.checkpoint.seq);
      expect(pulled.documents.map((d) => [d.id, d._deleted])).toEqual([['tutup-raas-natal', true]]);
      expectApiError(await call('DELETE', '/api/office/announcements/tutup-raas-natal', officerA), 404, 'not_found');
      expectApiError(
        await call('POST', '/api/office/announcements', officerA, { ...announcement('x', [OFFICE_A]) }),
        400,
        'invalid_request',
      );
      const actions = (await auditRows()).filter((r) => r.target_id === 'tutup-raas-natal').map((r) => r.action);
      expect(actions).toEqual(['announcement.create', 'announcement.edit', 'announcement.delete']);
    });

    it('lets only administrators replace a service; a changed form gets the next version', async () => {
      const [row] = await db.query<{ doc: Service }>(
        `select doc from catalogue_docs where collection = 'services' and id = 'ktp-el-baru'`,
      );
      const { updatedAt: _u, ...service } = row!.doc;
      const url = '/api/admin/services/ktp-el-baru';
      expectApiError(await call('PUT', url, officerA, service), 403, 'forbidden');

      const same = await call('PUT', url, admin, {
        ...service,
        summary: { id: 'KTP-el pertama.', en: 'A first KTP-el.' },
      });
      expect(same.statusCode, same.body).toBe(200);
      expect(same.json().form.version).toBe(service.form.version);
      expect(same.json().summary.en).toBe('A first KTP-el.');

      const fields = service.form.fields.map((f: Record<string, unknown>) =>
        f.key === 'phone' ? { ...f, required: false } : f,
      );
      const changed = await call('PUT', url, admin, { ...service, form: { ...service.form, fields } });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json().form.version).toBe(service.form.version + 1);

      expectApiError(await call('PUT', url, admin, { ...service, id: 'kartu-keluarga' }), 400, 'invalid_request');
      expectApiError(
        await call('PUT', url, admin, { ...service, completionTime: { value: -1, unit: 'hours' } }),
        400,
        'invalid_request',
      );
      expectApiError(
        await call('PUT', '/api/admin/services/no-such-service', admin, { ...service, id: 'no-such-service' }),
        404,
        'not_found',
      );
      expect((await auditRows()).filter((r) => r.action === 'service.edit').map((r) => r.detail.formVersion)).toEqual([
        service.form.version,
        service.form.version + 1,
      ]);
    });

    // -------------------------------------------------------------------------------------------
    // Audit and robustness

    it('audits reads and moves with ids only: no NIK, no name', async () => {
      const rows = await auditRows();
      const actions = new Set(rows.map((r) => r.action));
      for (const a of [
        'application.read',
        'application.file-read',
        'application.move',
        'application.search-nik',
        'application.walk-in',
      ])
        expect(actions).toContain(a);
      const text = JSON.stringify(rows);
      for (const secret of [NIK_A, NIK_B, NAME_A, NAME_B, 'Moh. Rofiq', '3529010101800001'])
        expect(text).not.toContain(secret);
    });

    it('answers malformed requests 400 JSON, never 500', async () => {
      const bad: Array<[Method, string, unknown]> = [
        ['POST', '/api/office/applications/search-nik', {}],
        ['POST', '/api/office/applications/search-nik', '{"nik":'],
        ['POST', '/api/office/applications/search-nik', { nik: 3529014507900003 }],
        ['POST', `/api/office/applications/${appA.id}/moves`, []],
        ['POST', `/api/office/applications/${appA.id}/moves`, { to: 'rejected' }],
        ['POST', '/api/office/walk-ins', 'null'],
        ['PATCH', `/api/office/offices/${OFFICE_A}`, { hours: 'always' }],
        ['POST', '/api/office/announcements', { id: 'A B' }],
        ['PATCH', '/api/office/announcements/whatever', { officeIds: [] }],
        ['PUT', '/api/admin/services/ktp-el-baru', { id: 'ktp-el-baru' }],
      ];
      for (const [method, url, body] of bad) {
        const creds = url.startsWith('/api/admin') ? admin : officerA;
        const res = await call(method, url, creds, body);
        expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/json/);
      }
    });
  });
}
