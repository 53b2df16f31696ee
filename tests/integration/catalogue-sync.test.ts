// Catalogue replication on each real database: the seed, pulls by checkpoint, deltas of exactly the
// changed document, deletions, no-op rewrites, concurrent writers, and malformed pull requests.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogueHead } from '../../src/domain/catalogue/collections.ts';
import { Service } from '../../src/domain/catalogue/service.ts';
import { RegionDataset } from '../../src/domain/region.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { seedCatalogue } from '../../src/server/catalogue/seed.ts';
import { deleteDocument, putDocuments } from '../../src/server/catalogue/store.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { databaseTargets } from '../support/databases.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

type Pulled = {
  documents: Array<Record<string, unknown> & { id: string; _deleted: boolean }>;
  checkpoint: { seq: number };
};

for (const target of databaseTargets()) {
  describe(`catalogue sync on ${target.kind}`, () => {
    let app: FastifyInstance;
    let db: Database;
    let harness: SeededApp | undefined;

    const pull = async (collection: string, seq: number, limit = 100): Promise<Pulled> => {
      const res = await app.inject(`/api/sync/${collection}/pull?seq=${seq}&limit=${limit}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Pulled;
    };
    const head = async () => CatalogueHead.parse((await app.inject('/api/sync/catalogue/head')).json()).collections;

    beforeAll(async () => {
      harness = await seededApp(target, { app: { logLevel: 'silent' } });
      ({ db, app } = harness);
      expect(harness.seedReport).toEqual({ seeded: true, regionUpdated: true });
    });

    afterAll(() => harness?.close());

    it('serves the whole seed from checkpoint 0, in pages, valid against the shared schemas', async () => {
      const all: Pulled['documents'] = [];
      let seq = 0;
      for (;;) {
        const page = await pull('services', seq, 5);
        if (page.documents.length === 0) break;
        expect(page.documents.length).toBeLessThanOrEqual(5);
        all.push(...page.documents);
        expect(page.checkpoint.seq).toBeGreaterThan(seq);
        seq = page.checkpoint.seq;
      }
      expect(all.map((d) => d.id).sort()).toEqual(SEED_SERVICES.map((s) => s.id).sort());
      for (const d of all) expect(Service.safeParse(d).success, d.id).toBe(true);
      expect(seq).toBe((await head()).services);

      const region = (await pull('regions', 0)).documents[0];
      const dataset = RegionDataset.parse(region);
      expect(dataset).toMatchObject({ id: '35.29', name: 'Kabupaten Sumenep' });
      expect(dataset.villages).toHaveLength(334);
    });

    it('stamps updatedAt on the server and ignores one sent by a client', async () => {
      const [doc] = (await pull('services', 0, 1)).documents;
      expect(Date.parse(String(doc!.updatedAt))).toBeGreaterThan(Date.now() - 10 * 60_000);
      const original = SEED_SERVICES.find((s) => s.id === doc!.id)!;
      await putDocuments(db, 'services', [{ ...original, updatedAt: '1999-01-01T00:00:00Z' } as never]);
      const after = (await pull('services', 0, 100)).documents.find((d) => d.id === doc!.id)!;
      expect(after.updatedAt).toBe(doc!.updatedAt); // content unchanged: not rewritten at all
    });

    it('re-running the seed changes nothing, so devices pull nothing', async () => {
      const before = await head();
      expect(await seedCatalogue(db, '35.29')).toEqual({ seeded: false, regionUpdated: false });
      expect(await head()).toEqual(before);
      expect((await pull('services', before.services)).documents).toEqual([]);
    });

    it('after one service changes, a device at the old checkpoint pulls exactly that service', async () => {
      const before = await head();
      const changed = {
        ...SEED_SERVICES.find((s) => s.id === 'akta-kelahiran')!,
        completionTime: { value: 3, unit: 'working-days' as const },
      };
      expect(await putDocuments(db, 'services', [changed])).toEqual(['akta-kelahiran']);

      const after = await head();
      expect(after.services).toBeGreaterThan(before.services);
      expect({ ...after, services: 0 }).toEqual({ ...before, services: 0 }); // other collections unmoved
      const delta = await pull('services', before.services);
      expect(delta.documents.map((d) => d.id)).toEqual(['akta-kelahiran']);
      expect(delta.documents[0]!.completionTime).toEqual({ value: 3, unit: 'working-days' });
      expect(delta.checkpoint.seq).toBe(after.services);
      expect((await pull('offices', before.offices)).documents).toEqual([]);
    });

    it('a deleted document reaches devices as a deletion', async () => {
      const before = await head();
      expect(await deleteDocument(db, 'announcements', (await pull('announcements', 0)).documents[0]!.id)).toBe(true);
      const delta = await pull('announcements', before.announcements);
      expect(delta.documents).toHaveLength(1);
      expect(delta.documents[0]!._deleted).toBe(true);
    });

    it('never lets a reader skip a document while many writers commit at once', async () => {
      const start = (await head()).offices;
      const ids = Array.from({ length: 12 }, (_, i) => `test-office-${i}`);
      const template = (await pull('offices', 0, 1)).documents[0]!;
      const { _deleted, updatedAt, ...content } = template;
      const writers = ids.map((id) => putDocuments(db, 'offices', [{ ...content, id } as never]));
      const seen = new Set<string>();
      let seq = start;
      let done = false;
      void Promise.all(writers).then(() => (done = true));
      // Pull continuously while the writers commit, then once more after they are all done.
      while (!done) {
        const page = await pull('offices', seq);
        for (const d of page.documents) seen.add(d.id);
        seq = page.checkpoint.seq;
      }
      const last = await pull('offices', seq);
      for (const d of last.documents) seen.add(d.id);
      for (const id of ids) expect(seen, id).toContain(id);
    });

    it('rejects malformed pull requests with 4xx JSON errors', async () => {
      for (const url of [
        '/api/sync/services/pull?seq=abc',
        '/api/sync/services/pull?limit=100000',
        '/api/sync/services/pull?seq=-1',
      ]) {
        const res = await app.inject(url);
        expect(res.statusCode, url).toBe(400);
        expect(res.json()).toMatchObject({ error: { code: 'invalid_request' } });
      }
      const unknown = await app.inject('/api/sync/residents/pull');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ error: { code: 'not_found' } });
    });
  });
}
