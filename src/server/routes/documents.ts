// Issued documents over HTTP (issue #15): the office reads an application's documents; the holder
// of the application's secret (the resident's device) fetches them once to keep them offline; anyone
// verifies one by its public code — the office, the service, the date and the SHA-256, nothing personal.
//
//   GET /api/office/applications/:id/documents/:code   officers and administrators in scope (audited)
//   GET /api/applications/:id/documents/:code          Authorization: Bearer <the application's secret>
//   GET /api/verify/:code                              public: DocumentVerification
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError, SlowDownError } from '../../domain/api.ts';
import { DocumentVerification, VerificationCode } from '../../domain/documents/document.ts';
import { documentFile, holdsSecret, verifyDocument } from '../applications/documents.ts';
import { audit } from '../audit/log.ts';
import { officeScope, principalOf, requireRole } from '../auth/guard.ts';
import { type Clock, systemClock } from '../clock.ts';
import { apiError } from '../http/errors.ts';
import { sendPrivateFile } from '../http/private-file.ts';
import type { RateLimits } from '../limits/rate-limits.ts';
import { getApplication } from '../office/queue.ts';
import type { Database } from '../storage/db.ts';

const DocumentParams = z.object({ id: z.uuid(), code: VerificationCode });
const FILE = z.any().describe('The document (application/pdf as an attachment, or image/jpeg)');
/** The secret a device made for the application: what it sent the hash of. Bounded before it is hashed. */
const SECRET = /^Bearer ([0-9A-Za-z_-]{16,128})$/;

const noDocument = () => apiError('not_found', 'No such document.');

export function documentRoutes(app: FastifyInstance, db: Database, limits: RateLimits, clock: Clock = systemClock) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/office/applications/:id/documents/:code',
    {
      onRequest: requireRole('officer', 'administrator'),
      schema: {
        summary: 'An issued document of an application in the account’s offices (audited)',
        tags: ['office'],
        params: DocumentParams,
        response: { 200: FILE, 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const detail = await getApplication(db, officeScope(principal), req.params.id, clock());
      const file = detail ? await documentFile(db, detail.id, req.params.code) : null;
      if (!detail || !file) return reply.code(404).send(noDocument());
      await audit(db, principal, 'application.document-read', {
        kind: 'application',
        id: detail.id,
        officeId: detail.officeId,
        detail: { code: req.params.code },
      });
      return sendPrivateFile(reply, file);
    },
  );

  api.get(
    '/api/applications/:id/documents/:code',
    {
      onRequest: limits.perRequest('documents'),
      schema: {
        summary: 'An issued document, for the device holding the application’s secret',
        description:
          'Authorization: Bearer <secret>, the secret whose SHA-256 the submission carried. A wrong secret, an unknown application or document: 404 alike.',
        tags: ['documents'],
        params: DocumentParams,
        response: { 200: FILE, 400: ApiError, 401: ApiError, 404: ApiError, 429: SlowDownError },
      },
    },
    async (req, reply) => {
      const secret = SECRET.exec(req.headers.authorization ?? '')?.[1];
      if (!secret) return reply.code(401).send(apiError('unauthorized', "The application's secret is required."));
      const file = (await holdsSecret(db, req.params.id, secret))
        ? await documentFile(db, req.params.id, req.params.code)
        : null;
      if (!file) return reply.code(404).send(noDocument());
      return sendPrivateFile(reply, file);
    },
  );

  api.get(
    '/api/verify/:code',
    {
      onRequest: limits.perRequest('documents'),
      schema: {
        summary: 'Verify an issued document by its code: office, service, date and SHA-256 (no personal data)',
        tags: ['documents'],
        params: z.object({ code: z.string().max(64) }),
        response: { 200: DocumentVerification, 404: ApiError, 429: SlowDownError },
      },
    },
    async (req, reply) => {
      // Read forgivingly, like a tracking number typed from paper: case and spaces do not matter.
      const code = VerificationCode.safeParse(req.params.code.toUpperCase().replace(/[\s-]/g, ''));
      const found = code.success ? await verifyDocument(db, code.data) : null;
      if (!found) return reply.code(404).send(apiError('not_found', 'No document was issued under this code.'));
      reply.header('Cache-Control', 'public, max-age=300');
      return found;
    },
  );
}
