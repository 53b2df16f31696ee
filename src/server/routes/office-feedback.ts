// The back office's complaints and SKM index (issue #8), for officers (their offices only) and
// administrators (all). A complaint outside the account's offices is answered 404, as an unknown
// one. Reading a complaint and answering it are audited with ids only — never a name or the text.
// Routes and bodies: see src/domain/feedback/office-api.ts.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../domain/api.ts';
import {
  AnswerBody,
  CategoryBody,
  ComplaintDetail,
  ComplaintList,
  ComplaintListQuery,
  ComplaintParams,
  SkmQuery,
  SkmReport,
  TransferBody,
  TransferResult,
} from '../../domain/feedback/office-api.ts';
import { audit } from '../audit/log.ts';
import { officeScope, principalOf, requireRole } from '../auth/guard.ts';
import { type Clock, systemClock } from '../clock.ts';
import { type MoveRefusal, reclassifyComplaint, transferComplaint } from '../feedback/complaint-moves.ts';
import { answerComplaint, getComplaint, listComplaints } from '../feedback/complaints.ts';
import { skmCsv, skmReport } from '../feedback/surveys.ts';
import { apiError } from '../http/errors.ts';
import { sendPrivateFile } from '../http/private-file.ts';
import type { Database } from '../storage/db.ts';
import { readUpload } from '../uploads/store.ts';

const Denied = { 401: ApiError, 403: ApiError };
const TAGS = ['office'];

const notFound = () => apiError('not_found', 'No such complaint.');

const REFUSALS: Record<MoveRefusal, { status: 400 | 404 | 409; message: string; fields?: Record<string, string[]> }> = {
  not_found: { status: 404, message: 'No such complaint.' },
  closed: { status: 409, message: 'This complaint is closed.' },
  unchanged: { status: 409, message: 'The complaint is already so.' },
  unknown_office: { status: 400, message: 'No such office.', fields: { 'body.officeId': ['unknown office'] } },
};
const refuse = (reply: FastifyReply, error: MoveRefusal) => {
  const r = REFUSALS[error];
  return reply.code(r.status).send(apiError(error, r.message, r.fields));
};

function period(q: SkmQuery): { from: string; to: string } | null {
  const from = new Date(q.from);
  const to = new Date(q.to);
  return from.getTime() < to.getTime() ? { from: from.toISOString(), to: to.toISOString() } : null;
}
const badPeriod = () =>
  apiError('invalid_request', '`from` must be before `to`.', { 'querystring.to': ['must be after from'] });

export function officeFeedbackRoutes(app: FastifyInstance, db: Database, clock: Clock = systemClock): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // Checked before the body is parsed: a caller without the role learns nothing about the shape.
  const staff = requireRole('officer', 'administrator');

  api.get(
    '/api/office/complaints',
    {
      onRequest: staff,
      schema: {
        summary: 'Complaints of the account’s offices, newest first (no complainant, no text)',
        description: '`overdue=true`: not closed and past the category’s target time (5, 14 or 60 working days).',
        tags: TAGS,
        querystring: ComplaintListQuery,
        response: { 200: ComplaintList, 400: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'private, no-store');
      return { rows: await listComplaints(db.slowLane, officeScope(principalOf(req)), req.query, clock()) };
    },
  );

  api.get(
    '/api/office/complaints/:id',
    {
      onRequest: staff,
      schema: {
        summary: 'One complaint in full, with its answers (audited)',
        description:
          'Confidential: the complainant is shown to administrators only (`complainantWithheld` for others). Anonymous: none is stored.',
        tags: TAGS,
        params: ComplaintParams,
        response: { 200: ComplaintDetail, 400: ApiError, 404: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const detail = await getComplaint(db, principal, officeScope(principal), req.params.id, clock());
      if (!detail) return reply.code(404).send(notFound());
      await audit(db, principal, 'complaint.read', {
        kind: 'complaint',
        id: detail.id,
        officeId: detail.officeId,
        detail: { complainantShown: detail.complainant !== null },
      });
      reply.header('Cache-Control', 'private, no-store');
      return detail;
    },
  );

  api.get(
    '/api/office/complaints/:id/photo',
    {
      onRequest: staff,
      schema: {
        summary: 'The photo attached to a complaint (audited)',
        description: 'The bytes with their stored content type, to the offices the complaint concerns. Never cached.',
        tags: TAGS,
        params: ComplaintParams,
        response: { 200: z.any().describe('The photo (image/jpeg)'), 400: ApiError, 404: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const detail = await getComplaint(db, principal, officeScope(principal), req.params.id, clock());
      const file = detail?.photo ? await readUpload(db, detail.photo.sha256) : null;
      if (!detail || !file?.complete)
        return reply.code(404).send(apiError('not_found', 'No photo for this complaint.'));
      await audit(db, principal, 'complaint.photo-read', {
        kind: 'complaint',
        id: detail.id,
        officeId: detail.officeId,
        detail: { sha256: file.sha256 },
      });
      return sendPrivateFile(reply, file);
    },
  );

  api.post(
    '/api/office/complaints/:id/answers',
    {
      onRequest: staff,
      schema: {
        summary: 'Answer a complaint, and close it with `close: true` (audited; replicated to the filing device)',
        description: 'A closed complaint takes no more answers: 409 code "closed".',
        tags: TAGS,
        params: ComplaintParams,
        body: AnswerBody,
        response: { 200: ComplaintDetail, 400: ApiError, 404: ApiError, 409: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const scope = officeScope(principal);
      const outcome = await answerComplaint(db, scope, req.params.id, req.body, {
        accountId: principal.accountId,
        role: principal.role,
      });
      if (!outcome.ok) {
        if (outcome.error === 'not_found') return reply.code(404).send(notFound());
        return reply.code(409).send(apiError('closed', 'This complaint is closed.'));
      }
      await audit(db, principal, 'complaint.answer', {
        kind: 'complaint',
        id: req.params.id,
        officeId: outcome.officeId,
        detail: { close: req.body.close === true, length: req.body.text.length },
      });
      reply.header('Cache-Control', 'private, no-store');
      return (await getComplaint(db, principal, scope, req.params.id, clock()))!;
    },
  );

  api.post(
    '/api/office/complaints/:id/category',
    {
      onRequest: staff,
      schema: {
        summary:
          'Reclassify a complaint: its due time follows the new category (audited; replicated to the filing device)',
        description:
          'The due time is the new category’s target time in working days (holiday calendar) from the complaint’s start. 409 "closed" for a closed complaint, "unchanged" for its current category.',
        tags: TAGS,
        params: ComplaintParams,
        body: CategoryBody,
        response: { 200: ComplaintDetail, 400: ApiError, 404: ApiError, 409: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const scope = officeScope(principal);
      const outcome = await reclassifyComplaint(db, scope, req.params.id, req.body.category, principal);
      if (!outcome.ok) return refuse(reply, outcome.error);
      reply.header('Cache-Control', 'private, no-store');
      return (await getComplaint(db, principal, scope, req.params.id, clock()))!;
    },
  );

  api.post(
    '/api/office/complaints/:id/transfer',
    {
      onRequest: staff,
      schema: {
        summary: 'Transfer a complaint to the office it concerns, with a note for that office (audited)',
        description:
          'The complaint leaves the sending office’s list and joins the receiving office’s; its due time stays. The filing device shows the new office (not the note). 400 "unknown_office"; 409 "closed", or "unchanged" for its own office.',
        tags: TAGS,
        params: ComplaintParams,
        body: TransferBody,
        response: { 200: TransferResult, 400: ApiError, 404: ApiError, 409: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const outcome = await transferComplaint(db, officeScope(principal), req.params.id, req.body, principal);
      if (!outcome.ok) return refuse(reply, outcome.error);
      reply.header('Cache-Control', 'private, no-store');
      return { id: req.params.id, officeId: outcome.officeId };
    },
  );

  api.get(
    '/api/office/skm',
    {
      onRequest: staff,
      schema: {
        summary:
          'Satisfaction index (SKM, PermenPANRB 14/2017) per office and service for responses received in [from, to), with the total',
        description:
          'NRR per element, IKM (1–4), unit value (×25, rounded half up to 2 decimals) and grade A–D, with the number of respondents. Officers see their offices only.',
        tags: TAGS,
        querystring: SkmQuery,
        response: { 200: SkmReport, 400: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const p = period(req.query);
      if (!p) return reply.code(400).send(badPeriod());
      const report = await skmReport(db.slowLane, officeScope(principalOf(req)), {
        ...p,
        officeId: req.query.officeId,
        serviceId: req.query.serviceId,
      });
      reply.header('Cache-Control', 'private, no-store');
      return { ...p, ...report };
    },
  );

  api.get(
    '/api/office/skm.csv',
    {
      onRequest: staff,
      schema: {
        summary: 'The satisfaction index as CSV (RFC 4180), as a download; the last line is the total',
        tags: TAGS,
        querystring: SkmQuery,
        response: { 200: z.string().describe('text/csv'), 400: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const p = period(req.query);
      if (!p) return reply.code(400).send(badPeriod());
      const csv = skmCsv(
        await skmReport(db.slowLane, officeScope(principalOf(req)), {
          ...p,
          officeId: req.query.officeId,
          serviceId: req.query.serviceId,
        }),
      );
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="skm-${p.from.slice(0, 10)}-${p.to.slice(0, 10)}.csv"`)
        .header('Cache-Control', 'private, no-store')
        .serializer((payload: unknown) => payload as string)
        .send(csv);
    },
  );
}
