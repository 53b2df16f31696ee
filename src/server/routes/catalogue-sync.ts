// Catalogue replication, in RxDB's pull protocol: a device asks for the documents after its
// checkpoint and gets them in commit order with the new checkpoint. The head route lets a device
// learn in one tiny request that nothing changed.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CATALOGUE_COLLECTIONS,
  CATALOGUE_SCHEMAS,
  CatalogueHead,
  PullQuery,
  SyncCheckpoint,
  withDeletedFlag,
} from '../../domain/catalogue/collections.ts';
import { catalogueHead, pullDocuments } from '../catalogue/store.ts';
import type { Database } from '../storage/db.ts';

export function catalogueSyncRoutes(app: FastifyInstance, db: Database): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/sync/catalogue/head',
    {
      schema: {
        summary: 'Newest change number of the whole catalogue',
        description: 'Equal to the device’s last checkpoint means there is nothing to pull.',
        tags: ['sync'],
        response: { 200: CatalogueHead },
      },
    },
    async (_req, reply) => {
      reply.header('Cache-Control', 'no-cache');
      return catalogueHead(db);
    },
  );

  for (const collection of CATALOGUE_COLLECTIONS) {
    api.get(
      `/api/sync/${collection}/pull`,
      {
        schema: {
          summary: `Pull ${collection} changed after a checkpoint`,
          tags: ['sync'],
          querystring: PullQuery,
          response: {
            200: z.object({
              documents: z.array(withDeletedFlag(CATALOGUE_SCHEMAS[collection])),
              checkpoint: SyncCheckpoint,
            }),
          },
        },
      },
      async (req, reply) => {
        reply.header('Cache-Control', 'no-cache');
        // The response schema validates what is sent: a malformed stored document fails loudly
        // here rather than on thousands of devices.
        return (await pullDocuments(db, collection, req.query.seq, req.query.limit)) as never;
      },
    );
  }
}
