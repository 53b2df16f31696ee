// One error shape for the whole API ({error: {code, message, fields}}): 4xx for what the client sent,
// a bare 500 for our own faults — never a stack trace or a request body in the answer or the log.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError } from '../../domain/api.ts';

export function apiError(code: string, message: string, fields?: Record<string, string[]>): ApiError {
  return { error: fields ? { code, message, fields } : { code, message } };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string[]> = {};
      for (const v of err.validation) {
        const key = `${err.validationContext ?? 'request'}${v.instancePath.replaceAll('/', '.')}`;
        fields[key] = [...(fields[key] ?? []), v.message ?? 'invalid'];
      }
      return reply
        .code(400)
        .send(apiError('invalid_request', 'The request does not match the expected shape.', fields));
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, body too large, wrong media type) keep their status.
      const code = (err.code ?? 'bad_request').replace(/^FST_ERR_/, '').toLowerCase();
      return reply.code(status).send(apiError(code, err.message));
    }
    req.log.error({ err: { type: err.name, code: err.code, message: err.message } }, 'request failed');
    return reply.code(500).send(apiError('internal', 'Something went wrong on the server. Please try again later.'));
  });
}
