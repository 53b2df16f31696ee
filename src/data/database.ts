// The device database: RxDB on the Dexie (IndexedDB) storage, one collection per kind of document.
// Opened once per page, lazily — it is heavy, and the first paint does not need it.
//
// Schema versions: a collection whose schema changes must bump its version (tests/unit/rx-schemas
// guards this). Catalogue collections are copies of the server's: an old version is dropped and
// pulled again (the replication identifier carries the version). Drafts belong to the user: every
// version step has a migration in drafts/migrations.ts, so nothing typed is ever dropped.
//
// On a field officer's tablet the drafts are sealed at rest under the officer's data key
// (drafts/sealing.ts, a wrapper around the Dexie storage that touches no other collection).

import { RX_SCHEMAS } from 'virtual:rx-schemas';
import {
  addRxPlugin,
  createRxDatabase,
  type MigrationStrategies,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
} from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { CatalogueCollection, CatalogueDoc } from '../domain/catalogue/collections.ts';
import type { Draft } from '../domain/drafts/draft.ts';
import type { ComplaintUpdate } from '../domain/feedback/complaint.ts';
import type { ApplicationUpdate } from '../domain/submissions/submission.ts';
import { CATALOGUE_SCHEMA_VERSION } from './catalogue/version.ts';
import {
  APPLICATIONS_SCHEMA_VERSION,
  COLLECTION_NAMES,
  COMPLAINTS_SCHEMA_VERSION,
  type CollectionName,
} from './collection-schemas.ts';
import { markDeviceDatabaseLoaded } from './device-database-loaded.ts';
import { DRAFT_MIGRATIONS } from './drafts/migrations.ts';
import { sealedDraftsStorage } from './drafts/sealing.ts';
import { yieldToMain } from './yield.ts';

addRxPlugin(RxDBMigrationSchemaPlugin);
markDeviceDatabaseLoaded();

export type Collections = { [C in CatalogueCollection]: RxCollection<CatalogueDoc<C>> } & {
  drafts: RxCollection<Draft>;
  applications: RxCollection<ApplicationUpdate>;
  complaints: RxCollection<ComplaintUpdate>;
};
export type NusaDatabase = RxDatabase<Collections>;

export const DATABASE_NAME = 'nusalayan';
// In modules of their own: the page's side of the catalogue sync needs it without this one, and the
// build computes the schemas with them.
export { APPLICATIONS_SCHEMA_VERSION, CATALOGUE_SCHEMA_VERSION, COMPLAINTS_SCHEMA_VERSION };

/** Every older version of a copy of the server's is dropped: the next sync pulls it again. */
const dropOld = (version: number) => Object.fromEntries(Array.from({ length: version }, (_, i) => [i + 1, () => null]));

const MIGRATIONS: Record<CollectionName, MigrationStrategies> = {
  services: dropOld(CATALOGUE_SCHEMA_VERSION),
  offices: dropOld(CATALOGUE_SCHEMA_VERSION),
  announcements: dropOld(CATALOGUE_SCHEMA_VERSION),
  regions: dropOld(CATALOGUE_SCHEMA_VERSION),
  drafts: DRAFT_MIGRATIONS,
  applications: dropOld(APPLICATIONS_SCHEMA_VERSION),
  complaints: dropOld(COMPLAINTS_SCHEMA_VERSION),
};

/** A collection's schema (computed from zod at build time) and its migrations. */
const collection = (name: CollectionName) => ({
  schema: RX_SCHEMAS[name] as RxJsonSchema<unknown>,
  migrationStrategies: MIGRATIONS[name],
});

let opening: Promise<NusaDatabase> | undefined;

export function openDatabase(): Promise<NusaDatabase> {
  opening ??= create();
  return opening;
}

async function create(): Promise<NusaDatabase> {
  const db = await createRxDatabase<Collections>({
    name: DATABASE_NAME,
    storage: sealedDraftsStorage(getRxStorageDexie()),
    multiInstance: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  // One collection per task, in COLLECTION_NAMES' order (the catalogue first: the background sync
  // waits for it). All seven at once were one long task on a first visit: at a 4× slower CPU their
  // storage instances took ~80 ms and their schema hashes ~75 ms (their JSON schemas from zod, another
  // ~110 ms, are now computed at build time).
  for (const name of COLLECTION_NAMES) {
    await yieldToMain();
    await db.addCollections({ [name]: collection(name) } as never);
  }
  return db;
}
