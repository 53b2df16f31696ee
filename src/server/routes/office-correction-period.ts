// An office's correction period (issue 16): read and set by its officers and by administrators.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiError } from '../../domain/api.ts';
import { IdParams } from '../../domain/backoffice/api.ts';
import { CorrectionPeriodSchema } from '../../domain/backoffice/correction-period.ts';
import { correctionPeriod, setCorrectionPeriod } from '../applications/abandon.ts';
import { audit } from '../audit/log.ts';
import { inOfficeScope, principalOf, requireRole } from '../auth/guard.ts';
import { apiError } from '../http/errors.ts';
import type { Database } from '../storage/db.ts';

const Denied = { 401: ApiError, 403: ApiError };

export function correctionPeriodRoutes(app: FastifyInstance, db: Database): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const staff = requireRole('officer', 'administrator');
  const url = '/api/office/offices/:id/correction-period';

  api.get(
    url,
    {
      onRequest: staff,
      schema: {
        summary: 'How long the office waits for a correction before an application is abandoned',
        tags: ['office'],
        params: IdParams,
        response: { 200: CorrectionPeriodSchema, 400: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      if (!inOfficeScope(principalOf(req), req.params.id))
        return reply.code(403).send(apiError('forbidden', 'Not one of your offices.'));
      return correctionPeriod(db, req.params.id);
    },
  );

  api.put(
    url,
    {
      onRequest: staff,
      schema: {
        summary: 'Set the office’s correction period and notice (audited)',
        tags: ['office'],
        params: IdParams,
        body: CorrectionPeriodSchema,
        response: { 200: CorrectionPeriodSchema, 400: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      if (!inOfficeScope(principal, req.params.id))
        return reply.code(403).send(apiError('forbidden', 'Not one of your offices.'));
      await setCorrectionPeriod(db, req.params.id, req.body);
      await audit(db, principal, 'office.correction-period', {
        kind: 'office',
        id: req.params.id,
        officeId: req.params.id,
        detail: { days: req.body.days, noticeDays: req.body.noticeDays },
      });
      return req.body;
    },
  );
}
