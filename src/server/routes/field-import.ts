// The back office imports a field officer's export file (.nlx): POST /api/office/imports with the
// file's bytes as the body. Answers one result per application, exactly as POST /api/submissions.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiError } from '../../domain/api.ts';
import { ImportResponse } from '../../domain/field/api.ts';
import {
  EXPORT_MEDIA_TYPE,
  type ExportErrorCode,
  ExportFormatError,
  MAX_EXPORT_BYTES,
} from '../../domain/field/export-format.ts';
import { audit } from '../audit/log.ts';
import { principalOf, requireRole } from '../auth/guard.ts';
import { importExport } from '../field/import.ts';
import { apiError } from '../http/errors.ts';
import type { Database } from '../storage/db.ts';

/** A file that is not ours at all is a bad request; one that is ours but refused cannot be processed. */
const STATUS: Record<ExportErrorCode, 400 | 422> = {
  not_an_export: 400,
  unsupported_version: 400,
  foreign_export: 422,
  revoked_key: 422,
  tampered: 422,
  undecryptable: 422,
  wrong_officer: 422,
  invalid_export: 422,
};

export const IMPORT_CONTENT_TYPES = [EXPORT_MEDIA_TYPE, 'application/octet-stream'];

export function fieldImportRoutes(app: FastifyInstance, db: Database): void {
  // A plugin of its own, so the binary body parser serves this route only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      IMPORT_CONTENT_TYPES,
      { parseAs: 'buffer', bodyLimit: MAX_EXPORT_BYTES },
      (_req, body, done) => done(null, body),
    );
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/api/office/imports',
      {
        bodyLimit: MAX_EXPORT_BYTES,
        // Checked before the body is read: nobody else gets to send 64 MB.
        onRequest: requireRole('officer', 'administrator'),
        schema: {
          summary: "Import a field officer's export file (.nlx)",
          description:
            `The body is the file's bytes (content type ${IMPORT_CONTENT_TYPES.join(' or ')}, at most ${MAX_EXPORT_BYTES} bytes). ` +
            'The signature is checked with the registered device key before anything is decrypted; photos are stored (hash-verified), then the applications, ' +
            'idempotently by id: importing again, or the device syncing the same applications, stores nothing twice. ' +
            'Refusals: 400 not_an_export, unsupported_version; 422 foreign_export, revoked_key, tampered, undecryptable, wrong_officer, invalid_export; 413 above the size limit.',
          tags: ['office', 'field'],
          response: {
            200: ImportResponse,
            400: ApiError,
            401: ApiError,
            403: ApiError,
            413: ApiError,
            415: ApiError,
            422: ApiError,
          },
        },
      },
      async (req, reply) => {
        const principal = principalOf(req);
        const body = req.body;
        if (!Buffer.isBuffer(body))
          return reply.code(400).send(apiError('not_an_export', 'Send the .nlx file as the request body.'));
        try {
          const outcome = await importExport(db, new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
          const count = (status: string) => outcome.results.filter((r) => r.status === status).length;
          const counts = {
            records: outcome.results.length,
            accepted: count('accepted'),
            rejected: count('rejected'),
            missingAttachments: count('missing-attachments'),
          };
          // Ids and counts only: nothing of the residents.
          await audit(db, principal, 'field.import', {
            kind: 'field-device-key',
            id: outcome.header.keyId,
            detail: {
              officerAccountId: outcome.header.officerAccountId,
              ...counts,
              files: outcome.files.total,
              filesStored: outcome.files.stored,
            },
          });
          req.log.info(counts, 'field export imported');
          return {
            keyId: outcome.header.keyId,
            officerAccountId: outcome.header.officerAccountId,
            exportCreatedAt: outcome.header.createdAt,
            files: outcome.files,
            results: outcome.results,
          };
        } catch (err) {
          if (!(err instanceof ExportFormatError)) throw err;
          await audit(db, principal, 'field.import-refused', { kind: 'field-export', detail: { code: err.code } });
          req.log.info({ code: err.code }, 'field export refused');
          return reply.code(STATUS[err.code]).send(apiError(err.code, err.message));
        }
      },
    );
  });
}
