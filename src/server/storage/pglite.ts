// Embedded PostgreSQL (PGlite) in a data folder. One process owns a folder: a second one would
// corrupt it, so a lock file refuses it.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, Row } from './db.ts';
import { PG_DATE, PG_TIMESTAMP, PG_TIMESTAMPTZ, timestampToIso } from './timestamps.ts';

async function takeLock(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = join(dataDir, 'nusa-layan.lock');
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

function wrap(db: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async exec(sql: string) {
      await db.exec(sql);
    },
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      const res = await db.query<T>(sql, params);
      return res.rows;
    },
  };
}

export async function openPglite(dataDir: string): Promise<Database> {
  const pgDir = join(dataDir, 'pglite');
  await mkdir(pgDir, { recursive: true });
  const release = await takeLock(dataDir);
  let pg: PGlite;
  try {
    pg = await PGlite.create(pgDir, {
      parsers: { [PG_TIMESTAMPTZ]: timestampToIso, [PG_TIMESTAMP]: timestampToIso, [PG_DATE]: (text: string) => text },
    });
  } catch (err) {
    await release();
    throw err;
  }
  const q = wrap(pg);
  return {
    kind: 'pglite',
    query: q.query,
    exec: q.exec,
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    async close() {
      await pg.close();
      await release();
    },
  };
}
