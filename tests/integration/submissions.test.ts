// Submissions on each real database: idempotent storage under the device's id (resends, concurrent
// duplicates), per-record results in a batch, attachments that must be uploaded first, malformed
// bodies, and the public tracking lookup that shows no personal data.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/domain/api.ts';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import {
  SubmissionBatchResult,
  type SubmissionRecord,
  type SubmissionResult,
  TrackingNumber,
} from '../../src/domain/submissions/submission.ts';
import { normalizeTrackingNumber } from '../../src/domain/submissions/tracking-number.ts';
import { insertApplication } from '../../src/server/applications/store.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { putDocuments } from '../../src/server/catalogue/store.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { databaseTargets } from '../support/databases.ts';
import { birthApplication, MOTHER_NIK } from '../support/records.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

/** A small file that starts like a JPEG (all the server checks besides the hash). */
function photo(name: string, extraBytes = 300): { bytes: Buffer; ref: AttachmentRef } {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(extraBytes)]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, ref: { sha256, type: 'image/jpeg', size: bytes.length, name } };
}

for (const target of databaseTargets()) {
  describe(`submissions on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let logLines: string[];
    let harness: SeededApp | undefined;
    const kkPhoto = photo('kk.jpg');
    const ktpPhoto = photo('ktp.jpg');

    const declare = async (file: { ref: AttachmentRef }) => {
      const res = await app.inject({
        method: 'PUT',
        url: `/api/uploads/${file.ref.sha256}`,
        payload: { type: file.ref.type, size: file.ref.size },
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    const sendBytes = async (file: { bytes: Buffer; ref: AttachmentRef }, from: number, to: number) => {
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/uploads/${file.ref.sha256}`,
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(from) },
        payload: file.bytes.subarray(from, to),
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { complete: boolean };
    };
    const upload = async (file: { bytes: Buffer; ref: AttachmentRef }) => {
      await declare(file);
      expect((await sendBytes(file, 0, file.bytes.length)).complete).toBe(true);
    };

    /** A valid akta-kelahiran application, as the device sends it. */
    const record = (over: Partial<SubmissionRecord> = {}, answers: Record<string, unknown> = {}): SubmissionRecord =>
      birthApplication(kkPhoto.ref, ktpPhoto.ref, over, answers);

    const submit = async (records: unknown[]): Promise<SubmissionResult[]> => {
      const res = await app.inject({ method: 'POST', url: '/api/submissions', payload: { records } });
      expect(res.statusCode, res.body).toBe(200);
      return SubmissionBatchResult.parse(res.json()).results;
    };
    const acceptedNumber = (result: SubmissionResult | undefined): string => {
      expect(result?.status, JSON.stringify(result)).toBe('accepted');
      return (result as Extract<SubmissionResult, { status: 'accepted' }>).trackingNumber;
    };
    const rowCount = async (id: string) =>
      (await db.query<{ n: number }>('select count(*)::int as n from applications where id = $1::uuid', [id]))[0]!.n;

    beforeAll(async () => {
      harness = await seededApp(target);
      ({ db, app, logLines } = harness);
      await upload(kkPhoto);
      await upload(ktpPhoto);
    });

    afterAll(() => harness?.close());

    it('accepts a valid application with a tracking number, and stores only what the form asks for', async () => {
      const rec = record({}, { religion: 'not asked by this form' });
      const [result] = await submit([rec]);
      expect(TrackingNumber.safeParse(acceptedNumber(result)).success).toBe(true);
      expect(Date.parse((result as { receivedAt: string }).receivedAt)).toBeGreaterThan(Date.now() - 60_000);

      const [row] = await db.query<Record<string, unknown>>('select * from applications where id = $1::uuid', [rec.id]);
      expect(row).toMatchObject({
        service_id: 'akta-kelahiran',
        form_version: 1,
        channel: 'online',
        status: 'received',
        secret_hash: rec.secretHash,
      });
      expect(Number(row!.seq)).toBeGreaterThan(0);
      expect(row!.answers).toMatchObject({ motherNik: MOTHER_NIK, childName: 'Muhammad Rizki' });
      expect(row!.answers).not.toHaveProperty('religion');
      expect(row!.attachments).toEqual(rec.attachments);
    });

    it('answers the same batch sent twice with identical results, and stores it once', async () => {
      const batch = [record(), record()];
      const first = await submit(batch);
      const second = await submit(batch);
      expect(second).toEqual(first);
      for (const r of batch) expect(await rowCount(r.id)).toBe(1);
    });

    it('keeps the first write when a record is resent with other content', async () => {
      const rec = record();
      const [first] = await submit([rec]);
      const [again] = await submit([{ ...rec, answers: { ...rec.answers, childName: 'Changed' } }]);
      expect(again).toEqual(first);
      const [row] = await db.query<{ answers: Record<string, unknown> }>(
        'select answers from applications where id = $1::uuid',
        [rec.id],
      );
      expect(row!.answers.childName).toBe('Muhammad Rizki');
    });

    it("answers another device's resend of a stored id with a rejection that reveals nothing (issue 13, 15)", async () => {
      const rec = record();
      const number = acceptedNumber((await submit([rec]))[0]);
      const stranger = createHash('sha256').update(randomBytes(32)).digest('hex');
      // The stranger knows the id, not the secret: neither the same content nor other content helps.
      for (const resend of [
        { ...rec, secretHash: stranger },
        { ...rec, secretHash: stranger, answers: { ...rec.answers, childName: 'Changed' } },
        { id: rec.id },
      ]) {
        const res = await app.inject({ method: 'POST', url: '/api/submissions', payload: { records: [resend] } });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual({
          results: [{ id: rec.id, status: 'rejected', errors: { id: { code: 'submission.conflict' } } }],
        });
        expect(res.body).not.toContain(number);
      }
      // The device itself, resending with its secret, still gets its tracking number.
      expect(acceptedNumber((await submit([rec]))[0])).toBe(number);
      // While the office asks for a correction too: the stranger's "correction" learns nothing.
      await db.query(`update applications set status = 'needs-correction' where id = $1::uuid`, [rec.id]);
      const [corrected] = await submit([{ ...rec, secretHash: stranger }]);
      expect(corrected).toEqual({ id: rec.id, status: 'rejected', errors: { id: { code: 'submission.conflict' } } });
      const [row] = await db.query<{ answers: Record<string, unknown> }>(
        'select answers from applications where id = $1::uuid',
        [rec.id],
      );
      expect(row!.answers.childName).toBe('Muhammad Rizki');
    });

    it('rejects one invalid record of a batch with field codes and accepts the others', async () => {
      const bad = record({}, { motherNik: '35290145079000', phone: 'no phone', dateOfBirth: '2099-01-01' });
      const batch = [record(), bad, record()];
      const results = await submit(batch);
      expect(results.map((r) => r.id)).toEqual(batch.map((r) => r.id));
      acceptedNumber(results[0]);
      acceptedNumber(results[2]);
      expect(results[1]).toEqual({
        id: bad.id,
        status: 'rejected',
        errors: { motherNik: { code: 'nik.length' }, phone: { code: 'phone' }, dateOfBirth: { code: 'date.future' } },
      });
      expect(await rowCount(bad.id)).toBe(0);
    });

    it('rejects a record without a required document, and one of an unknown service', async () => {
      const { kkDoc: _kk, ...others } = record().attachments;
      const noKk = record({ attachments: others });
      const unknown = record({ serviceId: 'no-such-service' });
      const [a, b] = await submit([noKk, unknown]);
      expect(a).toEqual({ id: noKk.id, status: 'rejected', errors: { kkDoc: { code: 'document.missing' } } });
      expect(b).toEqual({ id: unknown.id, status: 'rejected', errors: { serviceId: { code: 'service.unknown' } } });
      expect(await rowCount(unknown.id)).toBe(0);
    });

    it('asks for a photo not uploaded yet, stores nothing, and accepts the record once it is complete', async () => {
      // Large enough to arrive in two chunks: one that does not end a file has at least 16 KiB.
      const letter = photo('surat-kelahiran.jpg', 40_000);
      const rec = record({ attachments: { ...record().attachments, suratKelahiranDoc: [letter.ref] } });
      expect(await submit([rec])).toEqual([{ id: rec.id, status: 'missing-attachments', sha256: [letter.ref.sha256] }]);
      // Declared and half sent is still missing.
      await declare(letter);
      expect((await sendBytes(letter, 0, 16_384)).complete).toBe(false);
      expect(await submit([rec])).toEqual([{ id: rec.id, status: 'missing-attachments', sha256: [letter.ref.sha256] }]);
      expect(await rowCount(rec.id)).toBe(0);

      expect((await sendBytes(letter, 16_384, letter.bytes.length)).complete).toBe(true);
      acceptedNumber((await submit([rec]))[0]);
      expect(await rowCount(rec.id)).toBe(1);
    });

    it('stores one row and gives one tracking number to five identical requests at once', async () => {
      const batch = [record()];
      const answers = await Promise.all(Array.from({ length: 5 }, () => submit(batch)));
      const numbers = new Set(answers.map(([r]) => acceptedNumber(r)));
      expect(numbers.size).toBe(1);
      for (const a of answers) expect(a).toEqual(answers[0]);
      expect(await rowCount(batch[0]!.id)).toBe(1);
    });

    it('gives 50 applications 50 distinct well-formed tracking numbers and increasing change numbers', async () => {
      const batch = Array.from({ length: 50 }, () => record());
      const numbers = (await submit(batch)).map(acceptedNumber);
      expect(new Set(numbers).size).toBe(50);
      for (const n of numbers) expect(n).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      // Stored one after another in batch order, so the change numbers rise in that order.
      const rows = await db.query<{ id: string; seq: string }>(
        'select id::text, seq from applications where id = any($1::uuid[])',
        [batch.map((r) => r.id)],
      );
      const seqOf = new Map(rows.map((r) => [r.id, Number(r.seq)]));
      const seqs = batch.map((r) => seqOf.get(r.id)!);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(50);
    });

    it('draws another tracking number when the first is taken', async () => {
      const first = record();
      const taken = acceptedNumber((await submit([first]))[0]);
      const draws = [taken, taken, 'ZZZZ-ZZZ0'];
      const second = record();
      const result = await insertApplication(db, second, () => draws.shift()!);
      expect(result).toMatchObject({ id: second.id, status: 'accepted', trackingNumber: 'ZZZZ-ZZZ0' });
      expect(draws).toEqual([]);
      expect(await rowCount(second.id)).toBe(1);
    });

    it('checks answers against the current form when the device holds an older one', async () => {
      const original = SEED_SERVICES.find((s) => s.id === 'akta-kelahiran')!;
      try {
        await putDocuments(db, 'services', [{ ...original, form: { ...original.form, version: 2 } }]);
        const still = record({ formVersion: 1 });
        acceptedNumber((await submit([still]))[0]);
        const [row] = await db.query<{ form_version: number }>(
          'select form_version from applications where id = $1::uuid',
          [still.id],
        );
        expect(row!.form_version).toBe(2);

        const added = {
          kind: 'text' as const,
          key: 'hospitalName',
          label: { id: 'Rumah sakit', en: 'Hospital' },
          required: true,
        };
        await putDocuments(db, 'services', [
          { ...original, form: { ...original.form, version: 3, fields: [...original.form.fields, added] } },
        ]);
        const old = record({ formVersion: 2 });
        expect(await submit([old])).toEqual([
          { id: old.id, status: 'rejected', errors: { hospitalName: { code: 'required' } } },
        ]);
      } finally {
        await putDocuments(db, 'services', [original]);
      }
    });

    it('takes a batch of 100 records well above the default body limit', async () => {
      // Padding in a key the form does not have: accepted by the shape, stripped by the form.
      const batch = Array.from({ length: 100 }, () =>
        record(
          { serviceId: 'no-such-service' },
          { padA: 'x'.repeat(5000), padB: 'x'.repeat(5000), padC: 'x'.repeat(5000) },
        ),
      );
      expect(JSON.stringify({ records: batch }).length).toBeGreaterThan(1024 * 1024);
      const results = await submit(batch);
      expect(results).toHaveLength(100);
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
    });

    it('answers malformed bodies with a 400 JSON error', async () => {
      const post = (payload: string | object) =>
        app.inject({
          method: 'POST',
          url: '/api/submissions',
          headers: { 'content-type': 'application/json' },
          payload,
        });
      const cases = {
        notJson: await post('{"records": [{"id": '),
        wrongShape: await post({ records: 'all of them' }),
        empty: await post({ records: [] }),
        tooMany: await post({ records: Array.from({ length: 101 }, () => record()) }),
        notV7: await post({ records: [record({ id: 'f47ac10b-58cc-4372-a567-0e02b2c3d479' })] }),
        noId: await post({ records: [{ ...record(), id: undefined }] }),
      };
      // A record with an id but another malformed field is rejected alone (bad-text.test.ts).
      for (const [name, res] of Object.entries(cases)) {
        expect(res.statusCode, name).toBe(400);
        expect(res.headers['content-type'], name).toMatch(/application\/json/);
        ApiError.parse(res.json());
      }
    });

    it('tells the status by tracking number without personal data, read in any case', async () => {
      const rec = record();
      const number = acceptedNumber((await submit([rec]))[0]);
      const res = await app.inject(`/api/track/${number}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as Record<string, unknown>;
      // The office holding it is public (an office, not a person): where it is, after a forward too.
      expect(Object.keys(body).sort()).toEqual([
        'officeId',
        'receivedAt',
        'serviceId',
        'status',
        'trackingNumber',
        'updatedAt',
      ]);
      expect(body).toMatchObject({
        trackingNumber: number,
        serviceId: 'akta-kelahiran',
        status: 'received',
        officeId: 'disdukcapil-sumenep',
      });
      expect(res.body).not.toContain(MOTHER_NIK);
      expect(res.body).not.toMatch(/answers|applicant|Siti|Rizki/);

      const spoken = number.toLowerCase().replace('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
      const again = await app.inject(`/api/track/${encodeURIComponent(spoken)}`);
      expect(again.statusCode, spoken).toBe(200);
      expect(again.json()).toEqual(body);
      expect(normalizeTrackingNumber('oiL0-abcd')).toBe('0110-ABCD');
    });

    it('answers 404 for an unknown tracking number and 400 for a malformed one', async () => {
      const unknown = await app.inject('/api/track/ZZZZ-ZZZ1');
      expect(unknown.statusCode).toBe(404);
      expect(ApiError.parse(unknown.json()).error.code).toBe('not_found');
      for (const bad of ['7K3Q', 'UUUU-UUUU', '7K3Q-9XW2-AAAA', '%3Cscript%3E']) {
        const res = await app.inject(`/api/track/${bad}`);
        expect(res.statusCode, bad).toBe(400);
        expect(ApiError.parse(res.json()).error.code).toBe('invalid_tracking_number');
      }
    });

    it('logs no personal data', () => {
      const log = logLines.join('\n');
      expect(log).toContain('"accepted"');
      expect(log).not.toContain(MOTHER_NIK);
      // Whole values only: short digit runs occur in timestamps and durations.
      for (const value of ['Siti Aminah', 'Muhammad Rizki', '3529010203260001', '0812 3456 7890'])
        expect(log).not.toContain(value);
    });
  });
}
