// Device schemas change only with a version bump: RxDB refuses to open a collection whose schema
// changed under the same version, which would lock a resident out of their drafts after an update.
// Drafts get a migration for every version step, proven here on RxDB's own migration machinery.
import { createHash } from 'node:crypto';
import { addRxPlugin, createRxDatabase, type RxJsonSchema } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RX_SCHEMAS_MODULE, rxSchemasPlugin } from '../../src/app/build/rx-schemas-plugin.ts';
import { COLLECTION_NAMES, collectionJsonSchemas } from '../../src/data/collection-schemas.ts';
import { DRAFT_MIGRATIONS, DRAFT_SCHEMA_VERSION } from '../../src/data/drafts/migrations.ts';
import { toRxSchema } from '../../src/data/rx-schema.ts';
import { Draft } from '../../src/domain/drafts/draft.ts';

addRxPlugin(RxDBMigrationSchemaPlugin);

/**
 * The schema each collection had at each version. Changing a domain schema changes a hash here:
 * bump the collection's version (and, for drafts, add the migration step), then record the new hash.
 */
const KNOWN: Record<string, Record<number, string>> = {
  // v1: forms gained rules, requirement groups and open earlier versions (issue 17); sample contacts an
  // example flag (issue 18).
  // v2: services say which office types issue the product (issue 16).
  // v3: services flag appointment services and their visit date field (issue 16), and say whether
  // their product is electronic (issue 15).
  services: { 0: '7638d8928e6fa9e1', 1: '5624f8f55409c823', 2: 'ab1297b9120990e9', 3: '5e5b51ff1af98d4a' },
  offices: { 0: '7634e7f06e0a86b4', 1: '27d4bfa810498524', 2: 'b00a9c598c3034b5', 3: 'eacfb0f5ef688ebe' },
  announcements: { 0: 'c6e269936304c3cb', 1: '7c534917104baf66', 2: 'ffe1466f325c03aa', 3: '8b7b7e7fc941e81d' },
  regions: { 0: 'c7336f9b80db1a68', 1: '7a9ea7a26da80610', 2: 'c1c251fca03413a6', 3: 'a8995b1c96d9d655' },
  drafts: { 0: 'd4048556f451c9a9' },
  // v1: the resident's timeline and issued documents (issue 15); withdrawn and abandoned statuses, the
  // holding office and the abandonment notice (issue 16).
  applications: { 0: '0440a0d1d7b7fd1f', 1: '4f9cc4a317068f5b' },
  // v1: the category, the holding office and the history (reclassified, transferred, replies, reopened; issue 16).
  complaints: { 0: 'd3dc0e576bad0324', 1: '4710ae1e0e0a615c' },
};

const hash = (schema: unknown) => createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 16);

describe('device database schemas', () => {
  it('change only together with their version', () => {
    const current = Object.fromEntries(
      Object.entries(collectionJsonSchemas()).map(([name, schema]) => [
        name,
        { version: (schema as RxJsonSchema<unknown>).version, hash: hash(schema) },
      ]),
    );
    for (const [name, { version, hash: h }] of Object.entries(current)) {
      expect(KNOWN[name]?.[version], `${name} v${version}: schema changed without a version bump (hash ${h})`).toBe(h);
    }
  });

  it('reach devices as the build computed them (virtual:rx-schemas), the same as from zod', async () => {
    const plugin = rxSchemasPlugin();
    const resolve = plugin.resolveId as (id: string) => string | null;
    const load = plugin.load as (id: string) => string | null;
    const id = resolve(RX_SCHEMAS_MODULE);
    expect(id).toBeTruthy();
    const code = load(id!);
    const served = JSON.parse(code!.replace(/^export const RX_SCHEMAS = /, '').replace(/;\n$/, '')) as unknown;
    expect(served).toEqual(collectionJsonSchemas());
    expect(Object.keys(served as object)).toEqual(COLLECTION_NAMES);
  });

  it('have a draft migration for every version step', () => {
    for (let v = 1; v <= DRAFT_SCHEMA_VERSION; v++)
      expect(typeof DRAFT_MIGRATIONS[v], `draft migration to v${v}`).toBe('function');
  });

  it('carry drafts across a version step instead of dropping them', async () => {
    const name = `drafts-migration-${Date.now()}`;
    const storage = getRxStorageMemory();
    const v0 = await createRxDatabase({ name, storage, multiInstance: false });
    await v0.addCollections({
      drafts: { schema: toRxSchema(Draft, { primaryKey: 'id', version: 0, keyMaxLength: 36 }) },
    });
    const typed = {
      id: '01935f4e-7a00-7000-8000-000000000001',
      serviceId: 'akta-kelahiran',
      formVersion: 1,
      applicant: { kind: 'self' as const },
      answers: { childName: 'Siti Aminah', motherNik: '3529014507900003' },
      attachments: {},
      consent: false,
      createdAt: 1,
      updatedAt: 2,
    };
    await v0.drafts!.insert(typed);
    await v0.close();

    // A later app version adds a field and a step that fills it.
    const NextDraft = Draft.extend({ channel: z.enum(['online', 'kiosk', 'field', 'counter']) });
    const v1 = await createRxDatabase({ name, storage, multiInstance: false });
    await v1.addCollections({
      drafts: {
        schema: toRxSchema(NextDraft, { primaryKey: 'id', version: 1, keyMaxLength: 36 }),
        migrationStrategies: { 1: (d: Record<string, unknown>) => ({ ...d, channel: 'online' }) },
      },
    });
    const migrated = (await v1.drafts!.findOne(typed.id).exec())?.toJSON(false);
    expect(migrated).toEqual({ ...typed, channel: 'online' });
    await v1.remove();
  });
});
