// The server as a process, the way `npm start` runs it: start on an empty data folder, stop with
// SIGTERM, start again on the same folder and find the same data; refuse a second server on one
// folder; refuse a bad configuration with a clear message; run on PostgreSQL when DATABASE_URL is set.
import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthResponse } from '../../src/domain/api.ts';
import { createPostgresDatabase, databaseTargets } from '../support/databases.ts';
import { type RunningServer, runServerExpectingFailure, startServer, tempDir } from '../support/server.ts';

async function health(server: RunningServer): Promise<HealthResponse> {
  const res = await fetch(`${server.url}/api/health`);
  expect(res.status).toBe(200);
  return HealthResponse.parse(await res.json());
}

const running: RunningServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop('SIGKILL');
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('server process on the embedded database', () => {
  it('keeps its data across SIGTERM and restart on the same DATA_DIR', async () => {
    const dataDir = await tempDir();
    dirs.push(dataDir);

    const first = await startServer({ DATA_DIR: dataDir });
    running.push(first);
    const before = await health(first);
    expect(before.database).toMatchObject({ kind: 'pglite', status: 'ok' });
    expect(before.database.instanceId).not.toBeNull();

    expect(await first.stop('SIGTERM')).toBe(0);
    const log = first.output.join('\n');
    expect(log).toContain('shutting down');
    expect(log).toContain('stopped cleanly');
    for (const line of first.output) expect(() => JSON.parse(line), line).not.toThrow(); // structured logs only

    const second = await startServer({ DATA_DIR: dataDir });
    running.push(second);
    const after = await health(second);
    expect(after.database.instanceId).toBe(before.database.instanceId);
    expect(after.database.migrations).toBe(before.database.migrations);
    expect(second.output.join('\n')).toMatch(/"migrationsApplied":0/);
  });

  it('finishes a request that is in flight when SIGTERM arrives', async () => {
    const dataDir = await tempDir();
    dirs.push(dataDir);
    const server = await startServer({ DATA_DIR: dataDir });
    running.push(server);
    await health(server);
    // A slow client (a satellite link): half of its body is sent, then the server is told to stop,
    // then the rest arrives. The request must still get its full answer before the process exits.
    const body = JSON.stringify({ note: 'x'.repeat(2000) });
    const answer = new Promise<{ status: number; json: unknown }>((resolve, reject) => {
      const req = request(`${server.url}/api/echo-nothing`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 1000));
      setTimeout(() => server.proc.kill('SIGTERM'), 200);
      setTimeout(() => req.end(body.slice(1000)), 700);
    });
    const res = await answer;
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: 'not_found' } });
    expect(await server.exited).toBe(0);
    expect(server.output.join('\n')).toContain('shutting down');
  });

  it('refuses to open a data folder another server is using', async () => {
    const dataDir = await tempDir();
    dirs.push(dataDir);
    const owner = await startServer({ DATA_DIR: dataDir });
    running.push(owner);
    const intruder = await runServerExpectingFailure({ DATA_DIR: dataDir });
    expect(intruder.code).toBe(1);
    expect(intruder.output).toMatch(/in use by process \d+/);
    await health(owner); // the owner is unharmed
  });

  it('stops with a clear message on invalid configuration', async () => {
    const res = await runServerExpectingFailure({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    expect(res.code).toBe(1);
    expect(res.output).toContain('Invalid configuration');
    expect(res.output).toMatch(/PORT/);
    expect(res.output).toMatch(/DATABASE_URL: must start with postgres/);
  });
});

const postgres = databaseTargets().find((t) => t.kind === 'postgres');
if (postgres) {
  describe('server process on PostgreSQL (DATABASE_URL)', () => {
    it('migrates once even when two servers start together, and keeps data across restarts', async () => {
      const pgdb = await createPostgresDatabase(postgres.adminUrl);
      try {
        const [a, b] = await Promise.all([
          startServer({ DATABASE_URL: pgdb.url }),
          startServer({ DATABASE_URL: pgdb.url }),
        ]);
        running.push(a, b);
        const [ha, hb] = await Promise.all([health(a), health(b)]);
        expect(ha.database.kind).toBe('postgres');
        expect(ha.database.instanceId).not.toBeNull();
        expect(hb.database).toEqual(ha.database);
        expect(await a.stop()).toBe(0);
        expect(await b.stop()).toBe(0);
        const c = await startServer({ DATABASE_URL: pgdb.url });
        running.push(c);
        expect((await health(c)).database.instanceId).toBe(ha.database.instanceId);
        expect(await c.stop()).toBe(0);
      } finally {
        await pgdb.drop();
      }
    });
  });
}
