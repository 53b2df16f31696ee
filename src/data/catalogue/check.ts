// One catalogue check against the server, run where the device database is (see check-protocol.ts):
// one small request asks for the newest change number of each collection; only collections that
// moved are pulled, each from its own checkpoint (RxDB's pull replication), all at once, so an
// unchanged catalogue costs one tiny request and one changed service transfers that service alone.
// After a check that changed anything the catalogue screens' copy (snapshot.ts) is written anew.
import { replicateRxCollection } from 'rxdb/plugins/replication';
import {
  CATALOGUE_COLLECTIONS,
  type CatalogueCollection,
  CatalogueHead,
  SyncCheckpoint,
} from '../../domain/catalogue/collections.ts';
import { CATALOGUE_SCHEMA_VERSION, type NusaDatabase } from '../database.ts';
import { yieldToMain } from '../yield.ts';
import type { CheckInput, CheckOutput } from './check-protocol.ts';
import { getJson, LISTED, PULL_BATCH, type PullPage } from './first-pull.ts';
import { readCatalogue } from './queries.ts';
import { readSnapshot, writeSnapshot } from './snapshot.ts';

const PULL_TIMEOUT_MS = 120_000;

/**
 * One pass of pull replication for a collection, from RxDB's stored checkpoint to the server's head.
 * Resolves with the number of documents that came from the server rather than from the first pull.
 */
async function pullCollection(
  db: NusaDatabase,
  collection: CatalogueCollection,
  firstPage: PullPage | undefined,
): Promise<number> {
  let fetched = 0;
  let first = firstPage;
  const replication = replicateRxCollection<unknown, SyncCheckpoint>({
    replicationIdentifier: `catalogue-${collection}-v${CATALOGUE_SCHEMA_VERSION}`,
    collection: db[collection] as never,
    live: false,
    waitForLeadership: false,
    autoStart: true,
    retryTime: 5_000,
    pull: {
      batchSize: PULL_BATCH,
      async handler(checkpoint, batchSize) {
        const seq = checkpoint?.seq ?? 0;
        const taken = seq === 0 && batchSize === PULL_BATCH ? first : undefined;
        first = undefined;
        const body = (taken ?? (await getJson(`/api/sync/${collection}/pull?seq=${seq}&limit=${batchSize}`))) as {
          documents: never[];
          checkpoint: unknown;
        };
        if (!taken) fetched += body.documents.length;
        return { documents: body.documents, checkpoint: SyncCheckpoint.parse(body.checkpoint) };
      },
    },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`pulling ${collection} timed out`)), PULL_TIMEOUT_MS);
      const sub = replication.error$.subscribe((err) => {
        clearTimeout(timer);
        sub.unsubscribe();
        reject(err);
      });
      replication.awaitInitialReplication().then(() => {
        clearTimeout(timer);
        sub.unsubscribe();
        resolve();
      }, reject);
    });
  } finally {
    await replication.cancel();
  }
  return fetched;
}

export async function runCheck(db: NusaDatabase, input: CheckInput): Promise<CheckOutput> {
  const seen = { ...input.seen };
  let head: CatalogueHead;
  try {
    head = CatalogueHead.parse(input.head ?? (await getJson('/api/sync/catalogue/head')));
  } catch {
    return { result: 'offline', seen };
  }
  const empty = (await db.services.count().exec()) === 0;
  const moved = CATALOGUE_COLLECTIONS.filter((c) => empty || seen[c] !== head.collections[c]);
  let snapshot: CheckOutput['snapshot'];
  try {
    // All at once: on a satellite link each pull is a round trip, and the bytes are few. Each starts
    // in a task of its own: setting up a replication and writing its first page is CPU work.
    const fetched = await Promise.all(
      moved.map(async (c) => {
        await yieldToMain();
        const n = await pullCollection(db, c, input.firstPages[c]);
        seen[c] = head.collections[c];
        return LISTED.includes(c) ? n : 0;
      }),
    );
    // On a first visit the screens' copy was written from the very pages the database stored: unless
    // the server sent more of the listed collections since, reading it all back and rewriting it
    // would change nothing.
    const copyIsCurrent = fetched.every((n) => n === 0) && input.copyFromFirstPages;
    if ((moved.length && !copyIsCurrent) || !(await readSnapshot())) {
      await yieldToMain();
      snapshot = await readCatalogue(db);
      await writeSnapshot(snapshot);
    }
  } catch {
    return { result: 'failed', seen };
  }
  return { result: moved.length ? 'updated' : 'unchanged', seen, ...(snapshot ? { snapshot } : {}) };
}
