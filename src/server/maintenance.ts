// Housekeeping the server does itself, every 10 minutes and once shortly after start: applications
// left awaiting a correction past their office's period are abandoned (after a notice); incomplete
// uploads without progress for 7 days are deleted, and on the embedded database (PGlite runs no
// autovacuum and no checkpointer) the tables that changed much are vacuumed and analysed, and a
// checkpoint bounds how much WAL a restart after a power cut has to replay. PostgreSQL's own
// autovacuum and checkpointer do the latter there.
import type { FastifyBaseLogger } from 'fastify';
import { sweepAbandoned } from './applications/abandon.ts';
import type { Database } from './storage/db.ts';
import { expireUploads } from './uploads/store.ts';

const PASS_EVERY_MS = 10 * 60_000;
const FIRST_PASS_AFTER_MS = 30_000;
/** Once a day every table is vacuumed, whatever the statistics say (they are lost in a crash). */
const VACUUM_ALL_EVERY_MS = 24 * 60 * 60_000;

export type MaintenanceReport = {
  expiredUploads: number;
  expiredBytes: number;
  /** Tables vacuumed (and analysed) in this pass; ['*'] when the whole database was. */
  vacuumed: string[];
  checkpoint: boolean;
};

/**
 * The tables PostgreSQL's autovacuum would pick (its default thresholds): dead rows above 50 + 20 %
 * of the live ones, or changes since the last analyse above 50 + 10 %. A table's TOAST part (where
 * photos' bytes go) counts for the table: few rows there can hold many megabytes.
 */
async function tablesToVacuum(db: Database): Promise<string[]> {
  // The statistics of this (PGlite's only) session reach the views when flushed, at most once a second.
  await db.query('select pg_stat_force_next_flush()');
  await db.query('select pg_stat_clear_snapshot()');
  const rows = await db.query<{ name: string }>(
    `select distinct quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name
     from pg_stat_all_tables s
     join pg_class c on c.oid = coalesce((select t.oid from pg_class t where t.reltoastrelid = s.relid), s.relid)
     join pg_namespace n on n.oid = c.relnamespace
     where s.schemaname in ('public', 'pg_toast')
       and (s.n_dead_tup > 50 + 0.2 * s.n_live_tup or s.n_mod_since_analyze > 50 + 0.1 * s.n_live_tup)`,
  );
  return rows.map((r) => r.name);
}

/** One pass; `vacuumAll` vacuums every table (the daily pass). */
export async function maintain(db: Database, opts: { vacuumAll?: boolean } = {}): Promise<MaintenanceReport> {
  const expired = await expireUploads(db);
  const report: MaintenanceReport = {
    expiredUploads: expired.uploads,
    expiredBytes: expired.bytes,
    vacuumed: [],
    checkpoint: false,
  };
  if (db.kind !== 'pglite') return report;
  if (opts.vacuumAll) {
    await db.exec('vacuum (analyze)');
    report.vacuumed = ['*'];
  } else {
    const tables = new Set(await tablesToVacuum(db));
    // What the expiry just deleted is vacuumed in this same pass, whatever the statistics say yet.
    if (expired.uploads > 0) for (const table of ['public.uploads', 'public.upload_chunks']) tables.add(table);
    for (const table of tables) {
      await db.exec(`vacuum (analyze) ${table}`);
      report.vacuumed.push(table);
    }
  }
  await db.exec('checkpoint');
  report.checkpoint = true;
  return report;
}

export type Maintenance = { stop(): Promise<void> };

export function startMaintenance(
  db: Database,
  log: FastifyBaseLogger,
  timing: { firstPassAfterMs?: number; passEveryMs?: number } = {},
): Maintenance {
  let running: Promise<void> | null = null;
  let stopped = false;
  let lastVacuumAll = 0;
  const pass = () => {
    if (stopped || running) return;
    const vacuumAll = Date.now() - lastVacuumAll >= VACUUM_ALL_EVERY_MS;
    // Applications left awaiting a correction: the resident told, then abandoned (issue 16).
    running = sweepAbandoned(db, new Date())
      .then((swept) => {
        if (swept.noticed > 0 || swept.abandoned > 0) log.info(swept, 'abandoned applications');
        return maintain(db, { vacuumAll });
      })
      .then((report) => {
        if (vacuumAll && db.kind === 'pglite') lastVacuumAll = Date.now();
        if (report.expiredUploads > 0 || report.vacuumed.length > 0) log.info(report, 'maintenance');
      })
      .catch((err: unknown) => log.warn({ err: { message: (err as Error).message } }, 'maintenance failed'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(pass, timing.firstPassAfterMs ?? FIRST_PASS_AFTER_MS).unref();
  const timer = setInterval(pass, timing.passEveryMs ?? PASS_EVERY_MS).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
