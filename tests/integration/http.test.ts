// The HTTP server in process (fastify.inject) on each real database: health, OpenAPI, errors,
// security headers, cache policy, the shell fallback, and logs without personal data.
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, HealthResponse } from '../../src/domain/api.ts';
import { precompressBuild } from '../../src/server/http/precompress.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { migrate } from '../../src/server/storage/migrate.ts';
import { databaseTargets } from '../support/databases.ts';
import { seededApp } from '../support/seeded-app.ts';
import { tempDir } from '../support/server.ts';

/** A tiny stand-in for a build, so these tests do not depend on `vite build`. */
async function fakeBuild(): Promise<string> {
  const dir = await tempDir('nusa-static-');
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Nusa Layan</title><div id="app"></div>');
  await writeFile(join(dir, 'assets', 'index-AbC123.js'), 'console.log("app");'.repeat(200));
  await writeFile(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(dir, 'manifest.webmanifest'), '{"name":"Nusa Layan"}');
  await precompressBuild(dir);
  return dir;
}

for (const target of databaseTargets()) {
  describe(`HTTP API on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let logLines: string[];
    const cleanups: Array<() => Promise<void>> = [];

    let staticDir: string;

    beforeAll(async () => {
      staticDir = await fakeBuild();
      cleanups.push(() => rm(staticDir, { recursive: true, force: true }));
      const harness = await seededApp(target, { seed: false, app: { staticDir } });
      cleanups.push(harness.close);
      ({ db, app, logLines } = harness);
    });

    afterAll(async () => {
      for (const c of cleanups.reverse()) await c();
    });

    it('reports the database kind and status at /api/health', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      const body = HealthResponse.parse(res.json());
      expect(body.status).toBe('ok');
      expect(body.database).toMatchObject({ kind: target.kind, status: 'ok' });
      expect(body.database.migrations).toBeGreaterThanOrEqual(1);
      expect(body.database.instanceId).toMatch(/^[0-9a-f-]{36}$/);
    });

    if (target.kind === 'postgres') {
      it('keeps serving when the database cuts its idle connections (restart, failover)', async () => {
        const [{ databaseName }] = (await db.query<{ databaseName: string }>(
          'select current_database() as "databaseName"',
        )) as [{ databaseName: string }];
        // Two queries at once leave two idle connections in the pool.
        await Promise.all([db.query('select pg_sleep(0.05)'), db.query('select pg_sleep(0.05)')]);
        const admin = new pg.Client({ connectionString: target.adminUrl });
        await admin.connect();
        const [{ n }] = (
          await admin.query<{ n: number }>(
            'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
            [databaseName],
          )
        ).rows as [{ n: number }];
        await admin.end();
        expect(n).toBeGreaterThanOrEqual(2);
        await new Promise((r) => setTimeout(r, 300)); // the cut reaches the idle clients
        const res = await app.inject('/api/health');
        expect(res.statusCode).toBe(200);
        expect(HealthResponse.parse(res.json()).database.status).toBe('ok');
      });
    }

    it('applies migrations once: a second run changes nothing', async () => {
      const before = HealthResponse.parse((await app.inject('/api/health')).json());
      expect(await migrate(db)).toEqual([]);
      const after = HealthResponse.parse((await app.inject('/api/health')).json());
      expect(after.database).toEqual(before.database);
    });

    it('documents every API route in /api/openapi.json', async () => {
      const res = await app.inject('/api/openapi.json');
      expect(res.statusCode).toBe(200);
      const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(doc.openapi).toMatch(/^3\./);
      const apiRoutes = app
        .printRoutes({ commonPrefix: false })
        .split('\n')
        .map((l) => /(\/api\/[^\s(]*)/.exec(l)?.[1]?.replace(/:(\w+)/g, '{$1}')) // OpenAPI writes :id as {id}
        .filter((p): p is string => Boolean(p));
      expect(apiRoutes.length).toBeGreaterThanOrEqual(2);
      for (const route of apiRoutes) expect(Object.keys(doc.paths)).toContain(route);
      const health = doc.paths['/api/health']?.get as { responses: Record<string, unknown> };
      expect(Object.keys(health.responses)).toContain('200');
    });

    it('answers malformed requests with a 4xx JSON error, never a 500 or a stack trace', async () => {
      const cases = [
        await app.inject({ method: 'GET', url: '/api/no-such-route' }),
        await app.inject({ method: 'DELETE', url: '/api/health' }),
        await app.inject({
          method: 'POST',
          url: '/api/health',
          headers: { 'content-type': 'application/json' },
          payload: '{"nik": 35',
        }),
        await app.inject({ method: 'GET', url: '/missing-file.js' }),
      ];
      for (const res of cases) {
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/application\/json/);
        const body = ApiError.parse(res.json());
        expect(body.error.message.length).toBeGreaterThan(0);
        expect(res.body).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack frames
      }
    });

    it('sends a strict CSP on pages and the basic security headers everywhere', async () => {
      for (const url of ['/', '/layanan/akta-kelahiran', '/assets/index-AbC123.js']) {
        const res = await app.inject(url);
        const csp = String(res.headers['content-security-policy']);
        expect(csp, url).toContain("script-src 'self'");
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).not.toContain('unsafe-eval');
        expect(res.headers['x-frame-options']).toBe('DENY');
      }
      for (const url of ['/', '/api/health', '/api/no-such-route']) {
        const res = await app.inject(url);
        expect(res.headers['x-content-type-options'], url).toBe('nosniff');
        expect(res.headers['referrer-policy'], url).toBe('no-referrer');
        expect(res.headers['cross-origin-resource-policy'], url).toBe('same-origin');
      }
      // JSON answers carry no document-only headers: every byte counts on a satellite link.
      expect((await app.inject('/api/health')).headers['content-security-policy']).toBeUndefined();
    });

    it('caches hashed assets for a year and revalidates the shell, service worker and manifest', async () => {
      const asset = await app.inject('/assets/index-AbC123.js');
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      for (const url of ['/sw.js', '/manifest.webmanifest', '/index.html']) {
        const res = await app.inject(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['cache-control'], url).toBe('no-cache');
      }
      expect((await app.inject('/manifest.webmanifest')).headers['content-type']).toMatch(
        /application\/manifest\+json/,
      );
    });

    it('compresses text assets for clients that accept it', async () => {
      const res = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(['br', 'gzip']).toContain(res.headers['content-encoding']);
      expect(res.rawPayload.length).toBeLessThan(19 * 200);
    });

    it("sends the build's brotli 11 and gzip 9 assets as they are, and never an outdated one", async () => {
      const file = join(staticDir, 'assets', 'index-AbC123.js');
      const original = await readFile(file);
      const br = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(/javascript/);
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      // The file written at build time, not a per-request compression at a lower quality.
      expect(br.rawPayload.equals(await readFile(`${file}.br`))).toBe(true);
      expect(brotliDecompressSync(br.rawPayload).equals(original)).toBe(true);
      const gz = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.rawPayload.equals(await readFile(`${file}.gz`))).toBe(true);
      expect(gunzipSync(gz.rawPayload).equals(original)).toBe(true);
      const plain = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.equals(original)).toBe(true);
      // Files that keep their name across releases have no sibling to go stale: a changed service
      // worker is served changed.
      await appendFile(join(staticDir, 'sw.js'), '\n// next release\n'.repeat(100));
      const sw = await app.inject({ url: '/sw.js', headers: { 'accept-encoding': 'br' } });
      expect(brotliDecompressSync(sw.rawPayload).toString()).toContain('// next release');
    });

    it('serves the shell for deep links so /layanan/akta-kelahiran works on first visit', async () => {
      const res = await app.inject({ url: '/layanan/akta-kelahiran', headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="app">');
      // Uptime checks and link previews ask with HEAD; they must see the page exists.
      for (const url of ['/', '/kios']) {
        const head = await app.inject({ method: 'HEAD', url });
        expect(head.statusCode, url).toBe(200);
        expect(head.headers['content-type'], url).toMatch(/text\/html/);
      }
    });

    it('logs requests without query strings, headers or bodies', async () => {
      logLines.length = 0;
      const nik = '3529014507900003';
      await app.inject({
        url: `/api/health?nik=${nik}`,
        headers: { authorization: 'Bearer secret-token', cookie: 'sid=abc' },
      });
      await app.inject({
        method: 'POST',
        url: '/api/nothing',
        headers: { 'content-type': 'application/json' },
        payload: { nik },
      });
      const logged = logLines.join('\n');
      expect(logLines.length).toBeGreaterThan(0);
      expect(logged).toContain('/api/health');
      for (const secret of [nik, 'secret-token', 'sid=abc']) expect(logged).not.toContain(secret);
      for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
    });
  });
}
