// Field officers' export files: the server's public key to encrypt to (GET /api/field/export-key),
// the devices' signing keys (POST, GET and DELETE /api/field/device-keys: register, list, revoke), and
// the back office's import of a file (POST /api/office/imports, in ./field-import.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../domain/api.ts';
import {
  DeviceKeyBody,
  DeviceKeyList,
  DeviceKeyListQuery,
  DeviceKeyParams,
  DeviceKeyResponse,
  ExportKeyResponse,
} from '../../domain/field/api.ts';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../../domain/field/export-format.ts';
import { audit } from '../audit/log.ts';
import { principalOf, requireRole } from '../auth/guard.ts';
import { listDeviceKeys, registerDeviceKey, revokeDeviceKey, serverExportKey } from '../field/keys.ts';
import { apiError } from '../http/errors.ts';
import type { Database } from '../storage/db.ts';
import { fieldImportRoutes } from './field-import.ts';

export function fieldRoutes(app: FastifyInstance, db: Database): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/field/export-key',
    {
      onRequest: requireRole('field-officer'),
      schema: {
        summary: 'The office key that field export files are encrypted to',
        description:
          'An ECDH P-256 public key (JWK) and its RFC 7638 thumbprint. The device caches it at sign-in, to export while offline.',
        tags: ['field'],
        response: { 200: ExportKeyResponse, 401: ApiError, 403: ApiError },
      },
    },
    async () => ({ format: EXPORT_FORMAT, version: EXPORT_VERSION, ...(await serverExportKey(db)) }) as const,
  );

  api.post(
    '/api/field/device-keys',
    {
      onRequest: requireRole('field-officer'),
      schema: {
        summary: "Register a field officer's device signing key",
        description:
          'The ECDSA P-256 public key (JWK) the device signs export files with, bound to the signed-in field officer. Registering the same key again answers 200. ' +
          'A key of another account, or a revoked key, answers 409. Disabling the account revokes its keys.',
        tags: ['field'],
        body: DeviceKeyBody,
        response: {
          200: DeviceKeyResponse,
          201: DeviceKeyResponse,
          400: ApiError,
          401: ApiError,
          403: ApiError,
          409: ApiError,
        },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const outcome = await db.transaction(async (tx) => {
        const o = await registerDeviceKey(tx, principal.accountId, req.body.publicKey);
        if (o.kind === 'registered')
          await audit(tx, principal, 'field.device-key.register', { kind: 'field-device-key', id: o.keyId });
        return o;
      });
      if (outcome.kind === 'taken')
        return reply.code(409).send(apiError('key_taken', 'This key is registered for another account.'));
      if (outcome.kind === 'revoked')
        return reply.code(409).send(apiError('key_revoked', 'This key was revoked; make a new one.'));
      return reply
        .code(outcome.kind === 'registered' ? 201 : 200)
        .send({ keyId: outcome.keyId, accountId: principal.accountId });
    },
  );

  api.get(
    '/api/field/device-keys',
    {
      onRequest: requireRole('field-officer', 'administrator'),
      schema: {
        summary: "Field officers' registered device signing keys",
        description:
          'Newest first. An administrator sees every officer’s (optionally one account’s, `accountId`), to revoke the key of a lost tablet; a field officer sees their own.',
        tags: ['field'],
        querystring: DeviceKeyListQuery,
        response: { 200: DeviceKeyList, 400: ApiError, 401: ApiError, 403: ApiError },
      },
    },
    async (req) => {
      const principal = principalOf(req);
      const accountId = principal.role === 'administrator' ? (req.query.accountId ?? null) : principal.accountId;
      return { keys: await listDeviceKeys(db, accountId) };
    },
  );

  api.delete(
    '/api/field/device-keys/:keyId',
    {
      onRequest: requireRole('field-officer', 'administrator'),
      schema: {
        summary: "Revoke a field officer's device signing key",
        description:
          'Files it signed are refused from then on (revoked_key). A field officer revokes only their own keys; an administrator any.',
        tags: ['field'],
        params: DeviceKeyParams,
        response: { 204: z.null(), 401: ApiError, 403: ApiError, 404: ApiError },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const revoked = await db.transaction(async (tx) => {
        const r = await revokeDeviceKey(
          tx,
          req.params.keyId,
          principal.role === 'administrator' ? null : principal.accountId,
        );
        if (r)
          await audit(tx, principal, 'field.device-key.revoke', {
            kind: 'field-device-key',
            id: req.params.keyId,
            detail: { accountId: r.accountId },
          });
        return r;
      });
      if (!revoked) return reply.code(404).send(apiError('not_found', 'No active key of yours has this id.'));
      return reply.code(204).send(null);
    },
  );

  fieldImportRoutes(app, db);
}
