// The server process killed (SIGKILL: no clean shutdown) while a device is delivering, then started
// again on the same data: in the middle of a batch of applications, right after it acknowledged one,
// and while a photo chunk is arriving. A device that resends what it has not seen acknowledged must
// end with every application stored once, under the tracking number it was first given, and every
// photo complete and byte-identical. On PGlite (DATA_DIR) and, when DATABASE_URL is set, PostgreSQL.
import { createHash, randomBytes } from 'node:crypto';
import { cp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import {
  SubmissionBatchResult,
  type SubmissionRecord,
  type SubmissionResult,
} from '../../src/domain/submissions/submission.ts';
import { CHUNK_CONTENT_TYPE, OFFSET_HEADER, UploadState } from '../../src/domain/uploads.ts';
import { backupSocketPath } from '../../src/server/storage/folders.ts';
import { openDatabase } from '../../src/server/storage/open.ts';
import { createPostgresDatabase, databaseTargets } from '../support/databases.ts';
import { birthApplication } from '../support/records.ts';
import { ROOT, type RunningServer, startServer, tempDir } from '../support/server.ts';

const CHUNK = 64 * 1024;
const BATCH = 30;
const JSON_HEADERS = { 'content-type': 'application/json' };
const FREEZE_HOOK = pathToFileURL(join(ROOT, 'tests/support/freeze-after-inserts.mjs')).href;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A compressed photo's worth of bytes (several chunks) that starts like a JPEG. */
function photo(name: string, size = 150 * 1024): { bytes: Buffer; ref: AttachmentRef } {
  const bytes = randomBytes(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return { bytes, ref: { sha256: sha256(bytes), type: 'image/jpeg', size, name } };
}

/** A valid akta-kelahiran application naming two photos, as the device sends it. */
function record(kk: AttachmentRef, ktp: AttachmentRef, n: number): SubmissionRecord {
  return birthApplication(
    kk,
    ktp,
    { applicant: { kind: 'self' } },
    { childName: `Anak Nomor ${n}`, childSex: 'perempuan', birthOrder: '1' },
  );
}

// ---------------------------------------------------------------------------------------------
// A device's side of the protocol, over the wire from Node

type Answer = { status: number; body: string };

/**
 * One HTTP request on its own socket; the answer rejects when the connection dies first. `holdBack`
 * leaves the last bytes of the body unsent, as a slow link would, until the connection goes.
 */
function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
  opts: { holdBack?: number } = {},
): { answer: Promise<Answer> } {
  const req = request(url, { method, headers: { ...headers, 'content-length': String(body.length) }, agent: false });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  if (opts.holdBack) req.write(body.subarray(0, body.length - opts.holdBack));
  else req.end(body);
  return { answer };
}

/** 'answered' or 'lost' (the connection died first). */
const settle = (answer: Promise<Answer>) =>
  answer.then(
    () => 'answered' as const,
    () => 'lost' as const,
  );

async function uploadState(base: string, hash: string): Promise<UploadState> {
  const res = await fetch(`${base}/api/uploads/${hash}`);
  expect(res.status).toBe(200);
  return UploadState.parse(await res.json());
}

/** Declares a file and sends what the server lacks, from the acknowledged offset, in 64 KB chunks. */
async function upload(base: string, file: { bytes: Buffer; ref: AttachmentRef }): Promise<{ sent: number }> {
  const url = `${base}/api/uploads/${file.ref.sha256}`;
  const declared = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: file.ref.type, size: file.ref.size }),
  });
  expect(declared.status).toBe(200);
  let state = UploadState.parse(await declared.json());
  let sent = 0;
  while (!state.complete) {
    const chunk = file.bytes.subarray(state.received, state.received + CHUNK);
    const res = await fetch(url, {
      method: 'PATCH',
      headers: { 'content-type': CHUNK_CONTENT_TYPE, [OFFSET_HEADER]: String(state.received) },
      body: new Uint8Array(chunk),
    });
    expect(res.status).toBe(200);
    state = UploadState.parse(await res.json());
    sent += chunk.length;
  }
  return { sent };
}

async function submit(base: string, records: readonly SubmissionRecord[]): Promise<SubmissionResult[]> {
  const res = await fetch(`${base}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ records }),
  });
  expect(res.status).toBe(200);
  return SubmissionBatchResult.parse(await res.json()).results;
}

function trackingNumbers(results: readonly SubmissionResult[]): Map<string, string> {
  for (const r of results) expect(r.status, JSON.stringify(r)).toBe('accepted');
  return new Map(results.map((r) => [r.id, (r as Extract<SubmissionResult, { status: 'accepted' }>).trackingNumber]));
}

/** How many `method path` requests the server has logged as started (each then is in the server's hands). */
function arrivals(server: RunningServer, method: string, path: string): number {
  return server.output.filter((line) => {
    try {
      const entry = JSON.parse(line) as { msg?: string; req?: { method?: string; path?: string } };
      return entry.msg === 'incoming request' && entry.req?.method === method && entry.req.path === path;
    } catch {
      return false;
    }
  }).length;
}

// ---------------------------------------------------------------------------------------------

type StoredRow = { id: string; tracking_number: string };
type Stored = {
  rows: StoredRow[];
  total: number;
  uploads: Array<{ sha256: string; size: number; received: number; complete: boolean; hash: string }>;
};

for (const target of databaseTargets()) {
  describe(`server killed during delivery, on ${target.kind}`, () => {
    let dataDir: string;
    let databaseUrl: string | undefined;
    let server: RunningServer | undefined;
    const cleanups: Array<() => Promise<unknown>> = [];
    const kk = photo('kk.jpg');
    const ktp = photo('ktp.jpg');
    /** Applications the tests before have stored: the table must hold these and nothing more. */
    let total = 0;

    const start = async (env: Record<string, string> = {}) => {
      server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, ...env });
      return server;
    };
    const kill = async () => {
      const s = server!;
      server = undefined;
      expect(s.proc.kill('SIGKILL')).toBe(true);
      await s.exited;
      expect(s.proc.signalCode).toBe('SIGKILL');
    };

    /**
     * What the database holds. With the server down: PGlite's folder belongs to one process, so a copy
     * of it is read (and the server later recovers the original itself).
     */
    const stored = async (ids: readonly string[], shas: readonly string[]): Promise<Stored> => {
      expect(server).toBeUndefined();
      let readDir = dataDir;
      if (!databaseUrl) {
        readDir = await tempDir('nusa-copy-');
        // Not the admin socket a killed server leaves behind: a socket cannot be copied.
        await cp(dataDir, readDir, { recursive: true, filter: (path) => path !== backupSocketPath(dataDir) });
      }
      const db = await openDatabase({ databaseUrl, dataDir: readDir });
      try {
        const rows = await db.query<StoredRow>(
          'select id::text, tracking_number from applications where id = any($1::uuid[])',
          [ids],
        );
        const [{ total }] = (await db.query<{ total: number }>('select count(*)::int as total from applications')) as [
          { total: number },
        ];
        const uploads = await db.query<Stored['uploads'][number]>(
          `select sha256, size::int, received::int, complete, encode(sha256(data), 'hex') as hash from uploads join upload_contents using (id, sha256) where sha256 = any($1::text[])`,
          [shas],
        );
        return { rows, total, uploads };
      } finally {
        await db.close();
        if (readDir !== dataDir) await rm(readDir, { recursive: true, force: true });
      }
    };

    beforeAll(async () => {
      dataDir = await tempDir();
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      if (target.kind === 'postgres') {
        const pgdb = await createPostgresDatabase(target.adminUrl);
        cleanups.push(pgdb.drop);
        databaseUrl = pgdb.url;
      }
      const s = await start();
      await upload(s.url, kk);
      await upload(s.url, ktp);
    });

    afterAll(async () => {
      await server?.stop('SIGKILL');
      for (const c of cleanups.reverse()) await c();
    });

    it('stores a batch once when the server is killed in the middle of it and the device resends after the restart', async () => {
      const batch = Array.from({ length: BATCH }, (_, i) => record(kk.ref, ktp.ref, i + 1));
      const ids = batch.map((r) => r.id);
      const HALF = BATCH / 2;
      const CUT = HALF + 3;
      // A batch is stored in one transaction. The device has sent the first half before (stored, the
      // answer lost on the way back) and now sends the whole batch: the server must be in the middle
      // of storing the second half when it dies — it has inserted three of them and cannot go on. On
      // PostgreSQL a transaction of the test's own holds the fourth id, so the server waits on its
      // lock; PGlite lives inside the process, so there the process is started with a hook that
      // freezes it right after the CUT-th insert (counting the first half's).
      let blocker: pg.Client | undefined;
      if (databaseUrl) {
        blocker = new pg.Client({ connectionString: databaseUrl });
        await blocker.connect();
        cleanups.push(() => blocker!.end().catch(() => undefined));
        await blocker.query('begin');
        await blocker.query(
          `insert into applications (id, tracking_number, service_id, form_version, channel, applicant, answers, attachments, secret_hash, seq)
           values ($1::uuid, 'ZZZZ-ZZZZ', 'akta-kelahiran', 1, 'online', '{}', '{}', '{}', 'x', -1)`,
          [ids[CUT]],
        );
      } else {
        await server!.stop('SIGTERM');
        await start({
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${FREEZE_HOOK}`,
          NUSA_TEST_FREEZE_AFTER_APPLICATION_INSERTS: String(CUT),
        });
      }
      const s = server!;
      // Warm the server's caches (districts, forms) with a record it refuses, as a real server would be.
      const [warm] = await submit(s.url, [
        { ...record(kk.ref, ktp.ref, 0), answers: { ...batch[0]!.answers, motherNik: '1' } },
      ]);
      expect(warm!.status).toBe('rejected');
      const storedFirst = trackingNumbers(await submit(s.url, batch.slice(0, HALF)));

      const answer = settle(
        send(`${s.url}/api/submissions`, 'POST', JSON_HEADERS, Buffer.from(JSON.stringify({ records: batch }))).answer,
      );
      let answered: string | undefined;
      void answer.then((a) => (answered = a));
      if (blocker) {
        // From another session: inside the blocker's transaction pg_stat_activity is a frozen snapshot.
        const watcher = new pg.Client({ connectionString: databaseUrl });
        await watcher.connect();
        cleanups.push(() => watcher.end().catch(() => undefined));
        const waiting = async () =>
          (
            await watcher.query<{ n: number }>(
              `select count(*)::int as n from pg_stat_activity
               where datname = current_database() and wait_event_type = 'Lock' and query ilike '%insert into applications%'`,
            )
          ).rows[0]!.n;
        await expect.poll(waiting, { timeout: 20_000, interval: 5 }).toBe(1);
      } else {
        await expect
          .poll(() => s.output.some((l) => l.startsWith(`frozen after ${CUT} application inserts`)), {
            timeout: 20_000,
            interval: 5,
          })
          .toBe(true);
      }
      expect(answered).toBeUndefined();
      await kill();
      expect(await answer).toBe('lost'); // the device never saw an answer

      // Of the batch in flight nothing is stored: the first half, from before, and only that.
      const before = await stored(ids, []);
      expect(new Map(before.rows.map((r) => [r.id, r.tracking_number]))).toEqual(storedFirst);
      expect(before.total).toBe(total + HALF);
      await blocker?.query('rollback');

      // The device saw no answer: after the restart it sends the same batch again (photos first,
      // which the server already holds whole: nothing is sent again).
      const restarted = await start();
      expect(await upload(restarted.url, kk)).toEqual({ sent: 0 });
      expect(await upload(restarted.url, ktp)).toEqual({ sent: 0 });
      const numbers = trackingNumbers(await submit(restarted.url, batch));
      expect([...numbers.keys()]).toEqual(ids);
      expect(new Set(numbers.values()).size).toBe(BATCH);
      for (const [id, number] of storedFirst) expect(numbers.get(id), id).toBe(number);
      // A second resend (the answer may be lost again) changes nothing.
      expect(trackingNumbers(await submit(restarted.url, batch))).toEqual(numbers);

      await restarted.stop('SIGTERM');
      server = undefined;
      const after = await stored(ids, [kk.ref.sha256, ktp.ref.sha256]);
      total += BATCH;
      expect(after.total).toBe(total);
      expect(new Map(after.rows.map((r) => [r.id, r.tracking_number]))).toEqual(numbers);
      for (const u of after.uploads)
        expect(u).toEqual({ sha256: u.sha256, size: u.size, received: u.size, complete: true, hash: u.sha256 });
      expect(after.uploads).toHaveLength(2);
      await start();
    });

    it('stores nothing of a batch still arriving when the server is killed, and all of it when resent', async () => {
      const s = server!;
      const batch = Array.from({ length: BATCH }, (_, i) => record(kk.ref, ktp.ref, 200 + i));
      const body = Buffer.from(JSON.stringify({ records: batch }));
      const posts = arrivals(s, 'POST', '/api/submissions');
      // A slow satellite link: the last kilobyte has not arrived when the process dies.
      const answer = settle(send(`${s.url}/api/submissions`, 'POST', JSON_HEADERS, body, { holdBack: 1024 }).answer);
      await expect
        .poll(() => arrivals(s, 'POST', '/api/submissions'), { timeout: 10_000, interval: 1 })
        .toBe(posts + 1);
      await kill();
      expect(await answer).toBe('lost');
      const ids = batch.map((r) => r.id);
      const before = await stored(ids, []);
      expect(before.rows).toEqual([]);
      expect(before.total).toBe(total);

      const restarted = await start();
      const numbers = trackingNumbers(await submit(restarted.url, batch));
      expect([...numbers.keys()]).toEqual(ids);
      await restarted.stop('SIGTERM');
      server = undefined;
      const after = await stored(ids, []);
      expect(new Map(after.rows.map((r) => [r.id, r.tracking_number]))).toEqual(numbers);
      total += BATCH;
      expect(after.total).toBe(total);
      await start();
    });

    it('keeps every application it acknowledged when killed right after answering', async () => {
      const s = server!;
      const batch = Array.from({ length: 10 }, (_, i) => record(kk.ref, ktp.ref, 100 + i));
      const numbers = trackingNumbers(await submit(s.url, batch));
      await kill(); // at once: no clean shutdown, no checkpoint
      const before = await stored(
        batch.map((r) => r.id),
        [],
      );
      expect(new Map(before.rows.map((r) => [r.id, r.tracking_number]))).toEqual(numbers);
      total += batch.length;
      expect(before.total).toBe(total);

      const restarted = await start();
      expect(trackingNumbers(await submit(restarted.url, batch))).toEqual(numbers);
    });

    it('resumes a photo from the last whole chunk when the server is killed while a chunk is arriving', async () => {
      const s = server!;
      const file = photo('surat-kelahiran.jpg', 4 * CHUNK + 1234);
      const url = (base: string) => `${base}/api/uploads/${file.ref.sha256}`;
      const declared = await fetch(url(s.url), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'image/jpeg', size: file.ref.size }),
      });
      expect(declared.status).toBe(200);
      const headers = (offset: number) => ({ 'content-type': CHUNK_CONTENT_TYPE, [OFFSET_HEADER]: String(offset) });
      const whole = send(url(s.url), 'PATCH', headers(0), file.bytes.subarray(0, CHUNK));
      expect((await whole.answer).status).toBe(200);

      // The second chunk is half across a slow link when the process dies.
      const slow = send(url(s.url), 'PATCH', headers(CHUNK), file.bytes.subarray(CHUNK, 2 * CHUNK), {
        holdBack: CHUNK / 2,
      });
      const lost = settle(slow.answer);
      await expect
        .poll(() => arrivals(s, 'PATCH', `/api/uploads/${file.ref.sha256}`), { timeout: 10_000, interval: 1 })
        .toBe(2);
      await kill();
      expect(await lost).toBe('lost');

      const restarted = await start();
      expect(await uploadState(restarted.url, file.ref.sha256)).toMatchObject({ received: CHUNK, complete: false });
      // The device resumes from the server's offset: only the missing bytes travel.
      expect(await upload(restarted.url, file)).toEqual({ sent: file.ref.size - CHUNK });
      await restarted.stop('SIGTERM');
      server = undefined;
      const [u] = (await stored([], [file.ref.sha256])).uploads;
      expect(u).toEqual({
        sha256: file.ref.sha256,
        size: file.ref.size,
        received: file.ref.size,
        complete: true,
        hash: file.ref.sha256,
      });
    });
  });
}
