// The catalogue as replicated to devices: one collection per kind of document, pulled from the
// server with a checkpoint (the server's commit-ordered sequence number).
import { z } from 'zod';
import { RegionDataset } from '../region.ts';
import { Announcement } from './announcement.ts';
import { Office } from './office.ts';
import { Service } from './service.ts';

export const CATALOGUE_SCHEMAS = {
  services: Service,
  offices: Office,
  announcements: Announcement,
  regions: RegionDataset,
} as const;

export type CatalogueCollection = keyof typeof CATALOGUE_SCHEMAS;
export const CATALOGUE_COLLECTIONS = Object.keys(CATALOGUE_SCHEMAS) as CatalogueCollection[];
export type CatalogueDoc<C extends CatalogueCollection> = z.infer<(typeof CATALOGUE_SCHEMAS)[C]>;

/** Position in the server's change feed; a device asks for what came after it. */
export const SyncCheckpoint = z.object({ seq: z.number().int().nonnegative() });
export type SyncCheckpoint = z.infer<typeof SyncCheckpoint>;

export const PullQuery = z.object({
  seq: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The newest change number of each collection: equal to the device's means nothing to pull. */
export const CatalogueHead = z.object({
  collections: z.object(
    Object.fromEntries(Object.keys(CATALOGUE_SCHEMAS).map((c) => [c, z.number().int().nonnegative()])) as Record<
      CatalogueCollection,
      z.ZodNumber
    >,
  ),
});
export type CatalogueHead = z.infer<typeof CatalogueHead>;

/** RxDB's replication marks removed documents with `_deleted`. */
export const withDeletedFlag = <T extends z.ZodObject>(schema: T) => schema.extend({ _deleted: z.boolean() });
