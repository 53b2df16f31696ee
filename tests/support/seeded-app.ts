// The app most integration suites test: a fresh database of the target's kind, the catalogue seeded,
// the API built in process (no static build unless one is named) with its log lines kept for the tests to read.
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../src/server/app.ts';
import { type SeedReport, seedCatalogue } from '../../src/server/catalogue/seed.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { type DbTarget, freshDatabase } from './databases.ts';

export type SeededApp = {
  db: Database;
  app: FastifyInstance;
  logLines: string[];
  /** What seeding reported; undefined when not seeded. */
  seedReport?: SeedReport;
  /** The PostgreSQL database's URL, for a second connection to it. */
  url?: string;
  close(): Promise<void>;
};

export type SeededAppOptions = {
  /** Seed the catalogue (default true). */
  seed?: boolean;
  region?: string;
  /** Runs on the seeded database before the app is built, as main.ts does with the first administrator. */
  beforeApp?: (db: Database) => Promise<void>;
  app?: Partial<Omit<AppOptions, 'db' | 'logStream'>>;
};

export async function seededApp(target: DbTarget, options: SeededAppOptions = {}): Promise<SeededApp> {
  const fresh = await freshDatabase(target);
  const { db } = fresh;
  const logLines: string[] = [];
  let seedReport: SeedReport | undefined;
  let app: FastifyInstance;
  try {
    if (options.seed !== false) seedReport = await seedCatalogue(db, options.region ?? '35.29');
    await options.beforeApp?.(db);
    app = await buildApp({
      db,
      staticDir: '/nonexistent',
      ...options.app,
      logStream: { write: (line) => void logLines.push(line) },
    });
  } catch (err) {
    // The suite's afterAll gets nothing to close, so the database goes here.
    await fresh.drop();
    throw err;
  }
  return {
    db,
    app,
    logLines,
    seedReport,
    url: fresh.url,
    async close() {
      await app.close();
      await fresh.drop();
    },
  };
}
