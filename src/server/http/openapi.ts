// The OpenAPI document of every API route, generated from the same zod schemas that validate them.
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Nusa Layan API',
        description: 'Public services for Indonesian island regions: catalogue, applications and sync.',
        version,
      },
    },
    transform: jsonSchemaTransform,
  });
}

export function registerOpenApiRoute(app: FastifyInstance): void {
  app.get('/api/openapi.json', { schema: { summary: 'This OpenAPI document', tags: ['meta'] } }, async () =>
    app.swagger(),
  );
}
