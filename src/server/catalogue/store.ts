// Catalogue storage: documents per collection with a commit-ordered change sequence, read by the
// replication endpoints. The only writer path stamps sequence and time under one lock.
import type { OfficeScope } from '../../domain/accounts/account.ts';
import {
  CATALOGUE_COLLECTIONS,
  type CatalogueCollection,
  type CatalogueHead,
  type SyncCheckpoint,
} from '../../domain/catalogue/collections.ts';
import type { Office } from '../../domain/catalogue/office.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { lockUntilCommit } from '../storage/locks.ts';

type Content = { id: string } & Record<string, unknown>;

export type PullResult = {
  documents: Array<Record<string, unknown> & { _deleted: boolean }>;
  checkpoint: SyncCheckpoint;
};

/** The next change number and the server's time, for a writer holding the catalogueWrite lock. */
export async function stamp(tx: Queryable): Promise<{ seq: number; now: string }> {
  const [row] = await tx.query<{ seq: string; now: string }>("select nextval('catalogue_seq') as seq, now() as now");
  return { seq: Number(row!.seq), now: row!.now };
}

/**
 * Writes documents (without `updatedAt`; the server stamps it). A document identical to the stored
 * one is left alone, so re-seeding or re-saving costs devices nothing. Returns the ids written.
 */
export async function putDocuments(db: Database, collection: CatalogueCollection, docs: Content[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    await lockUntilCommit(tx, 'catalogueWrite');
    const written: string[] = [];
    for (const content of docs) {
      const { updatedAt: _ignored, ...body } = content as Content & { updatedAt?: unknown };
      const [same] = await tx.query(
        `select 1 from catalogue_docs where collection = $1 and id = $2 and not deleted and (doc - 'updatedAt') = $3::jsonb`,
        [collection, content.id, JSON.stringify(body)],
      );
      if (same) continue;
      const { seq, now } = await stamp(tx);
      const doc = { ...body, updatedAt: now };
      await tx.query(
        `insert into catalogue_docs (collection, id, doc, deleted, seq) values ($1, $2, $3::jsonb, false, $4)
         on conflict (collection, id) do update set doc = excluded.doc, deleted = false, seq = excluded.seq`,
        [collection, content.id, JSON.stringify(doc), seq],
      );
      written.push(content.id);
    }
    return written;
  });
}

/** Marks a document removed; devices learn it through the next pull and drop it. */
export async function deleteDocument(db: Database, collection: CatalogueCollection, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockUntilCommit(tx, 'catalogueWrite');
    const { seq, now } = await stamp(tx);
    const rows = await tx.query(
      `update catalogue_docs set deleted = true, seq = $3, doc = jsonb_set(doc, '{updatedAt}', to_jsonb($4::text))
       where collection = $1 and id = $2 and not deleted returning id`,
      [collection, id, seq, now],
    );
    return rows.length > 0;
  });
}

export async function pullDocuments(
  db: Database,
  collection: CatalogueCollection,
  after: number,
  limit: number,
): Promise<PullResult> {
  const rows = await db.query<{ doc: Record<string, unknown>; deleted: boolean; seq: string }>(
    'select doc, deleted, seq from catalogue_docs where collection = $1 and seq > $2 order by seq limit $3',
    [collection, after, limit],
  );
  const last = rows.at(-1);
  return {
    documents: rows.map((r) => ({ ...r.doc, _deleted: r.deleted })),
    checkpoint: { seq: last ? Number(last.seq) : after },
  };
}

export async function catalogueHead(db: Database): Promise<CatalogueHead> {
  const rows = await db.query<{ collection: string; seq: string }>(
    'select collection, max(seq) as seq from catalogue_docs group by collection',
  );
  const seqs = new Map(rows.map((r) => [r.collection, Number(r.seq)]));
  return {
    collections: Object.fromEntries(
      CATALOGUE_COLLECTIONS.map((c) => [c, seqs.get(c) ?? 0]),
    ) as CatalogueHead['collections'],
  };
}

export async function countDocuments(db: Database, collection: CatalogueCollection): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from catalogue_docs where collection = $1 and not deleted',
    [collection],
  );
  return row?.n ?? 0;
}

/** The live offices among `ids` (every office with 'all'), by id. */
export async function listOffices(db: Queryable, ids: OfficeScope): Promise<Office[]> {
  const rows = await db.query<{ doc: Office }>(
    `select doc from catalogue_docs
      where collection = 'offices' and not deleted and ($1::text[] is null or id = any($1::text[])) order by id`,
    [ids === 'all' ? null : [...ids]],
  );
  return rows.map((r) => r.doc);
}
