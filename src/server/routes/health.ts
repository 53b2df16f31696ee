// GET /api/health: is the server up, which database does it use, and can it reach it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HealthResponse } from '../../domain/api.ts';
import type { Database } from '../storage/db.ts';
import { migrationCount } from '../storage/migrate.ts';

export function healthRoutes(app: FastifyInstance, db: Database, version: string): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      schema: {
        summary: 'Server and database status',
        tags: ['meta'],
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_req, reply) => {
      try {
        const [instance] = await db.query<{ id: string }>('select id from instance limit 1');
        const migrations = await migrationCount(db);
        return {
          status: 'ok' as const,
          version,
          database: { kind: db.kind, status: 'ok' as const, migrations, instanceId: instance?.id ?? null },
        };
      } catch {
        return reply.code(503).send({
          status: 'degraded',
          version,
          database: { kind: db.kind, status: 'unavailable', migrations: 0, instanceId: null },
        });
      }
    },
  );
}
