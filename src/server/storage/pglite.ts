// Embedded PostgreSQL (PGlite) in a data folder. One process owns a folder: a second one would
// corrupt it, so a lock file refuses it. Commits are synced to disk (durable-fs.ts).
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { sep } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, Row } from './db.ts';
import { DurableNodeFS, durableStartParams, type SyncProbe, syncPath, syncTree, verifyDurable } from './durable-fs.ts';
import { lockPath as lockPathOf, pgliteDir } from './folders.ts';
import { type Lane, Lanes } from './lanes.ts';
import { PG_DATE, PG_TIMESTAMP, PG_TIMESTAMPTZ, timestampToIso } from './timestamps.ts';

async function takeLock(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = lockPathOf(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.write(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(await readFile(lockPath, 'utf8').catch(() => ''));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(`The data folder ${dataDir} is in use by process ${pid}; one server per folder.`);
      }
      // A lock left by a process that died: take it over.
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Statements on `db`, each through `lanes` when given (a transaction's own statements are not: it holds its turn). */
function wrap(db: Pick<PGlite, 'query' | 'exec'>, lanes?: Lanes, lane: Lane = 'fast'): Queryable {
  const inTurn = <T>(work: () => Promise<T>) => (lanes ? lanes.run(lane, work) : work());
  return {
    async exec(sql: string) {
      await inTurn(() => db.exec(sql));
    },
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const res = await inTurn(() => db.query<T>(sql, params));
      return res.rows;
    },
  };
}

export type PgliteOptions = {
  /** Called with each host path PostgreSQL synced (tests model a power cut with it). */
  onSync?: (path: string) => void;
};

/** WAL files (16 MB each) written since the last checkpoint that make the next one due. */
const WAL_SEGMENTS_PER_CHECKPOINT = 3;

/**
 * Checkpoints by WAL volume. In single-user mode PostgreSQL never checkpoints by itself (the request
 * that max_wal_size would make comes only under a postmaster), so the WAL grows until someone asks:
 * on disk (the upload-abuse bench grew the folder by twice the bytes it received, half of it WAL)
 * and in the replay after a power cut. The WAL files the database syncs tell how much was written;
 * pg_control is synced by every checkpoint.
 */
function walCheckpoints(pg: () => PGlite | undefined) {
  const segments = new Set<string>();
  let running = false;
  return {
    synced(path: string) {
      if (path.endsWith(`${sep}global${sep}pg_control`)) return segments.clear();
      const segment = /[\\/]pg_wal[\\/]([0-9A-F]{24})$/.exec(path)?.[1];
      if (!segment) return;
      segments.add(segment);
      const db = pg();
      if (segments.size <= WAL_SEGMENTS_PER_CHECKPOINT || running || !db?.ready) return;
      running = true;
      // After the statement that is syncing now: PGlite runs one at a time.
      setImmediate(() => {
        db.exec('checkpoint')
          .catch(() => undefined)
          .finally(() => {
            running = false;
          });
      });
    },
  };
}

export async function openPglite(dataDir: string, opts: PgliteOptions = {}): Promise<Database> {
  const pgDir = pgliteDir(dataDir);
  await mkdir(pgDir, { recursive: true });
  const release = await takeLock(dataDir);
  const checkpoints = walCheckpoints(() => pg);
  const probe: SyncProbe = {
    count: 0,
    onSync(path) {
      opts.onSync?.(path);
      checkpoints.synced(path);
    },
  };
  let pg: PGlite | undefined;
  try {
    pg = await PGlite.create({
      fs: new DurableNodeFS(pgDir, probe),
      // After a checkpoint, keep no more WAL files for reuse than these sizes allow.
      startParams: [...durableStartParams(), '-c', 'max_wal_size=64MB', '-c', 'min_wal_size=32MB'],
      parsers: { [PG_TIMESTAMPTZ]: timestampToIso, [PG_TIMESTAMP]: timestampToIso, [PG_DATE]: (text: string) => text },
    });
    await verifyDurable(pg, probe);
    // Files written before this process synced anything (initdb's copy, an older version's writes).
    await syncTree(pgDir);
    await syncPath(dataDir);
  } catch (err) {
    await pg?.close().catch(() => undefined);
    await release();
    throw err;
  }
  const opened = pg;
  // PGlite runs one statement at a time, in this thread: a long office read would hold up every
  // device request queued behind it, so those reads take the slow lane.
  const lanes = new Lanes();
  const q = wrap(opened, lanes, 'fast');
  return {
    kind: 'pglite',
    query: q.query,
    exec: q.exec,
    slowLane: wrap(opened, lanes, 'slow'),
    transaction: (work) => lanes.run('fast', () => opened.transaction((tx) => work(wrap(tx)))),
    async close() {
      await opened.close();
      await release();
    },
  };
}
