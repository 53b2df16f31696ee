// Editing one catalogue document from the back office: read it, decide the change, write it with the
// next change number — under the catalogue writers' lock, in one transaction with the caller's audit
// entry — so devices pull exactly that document (or its tombstone) after their checkpoint.
import type { CatalogueCollection } from '../../domain/catalogue/collections.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { lockUntilCommit } from '../storage/locks.ts';
import { stamp } from './store.ts';

export type StoredDoc = { id: string } & Record<string, unknown>;

/** What to do with the document: write this content (without updatedAt), tombstone it, or nothing. */
export type DocChange = { put: StoredDoc } | { delete: true } | { none: true };

export type EditResult = { written: boolean; doc: StoredDoc | null };

const withoutStamp = (doc: Record<string, unknown>): Record<string, unknown> => {
  const { updatedAt: _u, ...rest } = doc;
  return rest;
};

/**
 * Reads the live document `id` (null when absent or deleted), lets `decide` choose the change (throw to
 * refuse: the transaction rolls back), writes it, and runs `alongside` (the audit) in the same
 * transaction. Content equal to the stored one is not written again (devices pull nothing).
 */
export async function editDocument(
  db: Database,
  collection: CatalogueCollection,
  id: string,
  decide: (current: StoredDoc | null) => DocChange | Promise<DocChange>,
  alongside?: (tx: Queryable, result: EditResult) => Promise<void>,
): Promise<EditResult> {
  return db.transaction(async (tx) => {
    await lockUntilCommit(tx, 'catalogueWrite');
    const [row] = await tx.query<{ doc: StoredDoc }>(
      'select doc from catalogue_docs where collection = $1 and id = $2 and not deleted',
      [collection, id],
    );
    const current = row?.doc ?? null;
    const change = await decide(current);
    let result: EditResult = { written: false, doc: current };
    if ('put' in change) {
      const body = withoutStamp(change.put);
      if (body.id !== id) throw new Error('editDocument: the content must keep its id');
      if (!current || JSON.stringify(sortKeys(withoutStamp(current))) !== JSON.stringify(sortKeys(body))) {
        const { seq, now } = await stamp(tx);
        const doc = { ...body, updatedAt: now } as unknown as StoredDoc;
        await tx.query(
          `insert into catalogue_docs (collection, id, doc, deleted, seq) values ($1, $2, $3::jsonb, false, $4)
           on conflict (collection, id) do update set doc = excluded.doc, deleted = false, seq = excluded.seq`,
          [collection, id, JSON.stringify(doc), seq],
        );
        result = { written: true, doc };
      }
    } else if ('delete' in change && current) {
      const { seq, now } = await stamp(tx);
      await tx.query(
        `update catalogue_docs set deleted = true, seq = $3, doc = jsonb_set(doc, '{updatedAt}', to_jsonb($4::text))
         where collection = $1 and id = $2 and not deleted`,
        [collection, id, seq, now],
      );
      result = { written: true, doc: null };
    }
    if (alongside) await alongside(tx, result);
    return result;
  });
}

/** Equal as JSON, whatever the key order (jsonb reorders keys). */
export const sameContent = (a: unknown, b: unknown): boolean =>
  JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
