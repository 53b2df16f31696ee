// Opens the configured database: PostgreSQL when a URL is given, else the embedded PGlite in a data
// folder. Each driver is loaded only when chosen (PGlite's WebAssembly is large).
import type { Database } from './db.ts';

export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(opts.databaseUrl);
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite(opts.dataDir);
}
