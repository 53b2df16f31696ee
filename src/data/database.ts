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
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { CATALOGUE_SCHEMAS, type CatalogueCollection, type CatalogueDoc } from '../domain/catalogue/collections.ts';
import { Draft } from '../domain/drafts/draft.ts';
import { ComplaintUpdate } from '../domain/feedback/complaint.ts';
import { ApplicationUpdate } from '../domain/submissions/submission.ts';
import { CATALOGUE_SCHEMA_VERSION } from './catalogue/version.ts';
import { markDeviceDatabaseLoaded } from './device-database-loaded.ts';
import { DRAFT_MIGRATIONS, DRAFT_SCHEMA_VERSION } from './drafts/migrations.ts';
import { sealedDraftsStorage } from './drafts/sealing.ts';
import { toRxSchema } from './rx-schema.ts';
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
// In a module of its own: the page's side of the catalogue sync needs it without this one.
export { CATALOGUE_SCHEMA_VERSION };
/** The office's updates are, like the catalogue, a copy of the server's: re-pulled after a change (v1: timeline, documents, the holding office, withdrawn/abandoned). */
export const APPLICATIONS_SCHEMA_VERSION = 1;
/** The office's side of this device's complaints (status, answers): a copy of the server's, re-pulled after a change (v1: category, holding office, history). */
export const COMPLAINTS_SCHEMA_VERSION = 1;

/** Every older catalogue version is dropped: the next sync pulls it again from the server. */
const dropOldCatalogue = Object.fromEntries(
  Array.from({ length: CATALOGUE_SCHEMA_VERSION }, (_, i) => [i + 1, () => null]),
);

const catalogue = (c: CatalogueCollection, keyMaxLength = 100) => ({
  schema: toRxSchema(CATALOGUE_SCHEMAS[c], { primaryKey: 'id', version: CATALOGUE_SCHEMA_VERSION, keyMaxLength }),
  migrationStrategies: dropOldCatalogue,
});

/** Each collection's schema, built as that collection is added: the catalogue's first. */
const COLLECTION_SCHEMAS = {
  services: () => catalogue('services'),
  offices: () => catalogue('offices'),
  announcements: () => catalogue('announcements'),
  regions: () => catalogue('regions', 16),
  drafts: () => ({
    schema: toRxSchema<Draft>(Draft, { primaryKey: 'id', version: DRAFT_SCHEMA_VERSION, keyMaxLength: 36 }),
    migrationStrategies: DRAFT_MIGRATIONS,
  }),
  applications: () => ({
    schema: toRxSchema<ApplicationUpdate>(ApplicationUpdate, {
      primaryKey: 'id',
      version: APPLICATIONS_SCHEMA_VERSION,
      keyMaxLength: 36,
    }),
    migrationStrategies: Object.fromEntries(
      Array.from({ length: APPLICATIONS_SCHEMA_VERSION }, (_, i) => [i + 1, () => null]),
    ),
  }),
  complaints: () => ({
    schema: toRxSchema<ComplaintUpdate>(ComplaintUpdate, {
      primaryKey: 'id',
      version: COMPLAINTS_SCHEMA_VERSION,
      keyMaxLength: 36,
    }),
    migrationStrategies: Object.fromEntries(
      Array.from({ length: COMPLAINTS_SCHEMA_VERSION }, (_, i) => [i + 1, () => null]),
    ),
  }),
} satisfies Record<keyof Collections, () => unknown>;

type CollectionName = keyof typeof COLLECTION_SCHEMAS;

export function collectionSchemas(): { [C in CollectionName]: ReturnType<(typeof COLLECTION_SCHEMAS)[C]> } {
  return Object.fromEntries(Object.entries(COLLECTION_SCHEMAS).map(([name, build]) => [name, build()])) as never;
}

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
  // One collection per task, in COLLECTION_SCHEMAS' order (the catalogue first: the background sync
  // waits for it). All seven at once were one long task on a first visit: at a 4× slower CPU their
  // JSON schemas from zod took ~110 ms, their storage instances ~80 ms, their schema hashes ~75 ms.
  for (const name of Object.keys(COLLECTION_SCHEMAS) as CollectionName[]) {
    await yieldToMain();
    await db.addCollections({ [name]: COLLECTION_SCHEMAS[name]() } as never);
  }
  return db;
}
