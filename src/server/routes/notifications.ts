// Notifications with the app closed: the server's VAPID public key, a device following (or no longer
// following) one of its records by Web Push, proved by the record's secret, and for administrators
// the messages that could not be delivered, and sending one of them again.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError, SlowDownError } from '../../domain/api.ts';
import { TroubledNotice } from '../../domain/notifications/notice.ts';
import {
  PUSH_DEVICES_PER_RECORD,
  PushFollowRequest,
  PushKeyResponse,
  PushUnfollowRequest,
} from '../../domain/notifications/push.ts';
import { audit } from '../audit/log.ts';
import { requireRole } from '../auth/guard.ts';
import { apiError } from '../http/errors.ts';
import type { RateLimits } from '../limits/rate-limits.ts';
import { wakeNotifier } from '../notify/notices.ts';
import { endpointHostRefusal } from '../notify/public-address.ts';
import { followRecord, unfollowRecord } from '../notify/subscriptions.ts';
import { retryNotice, troubledNotices } from '../notify/troubled.ts';
import type { Database } from '../storage/db.ts';

export type PushRouteOptions = {
  /** VAPID public key (base64url); null when Web Push is not configured. */
  vapidPublicKey: string | null;
  /**
   * Accept http:// endpoints and endpoints on private addresses (tests with a local push service);
   * production push services are public https hosts.
   */
  allowHttpEndpoints?: boolean | undefined;
};

/** A subscription is a few hundred bytes: nothing bigger is read. */
const FOLLOW_BODY_LIMIT = 4096;

export function notificationRoutes(
  app: FastifyInstance,
  db: Database,
  limits: RateLimits,
  opts: PushRouteOptions,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const notFound = () => apiError('not_found', 'No record with this id and secret.');
  const plainHttp = (endpoint: string) => !opts.allowHttpEndpoints && !endpoint.startsWith('https://');

  api.get(
    '/api/push/key',
    {
      schema: {
        summary: "The server's VAPID public key (applicationServerKey), null when Web Push is off",
        tags: ['notifications'],
        response: { 200: PushKeyResponse },
      },
    },
    async () => ({ publicKey: opts.vapidPublicKey }),
  );

  api.post(
    '/api/push/subscriptions',
    {
      bodyLimit: FOLLOW_BODY_LIMIT,
      schema: {
        summary: 'Follow an application or complaint on this device by Web Push',
        description: `Proved by the record's secret. At most ${PUSH_DEVICES_PER_RECORD} devices per record; the same endpoint again updates its keys.`,
        tags: ['notifications'],
        body: PushFollowRequest,
        response: { 204: z.null(), 400: ApiError, 404: ApiError, 409: ApiError, 429: SlowDownError, 503: ApiError },
      },
      onRequest: limits.perRequest('pushSubscriptions'),
    },
    async (req, reply) => {
      if (!opts.vapidPublicKey)
        return reply.code(503).send(apiError('push_disabled', 'Web Push is not configured on this server.'));
      const { target, secret, subscription } = req.body;
      if (plainHttp(subscription.endpoint))
        return reply
          .code(400)
          .send(
            apiError('invalid_request', 'A push endpoint must be https.', { 'body.subscription.endpoint': ['https'] }),
          );
      if (!opts.allowHttpEndpoints && endpointHostRefusal(subscription.endpoint))
        return reply.code(400).send(
          apiError('invalid_request', 'A push endpoint must be on a public host.', {
            'body.subscription.endpoint': ['not_public'],
          }),
        );
      const outcome = await followRecord(db, target, secret, subscription);
      if (outcome === 'unknown') return reply.code(404).send(notFound());
      if (outcome === 'full')
        return reply
          .code(409)
          .send(apiError('too_many_devices', `At most ${PUSH_DEVICES_PER_RECORD} devices may follow one record.`));
      return reply.code(204).send(null);
    },
  );

  api.delete(
    '/api/push/subscriptions',
    {
      bodyLimit: FOLLOW_BODY_LIMIT,
      schema: {
        summary: 'Stop following a record on this device',
        tags: ['notifications'],
        body: PushUnfollowRequest,
        response: { 204: z.null(), 400: ApiError, 404: ApiError, 429: SlowDownError },
      },
      onRequest: limits.perRequest('pushSubscriptions'),
    },
    async (req, reply) => {
      const { target, secret, endpoint } = req.body;
      if (!(await unfollowRecord(db, target, secret, endpoint))) return reply.code(404).send(notFound());
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/admin/notifications/troubled',
    {
      schema: {
        summary: 'Messages to residents that failed (given up, or being retried after an error)',
        description: 'Tracking number, channel, attempts and an error code; never a phone number or a text.',
        tags: ['admin'],
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ notices: z.array(TroubledNotice) }), 401: ApiError, 403: ApiError },
      },
      onRequest: requireRole('administrator'),
    },
    async (req) => ({ notices: await troubledNotices(db, req.query.limit) }),
  );

  api.post(
    '/api/admin/notifications/:id/retry',
    {
      schema: {
        summary: 'Send a failed message to a resident again',
        description:
          'A message given up (failed) or waiting out a backoff is due at once with a fresh count of tries. One sent, skipped or whose device is gone: 409.',
        tags: ['admin'],
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError },
      },
      onRequest: requireRole('administrator'),
    },
    async (req, reply) => {
      const outcome = await db.transaction(async (tx) => {
        const result = await retryNotice(tx, req.params.id);
        if (result === 'queued')
          await audit(tx, req.principal, 'notification.retry', { kind: 'notification', id: req.params.id });
        return result;
      });
      if (outcome === 'unknown') return reply.code(404).send(apiError('not_found', 'No such message.'));
      if (outcome === 'not_troubled')
        return reply.code(409).send(apiError('not_troubled', 'This message did not fail: there is nothing to retry.'));
      wakeNotifier(db);
      return reply.code(204).send(null);
    },
  );
}
