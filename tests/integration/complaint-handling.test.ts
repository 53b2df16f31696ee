// An office's handling of a complaint besides answering it (issue 16), on each real database:
// reclassifying changes its category and its due time (the category's working days on the holiday
// calendar, from its receipt), audited, in its history on the office's detail and on the filing
// device's pull; transferring moves it to the office it concerns (it leaves the sender's list and
// joins the receiver's, the device sees the new office but not the note); after an answer the
// resident (with the complaint's secret) answers back or reopens it within 14 days, and a reopened
// complaint is open again with a new due time. Every office route: 401 anonymous, 403 kiosk / field officer / no CSRF token, 404 another
// office's officer, allowed to the holding office's officer and to an administrator; 400 malformed.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMPLAINT_RESIDENT_MOVES_MAX,
  ComplaintBatchResult,
  type ComplaintCategory,
  type ComplaintInput,
  ComplaintUpdate,
  complaintDueAt,
} from '../../src/domain/feedback/complaint.ts';
import { ComplaintDetail, ComplaintList } from '../../src/domain/feedback/office-api.ts';
import { uuidv7 } from '../../src/domain/ids/uuidv7.ts';
import { holidayCalendar } from '../../src/server/applications/service-clock.ts';
import { RATE_RULES } from '../../src/server/limits/rate-limits.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { type Creds, caller, expectApiError, type Method, staffOfTwoOffices } from '../support/accounts.ts';
import { databaseTargets } from '../support/databases.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const OFFICE_A = 'kecamatan-raas';
const OFFICE_B = 'kecamatan-sapeken';
const hash = (s: string) => createHash('sha256').update(s).digest('hex');

for (const target of databaseTargets()) {
  describe(`complaint handling on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let call: ReturnType<typeof caller>;
    let harness: SeededApp | undefined;
    let admin: Creds;
    let officerA: Creds;
    let officerB: Creds;
    let field: Creds;
    let kiosk: Creds;
    // One device per complaint: a device files at most 20 complaints an hour.
    const fileOne = async (over: Partial<ComplaintInput> = {}) => {
      const key = randomBytes(32).toString('hex');
      const secret = randomBytes(32).toString('hex');
      const record: ComplaintInput = {
        id: uuidv7(),
        about: { kind: 'office', officeId: OFFICE_A },
        what: 'Petugas meminta uang tambahan untuk mempercepat KTP.',
        when: '2025-06-02',
        privacy: 'anonymous',
        channel: 'online',
        secretHash: hash(secret),
        deviceKeyHash: hash(key),
        ...over,
      };
      const res = await call('POST', '/api/complaints', {}, { records: [record] });
      expect(res.statusCode, res.body).toBe(200);
      const [r] = ComplaintBatchResult.parse(res.json()).results;
      expect(r?.status, JSON.stringify(r)).toBe('accepted');
      return { id: record.id, key, secret };
    };
    const detail = async (id: string, who: Creds = officerA) => {
      const res = await call('GET', `/api/office/complaints/${id}`, who);
      expect(res.statusCode, res.body).toBe(200);
      return ComplaintDetail.parse(res.json());
    };
    const pull = async (key: string) => {
      const res = await call('GET', '/api/sync/complaints/pull?seq=0&limit=100', { bearer: key });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { documents: unknown[] }).documents.map((d) => ComplaintUpdate.parse(d));
    };
    const expectedDue = async (id: string, category: ComplaintCategory) => {
      const [row] = await db.query<{ ms: number }>(
        'select (extract(epoch from received_at) * 1000)::float8 as ms from complaints where id = $1::uuid',
        [id],
      );
      return new Date(complaintDueAt(row!.ms, category, await holidayCalendar(db))).toISOString();
    };
    const reclassify = (id: string, category: string, who: Creds = officerA) =>
      call('POST', `/api/office/complaints/${id}/category`, who, { category });

    const listed = async (who: Creds) => {
      const res = await call('GET', '/api/office/complaints?limit=500', who);
      expect(res.statusCode, res.body).toBe(200);
      return ComplaintList.parse(res.json()).rows.map((r) => r.id);
    };
    const transfer = (id: string, body: unknown, who: Creds = officerA) =>
      call('POST', `/api/office/complaints/${id}/transfer`, who, body);

    const answer = async (id: string, close = false, who: Creds = officerA) => {
      const res = await call('POST', `/api/office/complaints/${id}/answers`, who, {
        text: 'Sudah kami periksa.',
        close,
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const resident = (id: string, path: 'replies' | 'reopening', secret: string, text = 'Belum selesai, pak.') =>
      call(
        'POST',
        `/api/complaints/${id}/${path}`,
        { ip: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
        { secret, text },
      );

    beforeAll(async () => {
      harness = await seededApp(target);
      ({ db, app } = harness);
      call = caller(app);
      ({ admin, officerA, officerB, field, kiosk } = await staffOfTwoOffices(app, db, {
        offices: [OFFICE_A, OFFICE_B],
        adminPassword: 'garam-kalianget-1987',
        password: 'perahu-talango-2024',
      }));
    });

    afterAll(() => harness?.close());

    it('reclassifies: the due time follows the new category, audited, in the history on both sides', async () => {
      const c = await fileOne();
      const before = await detail(c.id);
      expect(before.category).toBe('service-quality');
      // Filed on the holiday calendar (issue 16), not Monday to Friday only.
      expect(Date.parse(before.dueAt)).toBe(Date.parse(await expectedDue(c.id, 'service-quality')));

      const res = await reclassify(c.id, 'misconduct');
      expect(res.statusCode, res.body).toBe(200);
      const after = ComplaintDetail.parse(res.json());
      expect(after.category).toBe('misconduct');
      const due = await expectedDue(c.id, 'misconduct');
      expect(Date.parse(after.dueAt)).toBe(Date.parse(due));
      expect(Date.parse(after.dueAt)).toBeGreaterThan(Date.parse(before.dueAt));
      expect(after.history).toEqual([
        expect.objectContaining({
          kind: 'reclassified',
          role: 'officer',
          fromCategory: 'service-quality',
          category: 'misconduct',
          dueAt: due,
        }),
      ]);

      const audited = await db.query<{ action: string; office_id: string; detail: unknown }>(
        `select action, office_id, detail from audit_log where target_id = $1 and action = 'complaint.reclassify'`,
        [c.id],
      );
      expect(audited).toEqual([
        {
          action: 'complaint.reclassify',
          office_id: OFFICE_A,
          detail: { from: 'service-quality', to: 'misconduct', dueAt: due },
        },
      ]);

      const [doc] = await pull(c.key);
      expect(doc).toMatchObject({ id: c.id, category: 'misconduct', officeId: OFFICE_A });
      expect(Date.parse(doc!.dueAt)).toBe(Date.parse(due));
      expect(doc!.history).toEqual([
        expect.objectContaining({ kind: 'reclassified', fromCategory: 'service-quality', category: 'misconduct' }),
      ]);

      // Back to a shorter kind: due sooner; an administrator may do it too.
      const back = await reclassify(c.id, 'information', admin);
      expect(back.statusCode, back.body).toBe(200);
      const info = ComplaintDetail.parse(back.json());
      expect(Date.parse(info.dueAt)).toBe(Date.parse(await expectedDue(c.id, 'information')));
      expect(info.history.map((e) => [e.kind, e.role, e.category])).toEqual([
        ['reclassified', 'officer', 'misconduct'],
        ['reclassified', 'administrator', 'information'],
      ]);
    });

    it('refuses to reclassify to the same category (409 unchanged) or a closed complaint (409 closed)', async () => {
      const c = await fileOne();
      expectApiError(await reclassify(c.id, 'service-quality'), 409, 'unchanged');
      const closed = await call('POST', `/api/office/complaints/${c.id}/answers`, officerA, {
        text: 'Selesai.',
        close: true,
      });
      expect(closed.statusCode, closed.body).toBe(200);
      expectApiError(await reclassify(c.id, 'misconduct'), 409, 'closed');
      expect((await detail(c.id)).category).toBe('service-quality');
    });

    it('lets only the holding office’s officers and administrators reclassify (per role)', async () => {
      const c = await fileOne();
      const url = `/api/office/complaints/${c.id}/category`;
      const body = { category: 'information' };
      const routes: Array<[Method, string, unknown]> = [['POST', url, body]];
      for (const [method, u, b] of routes) {
        expectApiError(await call(method, u, {}, b), 401, 'unauthenticated');
        expectApiError(await call(method, u, kiosk, b), 403, 'forbidden');
        expectApiError(await call(method, u, field, b), 403, 'forbidden');
        expectApiError(await call(method, u, { cookie: officerA.cookie! }, b), 403, 'csrf');
        expectApiError(await call(method, u, officerB, b), 404, 'not_found');
      }
      expect((await detail(c.id)).category).toBe('service-quality');
      expect((await reclassify(c.id, 'information', officerA)).statusCode).toBe(200);
    });

    it('answers malformed reclassifications with 400 JSON', async () => {
      const c = await fileOne();
      expectApiError(await reclassify(c.id, 'urgent'), 400);
      expectApiError(await call('POST', `/api/office/complaints/${c.id}/category`, officerA, {}), 400);
      expectApiError(
        await call('POST', '/api/office/complaints/not-a-uuid/category', officerA, { category: 'misconduct' }),
        400,
      );
      expectApiError(await call('POST', `/api/office/complaints/${c.id}/category`, officerA, '{"category":'), 400);
    });

    it('transfers to the office it concerns: out of the sender’s list, into the receiver’s, seen on the device', async () => {
      const c = await fileOne();
      const due = (await detail(c.id)).dueAt;
      expect(await listed(officerA)).toContain(c.id);
      expect(await listed(officerB)).not.toContain(c.id);

      const res = await transfer(c.id, { officeId: OFFICE_B, note: 'Pelayanan di Sapeken, bukan Raas.' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ id: c.id, officeId: OFFICE_B });

      expect(await listed(officerA)).not.toContain(c.id);
      expect(await listed(officerB)).toContain(c.id);
      expectApiError(await call('GET', `/api/office/complaints/${c.id}`, officerA), 404, 'not_found');
      const atB = await detail(c.id, officerB);
      expect(atB).toMatchObject({ officeId: OFFICE_B, status: 'open', dueAt: due });
      expect(atB.history).toEqual([
        expect.objectContaining({
          kind: 'transferred',
          role: 'officer',
          fromOfficeId: OFFICE_A,
          officeId: OFFICE_B,
          text: 'Pelayanan di Sapeken, bukan Raas.',
        }),
      ]);
      const audited = await db.query<{ account_id: string; office_id: string; detail: unknown }>(
        `select a.username as account_id, l.office_id, l.detail from audit_log l join accounts a on a.id = l.account_id
          where l.target_id = $1 and l.action = 'complaint.transfer'`,
        [c.id],
      );
      expect(audited).toEqual([
        { account_id: 'petugas.raas', office_id: OFFICE_A, detail: { from: OFFICE_A, to: OFFICE_B } },
      ]);

      const [doc] = await pull(c.key);
      expect(doc).toMatchObject({ id: c.id, officeId: OFFICE_B });
      expect(doc!.history).toEqual([
        { at: expect.any(String), kind: 'transferred', fromOfficeId: OFFICE_A, officeId: OFFICE_B },
      ]);

      // The receiving office may answer it; the sender may no longer move it.
      expectApiError(await transfer(c.id, { officeId: OFFICE_A, note: 'Kembali.' }), 404, 'not_found');
      const answered = await call('POST', `/api/office/complaints/${c.id}/answers`, officerB, {
        text: 'Kami tangani.',
      });
      expect(answered.statusCode, answered.body).toBe(200);
    });

    it('transfers only to an office that exists, not to its own, never a closed complaint', async () => {
      const c = await fileOne();
      expectApiError(await transfer(c.id, { officeId: 'kecamatan-atlantis', note: 'x' }), 400, 'unknown_office');
      expectApiError(await transfer(c.id, { officeId: OFFICE_A, note: 'x' }), 409, 'unchanged');
      const closed = await call('POST', `/api/office/complaints/${c.id}/answers`, officerA, {
        text: 'Selesai.',
        close: true,
      });
      expect(closed.statusCode, closed.body).toBe(200);
      expectApiError(await transfer(c.id, { officeId: OFFICE_B, note: 'x' }), 409, 'closed');
      expect((await detail(c.id)).officeId).toBe(OFFICE_A);
    });

    it('lets only the holding office’s officers and administrators transfer (per role); 400 malformed', async () => {
      const c = await fileOne();
      const url = `/api/office/complaints/${c.id}/transfer`;
      const body = { officeId: OFFICE_B, note: 'Urusan Sapeken.' };
      expectApiError(await call('POST', url, {}, body), 401, 'unauthenticated');
      expectApiError(await call('POST', url, kiosk, body), 403, 'forbidden');
      expectApiError(await call('POST', url, field, body), 403, 'forbidden');
      expectApiError(await call('POST', url, { cookie: officerA.cookie! }, body), 403, 'csrf');
      expectApiError(await call('POST', url, officerB, body), 404, 'not_found');
      expectApiError(await call('POST', url, officerA, { officeId: OFFICE_B }), 400);
      expectApiError(await call('POST', url, officerA, { officeId: OFFICE_B, note: '   ' }), 400);
      expectApiError(await call('POST', url, officerA, { officeId: OFFICE_B, note: 'x'.repeat(1001) }), 400);
      expectApiError(await call('POST', url, officerA, { officeId: 'Not A Slug!', note: 'x' }), 400);
      expect((await detail(c.id)).officeId).toBe(OFFICE_A);
      // An administrator may move it from any office, and back.
      expect((await transfer(c.id, body, admin)).statusCode).toBe(200);
      const back = await transfer(c.id, { officeId: OFFICE_A, note: 'Ternyata urusan Raas.' }, admin);
      expect(back.statusCode, back.body).toBe(200);
      expect((await detail(c.id)).history.map((e) => [e.kind, e.role, e.officeId])).toEqual([
        ['transferred', 'administrator', OFFICE_B],
        ['transferred', 'administrator', OFFICE_A],
      ]);
    });

    it('takes the resident’s reply after an answer: in the office’s history and on the device, the status stays', async () => {
      const c = await fileOne();
      expectApiError(await resident(c.id, 'replies', c.secret), 409, 'not_answered');
      await answer(c.id);
      const res = await resident(c.id, 'replies', c.secret, 'Terima kasih, tapi loket masih tutup.');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: c.id, status: 'answered' });
      const d = await detail(c.id);
      expect(d.status).toBe('answered');
      expect(d.history).toEqual([
        expect.objectContaining({ kind: 'replied', role: 'resident', text: 'Terima kasih, tapi loket masih tutup.' }),
      ]);
      const [doc] = await pull(c.key);
      expect(doc!.history).toEqual([
        { at: expect.any(String), kind: 'replied', text: 'Terima kasih, tapi loket masih tutup.' },
      ]);
      const audited = await db.query<{ account_id: string | null; detail: unknown }>(
        `select account_id, detail from audit_log where target_id = $1 and action = 'complaint.resident-reply'`,
        [c.id],
      );
      expect(audited).toEqual([{ account_id: null, detail: { length: 37 } }]);
      // Closed: a reply is refused (reopen instead).
      await answer(c.id, true);
      expectApiError(await resident(c.id, 'replies', c.secret), 409, 'closed');
    });

    it('reopens a closed complaint within the period: open again in the office’s list, with a new due time', async () => {
      const c = await fileOne({ category: 'information' });
      expectApiError(await resident(c.id, 'reopening', c.secret), 409, 'not_answered');
      await answer(c.id, true);
      const closed = await detail(c.id);
      expect(closed.status).toBe('closed');

      const res = await resident(c.id, 'reopening', c.secret, 'Jawabannya tidak menjawab pertanyaan saya.');
      expect(res.statusCode, res.body).toBe(200);
      const [row] = await db.query<{ ms: number }>(
        'select (extract(epoch from clock_started_at) * 1000)::float8 as ms from complaints where id = $1::uuid',
        [c.id],
      );
      const due = new Date(complaintDueAt(row!.ms, 'information', await holidayCalendar(db))).toISOString();
      expect(res.json()).toEqual({ id: c.id, status: 'open', dueAt: expect.any(String) });
      expect(Date.parse(res.json().dueAt)).toBe(Date.parse(due));

      const open = await call('GET', '/api/office/complaints?status=open&limit=500', officerA);
      expect(ComplaintList.parse(open.json()).rows.map((r) => r.id)).toContain(c.id);
      const d = await detail(c.id);
      expect(d).toMatchObject({ status: 'open', closedAt: null });
      expect(Date.parse(d.dueAt)).toBe(Date.parse(due));
      expect(d.history).toEqual([expect.objectContaining({ kind: 'reopened', role: 'resident', dueAt: due })]);
      const [doc] = await pull(c.key);
      expect(doc).toMatchObject({ status: 'open' });
      expect(doc!.history.map((e) => e.kind)).toEqual(['reopened']);

      // Open again: nothing to reopen until the office answers; a reclassification counts from the reopening.
      expectApiError(await resident(c.id, 'reopening', c.secret), 409, 'not_answered');
      const re = await reclassify(c.id, 'misconduct');
      expect(Date.parse(ComplaintDetail.parse(re.json()).dueAt)).toBe(
        complaintDueAt(row!.ms, 'misconduct', await holidayCalendar(db)),
      );
    });

    it('refuses a reopening after the period, a wrong secret (404 like an unknown id), and past the bound of moves', async () => {
      const c = await fileOne();
      await answer(c.id, true);
      expectApiError(await resident(c.id, 'reopening', 'a'.repeat(64)), 404, 'not_found');
      expectApiError(await resident(uuidv7(), 'reopening', c.secret), 404, 'not_found');
      await db.query(`update complaint_answers set at = now() - interval '15 days' where complaint_id = $1::uuid`, [
        c.id,
      ]);
      expectApiError(await resident(c.id, 'reopening', c.secret), 409, 'period_over');
      await db.query(`update complaint_answers set at = now() - interval '13 days' where complaint_id = $1::uuid`, [
        c.id,
      ]);
      expect((await resident(c.id, 'reopening', c.secret)).statusCode).toBe(200);

      await answer(c.id);
      for (let i = 1; i < COMPLAINT_RESIDENT_MOVES_MAX; i++)
        expect((await resident(c.id, 'replies', c.secret, `Tanggapan ${i}`)).statusCode).toBe(200);
      expectApiError(await resident(c.id, 'replies', c.secret), 409, 'too_many');
      expect((await detail(c.id)).history).toHaveLength(COMPLAINT_RESIDENT_MOVES_MAX);
    });

    it('bounds the resident’s input: 400 malformed, 413 oversized, 429 past the rate', async () => {
      const c = await fileOne();
      await answer(c.id);
      const url = `/api/complaints/${c.id}/replies`;
      const ip = { ip: '10.8.0.1' };
      expectApiError(await call('POST', url, ip, { secret: c.secret, text: '' }), 400);
      expectApiError(await call('POST', url, ip, { secret: c.secret, text: 'x'.repeat(2001) }), 400);
      expectApiError(await call('POST', url, ip, { secret: 'nope', text: 'x' }), 400);
      expectApiError(await call('POST', '/api/complaints/nope/replies', ip, { secret: c.secret, text: 'x' }), 400);
      expectApiError(await call('POST', url, ip, { secret: c.secret, text: 'x'.repeat(20_000) }), 413);
      const limit = RATE_RULES.complaintReplies.limit;
      const flood = { ip: '10.8.0.2' };
      for (let i = 0; i < limit; i++) await call('POST', url, flood, { secret: 'b'.repeat(64), text: 'x' });
      const slow = await call('POST', url, flood, { secret: c.secret, text: 'x' });
      expect(slow.statusCode, slow.body).toBe(429);
    });

    it('moves running complaints’ due times when the administrator adds or removes a day off', async () => {
      const c = await fileOne({ category: 'information' });
      const closed = await fileOne({ category: 'information' });
      await answer(closed.id, true);
      const before = await detail(c.id);
      const closedBefore = (await detail(closed.id)).dueAt;
      // A day off on the first working day after today (WIB) pushes the due time one working day on.
      const [first] = await db.query<{ day: string }>(
        `select to_char(d, 'YYYY-MM-DD') as day from generate_series((now() at time zone 'Asia/Jakarta')::date + 1, (now() at time zone 'Asia/Jakarta')::date + 30, interval '1 day') d
          where extract(isodow from d) < 6 and d::date not in (select day from holidays) order by d limit 1`,
      );
      const set = await call('PUT', `/api/admin/holidays/${first!.day}`, admin, {
        kind: 'regional',
        name: 'Hari Jadi',
      });
      expect(set.statusCode, set.body).toBe(200);
      const after = await detail(c.id);
      expect(Date.parse(after.dueAt)).toBe(Date.parse(await expectedDue(c.id, 'information')));
      expect(Date.parse(after.dueAt)).toBeGreaterThan(Date.parse(before.dueAt));
      expect((await detail(closed.id)).dueAt).toBe(closedBefore);
      const [doc] = await pull(c.key);
      expect(Date.parse(doc!.dueAt)).toBe(Date.parse(after.dueAt));

      const removed = await call('DELETE', `/api/admin/holidays/${first!.day}`, admin);
      expect(removed.statusCode, removed.body).toBe(200);
      expect(Date.parse((await detail(c.id)).dueAt)).toBe(Date.parse(before.dueAt));
    });
  });
}
