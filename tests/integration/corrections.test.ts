// The resident's corrected resubmission through the submission store, on each real database: the
// device resends the same id after "needs correction" and the stored application takes the new
// content and returns to verifying with the same tracking number; anything else changes nothing and
// gets the stored answer (another device's secret, an application not awaiting a correction), and a
// corrected record that breaks the form's rules goes back with field errors.

import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeScope } from '../../src/domain/accounts/account.ts';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import type { SubmissionRecord, SubmissionResult } from '../../src/domain/submissions/submission.ts';
import type { Actor } from '../../src/server/applications/history.ts';
import { submitBatch } from '../../src/server/applications/store.ts';
import { pullApplicationUpdates } from '../../src/server/applications/updates.ts';
import { seedCatalogue } from '../../src/server/catalogue/seed.ts';
import { getApplication, moveApplication } from '../../src/server/office/queue.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { appendChunk, declareUpload } from '../../src/server/uploads/store.ts';
import { databaseTargets, freshDatabase } from '../support/databases.ts';
import { ktpApplication } from '../support/records.ts';

const OFFICER: Actor = { accountId: 'acc-raas-1', role: 'office-officer' };
const ALL: OfficeScope = 'all';
const hash = (s: string) => createHash('sha256').update(s).digest('hex');
const DEVICE = hash('device-of-siti');

function photo(name: string): { bytes: Buffer; ref: AttachmentRef } {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(200)]);
  return {
    bytes,
    ref: { sha256: createHash('sha256').update(bytes).digest('hex'), type: 'image/jpeg', size: bytes.length, name },
  };
}

for (const target of databaseTargets()) {
  describe(`corrected resubmissions on ${target.kind}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    const kk = photo('kk.jpg');
    const sharperKk = photo('kk-jelas.jpg');

    const ktpRecord = (answers: Record<string, unknown> = {}): SubmissionRecord =>
      ktpApplication(kk.ref, { deviceKeyHash: DEVICE }, answers);

    const send = async (record: SubmissionRecord): Promise<SubmissionResult> => (await submitBatch(db, [record]))[0]!;
    const row = async (id: string) => {
      const [r] = await db.query<{
        status: string;
        answers: Record<string, unknown>;
        attachments: Record<string, AttachmentRef[]>;
        tracking_number: string;
        seq: string;
      }>('select status, answers, attachments, tracking_number, seq from applications where id = $1::uuid', [id]);
      return r!;
    };
    const count = async (id: string) =>
      Number((await db.query<{ n: string }>('select count(*) as n from applications where id = $1::uuid', [id]))[0]!.n);

    /** A stored application moved by the office to needs-correction with a message. */
    async function sentBack(record: SubmissionRecord): Promise<Extract<SubmissionResult, { status: 'accepted' }>> {
      const first = await send(record);
      expect(first.status, JSON.stringify(first)).toBe('accepted');
      expect(await moveApplication(db, ALL, record.id, { to: 'verifying' }, OFFICER)).toMatchObject({ ok: true });
      expect(
        await moveApplication(
          db,
          ALL,
          record.id,
          { to: 'needs-correction', message: 'Foto KK buram, mohon foto ulang.' },
          OFFICER,
        ),
      ).toMatchObject({ ok: true });
      return first as Extract<SubmissionResult, { status: 'accepted' }>;
    }

    beforeAll(async () => {
      const fresh = await freshDatabase(target);
      db = fresh.db;
      drop = fresh.drop;
      await seedCatalogue(db, '35.29');
      for (const file of [kk, sharperKk]) {
        await declareUpload(db, file.ref.sha256, 'image/jpeg', file.ref.size);
        await appendChunk(db, file.ref.sha256, 0, file.bytes);
      }
    });

    afterAll(async () => {
      await drop();
    });

    it('a resend after needs-correction replaces the answers and photos and returns to verifying, same tracking number', async () => {
      const rec = ktpRecord();
      const first = await sentBack(rec);
      const seqBefore = Number((await row(rec.id)).seq);

      const corrected: SubmissionRecord = {
        ...rec,
        answers: { ...rec.answers, fullName: 'Siti Aminah Putri' },
        attachments: { kkDoc: [sharperKk.ref] },
      };
      expect(await send(corrected)).toEqual(first);

      const stored = await row(rec.id);
      expect(stored).toMatchObject({ status: 'verifying', tracking_number: first.trackingNumber });
      expect(stored.answers.fullName).toBe('Siti Aminah Putri');
      expect(stored.attachments).toEqual({ kkDoc: [sharperKk.ref] });
      expect(Number(stored.seq)).toBeGreaterThan(seqBefore);
      expect(await count(rec.id)).toBe(1);
      // The device pulls the new state; the office's message is gone with the request it answered.
      const update = (await pullApplicationUpdates(db, DEVICE, 0, 100)).documents.find((d) => d.id === rec.id)!;
      expect(update).toMatchObject({ status: 'verifying', trackingNumber: first.trackingNumber });
      expect(update.message).toBeUndefined();
      // The history holds the resident's move.
      const detail = (await getApplication(db, ALL, rec.id)) as unknown as {
        history: Array<{ to: string; role: string }>;
      };
      expect(detail.history.at(-1)).toMatchObject({ to: 'verifying' });

      // The same corrected record again (a retry after a dropped answer): the same answer, nothing moves.
      expect(await send(corrected)).toEqual(first);
      expect(Number((await row(rec.id)).seq)).toBe(Number(stored.seq));
    });

    it('a resend with another secret changes nothing and learns nothing of the stored one (issue 13, 15)', async () => {
      const rec = ktpRecord();
      await sentBack(rec);
      const before = await row(rec.id);
      const forged: SubmissionRecord = {
        ...rec,
        answers: { ...rec.answers, phone: '0813 9999 9999' },
        secretHash: hash('someone else'),
      };
      expect(await send(forged)).toEqual({
        id: rec.id,
        status: 'rejected',
        errors: { id: { code: 'submission.conflict' } },
      });
      expect(await row(rec.id)).toEqual(before);
      expect(before.status).toBe('needs-correction');
    });

    it('a resend when the application is not awaiting a correction changes nothing', async () => {
      const rec = ktpRecord();
      const first = await send(rec);
      expect(first.status).toBe('accepted');
      expect(await moveApplication(db, ALL, rec.id, { to: 'verifying' }, OFFICER)).toMatchObject({ ok: true });
      const before = await row(rec.id);
      const changed: SubmissionRecord = { ...rec, answers: { ...rec.answers, fullName: 'Siti Aminah Putri' } };
      expect(await send(changed)).toEqual(first);
      expect(await row(rec.id)).toEqual(before);
      expect(before.answers.fullName).toBe('Siti Aminah');
    });

    it('a corrected record that breaks the form is rejected with field errors, and the stored one is untouched', async () => {
      const rec = ktpRecord();
      await sentBack(rec);
      const before = await row(rec.id);
      const broken: SubmissionRecord = { ...rec, answers: { ...rec.answers, nik: '12345' } };
      const result = await send(broken);
      expect(result).toMatchObject({ id: rec.id, status: 'rejected', errors: { nik: { code: expect.any(String) } } });
      expect(await row(rec.id)).toEqual(before);

      // A corrected record naming a photo the server does not hold waits for it, nothing applied.
      const unseen = photo('ktp.jpg');
      const missing = await send({ ...rec, attachments: { kkDoc: [unseen.ref] } });
      expect(missing).toEqual({ id: rec.id, status: 'missing-attachments', sha256: [unseen.ref.sha256] });
      expect(await row(rec.id)).toEqual(before);
    });

    it('a batch mixes a correction with new records and resends', async () => {
      const rec = ktpRecord();
      const first = await sentBack(rec);
      const fresh = ktpRecord();
      const results = await submitBatch(db, [{ ...rec, answers: { ...rec.answers, phone: '0813 1111 2222' } }, fresh]);
      expect(results[0]).toEqual(first);
      expect(results[1]).toMatchObject({ id: fresh.id, status: 'accepted' });
      expect((await row(rec.id)).answers.phone).toBe('0813 1111 2222');
      expect((await row(rec.id)).status).toBe('verifying');
    });
  });
}
