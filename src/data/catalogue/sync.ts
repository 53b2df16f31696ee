// Keeps the device's catalogue in step with the server, in the background. One small request asks
// for the newest change number of each collection; only collections that moved are pulled, each
// from its own checkpoint (RxDB's pull replication), all at once, so an unchanged catalogue costs one
// tiny request and one changed service transfers that service alone. On an empty device the head
// and the first pages were asked for as the app started (first-pull.ts): they are taken from there.
// After a sync that changed anything the catalogue screens' copy (snapshot.ts) is written anew.
import { replicateRxCollection } from 'rxdb/plugins/replication';
import {
  CATALOGUE_COLLECTIONS,
  type CatalogueCollection,
  CatalogueHead,
  SyncCheckpoint,
} from '../../domain/catalogue/collections.ts';
import { CATALOGUE_SCHEMA_VERSION, type NusaDatabase } from '../database.ts';
import { recordCatalogueSync } from '../sync-status.ts';
import { yieldToMain } from '../yield.ts';
import { firstCatalogue, LISTED, PULL_BATCH, takeFirstPage, takeHead } from './first-pull.ts';
import { readCatalogue } from './queries.ts';
import { readSnapshot, writeSnapshot } from './snapshot.ts';

export type CheckResult = 'unchanged' | 'updated' | 'offline' | 'failed';

// Per schema version: after an app update drops the old catalogue, everything is pulled again.
const SEEN_KEY = `nusa-layan.catalogue.seen.v${CATALOGUE_SCHEMA_VERSION}`;
const PULL_TIMEOUT_MS = 120_000;

type Seen = Partial<Record<CatalogueCollection, number>>;

function readSeen(): Seen {
  try {
    return JSON.parse(localStorage.getItem(SEEN_KEY) ?? '{}') as Seen;
  } catch {
    return {};
  }
}

function writeSeen(seen: Seen): void {
  try {
    localStorage.setItem(SEEN_KEY, JSON.stringify(seen));
  } catch {
    // Without the marker the next check pulls again from RxDB's own checkpoint: harmless.
  }
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

/**
 * One pass of pull replication for a collection, from RxDB's stored checkpoint to the server's head.
 * Resolves with the number of documents that came from the server rather than from the first pull.
 */
async function pullCollection(db: NusaDatabase, collection: CatalogueCollection): Promise<number> {
  let fetched = 0;
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
        const first = takeFirstPage(collection, seq, batchSize);
        const body = (await (first ?? getJson(`/api/sync/${collection}/pull?seq=${seq}&limit=${batchSize}`))) as {
          documents: never[];
          checkpoint: unknown;
        };
        if (!first) fetched += body.documents.length;
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

let running: Promise<CheckResult> | undefined;

/** Checks the server once and pulls what changed. Concurrent callers share one run. */
export function checkCatalogue(db: NusaDatabase): Promise<CheckResult> {
  running ??= runCheck(db).finally(() => (running = undefined));
  return running;
}

async function runCheck(db: NusaDatabase): Promise<CheckResult> {
  let head: CatalogueHead;
  try {
    head = CatalogueHead.parse(await (takeHead() ?? getJson('/api/sync/catalogue/head')));
  } catch {
    return 'offline';
  }
  const seen = readSeen();
  const empty = (await db.services.count().exec()) === 0;
  const moved = CATALOGUE_COLLECTIONS.filter((c) => empty || seen[c] !== head.collections[c]);
  try {
    // All at once: on a satellite link each pull is a round trip, and the bytes are few. Each starts
    // in a task of its own: setting up a replication and writing its first page is main-thread work.
    const fetched = await Promise.all(
      moved.map(async (c) => {
        await yieldToMain();
        const n = await pullCollection(db, c);
        seen[c] = head.collections[c];
        writeSeen(seen);
        return LISTED.includes(c) ? n : 0;
      }),
    );
    // On a first visit the screens' copy was written from the very pages the database stored: unless
    // the server sent more of the listed collections since, reading it all back and rewriting it
    // (a long task, and a second render of the list) would change nothing.
    const copyIsCurrent = fetched.every((n) => n === 0) && (await firstCatalogue()) !== null;
    if ((moved.length && !copyIsCurrent) || !(await readSnapshot())) {
      await yieldToMain();
      await writeSnapshot(await readCatalogue(db));
    }
  } catch {
    return 'failed';
  }
  recordCatalogueSync(new Date());
  return moved.length ? 'updated' : 'unchanged';
}

const PERIOD_MS = 5 * 60_000;

/** Checks now, when the network returns, when the app comes to the foreground, and every 5 minutes. */
export function keepCatalogueFresh(db: NusaDatabase): () => void {
  const check = () => void checkCatalogue(db);
  const onVisible = () => document.visibilityState === 'visible' && check();
  window.addEventListener('online', check);
  document.addEventListener('visibilitychange', onVisible);
  const timer = setInterval(() => document.visibilityState === 'visible' && check(), PERIOD_MS);
  check();
  return () => {
    window.removeEventListener('online', check);
    document.removeEventListener('visibilitychange', onVisible);
    clearInterval(timer);
  };
}
