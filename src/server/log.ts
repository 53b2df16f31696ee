// Structured logs (pino, JSON lines) that never carry personal data: requests are logged by method,
// path and status only — no query string (a search may hold a NIK), no headers, no body. Should a
// log call ever pass a request's headers or a login body, the redaction below blanks the secrets.
import type { FastifyServerOptions } from 'fastify';

/** Where log lines go: stdout by default; tests pass a stream to read what was logged. */
export type LogStream = { write(line: string): void };

export function loggerOptions(level: string, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'password',
        'token',
        'csrfToken',
        '*.password',
        '*.token',
        '*.csrfToken',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(req: { method: string; url: string; id: string }) {
        return { id: req.id, method: req.method, path: req.url.split('?')[0] };
      },
      res(res: { statusCode: number }) {
        return { statusCode: res.statusCode };
      },
    },
  };
}
