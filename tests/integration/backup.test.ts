// Backups of the embedded database (issue 13): `npm run admin -- backup <file>` while the server runs
// and takes applications, then `restore <file>` into an empty data folder, which holds every
// application (same tracking numbers) and every photo (same bytes) acknowledged before the backup.
// With PostgreSQL the command points to pg_dump.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SubmissionBatchResult, type SubmissionRecord } from '../../src/domain/submissions/submission.ts';
import { CHUNK_CONTENT_TYPE, OFFSET_HEADER } from '../../src/domain/uploads.ts';
import { openPglite } from '../../src/server/storage/pglite.ts';
import { readUpload } from '../../src/server/uploads/store.ts';
import { jpegPhoto, type Photo } from '../support/photos.ts';
import { ktpApplication } from '../support/records.ts';
import { ROOT, startServer, tempDir } from '../support/server.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function scratch(): Promise<string> {
  const dir = await tempDir('nusa-backup-');
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `node dist-server/admin.js …` as `npm run admin -- …` runs it. */
function admin(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, [join(ROOT, 'dist-server', 'admin.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, output })));
}

async function upload(url: string, photo: Photo): Promise<void> {
  const at = `${url}/api/uploads/${photo.ref.sha256}`;
  const put = await fetch(at, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: photo.ref.type, size: photo.ref.size }),
  });
  expect(put.status).toBe(200);
  const patch = await fetch(at, {
    method: 'PATCH',
    headers: { 'content-type': CHUNK_CONTENT_TYPE, [OFFSET_HEADER]: '0' },
    body: new Uint8Array(photo.bytes),
  });
  expect(await patch.json()).toMatchObject({ complete: true });
}

async function submit(url: string, records: SubmissionRecord[]) {
  const res = await fetch(`${url}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ records }),
  });
  expect(res.status).toBe(200);
  return SubmissionBatchResult.parse(await res.json()).results.map((r) => {
    if (r.status !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(r)}`);
    return { id: r.id, trackingNumber: r.trackingNumber };
  });
}

describe('backup and restore of the embedded database', () => {
  it('backs up while the server runs, and restores every application and photo into an empty folder', async () => {
    const source = await scratch();
    const server = await startServer({ DATA_DIR: source }, { timeoutMs: 120_000 });
    cleanups.push(() => server.stop('SIGKILL'));
    const photos = [jpegPhoto('kk-1.jpg', 250 * 1024), jpegPhoto('kk-2.jpg', 180 * 1024)];
    for (const photo of photos) await upload(server.url, photo);
    const saved = [
      ...(await submit(server.url, [ktpApplication(photos[0]!.ref), ktpApplication(photos[1]!.ref)])),
      ...(await submit(server.url, [ktpApplication(photos[0]!.ref)])),
    ];

    const file = join(await scratch(), 'nusa-layan.tar.gz');
    // The server keeps taking applications while the backup runs.
    const [backup, during] = await Promise.all([
      admin(['backup', file], { DATA_DIR: source }),
      submit(server.url, [ktpApplication(photos[1]!.ref)]),
    ]);
    expect(backup.output).toContain('Backup written to');
    expect(backup.code).toBe(0);
    expect(during).toHaveLength(1);
    expect(await server.stop()).toBe(0);

    const target = join(await scratch(), 'data');
    const restored = await admin(['restore', file], { DATA_DIR: target });
    expect(restored.output).toMatch(/Restored \d+ files/);
    expect(restored.code).toBe(0);

    const db = await openPglite(target);
    cleanups.push(() => db.close());
    const rows = await db.query<{ id: string; tracking_number: string }>(
      'select id::text, tracking_number from applications where id = any($1::uuid[])',
      [saved.map((s) => s.id)],
    );
    expect(new Map(rows.map((r) => [r.id, r.tracking_number]))).toEqual(
      new Map(saved.map((s) => [s.id, s.trackingNumber])),
    );
    for (const photo of photos) {
      const stored = await readUpload(db, photo.ref.sha256);
      expect(stored?.complete).toBe(true);
      expect(stored!.data.equals(photo.bytes)).toBe(true);
    }

    // A restore never overwrites a database.
    await db.close();
    cleanups.pop();
    const again = await admin(['restore', file], { DATA_DIR: target });
    expect(again.code).toBe(1);
    expect(again.output).toContain('not empty');
    // Two servers' starts (the source's first start, the restored copy's recovery) and the copy itself.
  }, 240_000);

  it('points to pg_dump when the database is PostgreSQL', async () => {
    const res = await admin(['backup', '/tmp/never-written.tar.gz'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(res.code).toBe(2);
    expect(res.output).toContain('pg_dump');
  });
});
