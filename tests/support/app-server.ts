// The real server, in this process: same app, database and static build as `npm start`, but the test
// can also reach its database directly — to publish a catalogue change, as an office would. On the
// embedded PGlite by default, or on any target of databaseTargets() (PostgreSQL in CI).
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/server/storage/db.ts';
import type { DbTarget } from './databases.ts';
import { seededApp } from './seeded-app.ts';
import { DIST } from './server.ts';

export type InProcessServer = { url: string; db: Database; app: FastifyInstance; close(): Promise<void> };

export async function startInProcessServer(
  opts: { seed?: boolean; staticDir?: string; database?: DbTarget } = {},
): Promise<InProcessServer> {
  const { db, app, close } = await seededApp(opts.database ?? { kind: 'pglite' }, {
    seed: opts.seed ?? true,
    app: { staticDir: opts.staticDir ?? DIST, logLevel: 'silent' },
  });
  try {
    return { url: await app.listen({ host: '127.0.0.1', port: 0 }), db, app, close };
  } catch (err) {
    await close();
    throw err;
  }
}
