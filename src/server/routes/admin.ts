// Administration (administrators only): staff accounts (role, offices, disable, password reset),
// kiosk devices (enrol: a token shown once; revoke: it stops at once) and the audit log.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Account,
  AccountCreate,
  AccountList,
  AccountUpdate,
  AuditPage,
  AuditQuery,
  Device,
  DeviceEnrol,
  DeviceEnrolment,
  DeviceList,
  officeRuleError,
  ResetCode,
} from '../../domain/accounts/account.ts';
import { ApiError } from '../../domain/api.ts';
import { audit, readAudit } from '../audit/log.ts';
import {
  activeAdministrators,
  endAllSessions,
  getAccount,
  insertAccount,
  listAccounts,
  setOffices,
  UsernameTaken,
  unknownOffices,
} from '../auth/accounts.ts';
import { enrolDevice, listDevices, revokeDevice } from '../auth/devices.ts';
import { principalOf, requireRole } from '../auth/guard.ts';
import { hashPassword } from '../auth/password.ts';
import { issueResetCode } from '../auth/reset-codes.ts';
import { apiError } from '../http/errors.ts';
import type { Database } from '../storage/db.ts';
import { lockUntilCommit } from '../storage/locks.ts';

const Denied = { 401: ApiError, 403: ApiError };
const IdParams = z.object({ id: z.string().uuid() });

/** A 4xx answer decided inside a transaction (rolls it back). */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.error.code);
  }
}

function officeFields(missing: string[]): ApiError {
  return apiError('invalid_request', 'Unknown office.', { 'body.officeIds': missing.map((id) => `no office ${id}`) });
}

export function adminRoutes(app: FastifyInstance, db: Database): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const admin = requireRole('administrator');

  api.get(
    '/api/admin/accounts',
    {
      onRequest: admin,
      schema: { summary: 'Staff accounts', tags: ['admin'], response: { 200: AccountList, ...Denied } },
    },
    async () => ({ accounts: await listAccounts(db) }),
  );

  api.post(
    '/api/admin/accounts',
    {
      onRequest: admin,
      schema: {
        summary: 'Create a staff account',
        description: 'Officers need at least one office; administrators have none. Passwords: at least 12 characters.',
        tags: ['admin'],
        body: AccountCreate,
        response: { 201: Account, 400: ApiError, 409: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const rule = officeRuleError(body.role, body.officeIds);
      if (rule) return reply.code(400).send(apiError('invalid_request', rule, { 'body.officeIds': [rule] }));
      const missing = await unknownOffices(db, body.officeIds);
      if (missing.length) return reply.code(400).send(officeFields(missing));
      const passwordHash = await hashPassword(body.password);
      try {
        const account = await db.transaction(async (tx) => {
          const id = await insertAccount(tx, { ...body, passwordHash });
          await audit(tx, req.principal, 'account.create', {
            kind: 'account',
            id,
            detail: { role: body.role, officeIds: body.officeIds },
          });
          return (await getAccount(tx, id))!;
        });
        return reply.code(201).send(account);
      } catch (err) {
        if (err instanceof UsernameTaken) return reply.code(409).send(apiError('username_taken', err.message));
        throw err;
      }
    },
  );

  api.patch(
    '/api/admin/accounts/:id',
    {
      onRequest: admin,
      schema: {
        summary: 'Change a staff account: name, role, offices, disable, reset the password',
        description: 'Disabling or resetting the password ends every session and token of the account at once.',
        tags: ['admin'],
        params: IdParams,
        body: AccountUpdate,
        response: { 200: Account, 400: ApiError, 404: ApiError, 409: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const change = req.body;
      const passwordHash = change.password ? await hashPassword(change.password) : null;
      try {
        const account = await db.transaction(async (tx) => {
          await lockUntilCommit(tx, 'administrators');
          const before = await getAccount(tx, req.params.id);
          if (!before) throw new Refusal(404, apiError('not_found', 'No such account.'));
          const role = change.role ?? before.role;
          const officeIds = change.officeIds ?? (role === 'administrator' ? [] : before.officeIds);
          const rule = officeRuleError(role, officeIds);
          if (rule) throw new Refusal(400, apiError('invalid_request', rule, { 'body.officeIds': [rule] }));
          const missing = change.officeIds ? await unknownOffices(tx, change.officeIds) : [];
          if (missing.length) throw new Refusal(400, officeFields(missing));
          const stopsBeingAdmin =
            before.role === 'administrator' &&
            !before.disabled &&
            (role !== 'administrator' || change.disabled === true);
          if (stopsBeingAdmin) {
            const others = (await activeAdministrators(tx)).filter((id) => id !== before.id);
            if (others.length === 0)
              throw new Refusal(409, apiError('last_administrator', 'At least one active administrator must remain.'));
          }
          await tx.query(
            `update accounts set name = $2, role = $3, updated_at = now(),
               password_hash = coalesce($4, password_hash),
               disabled_at = case when $5::boolean is null then disabled_at when $5::boolean then coalesce(disabled_at, now()) end
             where id = $1`,
            [before.id, change.name ?? before.name, role, passwordHash, change.disabled ?? null],
          );
          await setOffices(tx, before.id, officeIds);
          if (change.disabled === true || passwordHash) await endAllSessions(tx, before.id);
          // A password the administrator sets replaces any one-time code still outstanding.
          if (passwordHash) await tx.query('delete from password_reset_codes where account_id = $1', [before.id]);
          const detail: Record<string, string | boolean | string[]> = { changed: Object.keys(change).sort() };
          if (change.role) detail.role = role;
          if (change.officeIds) detail.officeIds = officeIds;
          if (change.disabled !== undefined) detail.disabled = change.disabled;
          await audit(tx, req.principal, 'account.update', { kind: 'account', id: before.id, detail });
          return (await getAccount(tx, before.id))!;
        });
        return account;
      } catch (err) {
        if (err instanceof Refusal) return reply.code(err.status).send(err.body);
        throw err;
      }
    },
  );

  api.post(
    '/api/admin/accounts/:id/reset-code',
    {
      onRequest: admin,
      schema: {
        summary: "Reset an account's password: a one-time code to sign in with and set a new one",
        description:
          'The password stops working and every session and token of the account ends at once. The code is returned once (the server keeps only its hash), is valid 24 hours and works once; a newer reset replaces it.',
        tags: ['admin'],
        params: IdParams,
        response: { 201: ResetCode, 404: ApiError, 409: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const actor = principalOf(req);
      try {
        const issued = await db.transaction(async (tx) => {
          const account = await getAccount(tx, req.params.id);
          if (!account) throw new Refusal(404, apiError('not_found', 'No such account.'));
          if (account.disabled)
            throw new Refusal(409, apiError('account_disabled', 'Enable the account before resetting its password.'));
          const code = await issueResetCode(tx, account.id, actor.accountId);
          await audit(tx, actor, 'account.reset-code', {
            kind: 'account',
            id: account.id,
            detail: { expiresAt: code.expiresAt },
          });
          return { ...code, account };
        });
        reply.header('Cache-Control', 'no-store');
        return reply.code(201).send(issued);
      } catch (err) {
        if (err instanceof Refusal) return reply.code(err.status).send(err.body);
        throw err;
      }
    },
  );

  api.get(
    '/api/admin/devices',
    {
      onRequest: admin,
      schema: { summary: 'Enrolled kiosk devices', tags: ['admin'], response: { 200: DeviceList, ...Denied } },
    },
    async () => ({ devices: await listDevices(db) }),
  );

  api.post(
    '/api/admin/devices',
    {
      onRequest: admin,
      schema: {
        summary: 'Enrol a kiosk device for an office',
        description: 'Returns its bearer token once; the server keeps only a hash. Enter it on the kiosk tablet.',
        tags: ['admin'],
        body: DeviceEnrol,
        response: { 201: DeviceEnrolment, 400: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const missing = await unknownOffices(db, [req.body.officeId]);
      if (missing.length)
        return reply
          .code(400)
          .send(
            apiError('invalid_request', 'Unknown office.', { 'body.officeId': [`no office ${req.body.officeId}`] }),
          );
      const enrolment = await db.transaction(async (tx) => {
        const e = await enrolDevice(tx, req.body.name, req.body.officeId);
        await audit(tx, req.principal, 'device.enrol', {
          kind: 'device',
          id: e.device.id,
          officeId: e.device.officeId,
        });
        return e;
      });
      reply.header('Cache-Control', 'no-store');
      return reply.code(201).send(enrolment);
    },
  );

  api.delete(
    '/api/admin/devices/:id',
    {
      onRequest: admin,
      schema: {
        summary: 'Revoke a kiosk device: its token stops working at once',
        tags: ['admin'],
        params: IdParams,
        response: { 200: Device, 404: ApiError, ...Denied },
      },
    },
    async (req, reply) => {
      const device = await db.transaction(async (tx) => {
        const d = await revokeDevice(tx, req.params.id);
        if (d) await audit(tx, req.principal, 'device.revoke', { kind: 'device', id: d.id, officeId: d.officeId });
        return d;
      });
      if (!device) return reply.code(404).send(apiError('not_found', 'No such device.'));
      return device;
    },
  );

  api.get(
    '/api/admin/audit',
    {
      onRequest: admin,
      schema: {
        summary: 'The audit log, newest first, filtered on the server',
        description:
          'Filters: `actor` (account id), `action` (e.g. auth.login, or auth for every auth.* action), `from` and `to` (WIB days, both included), `office`. Pass `next` of a page as `before` to read the next (older) page with the same filters.',
        tags: ['admin'],
        querystring: AuditQuery,
        response: { 200: AuditPage, 400: ApiError, ...Denied },
      },
    },
    async (req) => readAudit(db, req.query),
  );
}
