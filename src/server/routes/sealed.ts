// Sealed delivery from shared devices (issue 7): the key a kiosk or a field officer's tablet seals
// applications and photos to (GET /api/sealing-key), and the delivery of sealed applications
// (POST /api/sealed). Both anonymous, like POST /api/submissions: a device's service worker delivers
// with no credential, and only this server can open what it sends.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiError, SlowDownError } from '../../domain/api.ts';
import { SealedBatch, SealedBatchResult, SealingKeyResponse } from '../../domain/sealing/api.ts';
import { SEALED_MEDIA_TYPE } from '../../domain/sealing/sealed-box.ts';
import { submitterOf } from '../applications/channels.ts';
import { serverExportKey } from '../field/keys.ts';
import { type RateLimits, sendSlowDown } from '../limits/rate-limits.ts';
import { deliverSealed } from '../sealing/deliver-sealed.ts';
import type { Database } from '../storage/db.ts';
import { BATCH_BODY_LIMIT } from './submissions.ts';

/** The same records as POST /api/submissions takes, sealed (a small fixed overhead) and then in base64url (a third more). */
const SEALED_BODY_LIMIT = Math.ceil((BATCH_BODY_LIMIT * 4) / 3) + 64 * 1024;

export function sealedRoutes(app: FastifyInstance, db: Database, limits: RateLimits): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/sealing-key',
    {
      schema: {
        summary: 'The office key shared devices seal applications and photos to',
        description:
          'Public: an ECDH P-256 public key (JWK) and its RFC 7638 thumbprint, the same key field export files are encrypted to.',
        tags: ['submissions'],
        response: { 200: SealingKeyResponse },
      },
    },
    async () => serverExportKey(db),
  );

  api.post(
    '/api/sealed',
    {
      bodyLimit: SEALED_BODY_LIMIT,
      schema: {
        summary: 'Deliver sealed applications from a kiosk or a field tablet (idempotent by id)',
        description:
          'Each box is base64url of a sealed box (context "record") holding the record and the sealed uploads of its photos ' +
          `(uploaded first through /api/uploads as ${SEALED_MEDIA_TYPE}). One result per box, in order, as POST /api/submissions answers: ` +
          'accepted with a tracking number; missing-attachments naming the SEALED hashes to upload; rejected with field errors, or with ' +
          '_sealed (undecryptable, other_key, invalid_sealed) when the box or a photo box does not open or does not match. Resending returns the same result.',
        tags: ['submissions'],
        body: SealedBatch,
        response: { 200: SealedBatchResult, 400: ApiError, 413: ApiError, 429: SlowDownError },
      },
    },
    async (req, reply) => {
      // A sealed box hides its device key: the sending client's count (an enrolled kiosk's own) bounds it.
      const slow = await limits.check(req, [{ rule: 'records', cost: req.body.boxes.length }]);
      if (slow) return sendSlowDown(reply, slow);
      const results = await deliverSealed(db, req.body.boxes, submitterOf(req.principal));
      // Counts only: what the boxes hold never reaches the log.
      const count = (status: string) => results.filter((r) => r.status === status).length;
      const unopened = results.filter((r) => r.status === 'rejected' && '_sealed' in r.errors).length;
      req.log.info(
        {
          accepted: count('accepted'),
          rejected: count('rejected'),
          missingAttachments: count('missing-attachments'),
          unopened,
        },
        'sealed submissions',
      );
      return { results };
    },
  );
}
