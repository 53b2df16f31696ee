// Resumable, content-addressed uploads of photos and files over HTTP: PUT declares a file by its
// SHA-256, GET tells the offset to resume from, PATCH appends a chunk at that offset. The bytes are
// document photos: they go to the database and nowhere else — never into a log or an error message.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../domain/api.ts';
import { SEALED_MEDIA_TYPE } from '../../domain/sealing/sealed-box.ts';
import {
  CHUNK_CONTENT_TYPE,
  exceedsUploadLimit,
  MAX_CHUNK_BYTES,
  MAX_UPLOAD_BYTES,
  MIN_CHUNK_BYTES,
  OFFSET_HEADER,
  UploadDeclaration,
  UploadOffset,
  UploadParams,
  UploadProblem,
  UploadState,
} from '../../domain/uploads.ts';
import { apiError } from '../http/errors.ts';
import type { RateLimits } from '../limits/rate-limits.ts';
import type { Database } from '../storage/db.ts';
import { clientKey, MAX_IN_FLIGHT_BYTES } from '../uploads/in-flight.ts';
import { appendChunk, declareUpload, getUpload } from '../uploads/store.ts';

/** Seconds a client over its bytes in flight is asked to wait: its uploads finish or expire meanwhile. */
const IN_FLIGHT_RETRY_AFTER_S = 60;

const PROBLEM_MESSAGES = {
  offset_mismatch: 'The chunk does not start where the server is. Resume from upload.received.',
  exceeds_size: 'The chunk goes past the declared size of the file.',
  chunk_too_small: `A chunk that does not end the file must have at least ${MIN_CHUNK_BYTES} bytes.`,
  hash_mismatch:
    'The file does not match its SHA-256. The server dropped the bytes; send the file again from offset 0.',
  type_mismatch: 'The file is not of its declared type. The server dropped the bytes.',
} as const;

const notFound = () => apiError('not_found', 'No upload is declared under this SHA-256.');

const clientError = (statusCode: number, code: string, message: string) =>
  Object.assign(new Error(message), { statusCode, code });

/**
 * Reads a chunk body, and keeps what arrived of one whose connection dropped: on a satellite link a
 * cut in the middle of a photo must not cost the bytes already across, so the device resumes from
 * the last byte that reached the server, not from the start of its chunk. What arrived is a prefix
 * of what was sent (TCP delivers in order); the hash check of the whole file catches anything else.
 */
function readChunk(
  db: Database,
  req: FastifyRequest,
  payload: NodeJS.ReadableStream,
  done: (err: Error | null, body?: Buffer) => void,
): void {
  // A custom parser gets no body limit from Fastify: refuse an oversized chunk before reading it.
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_CHUNK_BYTES) {
    done(clientError(413, 'FST_ERR_CTP_BODY_TOO_LARGE', `A chunk may have at most ${MAX_CHUNK_BYTES} bytes.`));
    return;
  }
  const parts: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (err: Error | null, body?: Buffer) => {
    if (settled) return;
    settled = true;
    done(err, body);
  };
  payload.on('data', (part: Buffer) => {
    if (settled) return;
    size += part.length;
    if (size > MAX_CHUNK_BYTES)
      return settle(
        clientError(413, 'FST_ERR_CTP_BODY_TOO_LARGE', `A chunk may have at most ${MAX_CHUNK_BYTES} bytes.`),
      );
    parts.push(part);
  });
  payload.on('end', () => settle(null, Buffer.concat(parts)));
  const dropped = () => {
    if (settled) return;
    settled = true;
    void keepPartial(db, req, Buffer.concat(parts))
      .catch((err: unknown) => req.log.warn({ err: { message: (err as Error).message } }, 'partial chunk not kept'))
      .finally(() =>
        done(clientError(400, 'connection_dropped', 'The connection dropped before the chunk was complete.')),
      );
  };
  payload.on('error', dropped);
  payload.on('close', dropped);
}

async function keepPartial(db: Database, req: FastifyRequest, bytes: Buffer): Promise<void> {
  const params = UploadParams.safeParse(req.params);
  const offset = UploadOffset.safeParse(req.headers[OFFSET_HEADER]);
  if (bytes.length === 0 || !params.success || !offset.success) return;
  const result = await appendChunk(db, params.data.sha256, Number(offset.data), bytes);
  req.log.info({ kept: bytes.length, outcome: result.kind }, 'partial chunk');
}

export function uploadRoutes(app: FastifyInstance, db: Database, limits: RateLimits): void {
  // A plugin of its own, so the chunk parser below serves these routes only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(CHUNK_CONTENT_TYPE, (req, payload, done) => readChunk(db, req, payload, done));
    // The state moves with every chunk: no cache between a device and the server may answer for it,
    // not even a 404 (cacheable by default), which would hide a declaration just made.
    scope.addHook('onRequest', async (_req, reply) => {
      reply.header('Cache-Control', 'no-store');
    });
    // Counted before a chunk's bytes are read.
    scope.addHook('onRequest', limits.perRequest('uploads'));

    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.put(
      '/api/uploads/:sha256',
      {
        schema: {
          summary: 'Declare a photo or file before sending its bytes',
          description:
            `Idempotent: declaring again returns the current state (never resets progress). ` +
            `Limits: ${Object.entries(MAX_UPLOAD_BYTES)
              .map(([type, max]) => `${max} bytes for ${type}`)
              .join(', ')}. ` +
            `${SEALED_MEDIA_TYPE} is a sealed box (a photo only the office server opens, from a kiosk or a field officer's tablet): POST /api/sealed names it. ` +
            `One client address may have at most ${MAX_IN_FLIGHT_BYTES} bytes declared in uploads not yet complete (429 with Retry-After beyond); ` +
            'an upload without progress for 7 days is deleted (declare it again to start over).',
          tags: ['uploads'],
          params: UploadParams,
          body: UploadDeclaration,
          response: { 200: UploadState, 400: ApiError, 409: UploadProblem, 413: ApiError, 429: ApiError },
        },
      },
      async (req, reply) => {
        const { type, size } = req.body;
        if (exceedsUploadLimit(type, size)) {
          return reply
            .code(413)
            .send(apiError('upload_too_large', `A ${type} file may have at most ${MAX_UPLOAD_BYTES[type]} bytes.`));
        }
        const declared = await declareUpload(db, req.params.sha256, type, size, clientKey(req.ip));
        if (declared.kind === 'over_limit') {
          req.log.info({ inFlight: declared.inFlight, size }, 'upload refused: bytes in flight');
          return reply
            .code(429)
            .header('retry-after', String(IN_FLIGHT_RETRY_AFTER_S))
            .send(
              apiError(
                'uploads_in_flight',
                `Uploads from this address that are not complete yet already hold ${declared.inFlight} of ${MAX_IN_FLIGHT_BYTES} bytes. Finish them, or retry later.`,
              ),
            );
        }
        if (declared.kind === 'conflict') {
          return reply.code(409).send({
            ...apiError('upload_conflict', 'A file with this SHA-256 is already declared with another type or size.'),
            upload: declared.state,
          });
        }
        return declared.state;
      },
    );

    api.get(
      '/api/uploads/:sha256',
      {
        schema: {
          summary: 'State of an upload: the offset to resume from, and whether it is complete',
          tags: ['uploads'],
          params: UploadParams,
          response: { 200: UploadState, 400: ApiError, 404: ApiError },
        },
      },
      async (req, reply) => {
        const state = await getUpload(db, req.params.sha256);
        return state ?? reply.code(404).send(notFound());
      },
    );

    api.patch(
      '/api/uploads/:sha256',
      {
        bodyLimit: MAX_CHUNK_BYTES,
        schema: {
          summary: 'Append a chunk of bytes at the acknowledged offset',
          description:
            `Body: raw bytes as ${CHUNK_CONTENT_TYPE}, at most ${MAX_CHUNK_BYTES} per chunk. ` +
            `The ${OFFSET_HEADER} header must equal the received count, else 409 with the current state. ` +
            `A chunk that does not end the file has at least ${MIN_CHUNK_BYTES} bytes. ` +
            'The last chunk verifies the whole file: a hash or type mismatch empties it (422). ' +
            'A complete upload takes no more bytes and answers with its state.',
          tags: ['uploads'],
          consumes: [CHUNK_CONTENT_TYPE],
          params: UploadParams,
          // Loose: the other headers must stay on the request.
          headers: z.looseObject({ [OFFSET_HEADER]: UploadOffset }),
          response: {
            200: UploadState,
            400: ApiError,
            404: ApiError,
            409: UploadProblem,
            413: ApiError,
            415: ApiError,
            422: UploadProblem,
          },
        },
      },
      async (req, reply) => {
        const chunk = req.body;
        if (!(chunk instanceof Uint8Array)) {
          return reply.code(415).send(apiError('unsupported_media_type', `Send the chunk as ${CHUNK_CONTENT_TYPE}.`));
        }
        const offset = Number(req.headers[OFFSET_HEADER]);
        const result = await appendChunk(db, req.params.sha256, offset, chunk);
        switch (result.kind) {
          case 'ok':
            return result.state;
          case 'not_found':
            return reply.code(404).send(notFound());
          case 'exceeds_size':
          case 'chunk_too_small':
            return reply.code(400).send(apiError(result.kind, PROBLEM_MESSAGES[result.kind]));
          case 'offset_mismatch':
            return reply
              .code(409)
              .send({ ...apiError(result.kind, PROBLEM_MESSAGES[result.kind]), upload: result.state });
          case 'hash_mismatch':
          case 'type_mismatch':
            return reply
              .code(422)
              .send({ ...apiError(result.kind, PROBLEM_MESSAGES[result.kind]), upload: result.state });
        }
      },
    );
  });
}
