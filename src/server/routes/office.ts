// The office API (issue #6) for officers and administrators: offices in scope, the queue, NIK search,
// one application with its files, moves through the state machine, walk-ins at the counter and the
// dashboard. Every route is scoped by the principal's offices: an application outside them is
// answered as if it did not exist (404). Reads of personal data and every change are audited, with
// ids only — never a NIK or a name. Catalogue editing lives in office-catalogue.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../domain/accounts/account.ts';
import { ApiError } from '../../domain/api.ts';
import {
  ApplicationDetailSchema,
  ApplicationParams,
  CounterCorrectionBody,
  DashboardQuery,
  DashboardResponse,
  FileParams,
  MoveBody,
  MoveConflict,
  MoveResponse,
  NikSearch,
  OfficeList,
  QueuePageSchema,
  QueueQuery,
  WalkInBody,
  WalkInReceipt,
  WalkInRejection,
} from '../../domain/backoffice/api.ts';
import { allowedMoves } from '../../domain/backoffice/application-status.ts';
import { ForwardBody, ForwardResponse } from '../../domain/backoffice/forwarding.ts';
import type { QueueFilters } from '../../domain/backoffice/queue.ts';
import type { ApplicationStatus, SubmissionResult } from '../../domain/submissions/submission.ts';
import { checkMoveDocument, DOCUMENT_PROBLEMS, issuedDocuments } from '../applications/documents.ts';
import { audit } from '../audit/log.ts';
import { inOfficeScope, officeScope, principalOf, requireRole } from '../auth/guard.ts';
import { listOffices } from '../catalogue/store.ts';
import { type Clock, systemClock } from '../clock.ts';
import { apiError } from '../http/errors.ts';
import { sendPrivateFile } from '../http/private-file.ts';
import { createWalkIn } from '../office/counter.ts';
import { recordCounterCorrection } from '../office/counter-correction.ts';
import { dashboard, dashboardCsv } from '../office/dashboard.ts';
import { forwardApplication } from '../office/forwarding.ts';
import { getApplication, InvalidCursorError, listQueue, moveApplication, searchByNik } from '../office/queue.ts';
import type { Database } from '../storage/db.ts';
import { readUpload } from '../uploads/store.ts';
import { officeCatalogueRoutes } from './office-catalogue.ts';
import { correctionPeriodRoutes } from './office-correction-period.ts';

const Denied = { 401: ApiError, 403: ApiError };
const TAGS = ['office'];

const actorOf = (p: Principal) => ({ accountId: p.accountId, role: p.role });
const badCursor = () =>
  apiError('invalid_request', 'Unknown cursor: start again from the first page.', {
    'querystring.cursor': ['invalid cursor'],
  });

function filtersOf(q: z.infer<typeof QueueQuery>): QueueFilters {
  const { overdue, limit, ...rest } = q;
  const filters: QueueFilters = { ...rest };
  if (overdue !== undefined) filters.overdue = overdue === 'true';
  if (limit !== undefined) filters.limit = limit;
  return filters;
}

const MOVE_MESSAGES: Record<string, string> = {
  'move.invalid': 'That is not a move.',
  'move.final': 'The application has ended (completed, rejected, withdrawn or abandoned); it cannot move any more.',
  'move.resident-only': 'Only the resident’s correction makes this move: record it with the corrected content.',
  'move.not-allowed': 'That move is not possible from the current status.',
};

/** 422 body of content the form's rules refuse, or whose photos are not uploaded yet (WalkInRejection). */
function formRejection(r: Exclude<SubmissionResult, { status: 'accepted' }>) {
  return r.status === 'missing-attachments'
    ? { error: { code: 'missing-attachments', message: 'Upload these files first.' }, sha256: r.sha256 }
    : { error: { code: 'rejected', message: 'The form’s rules refuse some answers.' }, errors: r.errors };
}

export function officeRoutes(app: FastifyInstance, db: Database, clock: Clock = systemClock): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const staff = requireRole('officer', 'administrator');

  api.get(
    '/api/office/offices',
    {
      onRequest: staff,
      schema: {
        summary: 'The offices in the signed-in account’s scope',
        tags: TAGS,
        response: { 200: OfficeList, ...Denied },
      },
    },
    async (req) => {
      const offices = await listOffices(db, officeScope(principalOf(req)));
      return {
        offices: offices.map((doc) => ({
          id: doc.id,
          name: doc.name,
          type: doc.type,
          island: doc.island ?? null,
          hours: doc.hours ?? [],
          contacts: doc.contacts ?? {},
        })),
      };
    },
  );

  api.get(
    '/api/office/applications',
    {
      onRequest: staff,
      schema: {
        summary: 'The queue: applications of the account’s offices, oldest first, personal data masked',
        description: 'Repeat a filter key for several values. Pass `nextCursor` as `cursor` for the next page.',
        tags: TAGS,
        querystring: QueueQuery,
        response: { 200: QueuePageSchema, 400: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      try {
        return await listQueue(db.slowLane, officeScope(principalOf(req)), filtersOf(req.query), clock());
      } catch (err) {
        if (err instanceof InvalidCursorError) return reply.code(400).send(badCursor());
        throw err;
      }
    },
  );

  api.post(
    '/api/office/applications/search-nik',
    {
      onRequest: staff,
      schema: {
        summary: 'Applications naming a NIK in any NIK field of their form (audited)',
        description:
          'In the body, not the URL, so the NIK stays out of logs. The audit entry keeps its last four digits only.',
        tags: TAGS,
        body: NikSearch,
        response: { 200: QueuePageSchema, 400: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      try {
        const page = await searchByNik(
          db.slowLane,
          officeScope(principal),
          req.body.nik,
          { cursor: req.body.cursor, limit: req.body.limit },
          clock(),
        );
        const digits = req.body.nik.replace(/\D/g, '');
        await audit(db, principal, 'application.search-nik', {
          kind: 'search',
          detail: {
            nikLast4: digits.length >= 4 ? digits.slice(-4) : null,
            results: page.rows.length,
            page: req.body.cursor ? 'next' : 'first',
          },
        });
        return page;
      } catch (err) {
        if (err instanceof InvalidCursorError) return reply.code(400).send(badCursor());
        throw err;
      }
    },
  );

  api.get(
    '/api/office/applications/:id',
    {
      onRequest: staff,
      schema: {
        summary: 'One application in full: answers, attachments, history (audited)',
        description: 'An application outside the account’s offices is answered 404, as an unknown one.',
        tags: TAGS,
        params: ApplicationParams,
        response: { 200: ApplicationDetailSchema, 404: ApiError, 400: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const detail = await getApplication(db, officeScope(principal), req.params.id, clock());
      if (!detail) return reply.code(404).send(apiError('not_found', 'No such application.'));
      await audit(db, principal, 'application.read', { kind: 'application', id: detail.id, officeId: detail.officeId });
      reply.header('Cache-Control', 'private, no-store');
      return { ...detail, documents: await issuedDocuments(db, detail.id) };
    },
  );

  api.get(
    '/api/office/applications/:id/files/:sha256',
    {
      onRequest: staff,
      schema: {
        summary: 'A document photo or PDF of an application (audited)',
        description: 'The bytes with their stored content type; only files the application names. Never cached.',
        tags: TAGS,
        params: FileParams,
        response: {
          200: z.any().describe('The file (image/jpeg or application/pdf)'),
          404: ApiError,
          400: ApiError,
          ...Denied,
        },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const detail = await getApplication(db, officeScope(principal), req.params.id, clock());
      const named = detail?.attachments.find((a) => a.sha256 === req.params.sha256);
      const file = named ? await readUpload(db, req.params.sha256) : null;
      if (!detail || !file?.complete) return reply.code(404).send(apiError('not_found', 'No such file.'));
      await audit(db, principal, 'application.file-read', {
        kind: 'application',
        id: detail.id,
        officeId: detail.officeId,
        detail: { sha256: file.sha256 },
      });
      return sendPrivateFile(reply, file, named?.field);
    },
  );

  api.post(
    '/api/office/applications/:id/moves',
    {
      onRequest: staff,
      schema: {
        summary: 'Move an application through the state machine (audited; replicated to the resident’s device)',
        description:
          'Send `expected`, the status you were looking at: if it has changed, 409 code "stale" with `current`. A move the state machine refuses: 409 with `allowed`. ' +
          'A move to ready or completed may carry `document` (an uploaded PDF or JPEG: the issued product, with a note); a ready move needs a pickup or a document. A document that cannot be attached: 422 with a code document.*.',
        tags: TAGS,
        params: ApplicationParams,
        body: MoveBody,
        response: { 200: MoveResponse, 400: ApiError, 404: ApiError, 409: MoveConflict, 422: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const { expected, ...move } = req.body;
      const problem = await checkMoveDocument(db, req.params.id, move);
      if (problem) return reply.code(422).send(apiError(problem, DOCUMENT_PROBLEMS[problem]));
      const result = await moveApplication(
        db,
        officeScope(principal),
        req.params.id,
        move,
        actorOf(principal),
        expected,
      );
      if (!result.ok) {
        if (result.error === 'not_found') return reply.code(404).send(apiError('not_found', 'No such application.'));
        if (result.error === 'stale') {
          return reply.code(409).send({
            ...apiError('stale', 'Someone changed this application meanwhile: look at it again.'),
            current: result.current,
            allowed: allowedMoves(result.current),
          });
        }
        if (result.error === 'may_not_issue') {
          return reply
            .code(403)
            .send(
              apiError(
                'office.may-not-issue',
                `This office receives this service but may not issue it: forward it to an office of type ${result.issuedBy.join(' or ')}.`,
              ),
            );
        }
        // A body the schema takes but the service does not: "ready" without a pickup for a product collected in person.
        if (result.code === 'move.invalid')
          return reply.code(400).send(
            apiError(
              'invalid_request',
              'This service’s product is collected in person: give the pickup place and time, or attach the issued document.',
              {
                'body.pickup': ['a pickup place and time, or the issued document'],
              },
            ),
          );
        // Found in scope by moveApplication just now: its status as the check saw it (or newer).
        const [now] = await db.query<{ status: ApplicationStatus }>(
          'select status from applications where id = $1::uuid',
          [req.params.id],
        );
        return reply.code(409).send({
          ...apiError(result.code, MOVE_MESSAGES[result.code] ?? 'Not possible.'),
          current: now!.status,
          allowed: allowedMoves(now!.status),
        });
      }
      await audit(db, principal, 'application.move', {
        kind: 'application',
        id: result.id,
        officeId: result.officeId,
        detail: { from: result.from, to: result.to, eventId: result.eventId },
      });
      return {
        id: result.id,
        trackingNumber: result.trackingNumber,
        officeId: result.officeId,
        from: result.from,
        status: result.to,
        eventId: result.eventId,
      };
    },
  );

  api.post(
    '/api/office/applications/:id/correction',
    {
      onRequest: staff,
      schema: {
        summary: 'Record a correction the resident brought to the counter (audited; back to verifying)',
        description:
          'The whole corrected content, checked as a device’s record is (upload new photos first). Not awaiting a correction: 409 with `current` and `allowed`. Refused by the form’s rules, photos missing, or nothing changed: 422.',
        tags: TAGS,
        params: ApplicationParams,
        body: CounterCorrectionBody,
        response: {
          200: MoveResponse,
          400: ApiError,
          404: ApiError,
          409: MoveConflict,
          422: WalkInRejection,
          ...Denied,
        },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const { expected: _expected, note, ...content } = req.body;
      const result = await recordCounterCorrection(
        db,
        officeScope(principal),
        req.params.id,
        { ...content, note },
        actorOf(principal),
      );
      if (!result.ok) {
        if (result.error === 'not_found') return reply.code(404).send(apiError('not_found', 'No such application.'));
        if (result.error === 'not_awaiting_correction') {
          return reply.code(409).send({
            ...apiError('stale', 'This application is not awaiting a correction (any more): look at it again.'),
            current: result.status,
            allowed: allowedMoves(result.status),
          });
        }
        if (result.error === 'unchanged') {
          return reply
            .code(422)
            .send({ error: { code: 'correction.unchanged', message: 'Nothing was changed: enter the correction.' } });
        }
        return reply.code(422).send(formRejection(result.result));
      }
      await audit(db, principal, 'application.counter-correction', {
        kind: 'application',
        id: result.id,
        officeId: result.officeId,
        detail: { eventId: result.eventId, changedFields: result.changedFields, newPhotos: result.newPhotos },
      });
      return {
        id: result.id,
        trackingNumber: result.trackingNumber,
        officeId: result.officeId,
        from: 'needs-correction' as const,
        status: 'verifying' as const,
        eventId: result.eventId,
      };
    },
  );

  api.post(
    '/api/office/applications/:id/forward',
    {
      onRequest: staff,
      schema: {
        summary: 'Forward an application to an issuing office of its service (audited; photos and history go with it)',
        description:
          'The target must serve the service and be of a type the standard lets issue it (`issuing.forwardTo` of the detail): else 422 code "forward.target" with `fields`. From received, verifying or processing only: else 409 with `current`.',
        tags: TAGS,
        params: ApplicationParams,
        body: ForwardBody,
        response: { 200: ForwardResponse, 400: ApiError, 404: ApiError, 409: MoveConflict, 422: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const result = await forwardApplication(db, officeScope(principal), req.params.id, req.body, actorOf(principal));
      if (!result.ok) {
        if (result.error === 'not_found') return reply.code(404).send(apiError('not_found', 'No such application.'));
        if (result.error === 'target') {
          return reply.code(422).send(
            apiError('forward.target', 'That office cannot issue this service, or already holds it.', {
              'body.toOfficeId': [result.forwardTo.length ? `one of ${result.forwardTo.join(', ')}` : 'none possible'],
            }),
          );
        }
        return reply.code(409).send({
          ...apiError(
            result.error === 'stale' ? 'stale' : 'forward.not-allowed',
            'It cannot be forwarded from its current status.',
          ),
          current: result.current,
          allowed: allowedMoves(result.current),
        });
      }
      await audit(db, principal, 'application.forward', {
        kind: 'application',
        id: result.id,
        officeId: result.fromOfficeId,
        detail: { to: result.officeId, eventId: result.eventId },
      });
      const { ok: _ok, ...forwarded } = result;
      return forwarded;
    },
  );

  api.post(
    '/api/office/walk-ins',
    {
      onRequest: staff,
      schema: {
        summary: 'Enter a walk-in application at the counter (channel counter; audited)',
        description:
          'The office must be one of the account’s. Answers the receipt: tracking number and a secret for its QR code, shown once. Refused by the form’s rules: 422 with `errors` as in a submission rejection.',
        tags: TAGS,
        body: WalkInBody,
        response: { 201: WalkInReceipt, 400: ApiError, 422: WalkInRejection, ...Denied },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const { officeId, ...input } = req.body;
      if (!inOfficeScope(principal, officeId))
        return reply.code(403).send(apiError('forbidden', 'Not one of your offices.'));
      const result = await createWalkIn(db, officeId, actorOf(principal), input);
      if (!result.ok) {
        await audit(db, principal, 'application.walk-in-refused', {
          kind: 'office',
          id: officeId,
          officeId,
          detail: { reason: result.error },
        });
        if (result.error !== 'rejected') {
          return reply
            .code(422)
            .send({ error: { code: result.error, message: 'This office’s counter cannot take this service.' } });
        }
        return reply.code(422).send(formRejection(result.result));
      }
      await audit(db, principal, 'application.walk-in', {
        kind: 'application',
        id: result.id,
        officeId,
        detail: { serviceId: input.serviceId },
      });
      reply.header('Cache-Control', 'no-store');
      return reply.code(201).send({
        id: result.id,
        trackingNumber: result.trackingNumber,
        receivedAt: result.receivedAt,
        officeId: result.officeId,
        secret: result.secret,
      });
    },
  );

  const period = (q: DashboardQuery) => {
    const from = new Date(q.from);
    const to = new Date(q.to);
    return from.getTime() < to.getTime() ? { from: from.toISOString(), to: to.toISOString() } : null;
  };
  const badPeriod = () =>
    apiError('invalid_request', '`from` must be before `to`.', { 'querystring.to': ['must be after from'] });

  api.get(
    '/api/office/dashboard',
    {
      onRequest: staff,
      schema: {
        summary:
          'Per office and service in [from, to): received, completed, median completion time against the standard, share overdue',
        tags: TAGS,
        querystring: DashboardQuery,
        response: { 200: DashboardResponse, 400: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const p = period(req.query);
      if (!p) return reply.code(400).send(badPeriod());
      return { ...p, rows: await dashboard(db.slowLane, officeScope(principalOf(req)), p, clock()) };
    },
  );

  api.get(
    '/api/office/dashboard.csv',
    {
      onRequest: staff,
      schema: {
        summary: 'The dashboard as CSV (RFC 4180), as a download',
        tags: TAGS,
        querystring: DashboardQuery,
        response: { 200: z.string().describe('text/csv'), 400: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const p = period(req.query);
      if (!p) return reply.code(400).send(badPeriod());
      const csv = dashboardCsv(await dashboard(db.slowLane, officeScope(principalOf(req)), p, clock()));
      const name = `dashboard-${p.from.slice(0, 10)}-${p.to.slice(0, 10)}.csv`;
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .header('Cache-Control', 'private, no-store')
        .serializer((payload: unknown) => payload as string)
        .send(csv);
    },
  );

  officeCatalogueRoutes(app, db);
  correctionPeriodRoutes(app, db);
}
