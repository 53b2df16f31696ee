// Resumable uploads on each real database: whole uploads in chunks, resuming after a cut with
// byte-identical data, offset and declaration conflicts, size limits, hash and type verification,
// concurrent senders, which files a record still misses, and that every error is a JSON 4xx.
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/domain/api.ts';
import {
  CHUNK_CONTENT_TYPE,
  MAX_CHUNK_BYTES,
  MAX_UPLOAD_BYTES,
  MIN_CHUNK_BYTES,
  UploadProblem,
  UploadState,
  type UploadType,
} from '../../src/domain/uploads.ts';
import { maintain } from '../../src/server/maintenance.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { MAX_IN_FLIGHT_BYTES } from '../../src/server/uploads/in-flight.ts';
import { missingUploads, readUpload } from '../../src/server/uploads/store.ts';
import { databaseTargets } from '../support/databases.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const KB = 1024;
const CHUNK = 64 * KB;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Random bytes that start like a JPEG (SOI + APP0 marker), as a compressed photo would. */
function jpeg(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
}

function pdf(size: number): Buffer {
  const bytes = randomBytes(size);
  bytes.write('%PDF-1.7\n', 0, 'latin1');
  return bytes;
}

function chunksOf(bytes: Buffer, size = CHUNK): Array<{ offset: number; chunk: Buffer }> {
  const out: Array<{ offset: number; chunk: Buffer }> = [];
  for (let offset = 0; offset < bytes.length; offset += size)
    out.push({ offset, chunk: bytes.subarray(offset, offset + size) });
  return out;
}

function expectError(res: LightMyRequestResponse, status: number, code?: string): ApiError {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  const body = ApiError.parse(res.json());
  if (code) expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  return body;
}

for (const target of databaseTargets()) {
  describe(`resumable uploads on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let harness: SeededApp | undefined;
    let logLines: string[];

    const declare = (hash: string, type: UploadType, size: number, remoteAddress = '127.0.0.1') =>
      app.inject({ method: 'PUT', url: `/api/uploads/${hash}`, payload: { type, size }, remoteAddress });
    const state = (hash: string) => app.inject({ method: 'GET', url: `/api/uploads/${hash}` });
    const patch = (
      hash: string,
      offset: number | string | undefined,
      chunk: Uint8Array,
      contentType = CHUNK_CONTENT_TYPE,
    ) =>
      app.inject({
        method: 'PATCH',
        url: `/api/uploads/${hash}`,
        headers: { 'content-type': contentType, ...(offset === undefined ? {} : { 'upload-offset': String(offset) }) },
        payload: Buffer.from(chunk),
      });

    /** Declares and sends `bytes` (or only its first `count` chunks), checking each acknowledgement. */
    const upload = async (bytes: Buffer, type: UploadType = 'image/jpeg', count = Infinity) => {
      const hash = sha256(bytes);
      expect((await declare(hash, type, bytes.length)).statusCode).toBe(200);
      for (const { offset, chunk } of chunksOf(bytes).slice(0, count)) {
        const res = await patch(hash, offset, chunk);
        expect(res.statusCode, res.body).toBe(200);
        expect(UploadState.parse(res.json()).received).toBe(offset + chunk.length);
      }
      return hash;
    };

    beforeAll(async () => {
      harness = await seededApp(target, { seed: false });
      ({ db, app, logLines } = harness);
    });

    afterAll(() => harness?.close());

    it('takes a 300 KB photo in 64 KB chunks and reports it complete, byte for byte', async () => {
      const photo = jpeg(300 * KB);
      const hash = sha256(photo);
      const declared = await declare(hash, 'image/jpeg', photo.length);
      expect(declared.statusCode).toBe(200);
      expect(UploadState.parse(declared.json())).toEqual({
        sha256: hash,
        type: 'image/jpeg',
        size: photo.length,
        received: 0,
        complete: false,
      });

      const chunks = chunksOf(photo);
      expect(chunks).toHaveLength(5);
      for (const { offset, chunk } of chunks) {
        const res = await patch(hash, offset, chunk);
        expect(res.statusCode, res.body).toBe(200);
        expect(UploadState.parse(res.json())).toMatchObject({
          received: offset + chunk.length,
          complete: offset + chunk.length === photo.length,
        });
      }
      const got = await state(hash);
      expect(got.statusCode).toBe(200);
      expect(got.headers['cache-control']).toBe('no-store');
      expect(UploadState.parse(got.json())).toEqual({
        sha256: hash,
        type: 'image/jpeg',
        size: photo.length,
        received: photo.length,
        complete: true,
      });
      expect((await readUpload(db, hash))!.data.equals(photo)).toBe(true);
    });

    it('resumes after a cut from the offset the server acknowledged, never from zero', async () => {
      const photo = jpeg(300 * KB);
      const hash = await upload(photo, 'image/jpeg', 2);
      // The connection drops here; later the device asks where to go on.
      const after = UploadState.parse((await state(hash)).json());
      expect(after).toMatchObject({ received: 2 * CHUNK, complete: false });

      // Declaring again (the device lost the first answer) keeps the progress.
      expect(UploadState.parse((await declare(hash, 'image/jpeg', photo.length)).json()).received).toBe(2 * CHUNK);

      for (const { offset, chunk } of chunksOf(photo).filter((c) => c.offset >= after.received)) {
        expect((await patch(hash, offset, chunk)).statusCode).toBe(200);
      }
      const stored = await readUpload(db, hash);
      expect(stored).toMatchObject({ received: photo.length, complete: true });
      expect(stored!.data.equals(photo)).toBe(true);
    });

    it('keeps the bytes that arrived of a chunk whose connection dropped, so the device resumes from there', async () => {
      const photo = jpeg(300 * KB);
      const hash = sha256(photo);
      expect((await declare(hash, 'image/jpeg', photo.length)).statusCode).toBe(200);
      const url = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
      // The whole photo as one chunk; the link drops after 100 KB of its body crossed.
      const ARRIVED = 100 * KB;
      const req = request({
        host: url.hostname,
        port: url.port,
        method: 'PATCH',
        path: `/api/uploads/${hash}`,
        headers: { 'content-type': CHUNK_CONTENT_TYPE, 'upload-offset': '0', 'content-length': String(photo.length) },
      });
      req.on('error', () => undefined); // the cut is the point
      await new Promise<void>((resolve) => req.write(photo.subarray(0, ARRIVED), () => resolve()));
      await new Promise((r) => setTimeout(r, 200)); // on the server's side of the wire
      req.destroy();
      await expect
        .poll(async () => UploadState.parse((await state(hash)).json()).received, { timeout: 5_000 })
        .toBe(ARRIVED);

      // The device learns the offset and sends only the rest.
      const resumed = UploadState.parse((await declare(hash, 'image/jpeg', photo.length)).json());
      expect(resumed).toMatchObject({ received: ARRIVED, complete: false });
      const res = await patch(hash, ARRIVED, photo.subarray(ARRIVED));
      expect(UploadState.parse(res.json())).toMatchObject({ received: photo.length, complete: true });
      expect((await readUpload(db, hash))!.data.equals(photo)).toBe(true);
    });

    it('refuses a chunk announced above the limit before reading it (413 JSON)', async () => {
      const hash = sha256(jpeg(KB));
      expect((await declare(hash, 'image/jpeg', MAX_UPLOAD_BYTES['image/jpeg'])).statusCode).toBe(200);
      expectError(
        await app.inject({
          method: 'PATCH',
          url: `/api/uploads/${hash}`,
          headers: {
            'content-type': CHUNK_CONTENT_TYPE,
            'upload-offset': '0',
            'content-length': String(MAX_CHUNK_BYTES + 1),
          },
          payload: Buffer.alloc(MAX_CHUNK_BYTES + 1),
        }),
        413,
      );
      expect(UploadState.parse((await state(hash)).json()).received).toBe(0);
    });

    it('answers a chunk at the wrong offset with 409 and the offset to resume from', async () => {
      const photo = jpeg(200 * KB);
      const hash = await upload(photo, 'image/jpeg', 1);
      for (const offset of [0, 2 * CHUNK, CHUNK + 1]) {
        const res = await patch(hash, offset, photo.subarray(offset, offset + CHUNK));
        expectError(res, 409, 'offset_mismatch');
        expect(UploadProblem.parse(res.json()).upload).toMatchObject({ received: CHUNK, complete: false });
      }
      expect((await readUpload(db, hash))!.data.equals(photo.subarray(0, CHUNK))).toBe(true);
    });

    it('drops a file whose bytes do not match its hash (422) so it can be sent again', async () => {
      const photo = jpeg(150 * KB);
      const hash = sha256(photo);
      await declare(hash, 'image/jpeg', photo.length);
      const corrupted = Buffer.from(photo);
      corrupted[CHUNK + 10] = corrupted[CHUNK + 10]! ^ 0xff; // one flipped byte in the second chunk
      let last: LightMyRequestResponse | undefined;
      for (const { offset, chunk } of chunksOf(corrupted)) last = await patch(hash, offset, chunk);
      expectError(last!, 422, 'hash_mismatch');
      expect(UploadProblem.parse(last!.json()).upload).toMatchObject({ received: 0, complete: false });
      expect(await readUpload(db, hash)).toMatchObject({ received: 0, complete: false, data: Buffer.alloc(0) });
      expect(await missingUploads(db, [hash])).toEqual([hash]);

      for (const { offset, chunk } of chunksOf(photo)) expect((await patch(hash, offset, chunk)).statusCode).toBe(200);
      expect((await readUpload(db, hash))!.data.equals(photo)).toBe(true);
    });

    it('refuses bytes that are not of the declared type: at the first chunk, or at completion', async () => {
      const png = randomBytes(100 * KB);
      png.set([0x89, 0x50, 0x4e, 0x47]);
      const hash = sha256(png);
      await declare(hash, 'image/jpeg', png.length);
      const early = await patch(hash, 0, png.subarray(0, CHUNK));
      expectError(early, 422, 'type_mismatch');
      expect(UploadProblem.parse(early.json()).upload.received).toBe(0); // nothing stored, nothing wasted

      // A file too short to tell (a chunk that does not end the file is never that short) is
      // checked once it is whole.
      const sneaky = Buffer.from([0xff, 0xd8]);
      const sneakyHash = sha256(sneaky);
      await declare(sneakyHash, 'image/jpeg', sneaky.length);
      const late = await patch(sneakyHash, 0, sneaky);
      expectError(late, 422, 'type_mismatch');
      expect(await readUpload(db, sneakyHash)).toMatchObject({ received: 0, complete: false });
    });

    it('declares idempotently, and refuses the same hash with another size or type (409)', async () => {
      const photo = jpeg(50 * KB);
      const hash = sha256(photo);
      const first = await declare(hash, 'image/jpeg', photo.length);
      const second = await declare(hash, 'image/jpeg', photo.length);
      expect(second.statusCode).toBe(200);
      expect(second.json()).toEqual(first.json());

      const otherSize = await declare(hash, 'image/jpeg', photo.length + 1);
      expectError(otherSize, 409, 'upload_conflict');
      expect(UploadProblem.parse(otherSize.json()).upload.size).toBe(photo.length);
      expectError(await declare(hash, 'application/pdf', photo.length), 409, 'upload_conflict');
      expect(UploadState.parse((await state(hash)).json())).toMatchObject({ type: 'image/jpeg', size: photo.length });
    });

    it('enforces the size limits per type (413) and per declared size (400)', async () => {
      const h = (n: number) => sha256(Buffer.from(`limit-${n}`));
      expectError(await declare(h(1), 'image/jpeg', MAX_UPLOAD_BYTES['image/jpeg'] + 1), 413, 'upload_too_large');
      expect((await declare(h(2), 'image/jpeg', 1024 * 1024)).statusCode).toBe(200);
      expect((await declare(h(3), 'application/pdf', 2 * 1024 * 1024)).statusCode).toBe(200);
      expectError(await declare(h(4), 'application/pdf', 2 * 1024 * 1024 + 1), 413, 'upload_too_large');
      expectError(await state(h(4)), 404, 'not_found'); // nothing was declared

      const photo = jpeg(10 * KB);
      const hash = sha256(photo);
      await declare(hash, 'image/jpeg', photo.length);
      expectError(await patch(hash, 0, Buffer.concat([photo, Buffer.from([0])])), 400, 'exceeds_size');
      // A chunk above the per-request limit is refused before it is read whole.
      expectError(await patch(h(3), 0, pdf(1024 * 1024 + 1)), 413);
    });

    it('stores a 2 MB PDF exactly at the limit', async () => {
      const file = pdf(MAX_UPLOAD_BYTES['application/pdf']);
      const hash = await upload(file, 'application/pdf');
      expect(UploadState.parse((await state(hash)).json())).toMatchObject({ complete: true, size: file.length });
      expect((await readUpload(db, hash))!.data.equals(file)).toBe(true);
    });

    it('takes no more bytes once complete, and answers a retried last chunk with the state', async () => {
      const photo = jpeg(100 * KB);
      const hash = await upload(photo);
      const chunks = chunksOf(photo);
      const lastChunk = chunks[chunks.length - 1]!;
      const retry = await patch(hash, lastChunk.offset, lastChunk.chunk);
      expect(retry.statusCode).toBe(200);
      expect(UploadState.parse(retry.json())).toMatchObject({ received: photo.length, complete: true });
      expect((await patch(hash, 0, jpeg(KB))).statusCode).toBe(200);
      expect((await readUpload(db, hash))!.data.equals(photo)).toBe(true);
    });

    it('lets exactly one of several concurrent senders at one offset win; the data never interleaves', async () => {
      const photo = jpeg(200 * KB);
      const hash = sha256(photo);
      await declare(hash, 'image/jpeg', photo.length);
      const first = photo.subarray(0, CHUNK);
      const results = await Promise.all(Array.from({ length: 6 }, () => patch(hash, 0, first)));
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
      for (const loser of results.filter((r) => r.statusCode !== 200)) {
        expectError(loser, 409, 'offset_mismatch');
        expect(UploadProblem.parse(loser.json()).upload.received).toBe(CHUNK);
      }

      // Two different chunks at the same offset: the stored bytes are one of them, whole, never both.
      const a = photo.subarray(CHUNK, 2 * CHUNK);
      const b = Buffer.from(a).fill(0x55);
      const [ra, rb] = await Promise.all([patch(hash, CHUNK, a), patch(hash, CHUNK, b)]);
      expect([ra!.statusCode, rb!.statusCode].sort()).toEqual([200, 409]);
      const stored = (await readUpload(db, hash))!;
      expect(stored.received).toBe(2 * CHUNK);
      const winner = ra!.statusCode === 200 ? a : b;
      expect(stored.data.equals(Buffer.concat([first, winner]))).toBe(true);

      if (winner === b) {
        // The wrong bytes won: the file fails its hash at the end and starts over.
        for (const { offset, chunk } of chunksOf(photo).slice(2)) await patch(hash, offset, chunk);
        for (const { offset, chunk } of chunksOf(photo)) await patch(hash, offset, chunk);
      } else {
        for (const { offset, chunk } of chunksOf(photo).slice(2))
          expect((await patch(hash, offset, chunk)).statusCode).toBe(200);
      }
      const done = (await readUpload(db, hash))!;
      expect(done.complete).toBe(true);
      expect(done.data.equals(photo)).toBe(true);
    });

    it('tells which files a record still misses: never declared or not complete', async () => {
      const complete = await upload(jpeg(70 * KB));
      const partial = await upload(jpeg(200 * KB), 'image/jpeg', 1);
      const declaredOnly = sha256(jpeg(KB));
      await declare(declaredOnly, 'image/jpeg', KB);
      const unknown = sha256(Buffer.from('never declared'));
      expect(await missingUploads(db, [complete, partial, declaredOnly, unknown, partial])).toEqual([
        partial,
        declaredOnly,
        unknown,
      ]);
      expect(await missingUploads(db, [complete])).toEqual([]);
      expect(await missingUploads(db, [])).toEqual([]);
    });

    const databaseBytes = async () =>
      Number(
        (await db.query<{ bytes: string }>('select pg_database_size(current_database())::text as bytes'))[0]!.bytes,
      );

    it('stores each chunk once: 40 appends to a 1 MiB partial upload grow the database by their own bytes', async () => {
      const scan = pdf(MAX_UPLOAD_BYTES['application/pdf']);
      const hash = sha256(scan);
      await declare(hash, 'application/pdf', scan.length);
      expect((await patch(hash, 0, scan.subarray(0, 1024 * KB))).statusCode).toBe(200);
      const before = await databaseBytes();
      let offset = 1024 * KB;
      for (let i = 0; i < 40; i++, offset += MIN_CHUNK_BYTES) {
        const res = await patch(hash, offset, scan.subarray(offset, offset + MIN_CHUNK_BYTES));
        expect(res.statusCode, res.body).toBe(200);
      }
      const received = 40 * MIN_CHUNK_BYTES;
      // Rewriting the stored value at each append (as `data = data || chunk` did) costs 40 × 1 MiB.
      expect(await databaseBytes()).toBeLessThanOrEqual(before + 2 * received);
      expect((await patch(hash, offset, scan.subarray(offset))).statusCode).toBe(200);
      expect((await readUpload(db, hash))!.data.equals(scan)).toBe(true);
    });

    it('refuses a chunk below the minimum that does not end the file (400), storing nothing', async () => {
      const scan = pdf(MAX_UPLOAD_BYTES['application/pdf']);
      const hash = sha256(scan);
      await declare(hash, 'application/pdf', scan.length);
      expect((await patch(hash, 0, scan.subarray(0, 1024 * KB))).statusCode).toBe(200);
      // The finding: 200 appends of 100 B to a 1 MiB partial upload.
      for (let i = 0; i < 200; i++) {
        const res = await patch(hash, 1024 * KB, scan.subarray(1024 * KB, 1024 * KB + 100));
        if (i === 0) expectError(res, 400, 'chunk_too_small');
        else expect(res.statusCode).toBe(400);
      }
      expect(UploadState.parse((await state(hash)).json()).received).toBe(1024 * KB);
      // The last bytes of a file may be few: the end of the file is not held to the minimum.
      const rest = scan.length - 1024 * KB;
      expect((await patch(hash, 1024 * KB, scan.subarray(1024 * KB, scan.length - 10))).statusCode).toBe(200);
      expect(rest).toBeGreaterThan(10);
      const end = await patch(hash, scan.length - 10, scan.subarray(scan.length - 10));
      expect(UploadState.parse(end.json())).toMatchObject({ complete: true });
    });

    it('limits the bytes an address has in flight (429); other addresses and finished uploads are not held back', async () => {
      const ADDRESS = '198.51.100.7';
      const PDF = MAX_UPLOAD_BYTES['application/pdf'];
      const name = (n: number) => sha256(Buffer.from(`in-flight-${target.kind}-${n}`));
      const fits = MAX_IN_FLIGHT_BYTES / PDF;
      const scan = pdf(PDF); // the one of them this client will finish
      expect((await declare(sha256(scan), 'application/pdf', PDF, ADDRESS)).statusCode).toBe(200);
      for (let n = 1; n < fits; n++)
        expect((await declare(name(n), 'application/pdf', PDF, ADDRESS)).statusCode).toBe(200);
      const over = await declare(name(fits), 'image/jpeg', 300 * KB, ADDRESS);
      expectError(over, 429, 'uploads_in_flight');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      // Declaring one of its own again still answers where it stands (the device resumes it).
      expect((await declare(name(1), 'application/pdf', PDF, ADDRESS)).statusCode).toBe(200);
      // Other addresses are not held back by this one.
      expect((await declare(name(fits), 'image/jpeg', 300 * KB, '198.51.100.8')).statusCode).toBe(200);

      // An IPv6 address counts as its /64: the host's other addresses share the limit.
      const v6 = (n: number) => sha256(Buffer.from(`in-flight-v6-${target.kind}-${n}`));
      for (let n = 0; n < fits; n++)
        expect((await declare(v6(n), 'application/pdf', PDF, `2001:db8:7:1::${n.toString(16)}`)).statusCode).toBe(200);
      expectError(await declare(v6(fits), 'application/pdf', PDF, '2001:db8:7:1:aaaa::1'), 429, 'uploads_in_flight');
      expect((await declare(v6(fits), 'application/pdf', PDF, '2001:db8:7:2::1')).statusCode).toBe(200);

      // A finished upload is no longer in flight: its share is free again, and only its share.
      for (const { offset, chunk } of chunksOf(scan, MAX_CHUNK_BYTES))
        expect((await patch(sha256(scan), offset, chunk)).statusCode).toBe(200);
      expect(UploadState.parse((await state(sha256(scan))).json()).complete).toBe(true);
      expect((await declare(name(fits + 1), 'application/pdf', PDF, ADDRESS)).statusCode).toBe(200);
      expectError(await declare(name(fits + 2), 'image/jpeg', 300 * KB, ADDRESS), 429, 'uploads_in_flight');
    });

    it('deletes incomplete uploads without progress for 7 days, with their chunks, and frees their share', async () => {
      const ADDRESS = '198.51.100.9';
      const stale = jpeg(300 * KB);
      const recent = jpeg(300 * KB);
      const finished = jpeg(300 * KB);
      for (const photo of [stale, recent]) {
        await declare(sha256(photo), 'image/jpeg', photo.length, ADDRESS);
        expect((await patch(sha256(photo), 0, photo.subarray(0, 100 * KB))).statusCode).toBe(200);
      }
      await upload(finished);
      const age = async (photo: Buffer, days: number) =>
        db.query(`update uploads set updated_at = now() - make_interval(days => $2) where sha256 = $1`, [
          sha256(photo),
          days,
        ]);
      await age(stale, 8);
      await age(recent, 6);
      await age(finished, 30);
      const chunksOfStale = async () =>
        (
          await db.query<{ n: number }>(
            'select count(*)::int as n from upload_chunks c join uploads u on u.id = c.upload_id where u.sha256 = $1',
            [sha256(stale)],
          )
        )[0]!.n;
      expect(await chunksOfStale()).toBe(1);
      const staleId = (
        await db.query<{ id: string }>('select id::text from uploads where sha256 = $1', [sha256(stale)])
      )[0]!.id;

      const report = await maintain(db);
      expect(report.expiredUploads).toBeGreaterThanOrEqual(1);
      expectError(await state(sha256(stale)), 404, 'not_found');
      expect(
        (
          await db.query<{ n: number }>('select count(*)::int as n from upload_chunks where upload_id = $1', [staleId])
        )[0]!.n,
      ).toBe(0);
      expect(UploadState.parse((await state(sha256(recent))).json())).toMatchObject({ received: 100 * KB });
      expect(UploadState.parse((await state(sha256(finished))).json())).toMatchObject({ complete: true });
      expect((await readUpload(db, sha256(finished)))!.data.equals(finished)).toBe(true);
      // The device that comes back after the expiry declares the file again and starts from 0.
      expect(UploadState.parse((await declare(sha256(stale), 'image/jpeg', stale.length)).json()).received).toBe(0);
    });

    it('answers malformed requests with 4xx JSON errors, never a 500', async () => {
      const photo = jpeg(10 * KB);
      const hash = sha256(photo);
      await declare(hash, 'image/jpeg', photo.length);
      const bad = ['ABC', hash.toUpperCase(), hash.slice(1), `${hash}0`, 'z'.repeat(64)];
      for (const s of bad) {
        expectError(await declare(s, 'image/jpeg', 10), 400, 'invalid_request');
        expectError(await state(s), 400, 'invalid_request');
        expectError(await patch(s, 0, photo), 400, 'invalid_request');
      }
      const unknown = sha256(Buffer.from('unknown'));
      expectError(await state(unknown), 404, 'not_found');
      expectError(await patch(unknown, 0, photo), 404, 'not_found');

      for (const offset of [undefined, '', 'abc', '-1', '1.5', '01', '99999999999']) {
        expectError(await patch(hash, offset, photo), 400, 'invalid_request');
      }
      for (const payload of [
        {},
        { type: 'image/png', size: 10 },
        { type: 'image/jpeg', size: 0 },
        { type: 'image/jpeg', size: 1.5 },
      ]) {
        expectError(await app.inject({ method: 'PUT', url: `/api/uploads/${hash}`, payload }), 400, 'invalid_request');
      }
      const asJson = await app.inject({
        method: 'PATCH',
        url: `/api/uploads/${hash}`,
        headers: { 'content-type': 'application/json', 'upload-offset': '0' },
        payload: '{"bytes":"AAAA"}',
      });
      expectError(asJson, 415);
      expectError(await patch(hash, 0, photo, 'text/plain'), 415);
      expect(UploadState.parse((await state(hash)).json()).received).toBe(0); // none of it was stored
    });

    it('never logs the bytes of a document, on success or on any error', async () => {
      logLines.length = 0;
      const nik = '3529014507900003';
      const scan = pdf(90 * KB);
      scan.write(`NIK ${nik}`, 100, 'latin1');
      scan.write(`NIK ${nik}`, CHUNK + 100, 'latin1');
      const hash = sha256(scan);
      await declare(hash, 'application/pdf', scan.length);
      await patch(hash, 0, scan.subarray(0, CHUNK));
      await patch(hash, 0, scan.subarray(0, CHUNK)); // 409
      await patch(hash, CHUNK, Buffer.concat([scan.subarray(CHUNK), scan])); // 400: past the size
      const bad = Buffer.from(scan.subarray(CHUNK));
      bad[0] = bad[0]! ^ 1;
      await patch(hash, CHUNK, bad); // 422
      await patch(hash, 0, scan, 'application/json'); // 415, and not JSON at all
      await patch(hash, 0, Buffer.concat([scan, randomBytes(1024 * 1024)])); // 413
      const logged = logLines.join('\n');
      expect(logged).toContain('/api/uploads/');
      expect(logged).not.toContain(nik);
      expect(logged).not.toContain('%PDF');
      for (const line of logLines) expect(line.length).toBeLessThan(2000);
    });
  });
}
