// Nothing acknowledged is lost to a power cut (issue 13). On the embedded database: the server,
// traced with strace, syncs the WAL before it writes the answer to a submission; and a disk that
// keeps only what was synced (the worst a power cut leaves) still holds every acknowledged
// application and photo after recovery. On PostgreSQL: the server refuses to start with fsync or
// synchronous_commit off, unless told the database is a throwaway.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SubmissionBatchResult } from '../../src/domain/submissions/submission.ts';
import { buildApp } from '../../src/server/app.ts';
import { seedCatalogue } from '../../src/server/catalogue/seed.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { migrate } from '../../src/server/storage/migrate.ts';
import { openPglite } from '../../src/server/storage/pglite.ts';
import { readUpload } from '../../src/server/uploads/store.ts';
import { clinicRecord } from '../bench/delivery-client.ts';
import { createPostgresDatabase, databaseTargets } from '../support/databases.ts';
import { jpegPhoto, uploadPhoto } from '../support/photos.ts';
import { ktpApplication } from '../support/records.ts';
import { type RunningServer, runServerExpectingFailure, startServer, tempDir } from '../support/server.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function scratch(prefix: string): Promise<string> {
  const dir = await tempDir(prefix);
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A disk that keeps only what was synced: `image` starts as a copy of the folder, and each fsync the
 * database asks for copies that file's current content into it; a synced directory drops the names
 * no longer in it (unlinks and renames become durable). Writes never synced never reach it.
 */
function syncedOnlyDisk(live: string, image: string) {
  let powered = true;
  return {
    onSync(path: string) {
      if (!powered) return;
      const target = join(image, relative(live, path));
      if (statSync(path).isDirectory()) {
        mkdirSync(target, { recursive: true });
        const names = new Set(readdirSync(path));
        for (const name of readdirSync(target))
          if (!names.has(name)) rmSync(join(target, name), { recursive: true, force: true });
      } else {
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(path, target);
      }
    },
    /** The power goes: nothing written from now on reaches the disk. */
    cut() {
      powered = false;
    },
  };
}

describe('a power cut on the embedded database', () => {
  it('loses no acknowledged application or photo: what was synced before each answer recovers all of it', async () => {
    const live = await scratch('nusa-live-');
    const image = await scratch('nusa-disk-');
    const disk = syncedOnlyDisk(live, image);
    const db: Database = await openPglite(live, { onSync: disk.onSync });
    let closed = false;
    cleanups.push(async () => closed || db.close());
    expect(await db.query('show fsync')).toEqual([{ fsync: 'on' }]);
    // Opening synced the whole folder: this is what the disk holds when the server starts.
    await cp(live, image, { recursive: true });
    await migrate(db);
    await seedCatalogue(db, '35.29');
    const app = await buildApp({ db, staticDir: '/nonexistent', logLevel: 'silent' });
    const kk = jpegPhoto('kk.jpg', 200 * 1024);
    expect(await uploadPhoto(app, kk)).toMatchObject({ complete: true });
    const records = [ktpApplication(kk.ref), ktpApplication(kk.ref), ktpApplication(kk.ref)];
    const res = await app.inject({ method: 'POST', url: '/api/submissions', payload: { records } });
    expect(res.statusCode).toBe(200);
    const { results } = SubmissionBatchResult.parse(res.json());
    const acknowledged = results.map((r) => {
      if (r.status !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(r)}`);
      return { id: r.id, trackingNumber: r.trackingNumber, receivedAt: r.receivedAt };
    });

    // The power goes right after the answers: no shutdown, no checkpoint, nothing more reaches the disk.
    disk.cut();
    await app.close();
    await db.close();
    closed = true;

    rmSync(join(image, 'nusa-layan.lock'), { force: true });
    const recovered = await openPglite(image);
    cleanups.push(() => recovered.close());
    const rows = await recovered.query<{ id: string; tracking_number: string; received_at: string }>(
      'select id::text, tracking_number, received_at from applications where id = any($1::uuid[]) order by id',
      [acknowledged.map((a) => a.id)],
    );
    expect(rows.map((r) => ({ id: r.id, trackingNumber: r.tracking_number, receivedAt: r.received_at }))).toEqual(
      [...acknowledged].sort((a, b) => a.id.localeCompare(b.id)),
    );
    const photo = await readUpload(recovered, kk.ref.sha256);
    expect(photo).toMatchObject({ complete: true, size: kk.ref.size });
    expect(photo!.data.equals(kk.bytes)).toBe(true);
    // A first start (initdb), a recovery, and a disk copy at every sync.
  }, 180_000);
});

const hasStrace = spawnSync('strace', ['-V']).status === 0;

describe('the server process under strace', () => {
  it('syncs the WAL to disk before it writes the answer to a submission', async () => {
    expect(hasStrace, 'strace is needed (apt-get install strace; .ci/system-deps installs it)').toBe(true);
    const dataDir = await scratch('nusa-strace-');
    const trace = join(dataDir, 'strace.txt');
    const server: RunningServer = await startServer(
      { DATA_DIR: dataDir },
      {
        // -yy names each descriptor's file, or socket with its addresses; -s keeps the answer's body;
        // --seccomp-bpf stops the process only at the traced calls (PGlite makes many others).
        wrapper: [
          'strace',
          '--seccomp-bpf',
          '-f',
          '-yy',
          '-s',
          '4096',
          '-e',
          'trace=fsync,fdatasync,write,writev,read',
          '-o',
          trace,
        ],
        timeoutMs: 120_000,
      },
    );
    const pid = Number(/"pid":(\d+)/.exec(server.output.join('\n'))?.[1]);
    cleanups.push(async () => {
      if (server.proc.exitCode === null) process.kill(pid, 'SIGKILL');
      await server.exited;
    });

    // The record the ingest bench sends: a clinic registration, no photo, so it is accepted at once.
    const record = clinicRecord(0);
    const res = await fetch(`${server.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ records: [record] }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).results[0]).toMatchObject({ id: record.id, status: 'accepted' });

    process.kill(pid, 'SIGTERM');
    await server.exited;
    const lines = readFileSync(trace, 'utf8').split('\n');
    const request = lines.findIndex((l) => /\bread\(\d+<TCP.*"POST \/api\/submissions /.test(l));
    expect(request, 'the request is read').toBeGreaterThan(-1);
    const answer = lines.findIndex((l, i) => i > request && /\bwritev?\(\d+<TCP/.test(l) && l.includes(record.id));
    expect(answer, 'the answer naming the record is written').toBeGreaterThan(request);
    const answerPid = lines[answer]!.split(' ')[0];
    const synced = lines
      .slice(request, answer)
      .filter((l) => l.startsWith(`${answerPid} `) && /\bf(data)?sync\(\d+<[^>]*\/pg_wal\/[0-9A-F]{24}>\) = 0/.test(l));
    expect(synced.length, 'the WAL is synced between the request and its answer').toBeGreaterThan(0);
    // A first start (initdb) under strace.
  }, 180_000);
});

const postgres = databaseTargets().find((t) => t.kind === 'postgres');
if (postgres) {
  describe('the server process on PostgreSQL', () => {
    it('refuses to start when commits may be acknowledged before they are on disk, unless told', async () => {
      const pgdb = await createPostgresDatabase(postgres.adminUrl);
      cleanups.push(pgdb.drop);
      const unsafe = new URL(pgdb.url);
      unsafe.searchParams.set('options', '-c synchronous_commit=off');
      const refused = await runServerExpectingFailure({ DATABASE_URL: unsafe.toString() });
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('synchronous_commit is off');
      expect(refused.output).toContain('ALLOW_NON_DURABLE_COMMITS');

      const told = await startServer({ DATABASE_URL: unsafe.toString(), ALLOW_NON_DURABLE_COMMITS: 'true' });
      cleanups.push(() => told.stop('SIGKILL'));
      expect((await fetch(`${told.url}/api/health`)).status).toBe(200);
      expect(await told.stop()).toBe(0);

      const safe = await startServer({ DATABASE_URL: pgdb.url });
      cleanups.push(() => safe.stop('SIGKILL'));
      expect((await fetch(`${safe.url}/api/health`)).status).toBe(200);
      expect(await safe.stop()).toBe(0);
    });
  });
}
