// A device follows its own applications: RxDB pull by checkpoint, and a Server-Sent Events stream
// that says "pull now" while a page is open. The device proves itself with its key (hashed on the
// server and compared with the hash its submissions carried); nothing of other devices is served.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError, SlowDownError } from '../../domain/api.ts';
import { PullQuery, SyncCheckpoint, withDeletedFlag } from '../../domain/catalogue/collections.ts';
import { ApplicationUpdate } from '../../domain/submissions/submission.ts';
import { applicationChanges, relayApplicationChanges } from '../applications/changes.ts';
import { deviceKeyHash, pullApplicationUpdates } from '../applications/updates.ts';
import { apiError } from '../http/errors.ts';
import { clientKey, type RateLimits, sendSlowDown } from '../limits/rate-limits.ts';
import type { StreamRegistry } from '../limits/streams.ts';
import type { Database } from '../storage/db.ts';

const DEVICE_KEY = /^[0-9a-f]{64}$/;
const HEARTBEAT_MS = 25_000;

/** The device key from `Authorization: Bearer …` (or `?key=` for EventSource, which cannot set headers). */
function deviceKeyOf(req: FastifyRequest): string | null {
  const header = /^Bearer ([0-9a-f]{64})$/.exec(req.headers.authorization ?? '')?.[1];
  const query = (req.query as { key?: unknown }).key;
  const key = header ?? (typeof query === 'string' ? query : null);
  return key && DEVICE_KEY.test(key) ? key : null;
}

function unauthorized(reply: FastifyReply) {
  return reply.code(401).send(apiError('unauthorized', 'A device key is required.'));
}

export function applicationSyncRoutes(
  app: FastifyInstance,
  db: Database,
  limits: RateLimits,
  streams: StreamRegistry,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/sync/applications/pull',
    {
      schema: {
        summary: "Pull the office's updates of this device's applications after a checkpoint",
        tags: ['sync'],
        querystring: PullQuery,
        response: {
          200: z.object({ documents: z.array(withDeletedFlag(ApplicationUpdate)), checkpoint: SyncCheckpoint }),
          401: ApiError,
        },
      },
    },
    async (req, reply) => {
      const key = deviceKeyOf(req);
      if (!key) return unauthorized(reply);
      reply.header('Cache-Control', 'no-store');
      return pullApplicationUpdates(db, deviceKeyHash(key), req.query.seq, req.query.limit);
    },
  );

  api.get(
    '/api/sync/applications/stream',
    {
      schema: {
        summary: 'Server-Sent Events: "changed" when an application of this device changes (then pull)',
        tags: ['sync'],
        querystring: z.object({ key: z.string().optional() }),
        response: { 401: ApiError, 429: SlowDownError, 503: SlowDownError },
      },
      onRequest: limits.perRequest('streams'),
    },
    async (req, reply) => {
      const key = deviceKeyOf(req);
      if (!key) return unauthorized(reply);
      const hash = deviceKeyHash(key);
      const res = reply.raw;
      const opened = streams.open(clientKey(req), hash, () => res.end());
      if (!opened.ok) {
        // The client's own cap: slow down. The server's: come back later, maybe to another server.
        return sendSlowDown(reply, opened, opened.reason === 'client' ? 429 : 503);
      }
      reply.hijack();
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.write('retry: 10000\n\n');
      const onChange = (changed: string) => changed === hash && res.write('event: changed\ndata: {}\n\n');
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      applicationChanges(db).on('change', onChange);
      // Ends after its lifetime (±10%, so reconnections spread out); the EventSource comes back and pulls.
      const timer = setTimeout(() => res.end(), streams.caps.maxSeconds * 1000 * (0.9 + Math.random() * 0.2));
      const stop = () => {
        clearInterval(heartbeat);
        clearTimeout(timer);
        applicationChanges(db).off('change', onChange);
        opened.release();
      };
      res.on('close', stop);
    },
  );

  // Changes committed through other servers sharing the database reach this server's streams too.
  let stopRelay: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    stopRelay = await relayApplicationChanges(db);
  });
  app.addHook('onClose', async () => {
    await stopRelay?.();
  });

  // Open streams never finish on their own: end them so a SIGTERM shutdown is not held up.
  app.addHook('preClose', async () => {
    streams.endAll();
  });
}
