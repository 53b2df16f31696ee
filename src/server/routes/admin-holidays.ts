// The holiday calendar (administrators only): list, set a day off, remove one. Due times it moves
// are recomputed after the change commits (and at the next start if the process stops first).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../domain/api.ts';
import { HolidayChange, HolidayDay, HolidayInput, HolidayList } from '../../domain/time/holidays.ts';
import { listHolidays, removeHoliday, setHoliday } from '../applications/holidays.ts';
import { refreshStaleClocks } from '../applications/service-clock.ts';
import { audit } from '../audit/log.ts';
import { principalOf, requireRole } from '../auth/guard.ts';
import { apiError } from '../http/errors.ts';
import type { Database } from '../storage/db.ts';

const Denied = { 401: ApiError, 403: ApiError };
const DayParams = z.object({ day: HolidayDay });

export function adminHolidayRoutes(app: FastifyInstance, db: Database): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('administrator');

  api.get(
    '/api/admin/holidays',
    {
      onRequest: admin,
      schema: {
        summary: 'The holiday calendar: national holidays, cuti bersama and regional days off',
        tags: ['admin'],
        response: { 200: HolidayList, ...Denied },
      },
    },
    async () => listHolidays(db),
  );

  api.put(
    '/api/admin/holidays/:day',
    {
      onRequest: admin,
      schema: {
        summary: 'Set a day off (or rename it); the due times it moves are recomputed',
        description:
          'Enter each year from its SKB when it is published: a year without entries counts Monday to Friday only.',
        tags: ['admin'],
        params: DayParams,
        body: HolidayInput,
        response: { 200: HolidayChange, 400: ApiError, ...Denied },
      },
    },
    async (req) => {
      const { holiday } = await db.transaction(async (tx) => {
        const set = await setHoliday(tx, req.params.day, req.body, principalOf(req).accountId);
        await audit(tx, req.principal, 'holiday.set', {
          kind: 'holiday',
          id: set.holiday.day,
          detail: { holidayKind: set.holiday.kind, marked: set.marked },
        });
        return set;
      });
      return { holiday, recomputed: await refreshStaleClocks(db) };
    },
  );

  api.delete(
    '/api/admin/holidays/:day',
    {
      onRequest: admin,
      schema: {
        summary: 'Remove a day off; the due times it moves are recomputed',
        tags: ['admin'],
        params: DayParams,
        response: { 200: HolidayChange, 400: ApiError, 404: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const removed = await db.transaction(async (tx) => {
        const r = await removeHoliday(tx, req.params.day);
        if (r)
          await audit(tx, req.principal, 'holiday.remove', {
            kind: 'holiday',
            id: r.holiday.day,
            detail: { holidayKind: r.holiday.kind, marked: r.marked },
          });
        return r;
      });
      if (!removed) return reply.code(404).send(apiError('not_found', 'No such day off.'));
      return { holiday: removed.holiday, recomputed: await refreshStaleClocks(db) };
    },
  );
}
