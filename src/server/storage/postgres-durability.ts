// PostgreSQL mode runs with PostgreSQL's own durability (fsync and synchronous_commit on, its defaults);
// the server checks them at start, as a database tuned for speed may have them off.
import type { Queryable } from './db.ts';

/**
 * The settings under which PostgreSQL answers a commit before it is on disk: the server refuses to
 * start on them (unless told the database is a throwaway), as a power cut could lose what it acknowledged.
 */
export async function nonDurableSettings(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ name: string; setting: string }>(
    `select name, setting from pg_settings where name in ('fsync', 'synchronous_commit')`,
  );
  return rows.filter((r) => r.setting === 'off').map((r) => `${r.name} is off`);
}
