// The real server, in this process: same app, database and static build as `npm start`, but the test
// can also reach its database directly — to publish a catalogue change, as an office would.
import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { seedCatalogue } from '../../src/server/catalogue/seed.ts';
import { openDatabase, type Database } from '../../src/server/storage/db.ts';
import { migrate } from '../../src/server/storage/migrate.ts';
import { DIST, tempDir } from './server.ts';

export type InProcessServer = { url: string; db: Database; app: FastifyInstance; close(): Promise<void> };

export async function startInProcessServer(opts: { seed?: boolean; staticDir?: string } = {}): Promise<InProcessServer> {
  const dataDir = await tempDir();
  const db = await openDatabase({ dataDir });
  await migrate(db);
  if (opts.seed ?? true) await seedCatalogue(db, '35.29');
  const app = await buildApp({ db, staticDir: opts.staticDir ?? DIST, logLevel: 'silent' });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    db,
    app,
    async close() {
      await app.close();
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
