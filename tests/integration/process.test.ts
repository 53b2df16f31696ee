// The server as a process, the compiled dist-server/main.js on plain node as a supervisor runs it:
// start on an empty data folder, stop with SIGTERM, start again on the same folder and find the same
// data; stop within seconds however clients hold their connections, answering what is in flight,
// also when the whole process group (npm, its shell, node) gets the signal; refuse a second server on
// one folder; refuse a bad configuration with a clear message; run on PostgreSQL when DATABASE_URL is set.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Agent, type IncomingMessage, request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthResponse } from '../../src/domain/api.ts';
import { clinicRecord } from '../bench/delivery-client.ts';
import { createPostgresDatabase, databaseTargets } from '../support/databases.ts';
import { ROOT, type RunningServer, runServerExpectingFailure, startServer, tempDir } from '../support/server.ts';

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

  it('stops at once after SIGTERM though clients hold keep-alive connections and event streams', async () => {
    const dataDir = await tempDir();
    dirs.push(dataDir);
    const server = await startServer({ DATA_DIR: dataDir });
    running.push(server);
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    // A device following its applications: a stream that never ends by itself.
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      request(`${server.url}/api/sync/applications/stream`, {
        agent,
        headers: { authorization: `Bearer ${'ab'.repeat(32)}` },
      })
        .on('response', resolve)
        .on('error', reject)
        .end();
    });
    expect(stream.statusCode).toBe(200);
    const streamEnded = new Promise<void>((resolve) => {
      stream.on('end', resolve).on('close', resolve).resume();
    });
    // A client on a slow link: its request is in flight (half its body sent) when SIGTERM comes, and
    // it keeps the connection for more requests afterwards, as browsers and the device's agent do.
    const body = JSON.stringify({ note: 'x'.repeat(2000) });
    let signalled = 0;
    const answer = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = request(`${server.url}/api/echo-nothing`, {
        agent,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 1000), () => {
        signalled = Date.now();
        server.proc.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(1000)), 300);
      });
    });
    const res = await answer;
    expect(res.status).toBe(404); // answered in full, not dropped
    expect(res.connection).toBe('close');
    await streamEnded;
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(5_000); // not the 72 s keep-alive timeout
    expect(existsSync(join(dataDir, 'nusa-layan.lock'))).toBe(false);
    agent.destroy();
  });

  it('answers a 100-record batch in flight when the whole process group gets SIGTERM, and exits within 10 s', async () => {
    const dataDir = await tempDir();
    dirs.push(dataDir);
    // As a supervisor starts it through npm: npm, the shell of the script and node in one group,
    // each of them signalled (and npm relays the signal to its child as well).
    const group = spawn('npm', ['run', '--silent', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: undefined, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    group.stdout.on('data', (c: Buffer) => (output += c.toString()));
    group.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-group.pid!, signal);
      } catch {
        // already gone
      }
    };
    try {
      await expect
        .poll(() => /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.test(output), { timeout: 60_000 })
        .toBe(true);
      const url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
      const serverPid = Number(/"pid":(\d+)/.exec(output)![1]);
      const records = Array.from({ length: 100 }, (_, i) => clinicRecord(i));
      const body = JSON.stringify({ records });
      let signalled = 0;
      const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(`${url}/api/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        // Once the server has taken the request in, the rest of the batch goes, and the signal with
        // it: the server is storing the batch when every process of the group gets SIGTERM.
        req.write(body.slice(0, -100));
        const routed = setInterval(() => {
          if (!output.includes('"path":"/api/submissions"')) return;
          clearInterval(routed);
          req.end(body.slice(-100), () => {
            signalled = Date.now();
            killGroup('SIGTERM');
          });
        }, 20);
      });
      const res = await answer;
      expect(res.status).toBe(200);
      const { results } = JSON.parse(res.text) as { results: Array<{ id: string; status: string }> };
      expect(results.map((r) => r.status)).toEqual(records.map(() => 'accepted'));
      const alive = () => {
        try {
          process.kill(serverPid, 0);
          return true;
        } catch {
          return false;
        }
      };
      await expect.poll(alive, { timeout: 10_000, interval: 100 }).toBe(false);
      expect(Date.now() - signalled).toBeLessThan(10_000);
      await expect.poll(() => output.includes('stopped cleanly'), { timeout: 2_000 }).toBe(true);
      // The signal came while the batch was being stored, not after its answer.
      const lines = output.split('\n').filter((l) => l.startsWith('{'));
      const stopping = lines.findIndex((l) => l.includes('"msg":"shutting down"'));
      const reqId = lines
        .map((l) => JSON.parse(l) as { reqId?: string; req?: { path?: string } })
        .find((l) => l.req?.path === '/api/submissions')?.reqId;
      const answered = lines.findIndex((l) => l.includes(`"reqId":"${reqId}"`) && l.includes('"request completed"'));
      expect(stopping).toBeGreaterThan(-1);
      expect(answered, 'the batch was in flight at SIGTERM').toBeGreaterThan(stopping);
      expect(existsSync(join(dataDir, 'nusa-layan.lock'))).toBe(false);
    } finally {
      killGroup('SIGKILL');
    }
  });

  it('runs as compiled JavaScript that needs no devDependency and no build at boot', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(pkg.scripts.serve).toBe('node --enable-source-maps dist-server/main.js');
    expect(pkg.scripts.start).toBe(`npm run build && ${pkg.scripts.serve}`);
    const code = readdirSync(join(ROOT, 'dist-server'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(ROOT, 'dist-server', f), 'utf8'))
      .join('\n');
    const packages = new Set(
      [
        ...code.matchAll(/(?:^|\n)(?:import|export)\b[^;]*?\bfrom\s*"([^".][^"]*)";/g),
        ...code.matchAll(/\bimport\("([^".][^"]*)"\)/g),
      ]
        .map((m) => m[1]!)
        .filter((spec) => !spec.startsWith('node:'))
        .map((spec) =>
          spec
            .split('/')
            .slice(0, spec.startsWith('@') ? 2 : 1)
            .join('/'),
        ),
    );
    expect(packages.size).toBeGreaterThan(0);
    for (const name of packages) expect(Object.keys(pkg.dependencies), name).toContain(name);
    expect(code).not.toMatch(/from "tsx|from "esbuild|from "vite/);
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
