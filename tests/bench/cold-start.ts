// Server cold start: spawn of src/server/main.ts until it listens with a healthy database, on an
// empty data folder (PGlite initdb + migrations) and on a populated one (restart).
import { rm } from 'node:fs/promises';
import { startServer, tempDir } from '../support/server.ts';
import { type Timing, timing } from './stats.ts';

/** Milliseconds from spawning the server on `dataDir` until it listens with a healthy database
 *  (main.ts listens only after the database is open and migrated; the health check confirms it). */
async function coldStart(dataDir: string): Promise<number> {
  const started = performance.now();
  const server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  const elapsed = performance.now() - started;
  try {
    const res = await fetch(`${server.url}/api/health`);
    const body = (await res.json()) as { database?: { status?: unknown } };
    if (res.status !== 200 || body.database?.status !== 'ok') throw new Error(`unhealthy after start: ${res.status}`);
    return elapsed;
  } finally {
    await server.stop('SIGTERM');
  }
}

export async function serverColdStarts(runs: number): Promise<{ empty: Timing; populated: Timing }> {
  const dirs: string[] = [];
  try {
    const emptyRuns: number[] = [];
    for (let i = 0; i < runs; i++) {
      dirs.push(await tempDir('nusa-layan-bench-'));
      emptyRuns.push(await coldStart(dirs.at(-1)!));
    }
    const populatedRuns: number[] = [];
    for (let i = 0; i < runs; i++) populatedRuns.push(await coldStart(dirs[0]!));
    return { empty: timing(emptyRuns), populated: timing(populatedRuns) };
  } finally {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}
