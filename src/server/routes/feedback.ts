// Complaints and SKM responses from devices (issue #8), sent by an outbox exactly like applications:
// batches of records keyed by device-made UUIDv7s, safe to resend; and the filing device's pull of
// its complaints' answers by device key (the same bearer scheme as /api/sync/applications/pull).
//
//   POST /api/complaints                {records: Complaint[1..100]}      → {results: ComplaintResult[]}
//   POST /api/surveys                   {records: SurveyResponse[1..100]} → {results: SurveyResult[]}
//   POST /api/complaints/:id/replies    {secret, text}  → {id, status, dueAt}  (the resident answers back)
//   POST /api/complaints/:id/reopening  {secret, text}  → {id, status, dueAt}  (within 14 days of the answer)
//   GET  /api/sync/complaints/pull?seq&limit   Authorization: Bearer <device key>
//                                       → {documents: ComplaintUpdate+_deleted[], checkpoint: {seq}}
//
// A new complaint or an office answer also says "changed" on the device's application stream
// (/api/sync/applications/stream, via publishApplicationChange with the device-key hash): a device
// holding that stream open pulls both feeds.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError, SlowDownError } from '../../domain/api.ts';
import { PullQuery, SyncCheckpoint, withDeletedFlag } from '../../domain/catalogue/collections.ts';
import {
  COMPLAINT_REOPEN_DAYS,
  ComplaintBatch,
  ComplaintBatchResult,
  ComplaintResidentBody,
  ComplaintResidentResult,
  ComplaintUpdate,
} from '../../domain/feedback/complaint.ts';
import { SurveyBatch, SurveyBatchResult } from '../../domain/feedback/skm.ts';
import { submitterOf } from '../applications/channels.ts';
import { deviceKeyHash } from '../applications/updates.ts';
import { type ResidentMove, residentMove } from '../feedback/complaint-resident.ts';
import { fileComplaints, pullComplaintUpdates } from '../feedback/complaints.ts';
import { submitSurveys } from '../feedback/surveys.ts';
import { apiError } from '../http/errors.ts';
import { deviceCharges, type RateLimits, sendSlowDown } from '../limits/rate-limits.ts';
import type { Database } from '../storage/db.ts';

/** A reply of 2,000 characters (up to 4 bytes each in UTF-8, escaped) and the secret. */
const REPLY_BODY_LIMIT = 16 * 1024;

const RESIDENT_REFUSALS = {
  not_answered: 'The office has not answered this complaint (since it was reopened).',
  closed: 'This complaint is closed: reopen it instead.',
  period_over: `A complaint can be reopened within ${COMPLAINT_REOPEN_DAYS} days of the office's last answer.`,
  too_many: 'This complaint takes no more replies.',
} as const;

/** 100 complaints of up to 4,000 characters fit; photos never travel in a record. */
const BATCH_BODY_LIMIT = 2 * 1024 * 1024;
const TAGS = ['feedback'];

/** The device key from `Authorization: Bearer <64 hex>` (as application-sync.ts reads it). */
function deviceKeyOf(req: FastifyRequest): string | null {
  return /^Bearer ([0-9a-f]{64})$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

export function feedbackRoutes(app: FastifyInstance, db: Database, limits: RateLimits): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/complaints',
    {
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        summary: 'File complaints (idempotent by record id)',
        description:
          'One result per record, in order: accepted with a tracking number, missing-attachments (upload the photo, then resend), or rejected with field errors. Resending a record returns the same tracking number. Anonymous complaints store no complainant.',
        tags: TAGS,
        body: ComplaintBatch,
        response: { 200: ComplaintBatchResult, 400: ApiError, 429: SlowDownError },
      },
    },
    async (req, reply) => {
      const { records } = req.body;
      const slow = await limits.check(req, [
        { rule: 'complaints', cost: records.length },
        ...deviceCharges(req, 'complaintsPerDevice', records),
      ]);
      if (slow) return sendSlowDown(reply, slow);
      const results = await fileComplaints(db, records, submitterOf(req.principal));
      const count = (s: string) => results.filter((r) => r.status === s).length;
      req.log.info(
        { accepted: count('accepted'), rejected: count('rejected'), missingAttachments: count('missing-attachments') },
        'complaints',
      );
      return { results };
    },
  );

  api.post(
    '/api/surveys',
    {
      bodyLimit: BATCH_BODY_LIMIT,
      schema: {
        summary: 'Send satisfaction survey (SKM) responses (idempotent by record id, one per application)',
        description:
          'One result per record: accepted, duplicate-application (the application already has a response: the first one counts, this is not stored), duplicate-period (a response without an application from a device that already answered for this office this month, WIB: not stored either) or rejected (the application is unknown, not completed, or of another service/office; or the office does not serve the service; or no device key without an application). No personal data is stored.',
        tags: TAGS,
        body: SurveyBatch,
        response: { 200: SurveyBatchResult, 400: ApiError, 429: SlowDownError },
      },
    },
    async (req, reply) => {
      const { records } = req.body;
      const walkIns = records.filter((r) => r.applicationId === undefined).length;
      const slow = await limits.check(req, [
        { rule: 'surveys', cost: records.length },
        { rule: 'walkInSurveys', cost: walkIns },
      ]);
      if (slow) return sendSlowDown(reply, slow);
      const results = await submitSurveys(db, records, submitterOf(req.principal));
      const count = (s: string) => results.filter((r) => r.status === s).length;
      req.log.info(
        {
          accepted: count('accepted'),
          duplicate: count('duplicate-application') + count('duplicate-period'),
          rejected: count('rejected'),
        },
        'surveys',
      );
      return { results };
    },
  );

  const residentRoute = (path: string, kind: ResidentMove, summary: string, description: string) =>
    api.post(
      `/api/complaints/:id/${path}`,
      {
        bodyLimit: REPLY_BODY_LIMIT,
        onRequest: limits.perRequest('complaintReplies'),
        schema: {
          summary,
          description: `${description} Proven with the complaint's secret: an unknown complaint and a wrong secret get the same 404. 409 codes: not_answered, closed, period_over, too_many.`,
          tags: TAGS,
          params: z.object({ id: z.uuid() }),
          body: ComplaintResidentBody,
          response: {
            200: ComplaintResidentResult,
            400: ApiError,
            404: ApiError,
            409: ApiError,
            413: ApiError,
            429: SlowDownError,
          },
        },
      },
      async (req, reply) => {
        reply.header('Cache-Control', 'no-store');
        const outcome = await residentMove(db, req.params.id, kind, req.body);
        if (!outcome.ok) {
          if (outcome.error === 'not_found') return reply.code(404).send(apiError('not_found', 'No such complaint.'));
          return reply.code(409).send(apiError(outcome.error, RESIDENT_REFUSALS[outcome.error]));
        }
        const [row] = await db.query<{ status: 'open' | 'answered' | 'closed'; due_at: string }>(
          'select status, due_at from complaints where id = $1::uuid',
          [req.params.id],
        );
        return { id: req.params.id, status: row!.status, dueAt: row!.due_at };
      },
    );

  residentRoute(
    'replies',
    'replied',
    'The resident answers the office back (after its answer; not once closed)',
    'The reply joins the complaint’s history for the office; the status stays.',
  );
  residentRoute(
    'reopening',
    'reopened',
    `The resident reopens an answered or closed complaint within ${COMPLAINT_REOPEN_DAYS} days of the office's last answer`,
    'It returns to the office’s open list with a new due time: the category’s working days from now.',
  );

  api.get(
    '/api/sync/complaints/pull',
    {
      schema: {
        summary: "Pull the status and the office's answers of this device's complaints after a checkpoint",
        tags: ['sync'],
        querystring: PullQuery,
        response: {
          200: z.object({ documents: z.array(withDeletedFlag(ComplaintUpdate)), checkpoint: SyncCheckpoint }),
          401: ApiError,
        },
      },
    },
    async (req, reply) => {
      const key = deviceKeyOf(req);
      if (!key) return reply.code(401).send(apiError('unauthorized', 'A device key is required.'));
      reply.header('Cache-Control', 'no-store');
      return pullComplaintUpdates(db, deviceKeyHash(key), req.query.seq, req.query.limit);
    },
  );
}
