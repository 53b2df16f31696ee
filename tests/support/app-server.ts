// The real server, in this process: same app, database and static build as `npm start`, but the test
// can also reach its database directly — to publish a catalogue change, as an office would. On the
// embedded PGlite by default, or on any target of databaseTargets() (PostgreSQL in CI).
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { seedCatalogue } from '../../src/server/catalogue/seed.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { freshDatabase, type DbTarget } from './databases.ts';
import { DIST } from './server.ts';

export type InProcessServer = { url: string; db: Database; app: FastifyInstance; close(): Promise<void> };

export async function startInProcessServer(opts: { seed?: boolean; staticDir?: string; database?: DbTarget } = {}): Promise<InProcessServer> {
  const { db, drop } = await freshDatabase(opts.database ?? { kind: 'pglite' });
  if (opts.seed ?? true) await seedCatalogue(db, '35.29');
  const app = await buildApp({ db, staticDir: opts.staticDir ?? DIST, logLevel: 'silent' });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    db,
    app,
    async close() {
      await app.close();
      await drop();
    },
  };
}
