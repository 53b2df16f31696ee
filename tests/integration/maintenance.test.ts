// The server's housekeeping on the embedded database, which has no autovacuum (issue 13): after a
// large delete the freed space is vacuumed and used again instead of the folder growing for ever, and
// the passes run by themselves on a schedule. (PostgreSQL's own autovacuum does this there; the
// expiry of stale uploads, which runs on both, is tested in uploads.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../src/domain/uploads.ts';
import { maintain, startMaintenance } from '../../src/server/maintenance.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { jpegPhoto } from '../support/photos.ts';
import { type SeededApp, seededApp } from '../support/seeded-app.ts';

const MiB = 1024 * 1024;

describe('maintenance on pglite', () => {
  let harness: SeededApp;
  let db: Database;

  beforeAll(async () => {
    harness = await seededApp({ kind: 'pglite' }, { seed: false });
    db = harness.db;
  });
  afterAll(() => harness?.close());

  /** Declares `count` PDFs and sends the first MiB of each: uploads left incomplete. */
  const partialUploads = async (tag: string, count: number) => {
    for (let n = 0; n < count; n++) {
      const photo = jpegPhoto(`${tag}-${n}`, MAX_UPLOAD_BYTES['image/jpeg']);
      const url = `/api/uploads/${photo.ref.sha256}`;
      const put = await harness.app.inject({
        method: 'PUT',
        url,
        payload: { type: 'image/jpeg', size: photo.ref.size },
      });
      expect(put.statusCode).toBe(200);
      const half = await harness.app.inject({
        method: 'PATCH',
        url,
        headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
        payload: photo.bytes.subarray(0, MiB / 2),
      });
      expect(half.statusCode).toBe(200);
    }
  };
  const chunkBytes = async () =>
    Number(
      (await db.query<{ bytes: string }>(`select pg_total_relation_size('upload_chunks')::text as bytes`))[0]!.bytes,
    );
  const expireAll = () => db.query(`update uploads set updated_at = now() - interval '8 days' where not complete`);

  it('vacuums after a large delete, so the next uploads reuse the space instead of growing the folder', async () => {
    await partialUploads('first', 12);
    const filled = await chunkBytes();
    expect(filled).toBeGreaterThanOrEqual(6 * MiB);
    await expireAll();
    const report = await maintain(db);
    expect(report.expiredUploads).toBe(12);
    expect(report.vacuumed).toContain('public.upload_chunks');
    expect(report.checkpoint).toBe(true);

    await partialUploads('second', 12);
    // Without the vacuum the deleted chunks' pages stay dead and the table doubles.
    expect(await chunkBytes()).toBeLessThanOrEqual(filled * 1.1);
  });

  it('runs by itself on a schedule', async () => {
    const lastVacuum = async () =>
      (
        await db.query<{ at: string | null }>(
          `select last_vacuum as at from pg_stat_user_tables where relname = 'upload_chunks'`,
        )
      )[0]?.at ?? '';
    const before = await lastVacuum();
    await partialUploads('scheduled', 2);
    await expireAll();
    const maintenance = startMaintenance(db, harness.app.log, { firstPassAfterMs: 10, passEveryMs: 50 });
    try {
      await expect
        .poll(async () => (await db.query('select 1 from uploads where not complete')).length, { timeout: 10_000 })
        .toBe(0);
      await expect.poll(async () => (await lastVacuum()) > before, { timeout: 10_000 }).toBe(true);
    } finally {
      await maintenance.stop();
    }
  });
});
