// Online backup of the embedded database (PGlite), the way pg_basebackup takes one: pg_backup_start,
// then every file of the cluster is copied while the server keeps serving (a page torn by a write
// during the copy is repaired from the WAL, as full_page_writes is on), pg_backup_stop, then the WAL
// written meanwhile and the backup_label that tells recovery where to begin. The result is a gzipped
// tar, streamed: photos live in the database, so a backup can be far larger than memory.
// restoreBackup unpacks one into an empty data folder; the first start recovers it to a consistent state.
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import type { Queryable } from './db.ts';
import { syncTree } from './durable-fs.ts';

/** Folders whose contents a backup leaves out (as pg_basebackup does): runtime state, and the WAL, added last. */
const EMPTIED_DIRS = new Set([
  'pg_wal',
  'pg_stat_tmp',
  'pg_replslot',
  'pg_dynshmem',
  'pg_notify',
  'pg_serial',
  'pg_snapshots',
  'pg_subtrans',
]);
const SKIPPED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map']);

export type BackupSummary = { files: number; bytes: number; startLsn: string; stopLsn: string };

async function listFiles(root: string, dir = root): Promise<{ files: string[]; dirs: string[] }> {
  const files: string[] = [];
  const dirs: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const rel = relative(root, path);
    if (entry.isDirectory()) {
      dirs.push(rel);
      if (EMPTIED_DIRS.has(rel)) continue;
      const below = await listFiles(root, path);
      files.push(...below.files);
      dirs.push(...below.dirs);
    } else if (entry.isFile() && !SKIPPED_FILES.has(rel) && !entry.name.startsWith('pgsql_tmp')) {
      files.push(rel);
    }
  }
  return { files, dirs };
}

/** Adds one file as it is now: a file that shrinks during the copy is padded (the WAL rewrites it). */
async function addFile(pack: tar.Pack, root: string, rel: string): Promise<number> {
  const handle = await open(join(root, rel), 'r').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null; // dropped since the listing (a table's file): the WAL knows
    throw err;
  });
  if (!handle) return 0;
  try {
    const { size, mtime } = await handle.stat();
    const entry = pack.entry({ name: rel.split(sep).join('/'), size, mode: 0o600, mtime });
    const buffer = Buffer.alloc(Math.min(size, 1024 * 1024));
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - at), at);
      const part = bytesRead > 0 ? buffer.subarray(0, bytesRead) : Buffer.alloc(Math.min(buffer.length, size - at));
      if (!entry.write(Buffer.from(part))) await new Promise<void>((r) => entry.once('drain', () => r()));
      at += part.length;
    }
    await new Promise<void>((resolve, reject) => entry.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return size;
  } finally {
    await handle.close();
  }
}

/**
 * Writes a backup of the cluster in `pgDir` (PGlite's folder) to `out`, through the database `q` that
 * serves it. Fails, writing nothing usable, if the WAL the backup needs was recycled meanwhile.
 */
export async function writeBackup(q: Queryable, pgDir: string, out: NodeJS.WritableStream): Promise<BackupSummary> {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip({ level: 3 }), out);
  let summary: BackupSummary | undefined;
  try {
    const [start] = await q.query<{ lsn: string; segment: string }>(
      `select lsn::text, pg_walfile_name(lsn) as segment from pg_backup_start('nusa-layan', true) as lsn`,
    );
    let stopped = false;
    let files = 0;
    let bytes = 0;
    try {
      const { files: names, dirs } = await listFiles(pgDir);
      for (const dir of dirs) pack.entry({ name: `${dir.split(sep).join('/')}/`, type: 'directory', mode: 0o700 });
      for (const rel of names) {
        bytes += await addFile(pack, pgDir, rel);
        files++;
      }
      const [stop] = await q.query<{ lsn: string; labelfile: string }>(
        'select lsn::text, labelfile from pg_backup_stop(false)',
      );
      stopped = true;
      const wal = (await readdir(join(pgDir, 'pg_wal'))).filter((n) => /^[0-9A-F]{24}$/.test(n)).sort();
      if (!start || !stop || !wal.includes(start.segment))
        throw new Error('the WAL this backup needs was recycled while it ran: take the backup again');
      for (const segment of wal.filter((s) => s >= start.segment)) {
        bytes += await addFile(pack, pgDir, join('pg_wal', segment));
        files++;
      }
      pack.entry({ name: 'backup_label', mode: 0o600 }, stop.labelfile);
      summary = { files: files + 1, bytes, startLsn: start.lsn, stopLsn: stop.lsn };
    } finally {
      if (!stopped) await q.query('select pg_backup_stop(false)').catch(() => undefined);
    }
    pack.finalize();
  } catch (err) {
    pack.destroy(err as Error);
  }
  await written;
  if (!summary) throw new Error('backup failed');
  return summary;
}

/**
 * Unpacks a backup into `pgDir`, which must not hold a database yet, and syncs it to disk. The next
 * open recovers it (backup_label names the checkpoint to start from; its WAL is in the backup).
 */
export async function restoreBackup(file: string, pgDir: string): Promise<{ files: number }> {
  await mkdir(pgDir, { recursive: true });
  if ((await readdir(pgDir)).length > 0) throw new Error(`${pgDir} is not empty: restore into an empty data folder`);
  const root = resolve(pgDir);
  let files = 0;
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const target = resolve(root, header.name);
    if (target !== root && !target.startsWith(root + sep)) {
      stream.resume();
      return next(new Error(`the backup names a path outside the data folder: ${header.name}`));
    }
    const done = (err?: unknown) => next(err as Error | undefined);
    if (header.type === 'directory') {
      stream.resume();
      mkdir(target, { recursive: true, mode: 0o700 }).then(() => done(), done);
    } else if (header.type === 'file') {
      files++;
      mkdir(dirname(target), { recursive: true, mode: 0o700 })
        .then(async () => {
          const handle = await open(target, 'w', 0o600);
          try {
            for await (const part of stream) await handle.write(part as Buffer);
          } finally {
            await handle.close();
          }
        })
        .then(() => done(), done);
    } else {
      stream.resume();
      done();
    }
  });
  await pipeline(createReadStream(file), createGunzip(), extract);
  if (!(await stat(join(root, 'backup_label')).catch(() => null)))
    throw new Error('not a Nusa Layan backup: it has no backup_label');
  await syncTree(root);
  return { files };
}
