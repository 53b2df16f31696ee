// Submitting applications (a device's outbox sends batches; resending is safe) and the public
// status lookup by tracking number that a resident can do from any phone, or read out on a call.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError, SlowDownError } from '../../domain/api.ts';
import { SubmissionBatch, SubmissionBatchResult, TrackingStatus } from '../../domain/submissions/submission.ts';
import { normalizeTrackingNumber } from '../../domain/submissions/tracking-number.ts';
import {
  WithdrawalBody,
  WithdrawalConflict,
  WithdrawalParams,
  WithdrawalResponse,
} from '../../domain/submissions/withdrawal.ts';
import { submitterOf } from '../applications/channels.ts';
import { submitBatch, trackApplication } from '../applications/store.ts';
import { withdrawByResident } from '../applications/withdraw.ts';
import { audit } from '../audit/log.ts';
import { apiError } from '../http/errors.ts';
import { deviceCharges, type RateLimits, sendSlowDown } from '../limits/rate-limits.ts';
import type { Database } from '../storage/db.ts';

/** 100 text-only records of ~10 KB each fit; photos never travel in a record. */
export const BATCH_BODY_LIMIT = 2 * 1024 * 1024;

export function submissionRoutes(app: FastifyInstance, db: Database, limits: RateLimits): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/submissions',
    {
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        summary: 'Submit applications (idempotent by record id)',
        description:
          'One result per record, in order: accepted with a tracking number, missing-attachments (upload them, then resend), or rejected with field errors. Resending a record returns the same result.',
        tags: ['submissions'],
        body: SubmissionBatch,
        response: { 200: SubmissionBatchResult, 400: ApiError, 429: SlowDownError },
      },
    },
    async (req, reply) => {
      const { records } = req.body;
      const slow = await limits.check(req, [
        { rule: 'records', cost: records.length },
        ...deviceCharges(req, 'recordsPerDevice', records),
      ]);
      if (slow) return sendSlowDown(reply, slow);
      const results = await submitBatch(db, req.body.records, submitterOf(req.principal));
      // Counts only: ids, tracking numbers and answers stay out of the log.
      const count = (status: string) => results.filter((r) => r.status === status).length;
      req.log.info(
        { accepted: count('accepted'), rejected: count('rejected'), missingAttachments: count('missing-attachments') },
        'submissions',
      );
      return { results };
    },
  );

  api.get(
    '/api/track/:trackingNumber',
    {
      schema: {
        summary: 'Status of an application by its tracking number, or a kiosk receipt’s provisional code',
        description:
          'Public and minimal: no personal data. Case-insensitive; O reads as 0, I and L as 1. A kiosk receipt’s provisional code (8 hex digits) answers once its sealed application is delivered, with `provisionalCode` and the permanent `trackingNumber`.',
        tags: ['submissions'],
        params: z.object({ trackingNumber: z.string().max(32) }),
        response: { 200: TrackingStatus, 400: ApiError, 404: ApiError, 429: SlowDownError },
      },
      onRequest: limits.perRequest('track'),
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-cache');
      const trackingNumber = normalizeTrackingNumber(req.params.trackingNumber);
      if (!trackingNumber)
        return reply.code(400).send(apiError('invalid_tracking_number', 'A tracking number looks like 7K3Q-9XW2.'));
      const status = await trackApplication(db, trackingNumber);
      if (!status) return reply.code(404).send(apiError('not_found', 'No application has this tracking number.'));
      return status;
    },
  );

  api.post(
    '/api/applications/:id/withdrawal',
    {
      schema: {
        summary: 'The resident withdraws their application (final state "withdrawn")',
        description:
          'Proven with the application’s secret (the one whose SHA-256 the submission carried). An unknown application and a wrong secret get the same 404. Already final: 409 with `current`.',
        tags: ['submissions'],
        params: WithdrawalParams,
        body: WithdrawalBody,
        response: {
          200: WithdrawalResponse,
          400: ApiError,
          404: ApiError,
          409: WithdrawalConflict,
          429: SlowDownError,
        },
      },
      onRequest: limits.perRequest('track'),
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-store');
      const result = await withdrawByResident(db, req.params.id, req.body.secret);
      if (!result.ok) {
        if (result.error === 'not_found') return reply.code(404).send(apiError('not_found', 'No such application.'));
        return reply.code(409).send({
          error: { code: 'move.final', message: 'The application has already ended.' },
          current: result.status,
        });
      }
      await audit(db, null, 'application.withdrawn-by-resident', {
        kind: 'application',
        id: result.id,
        officeId: result.officeId,
        detail: { eventId: result.eventId },
      });
      return { id: result.id, trackingNumber: result.trackingNumber, status: 'withdrawn' as const };
    },
  );
}
