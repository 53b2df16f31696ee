// A device follows the office's updates of its own applications: pull by checkpoint with its key,
// nothing of other devices, 401 without a key, and a live "changed" event on its stream.
import { createHash, randomBytes } from 'node:crypto';
import { get } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/data/uuidv7.ts';
import { buildApp } from '../../src/server/app.ts';
import { insertApplication } from '../../src/server/applications/store.ts';
import { updateApplication } from '../../src/server/applications/updates.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { openDatabase } from '../../src/server/storage/open.ts';
import { databaseTargets } from '../support/databases.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * A device's open event stream; `changed` settles at its first "changed" event. node:http rather than
 * fetch: undici opens a spare connection when a stream is aborted, which holds up the server's close.
 */
function openStream(
  address: string,
  key: string,
): Promise<{ contentType: string; changed: Promise<void>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = get(`${address}/api/sync/applications/stream?key=${key}`, (res) => {
      let text = '';
      const changed = new Promise<void>((done) => {
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes('event: changed')) done();
        });
      });
      resolve({ contentType: String(res.headers['content-type']), changed, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

for (const target of databaseTargets()) {
  describe(`application updates to devices on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let harness: SeededApp | undefined;
    const myKey = randomBytes(32).toString('hex');
    const otherKey = randomBytes(32).toString('hex');
    const mine: string[] = [];
    let databaseUrl: string | undefined;
    let othersApplication: string | undefined;

    const store = (key: string) =>
      insertApplication(db, {
        id: uuidv7(),
        serviceId: 'pendaftaran-puskesmas',
        formVersion: 1,
        channel: 'online',
        applicant: { kind: 'self' },
        answers: { patientName: 'Siti' },
        attachments: {},
        secretHash: hash('secret'),
        deviceKeyHash: hash(key),
      });
    const pull = (key: string | null, seq = 0) =>
      app.inject({
        url: `/api/sync/applications/pull?seq=${seq}&limit=50`,
        headers: key ? { authorization: `Bearer ${key}` } : {},
      });

    beforeAll(async () => {
      harness = await seededApp(target, { app: { logLevel: 'silent' } });
      ({ db, app, url: databaseUrl } = harness);
      for (let i = 0; i < 3; i++) mine.push((await store(myKey)).id);
      othersApplication = (await store(otherKey)).id;
    });

    afterAll(() => harness?.close());

    it("serves a device only its own applications, with the office's fields", async () => {
      const res = await pull(myKey);
      expect(res.statusCode).toBe(200);
      const body = res.json() as {
        documents: Array<{ id: string; status: string; trackingNumber: string }>;
        checkpoint: { seq: number };
      };
      expect(body.documents.map((d) => d.id).sort()).toEqual([...mine].sort());
      for (const d of body.documents) {
        expect(d.status).toBe('received');
        expect(d).not.toHaveProperty('answers');
        expect(d).not.toHaveProperty('applicant');
      }
      expect((await pull(myKey, body.checkpoint.seq)).json()).toMatchObject({ documents: [] });
    });

    it('pulls exactly the application the office moved, with its message and pick-up', async () => {
      const before = ((await pull(myKey)).json() as { checkpoint: { seq: number } }).checkpoint.seq;
      expect(
        await updateApplication(db, mine[1]!, {
          status: 'ready',
          message: 'Dokumen siap.',
          pickup: { place: "Kantor Kecamatan Ra'as", from: '2026-11-25T08:00:00+07:00' },
        }),
      ).toBe(true);
      const delta = (await pull(myKey, before)).json() as {
        documents: Array<{ id: string; status: string; message?: string; pickup?: { place: string } }>;
      };
      expect(delta.documents).toHaveLength(1);
      expect(delta.documents[0]).toMatchObject({
        id: mine[1],
        status: 'ready',
        message: 'Dokumen siap.',
        pickup: { place: "Kantor Kecamatan Ra'as" },
      });
    });

    it('refuses a missing or malformed device key with a 401 JSON error', async () => {
      for (const key of [null, 'short', 'Z'.repeat(64)]) {
        const res = await pull(key);
        expect(res.statusCode, String(key)).toBe(401);
        expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
      }
      const stream = await app.inject({ url: '/api/sync/applications/stream' });
      expect(stream.statusCode).toBe(401);
    });

    it('tells an open stream of that device when one of its applications changes', async () => {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const stream = await openStream(address, myKey);
      expect(stream.contentType).toMatch(/text\/event-stream/);
      await updateApplication(db, mine[0]!, { status: 'verifying' });
      await stream.changed;
      stream.close();
    });

    if (target.kind === 'postgres') {
      it('tells a stream held by another server on the same database (several servers behind a load balancer)', async () => {
        // A second server: its own process state and connection pool, the same PostgreSQL database.
        const otherDb = await openDatabase({ databaseUrl: databaseUrl!, dataDir: '' });
        const other = await buildApp({ db: otherDb, staticDir: '/nonexistent', logLevel: 'silent' });
        try {
          const address = await other.listen({ host: '127.0.0.1', port: 0 });
          const stream = await openStream(address, otherKey);
          // The office's move goes through the first server.
          await updateApplication(db, othersApplication!, { status: 'processing' });
          await stream.changed;
          stream.close();
        } finally {
          await other.close();
          await otherDb.close();
        }
      });
    }
  });
}
