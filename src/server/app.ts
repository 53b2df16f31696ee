// Builds the HTTP server from its parts; main.ts owns the process (config, database, signals).
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { LoginLimits } from './auth/attempts.ts';
import { registerAuth } from './auth/guard.ts';
import type { Clock } from './clock.ts';
import type { TrustProxy } from './config.ts';
import { registerErrorHandler } from './http/errors.ts';
import { registerOpenApi, registerOpenApiRoute } from './http/openapi.ts';
import { registerSecurityHeaders } from './http/security.ts';
import { registerStatic } from './http/static.ts';
import { RateLimits } from './limits/rate-limits.ts';
import { DEFAULT_STREAM_CAPS, type StreamCaps, StreamRegistry } from './limits/streams.ts';
import { type LogStream, loggerOptions } from './log.ts';
import { adminRoutes } from './routes/admin.ts';
import { adminHolidayRoutes } from './routes/admin-holidays.ts';
import { adminServiceRoutes } from './routes/admin-services.ts';
import { applicationSyncRoutes } from './routes/application-sync.ts';
import { authRoutes } from './routes/auth.ts';
import { catalogueSyncRoutes } from './routes/catalogue-sync.ts';
import { documentRoutes } from './routes/documents.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { fieldRoutes } from './routes/field.ts';
import { healthRoutes } from './routes/health.ts';
import { notificationRoutes, type PushRouteOptions } from './routes/notifications.ts';
import { officeRoutes } from './routes/office.ts';
import { officeFeedbackRoutes } from './routes/office-feedback.ts';
import { sealedRoutes } from './routes/sealed.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { uploadRoutes } from './routes/uploads.ts';
import type { Database } from './storage/db.ts';
import { APP_VERSION } from './version.ts';

export type AppOptions = {
  db: Database;
  staticDir: string;
  logLevel?: string;
  logStream?: LogStream;
  /** What time it is for overdue and deadline rules (default: the system clock). */
  clock?: Clock;
  /** TRUST_PROXY: who may tell the client's address and protocol (default: nobody). */
  trustProxy?: TrustProxy;
  /** Sign-in limits (default DEFAULT_LOGIN_LIMITS); tests make them small to stay fast. */
  loginLimits?: LoginLimits;
  /** RATE_LIMIT_SCALE: multiplies every rate limit (default 1; 0 turns them off, for benchmarks). */
  rateLimitScale?: number;
  /** Caps on open event streams (default DEFAULT_STREAM_CAPS, total from STREAMS_MAX). */
  streamCaps?: Partial<StreamCaps>;
  /** Web Push: the VAPID public key devices subscribe with (absent: push is off). */
  push?: PushRouteOptions;
};

/**
 * A connection busy when the close began is not idle then, and by default would stay open after its
 * answer for the whole keep-alive timeout (72 s), holding the process and the data folder: while
 * closing, every answer says `Connection: close`, and idle connections are closed as they appear.
 */
function closeConnectionsWhenClosing(app: FastifyInstance): void {
  let closing = false;
  let sweep: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    closing = true;
    sweep = setInterval(() => app.server.closeIdleConnections(), 100).unref();
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => clearInterval(sweep));
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(opts.logLevel ?? 'info', opts.logStream),
    bodyLimit: 1024 * 1024,
    // Ask clients to retry elsewhere while shutting down, instead of dropping them.
    return503OnClosing: true,
    // At close, connections that wait idle between requests (keep-alive) are closed at once.
    forceCloseConnections: 'idle',
    // The client's address (sign-in limits, rate limits, the audit log) and whether it came over
    // HTTPS (HSTS, the __Host- cookie) are taken from X-Forwarded-* only from these proxies.
    trustProxy: opts.trustProxy ?? false,
  });
  closeConnectionsWhenClosing(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerSecurityHeaders(app);
  registerAuth(app, opts.db);
  await app.register(compress, { threshold: 1024 });
  await registerOpenApi(app, APP_VERSION);

  registerOpenApiRoute(app);
  healthRoutes(app, opts.db, APP_VERSION);
  catalogueSyncRoutes(app, opts.db);
  const limits = RateLimits.for(opts.db, opts.rateLimitScale ?? 1);
  applicationSyncRoutes(app, opts.db, limits, new StreamRegistry({ ...DEFAULT_STREAM_CAPS, ...opts.streamCaps }));
  uploadRoutes(app, opts.db, limits);
  submissionRoutes(app, opts.db, limits);
  sealedRoutes(app, opts.db, limits);
  authRoutes(app, opts.db, limits, opts.loginLimits);
  adminRoutes(app, opts.db);
  adminHolidayRoutes(app, opts.db);
  adminServiceRoutes(app, opts.db);
  officeRoutes(app, opts.db, opts.clock);
  documentRoutes(app, opts.db, limits, opts.clock);
  feedbackRoutes(app, opts.db, limits);
  officeFeedbackRoutes(app, opts.db, opts.clock);
  fieldRoutes(app, opts.db);
  notificationRoutes(app, opts.db, limits, opts.push ?? { vapidPublicKey: null });

  await registerStatic(app, opts.staticDir);
  await app.ready();
  return app;
}
