// The office queue's data layer on each real database: office assignment at submission, scoped and
// filtered listing with masked personal data, overdue against the standard, NIK search, moves through
// the state machine (history, device replication, completed_at, a concurrent double move), the
// resident's corrected resubmission, walk-ins at the counter, and the dashboard with its CSV.

import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/data/uuidv7.ts';
import type { OfficeScope } from '../../src/domain/accounts/account.ts';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import {
  type SubmissionRecord,
  type SubmissionResult,
  TrackingNumber,
} from '../../src/domain/submissions/submission.ts';
import { acceptCorrection } from '../../src/server/applications/corrections.ts';
import type { Actor } from '../../src/server/applications/history.ts';
import { computeClocks } from '../../src/server/applications/service-clock.ts';
import { insertApplication, submitBatch } from '../../src/server/applications/store.ts';
import { pullApplicationUpdates, updateApplication } from '../../src/server/applications/updates.ts';
import { seedCatalogue } from '../../src/server/catalogue/seed.ts';
import { createWalkIn } from '../../src/server/office/counter.ts';
import { DASHBOARD_CSV_HEADER, type DashboardRow, dashboard, dashboardCsv } from '../../src/server/office/dashboard.ts';
import {
  getApplication,
  InvalidCursorError,
  listQueue,
  moveApplication,
  searchByNik,
} from '../../src/server/office/queue.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { migrate } from '../../src/server/storage/migrate.ts';
import { appendChunk, declareUpload } from '../../src/server/uploads/store.ts';
import { databaseBefore, databaseTargets, freshDatabase } from '../support/databases.ts';
import { ktpApplication } from '../support/records.ts';

const NIK = '3529014507900003';
const KK = '3529010203260001';
const PICKUP = { place: "Loket 1, Kantor Kecamatan Ra'as", from: '2026-11-25T08:00:00+07:00' };
const OFFICER: Actor = { accountId: 'acc-raas-1', role: 'office-officer' };
const RAAS: OfficeScope = ['kecamatan-raas'];
const ALL: OfficeScope = 'all';
const hash = (s: string) => createHash('sha256').update(s).digest('hex');
const HOUR = 3600;
const DAY = 24 * HOUR;

const address = (district: string, village: string) => ({
  provinceCode: '35',
  regencyCode: '35.29',
  districtCode: district,
  villageCode: village,
  street: 'Jl. Pelabuhan 1',
});

for (const target of databaseTargets()) {
  describe(`office queue on ${target.kind}`, () => {
    let db: Database;
    const cleanups: Array<() => Promise<void>> = [];
    const photo = (() => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(200)]);
      const ref: AttachmentRef = {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        type: 'image/jpeg',
        size: bytes.length,
        name: 'kk.jpg',
      };
      return { bytes, ref };
    })();

    /** A valid ktp-el-baru application as a device sends it. */
    const ktpRecord = (over: Partial<SubmissionRecord> = {}, answers: Record<string, unknown> = {}): SubmissionRecord =>
      ktpApplication(photo.ref, { deviceKeyHash: hash('device-of-siti'), ...over }, answers);

    const submitOne = async (record: SubmissionRecord): Promise<Extract<SubmissionResult, { status: 'accepted' }>> => {
      const [result] = await submitBatch(db, [record]);
      expect(result?.status, JSON.stringify(result)).toBe('accepted');
      return result as Extract<SubmissionResult, { status: 'accepted' }>;
    };

    /** A stored application without the form's checks (the queue does not care), in a given office. */
    const stored = async (
      over: {
        serviceId?: string;
        officeId?: string;
        channel?: SubmissionRecord['channel'];
        answers?: Record<string, unknown>;
        name?: string;
      } = {},
    ) => {
      const id = uuidv7();
      const result = await insertApplication(db, {
        id,
        serviceId: over.serviceId ?? 'kartu-keluarga',
        formVersion: 1,
        channel: over.channel ?? 'online',
        applicant: { kind: 'self', name: over.name ?? 'Ahmad Fauzi' },
        answers: over.answers ?? { nik: '3529010101800001', fullName: 'Ahmad Fauzi' },
        attachments: {},
        secretHash: hash(id),
        ...(over.officeId ? { officeId: over.officeId } : {}),
      });
      return { id, trackingNumber: result.trackingNumber };
    };
    /** Sets a row's receipt, completion and status as if they had happened so; its due time follows the receipt. */
    const setRow = async (id: string, set: { received?: string; completed?: string | null; status?: string }) => {
      await db.query(
        `update applications set received_at = coalesce($2::timestamptz, received_at), completed_at = case when $3::boolean then $4::timestamptz else completed_at end,
           status = coalesce($5, status) where id = $1::uuid`,
        [id, set.received ?? null, set.completed !== undefined, set.completed ?? null, set.status ?? null],
      );
      await computeClocks(db, [id]);
    };
    const officeOf = async (id: string) =>
      (await db.query<{ office_id: string | null }>('select office_id from applications where id = $1::uuid', [id]))[0]
        ?.office_id;

    beforeAll(async () => {
      const fresh = await freshDatabase(target);
      cleanups.push(fresh.drop);
      db = fresh.db;
      await seedCatalogue(db, '35.29');
      await declareUpload(db, photo.ref.sha256, 'image/jpeg', photo.ref.size);
      await appendChunk(db, photo.ref.sha256, 0, photo.bytes);
    });

    afterAll(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    // -------------------------------------------------------------------------------------------
    // Office assignment

    it('assigns each submitted application to an office: the named one if it serves, else the address district, else the first', async () => {
      const raas = ktpRecord();
      const mainland = ktpRecord({}, { address: address('35.29.01', '35.29.01.1015') });
      const named = ktpRecord({ officeId: 'mpp-sumenep' });
      const notServing = ktpRecord({ officeId: 'puskesmas-raas' });
      const noLocalOffice = ktpRecord({}, { address: address('35.29.02', '35.29.02.2001') });
      for (const r of [raas, mainland, named, notServing, noLocalOffice]) await submitOne(r);

      expect(await officeOf(raas.id)).toBe('kecamatan-raas');
      expect(await officeOf(mainland.id)).toBe('disdukcapil-sumenep');
      expect(await officeOf(named.id)).toBe('mpp-sumenep');
      expect(await officeOf(notServing.id)).toBe('kecamatan-raas');
      // No serving office in the applicant's district (Kalianget): the service's first office.
      expect(await officeOf(noLocalOffice.id)).toBe('disdukcapil-sumenep');
      // No address in the form: the service's first serving office.
      const health = await stored({ serviceId: 'pendaftaran-puskesmas', answers: { patientName: 'Budi' } });
      expect(await officeOf(health.id)).toBe('puskesmas-talango');
      // A village service goes to the village's own office.
      const domisili = await stored({
        serviceId: 'surat-keterangan-domisili',
        answers: { address: address('35.29.22', '35.29.22.2001') },
      });
      expect(await officeOf(domisili.id)).toBe('desa-ketupat');
    });

    it("backfills existing applications with their service's first serving office", async () => {
      const before = await databaseBefore(target, '0007');
      try {
        await seedCatalogue(before.db, '35.29');
        const id = uuidv7();
        await before.db.query(
          `insert into applications (id, tracking_number, service_id, form_version, channel, applicant, answers, attachments, secret_hash, seq)
           values ($1::uuid, 'ABCD-EFGH', 'akta-kematian', 1, 'online', '{}', '{}', '{}', 'x', nextval('applications_seq'))`,
          [id],
        );
        await migrate(before.db);
        const [row] = await before.db.query<{ office_id: string }>(
          'select office_id from applications where id = $1::uuid',
          [id],
        );
        expect(row!.office_id).toBe('disdukcapil-sumenep');
      } finally {
        await before.drop();
      }
    });

    // -------------------------------------------------------------------------------------------
    // Listing, scope, masking

    it("scopes the queue: office A's officer never sees office B's applications, and reads them as absent", async () => {
      const a = await stored({ officeId: 'kecamatan-raas' });
      const b = await stored({ officeId: 'disdukcapil-sumenep' });
      const raasRows = (await listQueue(db, RAAS, { limit: 200 })).rows;
      expect(raasRows.map((r) => r.id)).toContain(a.id);
      expect(raasRows.every((r) => r.officeId === 'kecamatan-raas')).toBe(true);
      expect(raasRows.map((r) => r.id)).not.toContain(b.id);
      expect((await listQueue(db, [])).rows).toEqual([]);
      expect(await getApplication(db, RAAS, b.id)).toBeNull();
      expect(await getApplication(db, RAAS, 'not-a-uuid')).toBeNull();
      expect(await getApplication(db, ALL, b.id)).toMatchObject({ id: b.id, officeId: 'disdukcapil-sumenep' });
      expect(await moveApplication(db, RAAS, b.id, { to: 'verifying' }, OFFICER)).toEqual({
        ok: false,
        error: 'not_found',
      });
      expect((await listQueue(db, RAAS, { trackingNumber: b.trackingNumber })).rows).toEqual([]);
      expect((await searchByNik(db, RAAS, '3529010101800001')).rows.map((r) => r.id)).not.toContain(b.id);
    });

    it('lists rows with masked personal data only, and the detail in full', async () => {
      const rec = ktpRecord();
      const { trackingNumber } = await submitOne(rec);
      const [row] = (await listQueue(db, RAAS, { trackingNumber })).rows;
      expect(row).toMatchObject({
        id: rec.id,
        trackingNumber,
        serviceId: 'ktp-el-baru',
        officeId: 'kecamatan-raas',
        channel: 'online',
        status: 'received',
        applicantInitials: 'S. A.',
        nikMasked: '3529••••••••0003',
        overdue: false,
      });
      const text = JSON.stringify(row);
      expect(text).not.toContain(NIK);
      expect(text).not.toContain('Siti');
      expect(text).not.toContain('Aminah');
      expect(text).not.toContain(KK);

      const detail = await getApplication(db, RAAS, rec.id);
      expect(detail).toMatchObject({
        answers: { nik: NIK, fullName: 'Siti Aminah', kkNumber: KK },
        applicant: { name: 'Siti Aminah' },
        attachments: [{ field: 'kkDoc', sha256: photo.ref.sha256, type: 'image/jpeg', size: photo.ref.size }],
        completionTime: { value: 7, unit: 'working-days' },
        history: [],
        completedAt: null,
      });
    });

    it('narrows the list by office, service, status, channel, island and tracking number, and pages it', async () => {
      const scope: OfficeScope = ['kecamatan-sapeken', 'kecamatan-kangayan', 'kecamatan-arjasa'];
      const sapekenKk = await stored({ officeId: 'kecamatan-sapeken' });
      const sapekenKia = await stored({ officeId: 'kecamatan-sapeken', serviceId: 'kia', channel: 'field' });
      const kangayan = await stored({ officeId: 'kecamatan-kangayan', channel: 'kiosk' });
      const arjasa = await stored({ officeId: 'kecamatan-arjasa', channel: 'counter' });
      await setRow(arjasa.id, { status: 'processing' });
      const ids = async (filters: Parameters<typeof listQueue>[2]) =>
        (await listQueue(db, scope, filters)).rows.map((r) => r.id).sort();
      const sorted = (...xs: Array<{ id: string }>) => xs.map((x) => x.id).sort();

      expect(await ids({})).toEqual(sorted(sapekenKk, sapekenKia, kangayan, arjasa));
      expect(await ids({ officeId: 'kecamatan-sapeken' })).toEqual(sorted(sapekenKk, sapekenKia));
      expect(await ids({ officeId: 'kecamatan-raas' })).toEqual([]); // a filter never widens the scope
      expect(await ids({ service: 'kia' })).toEqual(sorted(sapekenKia));
      expect(await ids({ service: ['kia', 'kartu-keluarga'], channel: 'online' })).toEqual(sorted(sapekenKk));
      expect(await ids({ status: 'processing' })).toEqual(sorted(arjasa));
      expect(await ids({ status: ['received', 'verifying'] })).toEqual(sorted(sapekenKk, sapekenKia, kangayan));
      expect(await ids({ channel: 'counter' })).toEqual(sorted(arjasa));
      expect(await ids({ channel: ['kiosk', 'field'] })).toEqual(sorted(sapekenKia, kangayan));
      expect(await ids({ island: '35.29.40028' })).toEqual(sorted(kangayan, arjasa)); // Pulau Kangean
      expect(await ids({ island: '35.29.40079' })).toEqual(sorted(sapekenKk, sapekenKia)); // Pulau Sapeken
      const typed = kangayan.trackingNumber.toLowerCase().replace('-', ' ');
      expect(await ids({ trackingNumber: typed })).toEqual(sorted(kangayan));
      expect(await ids({ trackingNumber: 'nonsense!' })).toEqual([]);

      // Pages of two, oldest first, without repeats or gaps.
      const first = await listQueue(db, scope, { limit: 2 });
      expect(first.rows).toHaveLength(2);
      const second = await listQueue(db, scope, { limit: 2, cursor: first.nextCursor! });
      expect(second.nextCursor).toBeNull();
      expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(
        [sapekenKk, sapekenKia, kangayan, arjasa].map((x) => x.id),
      );
      await expect(listQueue(db, scope, { cursor: 'garbage' })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('computes the due time from the standard (working days in WIB, or minutes) and flags open overdue ones', async () => {
      // The queue's "now" is the clock the caller passes, never the wall clock: this test gives the
      // same answer on any day it runs. Wednesday 25 November 2026, 10:00 WIB.
      const now = new Date('2026-11-25T03:00:00Z');
      const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
      const scope: OfficeScope = ['kecamatan-gayam', 'puskesmas-gayam'];
      const known = await stored({ officeId: 'kecamatan-gayam', serviceId: 'ktp-el-baru' }); // 7 working days
      await setRow(known.id, { received: '2026-11-23T03:00:00Z' }); // Monday 10:00 WIB
      const late = await stored({ officeId: 'kecamatan-gayam' }); // kartu-keluarga, 3 working days
      await setRow(late.id, { received: ago(30 * DAY) });
      const fresh = await stored({ officeId: 'kecamatan-gayam' });
      await setRow(fresh.id, { received: ago(HOUR) });
      const doneLate = await stored({ officeId: 'kecamatan-gayam' });
      await setRow(doneLate.id, { received: ago(30 * DAY), completed: ago(DAY), status: 'completed' });
      const clinic = await stored({
        officeId: 'puskesmas-gayam',
        serviceId: 'pendaftaran-puskesmas',
        answers: { patientName: 'Budi' },
      }); // 15 minutes
      await setRow(clinic.id, { received: ago(HOUR) });

      const rows = new Map((await listQueue(db, scope, {}, now)).rows.map((r) => [r.id, r]));
      // Tue..Fri, Mon, Tue, Wed: due at the end of Wednesday 2 December, 24:00 WIB; not yet overdue on the 25th.
      expect(rows.get(known.id)!.dueAt).toBe('2026-12-02T17:00:00.000Z');
      expect(rows.get(known.id)!.overdue).toBe(false);
      expect(rows.get(late.id)!.overdue).toBe(true);
      expect(rows.get(fresh.id)!.overdue).toBe(false);
      expect(rows.get(doneLate.id)!.overdue).toBe(false);
      expect(rows.get(clinic.id)!.overdue).toBe(true);
      expect(Date.parse(rows.get(clinic.id)!.dueAt!)).toBe(
        Date.parse(rows.get(clinic.id)!.receivedAt) + 15 * 60 * 1000,
      );

      const overdueIds = (await listQueue(db, scope, { overdue: true }, now)).rows.map((r) => r.id).sort();
      expect(overdueIds).toEqual([late.id, clinic.id].sort());
      const others = (await listQueue(db, scope, { overdue: false }, now)).rows.map((r) => r.id);
      expect(others).toHaveLength(rows.size - 2);
      expect(others).not.toContain(late.id);
      expect((await getApplication(db, scope, known.id, now))!.overdue).toBe(false);

      // A day after its due time the same application is overdue, in the list, the filter and the detail.
      const later = new Date('2026-12-03T17:00:00Z');
      expect((await listQueue(db, scope, {}, later)).rows.find((r) => r.id === known.id)!.overdue).toBe(true);
      expect((await listQueue(db, scope, { overdue: true }, later)).rows.map((r) => r.id)).toContain(known.id);
      expect((await getApplication(db, scope, known.id, later))!.overdue).toBe(true);
    });

    it('finds applications by any NIK field of their form, typed with spaces, within the scope only', async () => {
      const motherNik = '3529015203880002';
      const birth = await stored({
        officeId: 'kecamatan-raas',
        serviceId: 'akta-kelahiran',
        answers: { childName: 'Rizki', motherNik, kkNumber: '3529015203880002x' },
        name: 'Nur Hasanah',
      });
      const kkOnly = await stored({
        officeId: 'kecamatan-raas',
        serviceId: 'kartu-keluarga',
        answers: { nik: '3529010101800001', kkNumber: motherNik },
      });
      const elsewhere = await stored({
        officeId: 'kecamatan-talango',
        serviceId: 'akta-kelahiran',
        answers: { motherNik },
      });

      const found = await searchByNik(db, RAAS, '3529 0152 0388 0002');
      expect(found.rows.map((r) => r.id)).toEqual([birth.id]); // not the KK number of another, not another office
      expect(found.rows[0]).toMatchObject({ nikMasked: '3529••••••••0002', applicantInitials: 'N. H.' });
      expect(JSON.stringify(found)).not.toContain(motherNik);
      expect((await searchByNik(db, ALL, motherNik)).rows.map((r) => r.id).sort()).toEqual(
        [birth.id, elsewhere.id].sort(),
      );
      expect((await searchByNik(db, ALL, '3529')).rows).toEqual([]);
      expect(kkOnly.id).toBeTruthy();
    });

    // -------------------------------------------------------------------------------------------
    // Moves

    it('moves an application through the state machine, with history, replication to the device and completed_at', async () => {
      const rec = ktpRecord({ deviceKeyHash: hash('device-moves') });
      await submitOne(rec);
      const device = async () =>
        (await pullApplicationUpdates(db, hash('device-moves'), 0, 10)).documents.find((d) => d.id === rec.id)!;
      const seqOf = async () =>
        Number((await db.query<{ seq: string }>('select seq from applications where id = $1::uuid', [rec.id]))[0]!.seq);

      const refused = await moveApplication(db, RAAS, rec.id, { to: 'processing' }, OFFICER);
      expect(refused).toEqual({
        ok: false,
        error: 'invalid_move',
        code: 'move.not-allowed',
        allowed: ['verifying', 'withdrawn'],
      });
      expect(await moveApplication(db, RAAS, rec.id, { to: 'needs-correction' }, OFFICER)).toMatchObject({
        ok: false,
        error: 'invalid_move',
        code: 'move.invalid',
      });

      let seq = await seqOf();
      const first = await moveApplication(db, RAAS, rec.id, { to: 'verifying' }, OFFICER);
      expect(first).toMatchObject({
        ok: true,
        id: rec.id,
        officeId: 'kecamatan-raas',
        from: 'received',
        to: 'verifying',
      });
      expect(await seqOf()).toBeGreaterThan(seq);
      expect(
        await moveApplication(db, RAAS, rec.id, { to: 'needs-correction', message: 'Foto KK buram.' }, OFFICER),
      ).toMatchObject({ ok: true });
      expect(await device()).toMatchObject({ status: 'needs-correction', message: 'Foto KK buram.' });
      expect(await moveApplication(db, RAAS, rec.id, { to: 'verifying' }, OFFICER)).toMatchObject({
        ok: false,
        code: 'move.resident-only',
        allowed: ['withdrawn'],
      });

      // The resident corrects: a plain resend of the same content is not a correction, nor is another device's.
      expect(await acceptCorrection(db, rec.id, { ...rec, formVersion: 1 })).toEqual({ ok: false, error: 'unchanged' });
      const corrected = { ...rec, formVersion: 1, answers: { ...rec.answers, fullName: 'Siti Aminah Putri' } };
      expect(await acceptCorrection(db, rec.id, { ...corrected, secretHash: hash('someone else') })).toEqual({
        ok: false,
        error: 'forbidden',
      });
      seq = await seqOf();
      expect(await acceptCorrection(db, rec.id, corrected)).toMatchObject({
        ok: true,
        id: rec.id,
        officeId: 'kecamatan-raas',
      });
      expect(await seqOf()).toBeGreaterThan(seq);
      expect(await device()).toMatchObject({ status: 'verifying' });
      expect((await device()).message).toBeUndefined();
      expect((await getApplication(db, RAAS, rec.id))!.answers.fullName).toBe('Siti Aminah Putri');
      expect(
        await acceptCorrection(db, rec.id, {
          ...corrected,
          answers: { ...corrected.answers, phone: '0813 0000 0000' },
        }),
      ).toEqual({
        ok: false,
        error: 'not_awaiting_correction',
        status: 'verifying',
      });

      expect(
        await moveApplication(db, RAAS, rec.id, { to: 'processing', note: 'Berkas lengkap.' }, OFFICER),
      ).toMatchObject({ ok: true });
      expect(await moveApplication(db, RAAS, rec.id, { to: 'ready', pickup: PICKUP }, OFFICER)).toMatchObject({
        ok: true,
        to: 'ready',
      });
      expect(await device()).toMatchObject({ status: 'ready', pickup: PICKUP });
      expect((await getApplication(db, RAAS, rec.id))!.completedAt).toBeNull();
      const done = await moveApplication(
        db,
        RAAS,
        rec.id,
        { to: 'completed' },
        { accountId: 'acc-raas-2', role: 'office-officer' },
      );
      expect(done).toMatchObject({ ok: true, from: 'ready', to: 'completed' });
      expect(await moveApplication(db, RAAS, rec.id, { to: 'rejected', reason: 'late' }, OFFICER)).toMatchObject({
        ok: false,
        code: 'move.final',
      });

      const detail = (await getApplication(db, RAAS, rec.id))!;
      expect(detail.status).toBe('completed');
      expect(Date.parse(detail.completedAt!)).toBeGreaterThan(Date.now() - 60_000);
      expect(await device()).toMatchObject({ status: 'completed' });
      expect(detail.history.map((e) => [e.from, e.to, e.actorRole, e.actorAccountId, e.message])).toEqual([
        ['received', 'verifying', 'office-officer', 'acc-raas-1', null],
        ['verifying', 'needs-correction', 'office-officer', 'acc-raas-1', 'Foto KK buram.'],
        ['needs-correction', 'verifying', 'resident', null, null],
        ['verifying', 'processing', 'office-officer', 'acc-raas-1', 'Berkas lengkap.'],
        ['processing', 'ready', 'office-officer', 'acc-raas-1', null],
        ['ready', 'completed', 'office-officer', 'acc-raas-2', null],
      ]);
      expect(detail.history[4]!.pickup).toEqual(PICKUP);
      expect(detail.history.at(-1)!.id).toBe(done.ok ? done.eventId : -1);
    });

    it('lets one of two concurrent moves win; the other changes nothing', async () => {
      for (let round = 0; round < 3; round++) {
        const { id } = await stored({ officeId: 'kecamatan-raas' });
        await moveApplication(db, RAAS, id, { to: 'verifying' }, OFFICER);
        // Neither move is allowed after the other: whichever commits second must fail.
        const results = await Promise.all([
          moveApplication(db, RAAS, id, { to: 'processing' }, OFFICER),
          moveApplication(db, RAAS, id, { to: 'needs-correction', message: 'Foto buram.' }, OFFICER),
        ]);
        const winners = results.filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        const loser = results.find((r) => !r.ok)!;
        const detail = (await getApplication(db, RAAS, id))!;
        expect(detail.status).toBe(winners[0]!.ok && winners[0]!.to);
        // It lost either on the state guard (stale) or, if it read after the winner committed, on the state machine.
        expect(['stale', 'invalid_move']).toContain(!loser.ok && loser.error);
        expect(detail.history.filter((e) => e.from === 'verifying')).toHaveLength(1);
      }

      // Many officers pressing the same button at once: one move, one history entry.
      const { id } = await stored({ officeId: 'kecamatan-raas' });
      const same = await Promise.all(
        Array.from({ length: 5 }, () => moveApplication(db, RAAS, id, { to: 'verifying' }, OFFICER)),
      );
      expect(same.filter((r) => r.ok)).toHaveLength(1);
      expect((await getApplication(db, RAAS, id))!.history).toHaveLength(1);

      // A move made against a state the officer no longer sees is stale, even if allowed from the new one.
      await moveApplication(db, RAAS, id, { to: 'processing' }, OFFICER);
      expect(
        await moveApplication(db, RAAS, id, { to: 'rejected', reason: 'Tidak lengkap.' }, OFFICER, 'verifying'),
      ).toEqual({
        ok: false,
        error: 'stale',
        current: 'processing',
      });
      // The guard underneath: a change expecting a state the application has left does nothing.
      expect(await updateApplication(db, id, { status: 'rejected' }, { from: 'verifying' })).toBe(false);
      expect((await getApplication(db, RAAS, id))!.status).toBe('processing');
    });

    // -------------------------------------------------------------------------------------------
    // Counter

    it('stores a walk-in at the counter into the same queue with a tracking number', async () => {
      const {
        id: _id,
        channel: _c,
        secretHash: _s,
        deviceKeyHash: _d,
        officeId: _o,
        ...input
      } = ktpRecord({}, { address: address('35.29.01', '35.29.01.1015') });
      const walkIn = await createWalkIn(db, 'kecamatan-raas', OFFICER, { ...input, consent: true });
      expect(walkIn.ok, JSON.stringify(walkIn)).toBe(true);
      if (!walkIn.ok) return;
      expect(TrackingNumber.safeParse(walkIn.trackingNumber).success).toBe(true);
      expect(walkIn.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const [row] = (await listQueue(db, RAAS, { channel: 'counter', trackingNumber: walkIn.trackingNumber })).rows;
      // The counter's office, not the address's district.
      expect(row).toMatchObject({ id: walkIn.id, channel: 'counter', officeId: 'kecamatan-raas', status: 'received' });
      const [secretHash] = await db.query<{ secret_hash: string }>(
        'select secret_hash from applications where id = $1::uuid',
        [walkIn.id],
      );
      expect(secretHash!.secret_hash).toBe(hash(walkIn.secret));
      expect((await getApplication(db, RAAS, walkIn.id))!.history).toMatchObject([
        { from: null, to: 'received', actorAccountId: 'acc-raas-1' },
      ]);

      expect(await createWalkIn(db, 'puskesmas-raas', OFFICER, { ...input, consent: true })).toEqual({
        ok: false,
        error: 'office.not-serving',
      });
      expect(
        await createWalkIn(db, 'kecamatan-raas', OFFICER, { ...input, serviceId: 'no-such-service', consent: true }),
      ).toEqual({ ok: false, error: 'service.unknown' });
      const invalid = await createWalkIn(db, 'kecamatan-raas', OFFICER, {
        ...input,
        answers: { ...input.answers, nik: '123' },
        consent: true,
      });
      expect(invalid).toMatchObject({
        ok: false,
        error: 'rejected',
        result: { status: 'rejected', errors: { nik: { code: 'nik.length' } } },
      });
    });

    // -------------------------------------------------------------------------------------------
    // Dashboard

    it('reports received, completed, median completion time and share overdue per office and service', async () => {
      const office = 'kecamatan-masalembu';
      const add = async (
        set: { received: string; completed?: string; status?: string },
        serviceId = 'kartu-keluarga',
      ) => {
        const { id } = await stored({ officeId: office, serviceId });
        await setRow(id, {
          received: set.received,
          ...(set.completed ? { completed: set.completed } : {}),
          status: set.status ?? (set.completed ? 'completed' : 'processing'),
        });
        // Ready when handed over, and a rejection at receipt: where their service clocks stopped.
        await db.query(
          `update applications set ready_at = completed_at,
             clock_stopped_at = coalesce(completed_at, case when status = 'rejected' then received_at end)
           where id = $1::uuid`,
          [id],
        );
        await computeClocks(db, [id]);
      };
      // kartu-keluarga: 3 working days. Period: October 2026 (UTC).
      await add({ received: '2026-10-05T02:00:00Z', completed: '2026-10-06T02:00:00Z' }); // 1 day, on time
      await add({ received: '2026-10-05T02:00:00Z', completed: '2026-10-08T02:00:00Z' }); // 3 days, on time (due end of Thu 8th)
      await add({ received: '2026-10-12T02:00:00Z', completed: '2026-10-22T02:00:00Z' }); // 10 days, late (due end of Thu 15th)
      await add({ received: '2026-09-25T02:00:00Z', completed: '2026-10-02T02:00:00Z' }); // 7 days, late; received before the period
      await add({ received: '2026-10-20T02:00:00Z' }); // open, due end of Fri 23rd: overdue
      await add({ received: '2026-10-30T02:00:00Z', status: 'received' }); // open, due 4 Nov: not yet
      await add({ received: '2026-10-10T02:00:00Z', status: 'rejected' }); // received, neither completed nor open
      await add({ received: '2026-11-05T02:00:00Z' }); // after the period
      await add({ received: '2026-10-07T02:00:00Z', completed: '2026-10-07T05:00:00Z' }, 'ktp-el-baru'); // 3 hours

      const rows = await dashboard(db, [office], { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' });
      expect(rows).toEqual<DashboardRow[]>([
        {
          officeId: office,
          officeName: 'Kantor Kecamatan Masalembu',
          serviceId: 'kartu-keluarga',
          serviceName: expect.any(String) as unknown as string,
          received: 6,
          completed: 4,
          medianCompletionSeconds: 5 * DAY,
          standard: { value: 3, unit: 'working-days' },
          ready: 4,
          readyLate: 2,
          openAtEnd: 2,
          openOverdue: 1,
          overdueShare: 0.5,
          withdrawn: 0,
          abandoned: 0,
        },
        {
          officeId: office,
          officeName: 'Kantor Kecamatan Masalembu',
          serviceId: 'ktp-el-baru',
          serviceName: expect.any(String) as unknown as string,
          received: 1,
          completed: 1,
          medianCompletionSeconds: 3 * HOUR,
          standard: { value: 7, unit: 'working-days' },
          ready: 1,
          readyLate: 0,
          openAtEnd: 0,
          openOverdue: 0,
          overdueShare: 0,
          withdrawn: 0,
          abandoned: 0,
        },
      ]);
      // Another office's officer sees none of it.
      expect(await dashboard(db, RAAS, { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' })).toEqual([]);

      const csv = dashboardCsv(rows).split('\r\n');
      expect(csv[0]).toBe(
        'office_id,office_name,service_id,service_name,received,completed,median_completion_hours,standard_value,standard_unit,ready,ready_late,open_at_end,open_overdue,overdue_share,withdrawn,abandoned',
      );
      expect(csv[1]).toBe(
        `kecamatan-masalembu,Kantor Kecamatan Masalembu,kartu-keluarga,${rows[0]!.serviceName},6,4,120,3,working-days,4,2,2,1,0.5,0,0`,
      );
      expect(csv).toHaveLength(4); // header, two rows, and the final CRLF
      expect(csv[3]).toBe('');
    });

    it('quotes CSV fields as RFC 4180 says and defuses spreadsheet formulas', () => {
      const row: DashboardRow = {
        officeId: 'x',
        officeName: 'Kantor "Baru", Masalembu\r\nLantai 2',
        serviceId: 's',
        serviceName: '=HYPERLINK("http://evil")',
        received: 1,
        completed: 0,
        medianCompletionSeconds: null,
        standard: null,
        ready: 0,
        readyLate: 0,
        openAtEnd: 1,
        openOverdue: 0,
        overdueShare: 0,
        withdrawn: 0,
        abandoned: 0,
      };
      expect(dashboardCsv([row])).toBe(
        `${DASHBOARD_CSV_HEADER.join(',')}\r\nx,"Kantor ""Baru"", Masalembu\r\nLantai 2",s,"'=HYPERLINK(""http://evil"")",1,0,,,,0,0,1,0,0,0,0\r\n`,
      );
    });
  });
}
