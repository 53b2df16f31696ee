// The databases the integration tests run against: PGlite always, PostgreSQL too when DATABASE_URL
// names a server (CI starts one). Each PostgreSQL test gets a database of its own.
import pg from 'pg';
import { randomUUID } from 'node:crypto';

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
