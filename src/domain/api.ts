// Shapes of the HTTP API that the app, the service worker and the server all rely on.
import { z } from 'zod';

export const DatabaseKind = z.enum(['pglite', 'postgres']);
export type DatabaseKind = z.infer<typeof DatabaseKind>;

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.object({
    kind: DatabaseKind,
    status: z.enum(['ok', 'unavailable']),
    /** Number of applied schema migrations. */
    migrations: z.number().int().nonnegative(),
    /** Stable id of this installation, created by the first migration run: survives restarts. */
    instanceId: z.string().uuid().nullable(),
  }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** Every non-2xx answer of the API has this body: a stable code, a human message, and field errors. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

/** 429 from a rate limit: wait `retryAfterSeconds` (also in the Retry-After header), then try again. */
export const SlowDownError = z.object({
  error: z.object({
    code: z.literal('rate_limited'),
    message: z.string(),
    retryAfterSeconds: z.number().int().positive(),
  }),
});
export type SlowDownError = z.infer<typeof SlowDownError>;
