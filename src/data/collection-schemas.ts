// The JSON schema of every device collection, from the domain's zod schemas (toRxSchema). Computed at
// build time (src/app/build/rx-schemas-plugin.ts serves them as `virtual:rx-schemas`), so a device
// opening its database does not spend ~110 ms of a slow phone's CPU running zod's JSON-schema
// generator (zod 4 still bundles it: every schema carries a toJSONSchema method); the unit tests
// compute them here too and hold them to their versions.
import type { RxJsonSchema } from 'rxdb';
import { CATALOGUE_SCHEMAS, type CatalogueCollection } from '../domain/catalogue/collections.ts';
import { Draft } from '../domain/drafts/draft.ts';
import { ComplaintUpdate } from '../domain/feedback/complaint.ts';
import { ApplicationUpdate } from '../domain/submissions/submission.ts';
import { CATALOGUE_SCHEMA_VERSION } from './catalogue/version.ts';
import { DRAFT_SCHEMA_VERSION } from './drafts/migrations.ts';
import { toRxSchema } from './rx-schema.ts';

/** The office's updates are, like the catalogue, a copy of the server's: re-pulled after a change (v1: timeline, documents, the holding office, withdrawn/abandoned). */
export const APPLICATIONS_SCHEMA_VERSION = 1;
/** The office's side of this device's complaints (status, answers): a copy of the server's, re-pulled after a change (v1: category, holding office, history). */
export const COMPLAINTS_SCHEMA_VERSION = 1;

const catalogue = (c: CatalogueCollection, keyMaxLength = 100) =>
  toRxSchema(CATALOGUE_SCHEMAS[c], { primaryKey: 'id', version: CATALOGUE_SCHEMA_VERSION, keyMaxLength });

/** In the order the database adds them: the catalogue first (the background sync waits for it). */
const BUILDERS = {
  services: () => catalogue('services'),
  offices: () => catalogue('offices'),
  announcements: () => catalogue('announcements'),
  regions: () => catalogue('regions', 16),
  drafts: () => toRxSchema(Draft, { primaryKey: 'id', version: DRAFT_SCHEMA_VERSION, keyMaxLength: 36 }),
  applications: () =>
    toRxSchema(ApplicationUpdate, { primaryKey: 'id', version: APPLICATIONS_SCHEMA_VERSION, keyMaxLength: 36 }),
  complaints: () =>
    toRxSchema(ComplaintUpdate, { primaryKey: 'id', version: COMPLAINTS_SCHEMA_VERSION, keyMaxLength: 36 }),
} as const;

export type CollectionName = keyof typeof BUILDERS;
export const COLLECTION_NAMES = Object.keys(BUILDERS) as CollectionName[];

export function collectionJsonSchemas(): Record<CollectionName, RxJsonSchema<unknown>> {
  return Object.fromEntries(COLLECTION_NAMES.map((name) => [name, BUILDERS[name]()])) as Record<
    CollectionName,
    RxJsonSchema<unknown>
  >;
}
