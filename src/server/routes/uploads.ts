// Resumable, content-addressed uploads of photos and files over HTTP: PUT declares a file by its
// SHA-256, GET tells the offset to resume from, PATCH appends a chunk at that offset. The bytes are
// document photos: they go to the database and nowhere else — never into a log or an error message.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../domain/api.ts';
import {
  CHUNK_CONTENT_TYPE,
  exceedsUploadLimit,
  MAX_CHUNK_BYTES,
  MAX_UPLOAD_BYTES,
  OFFSET_HEADER,
  UploadDeclaration,
  UploadOffset,
  UploadParams,
  UploadProblem,
  UploadState,
} from '../../domain/uploads.ts';
import { apiError } from '../http/errors.ts';
import type { Database } from '../storage/db.ts';
import { appendChunk, declareUpload, getUpload } from '../uploads/store.ts';

const PROBLEM_MESSAGES = {
  offset_mismatch: 'The chunk does not start where the server is. Resume from upload.received.',
  exceeds_size: 'The chunk goes past the declared size of the file.',
  hash_mismatch: 'The file does not match its SHA-256. The server dropped the bytes; send the file again from offset 0.',
  type_mismatch: 'The file is not of its declared type. The server dropped the bytes.',
} as const;

const notFound = () => apiError('not_found', 'No upload is declared under this SHA-256.');

export function uploadRoutes(app: FastifyInstance, db: Database): void {
  // A plugin of its own, so the chunk parser below serves these routes only.
  void app.register(async (scope) => {
    scope.addContentTypeParser(CHUNK_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit: MAX_CHUNK_BYTES }, (_req, body, done) => {
      done(null, body);
    });
    // The state moves with every chunk: no cache between a device and the server may answer for it,
    // not even a 404 (cacheable by default), which would hide a declaration just made.
    scope.addHook('onRequest', async (_req, reply) => {
      reply.header('Cache-Control', 'no-store');
    });

    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.put(
      '/api/uploads/:sha256',
      {
        schema: {
          summary: 'Declare a photo or file before sending its bytes',
          description:
            `Idempotent: declaring again returns the current state (never resets progress). ` +
            `Limits: ${MAX_UPLOAD_BYTES['image/jpeg']} bytes for image/jpeg, ${MAX_UPLOAD_BYTES['application/pdf']} for application/pdf.`,
          tags: ['uploads'],
          params: UploadParams,
          body: UploadDeclaration,
          response: { 200: UploadState, 400: ApiError, 409: UploadProblem, 413: ApiError },
        },
      },
      async (req, reply) => {
        const { type, size } = req.body;
        if (exceedsUploadLimit(type, size)) {
          return reply.code(413).send(apiError('upload_too_large', `A ${type} file may have at most ${MAX_UPLOAD_BYTES[type]} bytes.`));
        }
        const { conflict, state } = await declareUpload(db, req.params.sha256, type, size);
        if (conflict) {
          return reply.code(409).send({
            ...apiError('upload_conflict', 'A file with this SHA-256 is already declared with another type or size.'),
            upload: state,
          });
        }
        return state;
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
            return reply.code(400).send(apiError(result.kind, PROBLEM_MESSAGES[result.kind]));
          case 'offset_mismatch':
            return reply.code(409).send({ ...apiError(result.kind, PROBLEM_MESSAGES[result.kind]), upload: result.state });
          case 'hash_mismatch':
          case 'type_mismatch':
            return reply.code(422).send({ ...apiError(result.kind, PROBLEM_MESSAGES[result.kind]), upload: result.state });
        }
      },
    );
  });
}
