// The server process: read the configuration, open and migrate the database, listen, and shut down
// cleanly on SIGTERM/SIGINT (in-flight requests finish, then the database is closed).
import { buildApp } from './app.ts';
import { createAdministrator } from './auth/accounts.ts';
import { seedCatalogue } from './catalogue/seed.ts';
import { ConfigError, readConfig } from './config.ts';
import { migrate } from './storage/migrate.ts';
import { openDatabase } from './storage/open.ts';

async function main(): Promise<void> {
  const config = readConfig();
  const db = await openDatabase(config);
  const applied = await migrate(db);
  const seed = await seedCatalogue(db, config.regionCode);
  const firstAdmin = config.firstAdmin
    ? await createAdministrator(db, config.firstAdmin.username, config.firstAdmin.password, {
        onlyIfNone: true,
        via: 'environment',
      })
    : null;
  const app = await buildApp({ db, staticDir: config.staticDir, logLevel: config.logLevel });
  app.log.info(
    { database: db.kind, migrationsApplied: applied.length, ...seed, region: config.regionCode },
    'database ready',
  );
  if (firstAdmin === 'created') app.log.info('first administrator created from ADMIN_USERNAME');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
      await db.close();
      app.log.info('stopped cleanly');
      process.exit(0);
    } catch (err) {
      app.log.error({ err: { message: (err as Error).message } }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('Nusa Layan could not start:', err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
