// The server process: read the configuration, open and migrate the database, listen, keep the
// database tidy (maintenance.ts), and stop within 10 s of SIGTERM/SIGINT: requests in flight are
// answered, idle connections closed at once, then the database closes and releases its folder.
// `npm run build` compiles this file to dist-server/main.js, which a supervisor runs with plain node.
import { buildApp } from './app.ts';
import { refreshStaleClocks } from './applications/service-clock.ts';
import { createAdministrator } from './auth/accounts.ts';
import { seedCatalogue } from './catalogue/seed.ts';
import { ConfigError, readConfig } from './config.ts';
import { startMaintenance } from './maintenance.ts';
import { pushSender, textSender } from './notify/senders.ts';
import { startNotifier } from './notify/worker.ts';
import { serveBackups } from './storage/backup-socket.ts';
import { migrate } from './storage/migrate.ts';
import { openDatabase } from './storage/open.ts';
import { nonDurableSettings } from './storage/postgres-durability.ts';

/** A supervisor waits about this long before it kills (systemd's default is 90 s; ours is stricter). */
const STOP_DEADLINE_MS = 10_000;
/** Connections still open this long after SIGTERM (a request that will not finish) are cut. */
const FORCE_CLOSE_AFTER_MS = 8_000;

async function main(): Promise<void> {
  const config = readConfig();
  const db = await openDatabase(config);
  if (db.kind === 'postgres') {
    const unsafe = await nonDurableSettings(db);
    if (unsafe.length > 0 && !config.allowNonDurableCommits) {
      await db.close();
      throw new ConfigError(
        `PostgreSQL runs with ${unsafe.join(' and ')}: a power cut could lose applications the server has already acknowledged. ` +
          'Turn it on in postgresql.conf (or for the role/database), or set ALLOW_NON_DURABLE_COMMITS=true for a throwaway database.',
      );
    }
  }
  const applied = await migrate(db);
  const seed = await seedCatalogue(db, config.regionCode);
  // Applications stored before the service clock (0020): their due times by the holiday calendar.
  const clocksRecomputed = await refreshStaleClocks(db);
  const firstAdmin = config.firstAdmin
    ? await createAdministrator(db, config.firstAdmin.username, config.firstAdmin.password, {
        onlyIfNone: true,
        via: 'environment',
      })
    : null;
  const app = await buildApp({
    db,
    staticDir: config.staticDir,
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    rateLimitScale: config.rateLimitScale,
    streamCaps: { total: config.streamsMax },
    push: { vapidPublicKey: config.vapid?.publicKey ?? null },
  });
  app.log.info(
    { database: db.kind, migrationsApplied: applied.length, ...seed, clocksRecomputed, region: config.regionCode },
    'database ready',
  );
  if (firstAdmin === 'created') app.log.info('first administrator created from ADMIN_USERNAME');
  const maintenance = startMaintenance(db, app.log);
  const notifier = startNotifier(
    db,
    {
      push: config.vapid ? pushSender(config.vapid) : null,
      text: config.textGateway ? textSender(config.textGateway) : null,
    },
    (err) => app.log.error({ err: { message: err.message } }, 'notification worker'),
  );
  // `npm run admin -- backup` asks this process, which owns the folder (PostgreSQL: pg_dump).
  const stopBackups = db.kind === 'pglite' ? await serveBackups(config.dataDir, db, app.log) : async () => undefined;

  let closing = false;
  const shutdown = async (signal: string) => {
    // A supervisor signalling the whole process group (npm, a shell, this process) delivers the
    // signal more than once: the first one starts the shutdown, the others change nothing.
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.warn('closing connections still open');
      app.server.closeAllConnections();
    }, FORCE_CLOSE_AFTER_MS).unref();
    const deadline = setTimeout(() => {
      app.log.error('could not stop in time');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    try {
      await maintenance.stop();
      await notifier.stop();
      await stopBackups();
      await app.close();
      await db.close();
      clearTimeout(force);
      clearTimeout(deadline);
      app.log.info('stopped cleanly');
      process.exit(0);
    } catch (err) {
      app.log.error({ err: { message: (err as Error).message } }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

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
