// The databases the integration tests run against: PGlite always, PostgreSQL too when DATABASE_URL
// names a server (CI starts one). Each PostgreSQL test gets a database of its own.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import pg from 'pg';
import type { Database } from '../../src/server/storage/db.ts';
import { loadMigrations, migrate } from '../../src/server/storage/migrate.ts';
import { openDatabase } from '../../src/server/storage/open.ts';
import { tempDir } from './server.ts';

export type DbTarget = { kind: 'pglite' } | { kind: 'postgres'; adminUrl: string };

export function databaseTargets(): DbTarget[] {
  const url = process.env.DATABASE_URL;
  return url ? [{ kind: 'pglite' }, { kind: 'postgres', adminUrl: url }] : [{ kind: 'pglite' }];
}

/** Creates an empty PostgreSQL database next to the one in adminUrl; returns its URL and a drop(). */
export async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `nusa_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        // An autovacuum worker (owned by the superuser) may be visiting the database after a busy
        // test; a non-superuser cannot terminate it, so wait for it to leave and try again.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`drop database if exists ${name} with (force)`);
            return;
          } catch (err) {
            if ((err as { code?: string }).code !== '42501' || attempt >= 20) throw err;
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

/** An empty, migrated database of the target's kind, and how to get rid of it after the tests. */
export async function freshDatabase(target: DbTarget): Promise<{ db: Database; drop(): Promise<void>; url?: string }> {
  let db: Database;
  let remove: () => Promise<void>;
  let url: string | undefined;
  if (target.kind === 'postgres') {
    const pgdb = await createPostgresDatabase(target.adminUrl);
    db = await openDatabase({ databaseUrl: pgdb.url, dataDir: '' });
    remove = pgdb.drop;
    url = pgdb.url;
  } else {
    const dataDir = await tempDir();
    db = await openDatabase({ dataDir });
    remove = () => rm(dataDir, { recursive: true, force: true });
  }
  await migrate(db);
  return {
    db,
    ...(url ? { url } : {}),
    async drop() {
      await db.close();
      await remove();
    },
  };
}

/** A database of the target's kind migrated up to (not including) `version`: for testing a migration's backfill. */
export async function databaseBefore(
  target: DbTarget,
  version: string,
): Promise<{ db: Database; drop(): Promise<void> }> {
  let db: Database;
  let remove: () => Promise<void>;
  if (target.kind === 'postgres') {
    const pgdb = await createPostgresDatabase(target.adminUrl);
    db = await openDatabase({ databaseUrl: pgdb.url, dataDir: '' });
    remove = pgdb.drop;
  } else {
    const dir = await tempDir();
    db = await openDatabase({ dataDir: dir });
    remove = () => rm(dir, { recursive: true, force: true });
  }
  await migrate(
    db,
    (await loadMigrations()).filter((m) => m.version < version),
  );
  return {
    db,
    async drop() {
      await db.close();
      await remove();
    },
  };
}
